package golden;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/** Static @Async methods of a concrete class: a holder class of static methods. */
public final class Statics {
  static int calls;

  private Statics() {}

  @Async
  static Coroutine<Integer> add(int a, int b) {
    calls++;
    await(sleep(1.0));
    return done(a + b);
  }

  @Async
  static Coroutine<Integer> addTwice(int a, int b) {
    int first = await(add(a, b));
    return done(first + await(add(first, b)));
  }
}
