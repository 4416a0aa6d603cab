package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * TRANSFORM_NOTES case 4: a finally entered by an exception leaves by continue; the abandoned throw
 * must not come back at the next normal exit from the same try.
 */
public abstract class Case04_ContinueFromFinallyAfterThrow extends ConformanceCase {
  @Async
  public Coroutine<Object> body() {
    for (int i = 0; i < 2; i++) {
      try {
        if (i == 0) throw new IllegalStateException("E" + i);
        await(v("x" + i, null));
      } finally {
        await(v("y" + i, null));
        if (i == 0) continue;
      }
      trace("after try " + i);
    }
    return done("completed normally");
  }
}
