package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * A field written through {@code this} from an await: {@code this.f = await(...)} and {@code
 * this.f += await(...)}.
 */
public abstract class Case39_ThisFieldAssignedFromAwait extends ConformanceCase {
  int counter;

  @Async
  public Coroutine<Object> body() {
    this.counter = await(v(3));
    this.counter *= await(v(2));
    return done(counter);
  }
}
