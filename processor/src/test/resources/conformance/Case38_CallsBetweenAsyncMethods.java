package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * @Async methods of the same class calling each other: instance and static, with results and
 * void coroutines, through this, via another instance, mutually recursive, and awaited as
 * arguments of one another.
 */
public abstract class Case38_CallsBetweenAsyncMethods extends ConformanceCase {
  int calls;

  @Async
  Coroutine<Integer> add(int a, int b) {
    calls++;
    int x = await(v(a));
    return done(x + b);
  }

  @Async
  Coroutine<Void> log(String s) {
    trace("log " + await(v(s)));
    return done();
  }

  @Async
  static Coroutine<String> twice(String s) {
    await(sleep(0));
    return done(s + s);
  }

  @Async
  Coroutine<Boolean> isEven(int n) {
    return done(n == 0 || await(isOdd(n - 1)));
  }

  @Async
  Coroutine<Boolean> isOdd(int n) {
    return done(n != 0 && await(isEven(n - 1)));
  }

  @Async
  Coroutine<Integer> delegate(int a) {
    return add(a, 100);
  }

  @Async
  public Coroutine<Object> body() {
    int r = await(add(await(add(1, 2)), await(this.add(3, 4))));
    await(log("r=" + r));
    trace(await(twice("ab")));
    trace("even " + await(isEven(10)) + " odd " + await(isOdd(7)));
    trace("delegated " + await(delegate(5)));
    return done(calls);
  }
}
