package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * TRANSFORM_NOTES case 21: a million awaits in a loop, completing at once or not, run without a
 * stack overflow.
 */
public abstract class Case21_LongSynchronousLoop extends ConformanceCase {
  @Async
  public Coroutine<Object> body() {
    long sum = 0;
    for (int i = 0; i < 1_000_000; i++) {
      sum += await(v(i));
    }
    trace(sum);
    return done(sum);
  }
}
