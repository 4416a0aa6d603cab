package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * A catch clause without an await of its own, on a try that awaits, leaving by return or continue.
 */
public abstract class Case33_CatchWithoutAwaitReturns extends ConformanceCase {
  @Async
  Coroutine<String> catchReturns() {
    try {
      await(fail(new IllegalStateException("x")));
      return done("not reached");
    } catch (IllegalStateException e) {
      return done("caught " + e.getMessage());
    }
  }

  @Async
  Coroutine<Integer> catchContinues() {
    int i = 0;
    for (; i < 2; i++) {
      try {
        await(fail(new IllegalStateException("y" + i)));
      } catch (IllegalStateException e) {
        trace("caught " + e.getMessage());
        continue;
      }
      trace("not reached");
    }
    return done(i);
  }

  @Async
  public Coroutine<Object> body() {
    trace(await(catchReturns()));
    return done(await(catchContinues()));
  }
}
