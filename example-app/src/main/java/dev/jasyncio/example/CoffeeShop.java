package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Asyncio;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Seed program 14 (coffee shop post): five customers, three seconds per coffee. A barista who waits
 * at the machine serves them in 15 s; one who starts every coffee and takes the next order while
 * the machines run ({@code gather}) serves them in 3 s: five times faster.
 *
 * <pre>{@code
 * def make_coffee_sync(customer):
 *     print(f" [{datetime.now().strftime('%H:%M:%S')}] {customer}님 커피 제조 시작...")
 *     time.sleep(3)
 *     print(f" [{datetime.now().strftime('%H:%M:%S')}] {customer}님 커피 완성! ☕")
 *     return f"{customer}의 커피"
 *
 * start = time.time()
 * customers = ["철수", "영희", "민수", "지영", "동현"]
 * for customer in customers:
 *     make_coffee_sync(customer)
 * sync_time = time.time() - start
 *
 * async def make_coffee_async(customer):
 *     print(...)                   # as above
 *     await asyncio.sleep(3)       # the barista can do something else meanwhile
 *     print(...)
 *     return f"{customer}의 커피"
 *
 * async def serve_all_customers():
 *     start = time.time()
 *     tasks = [make_coffee_async(customer) for customer in customers]
 *     results = await asyncio.gather(*tasks)
 *     async_time = time.time() - start
 *     print(f"\n⏱️ 총 소요 시간: {async_time:.1f}초 (동시에 처리!)")
 *     print(f"✨ {sync_time / async_time:.1f}배 빠름!")
 *
 * asyncio.run(serve_all_customers())
 * }</pre>
 *
 * <p>Both halves run on one event loop's clock: the synchronous half blocks the thread that will
 * run the loop (on a virtual-clock loop, {@link Blocking#sleepOn} moves the clock instead), then
 * the loop runs the asynchronous half, as {@code asyncio.run} does. The times of day are the wall
 * clock at the start plus the loop's time since.
 */
public final class CoffeeShop implements Program {
  static final List<String> CUSTOMERS =
      List.of("Cheolsu", "Younghee", "Minsu", "Jiyoung", "Donghyun");

  private final Clock clock;

  public CoffeeShop() {
    this(Clock.systemDefaultZone());
  }

  /** A coffee shop whose printed times of day start from {@code clock}. */
  CoffeeShop(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "coffee";
  }

  @Override
  public String summary() {
    return "14: five coffees of 3 s each, one by one (15 s) and with gather (3 s)";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) throws InterruptedException {
    EventLoop loop = loops.get();
    Barista barista = new Async_CoffeeShop_Barista(out, new WallClock(clock, loop), loop);
    out.println(Py.times("=", 60));
    out.println("Understanding AsyncIO with a coffee shop");
    out.println(Py.times("=", 60));

    out.println();
    out.println("Method 1: synchronous (one customer at a time)");
    out.println("The barista waits until each customer's coffee is completely done");
    out.println();
    double start = loop.time();
    for (String customer : CUSTOMERS) {
      barista.makeCoffeeSync(customer);
    }
    double syncTime = loop.time() - start;
    out.println();
    out.println(
        Py.format("Total time: %.1f seconds (5 customers x 3 seconds = 15 seconds)", syncTime));

    out.println();
    out.println();
    out.println("Method 2: asynchronous (several at once)");
    out.println("The barista starts the coffee machine and takes the next customer's order");
    out.println();
    Asyncio.run(barista.serveAllCustomers(syncTime), () -> loop);
  }

  /** The barista, both ways. */
  abstract static class Barista {
    final PrintStream out;
    final WallClock now;
    final EventLoop loop;

    Barista(PrintStream out, WallClock now, EventLoop loop) {
      this.out = out;
      this.now = now;
      this.loop = loop;
    }

    /** {@code make_coffee_sync}: blocks for the three seconds the coffee takes. */
    String makeCoffeeSync(String customer) throws InterruptedException {
      out.println(" [" + now.hms() + "] " + customer + ": making coffee...");
      Blocking.sleepOn(loop, 3); // time.sleep(3): nothing else can happen meanwhile
      out.println(" [" + now.hms() + "] " + customer + ": coffee ready!");
      return customer + "'s coffee";
    }

    /** {@code make_coffee_async}: the loop serves others during the three seconds. */
    @Async
    Coroutine<String> makeCoffeeAsync(String customer) {
      out.println(" [" + now.hms() + "] " + customer + ": making coffee...");
      await(sleep(3)); // the barista can take other orders meanwhile
      out.println(" [" + now.hms() + "] " + customer + ": coffee ready!");
      return done(customer + "'s coffee");
    }

    @Async
    Coroutine<List<String>> serveAllCustomers(double syncTime) {
      double start = getRunningLoop().time();
      // every customer's order at once
      List<Coroutine<String>> tasks = new ArrayList<>();
      for (String customer : CUSTOMERS) {
        tasks.add(makeCoffeeAsync(customer));
      }
      List<String> results = await(gather(tasks));
      double asyncTime = getRunningLoop().time() - start;
      out.println();
      out.println(Py.format("Total time: %.1f seconds (all at once!)", asyncTime));
      out.println(Py.format("%.1fx faster!", syncTime / asyncTime));
      return done(results);
    }
  }
}
