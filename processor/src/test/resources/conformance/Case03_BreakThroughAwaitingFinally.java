package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * TRANSFORM_NOTES case 3: break out of a try whose finally awaits, inside a loop.
 */
public abstract class Case03_BreakThroughAwaitingFinally extends ConformanceCase {
  @Async
  public Coroutine<Object> body() {
    for (int i = 0; i < 3; i++) {
      try {
        if (i == 1) break;
        await(v("a" + i, null));
      } finally {
        await(v("b" + i, null));
        trace(i);
      }
    }
    return done("after the loop");
  }
}
