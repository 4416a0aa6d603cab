package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * TRANSFORM_NOTES case 12: a local with the same name as one in a sibling scope, assigned from an
 * await and returned.
 *
 * <p>Fails silently: the processor keeps the second {@code n} in a field {@code n2}, but writes
 * {@code n = await(...)} and {@code n += await(...)} to the first one's field {@code n}, and turns
 * {@code return done(n)} into {@code return n;}. Reading {@code n} elsewhere, {@code n++} and
 * {@code done(n + 1)} do use {@code n2}. Expected trace [1, 5, 6, 16] and result 17; the
 * generated code gives [1, 5, 5, 5] and 16 (the first n). Two sibling loops {@code for (int i ...;
 * i += await(...))} loop forever for the same reason.
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
