package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * A catch clause without an await of its own, on a try that awaits, leaving by return or continue.
 *
 * <p>Fails at run time. The clause is copied into the state machine as written: {@code return
 * done("caught x")} returns the {@code Completed} coroutine itself as the result (the caller's
 * {@code (String) value} throws ClassCastException; with a {@code Coroutine<Object>} the wrong
 * value would pass silently), and {@code continue} restarts the dispatch loop in the same state,
 * which enters the clause again with {@code caught == null} (NullPointerException). Expected trace
 * [caught x, caught y0, caught y1], result 2. A catch clause that awaits, and a finally without
 * an await, are lowered and behave.
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
