package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.util.concurrent.CompletionStage;

/**
 * TRANSFORM_NOTES case 10: where an exception comes from — the awaited expression itself, a failed
 * awaitable, code after the resume, or a callback of a CompletionStage — it reaches the handler
 * around the await, or fails the coroutine.
 */
public abstract class Case10_ExceptionOrigins extends ConformanceCase {
  Coroutine<Integer> mayThrow() {
    trace("mayThrow");
    throw new IllegalStateException("before any awaitable exists");
  }

  @Async
  Coroutine<Integer> failsAfterResume(int divisor) {
    int x = await(v("divisor", divisor));
    return done(10 / x);
  }

  @Async
  public Coroutine<Object> body() {
    try {
      await(mayThrow());
    } catch (IllegalStateException e) {
      trace("synchronous: " + e.getMessage());
    }
    try {
      await(fail(new UnsupportedOperationException("failed awaitable")));
    } catch (UnsupportedOperationException e) {
      trace("at resume: " + e.getMessage());
    }
    try {
      await(failedFuture(new IllegalArgumentException("failed future")));
    } catch (IllegalArgumentException e) {
      trace("future: " + e.getMessage());
    }
    try {
      trace(await(failsAfterResume(5)));
      trace(await(failsAfterResume(0)));
    } catch (ArithmeticException e) {
      trace("after resume: " + e.getMessage());
    }
    CompletionStage<Integer> failing =
        stage(1)
            .thenApply(
                x -> {
                  throw new IllegalStateException("in a callback " + x);
                });
    try {
      await(failing);
    } catch (IllegalStateException e) {
      trace("callback: " + e.getMessage());
    }
    try {
      await(stage(2).whenComplete((x, t) -> trace("whenComplete " + x)));
      await(failedStage(new ArrayIndexOutOfBoundsException("failed stage")));
    } catch (ArrayIndexOutOfBoundsException e) {
      trace("stage: " + e.getMessage());
    }
    int ok = await(failsAfterResume(2));
    trace("ok " + ok);
    return done(await(failsAfterResume(0)));
  }
}
