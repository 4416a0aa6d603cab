package golden;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.util.ArrayList;
import java.util.List;

/** The model example: awaits in sequence, and a combinator returned as the result. */
public abstract class CoffeeShop {
  @Async
  Coroutine<String> makeCoffee(String customer) {
    System.out.println(customer + ": brewing");
    await(sleep(3.0));
    return done(customer + "'s coffee");
  }

  @Async
  Coroutine<List<String>> serveAll(List<String> customers) {
    List<Coroutine<String>> orders = new ArrayList<>();
    for (String c : customers) {
      orders.add(makeCoffee(c));
    }
    return gather(orders);
  }
}
