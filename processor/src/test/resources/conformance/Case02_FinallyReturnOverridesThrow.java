package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.io.IOException;

/** TRANSFORM_NOTES case 2: a return in finally, after an await, discards the pending throw. */
public abstract class Case02_FinallyReturnOverridesThrow extends ConformanceCase {
  // No throws clause: the finally cannot complete normally, so the IOException cannot escape.
  @Async
  Coroutine<Integer> returnAfterThrow() {
    try {
      trace("try");
      throw new IOException("discarded");
    } finally {
      await(v("finally awaits", null));
      return done(2);
    }
  }

  @Async
  Coroutine<Integer> returnAfterAwaitedFailure() {
    try {
      await(fail(new IllegalStateException("also discarded")));
      trace("not reached");
      return done(0);
    } finally {
      trace("finally");
      await(v(null));
      return done(3);
    }
  }

  @Async
  Coroutine<Integer> returnAfterRethrowFromCatch() {
    try {
      await(fail(new IllegalArgumentException("first")));
      return done(0);
    } catch (IllegalArgumentException e) {
      trace("caught " + e.getMessage());
      await(v(null));
      throw new IllegalStateException("from catch");
    } finally {
      int x = await(v("finally", 4));
      return done(x);
    }
  }

  @Async
  Coroutine<Integer> throwInFinallyReplacesThrow() {
    try {
      throw new IllegalStateException("first");
    } finally {
      await(v("finally", null));
      throw new IllegalArgumentException("second");
    }
  }

  @Async
  public Coroutine<Object> body() {
    int a = await(returnAfterThrow());
    int b = await(returnAfterAwaitedFailure());
    int c = await(returnAfterRethrowFromCatch());
    trace(a + b + c);
    try {
      await(throwInFinallyReplacesThrow());
    } catch (IllegalArgumentException e) {
      trace("caught " + e.getMessage());
    }
    return done(a * 100 + b * 10 + c);
  }
}
