package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CoffeeShopTest {
  @Test
  void oneByOneTakesFifteenSecondsAllAtOnceThreeFiveTimesFaster() throws Exception {
    VirtualRun run = VirtualRun.of(new CoffeeShop(VirtualRun.NINE_AM));
    assertEquals(
        """
        ============================================================
        Understanding AsyncIO with a coffee shop
        ============================================================

        Method 1: synchronous (one customer at a time)
        The barista waits until each customer's coffee is completely done

         [09:00:00] Cheolsu: making coffee...
         [09:00:03] Cheolsu: coffee ready!
         [09:00:03] Younghee: making coffee...
         [09:00:06] Younghee: coffee ready!
         [09:00:06] Minsu: making coffee...
         [09:00:09] Minsu: coffee ready!
         [09:00:09] Jiyoung: making coffee...
         [09:00:12] Jiyoung: coffee ready!
         [09:00:12] Donghyun: making coffee...
         [09:00:15] Donghyun: coffee ready!

        Total time: 15.0 seconds (5 customers x 3 seconds = 15 seconds)


        Method 2: asynchronous (several at once)
        The barista starts the coffee machine and takes the next customer's order

         [09:00:15] Cheolsu: making coffee...
         [09:00:15] Younghee: making coffee...
         [09:00:15] Minsu: making coffee...
         [09:00:15] Jiyoung: making coffee...
         [09:00:15] Donghyun: making coffee...
         [09:00:18] Cheolsu: coffee ready!
         [09:00:18] Younghee: coffee ready!
         [09:00:18] Minsu: coffee ready!
         [09:00:18] Jiyoung: coffee ready!
         [09:00:18] Donghyun: coffee ready!

        Total time: 3.0 seconds (all at once!)
        5.0x faster!
        """,
        run.output);
    assertEquals(18.0, run.time());
    assertTrue(run.loops.get(0).isClosed());
  }
}
