package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * TRANSFORM_NOTES case 20: recursion through awaits of the method's own coroutine, and awaiting
 * already completed awaitables many times in a row.
 */
public abstract class Case20_Recursion extends ConformanceCase {
  @Async
  Coroutine<Integer> fib(int n) {
    if (n < 2) {
      return done(await(v(n)));
    }
    return done(await(fib(n - 1)) + await(fib(n - 2)));
  }

  @Async
  Coroutine<Integer> depth(int n) {
    if (n == 0) {
      return done(0);
    }
    return done(1 + await(depth(n - 1)));
  }

  @Async
  public Coroutine<Object> body() {
    trace("fib(15) " + await(fib(15)));
    trace("depth " + await(depth(2_000)));
    Coroutine<Integer> same = done(3);
    int s = 0;
    for (int i = 0; i < 1000; i++) {
      s += await(same);
    }
    trace("done awaited " + s);
    return done(await(fib(10)));
  }
}
