package golden;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * Awaits inside expressions: operands kept before an await, the lazy side of && and ?:, compound
 * assignment, and a switch expression with an await in an arm.
 */
public abstract class Expressions {
  int total;

  abstract Coroutine<Integer> price(String item);

  abstract boolean inStock(String item);

  @Async
  Coroutine<String> quote(String item, int count) {
    total += await(price(item)) * count;
    boolean cheap = inStock(item) && await(price(item)) < 10;
    String label = cheap ? "cheap" : await(price("gift")) > 100 ? "luxury" : "normal";
    String size =
        switch (count) {
          case 0 -> "none";
          case 1, 2, 3 -> "few";
          default -> {
            int extra = await(price("bulk"));
            yield "many (+" + extra + ")";
          }
        };
    return done(label + " " + size + " " + total);
  }
}
