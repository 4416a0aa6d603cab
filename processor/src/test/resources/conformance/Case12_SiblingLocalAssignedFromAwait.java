package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * TRANSFORM_NOTES case 12: a local with the same name as one in a sibling scope, assigned from an
 * await and returned.
 */
public abstract class Case12_SiblingLocalAssignedFromAwait extends ConformanceCase {
  @Async
  public Coroutine<Object> body() {
    {
      int n = await(v(1));
      trace(n);
    }
    int n = await(v(5));
    trace(n);
    n = await(v(6));
    trace(n);
    n += await(v(10));
    trace(n);
    n++;
    return done(n);
  }
}
