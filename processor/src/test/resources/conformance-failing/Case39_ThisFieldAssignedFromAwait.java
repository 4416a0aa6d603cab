package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * A field written through {@code this} from an await: {@code this.f = await(...)} and {@code
 * this.f += await(...)}.
 *
 * <p>Fails: the generated code does not compile, "cannot find symbol: variable counter". The
 * assignment is emitted as {@code this.counter = ((Integer) value);} inside the state machine
 * class, where {@code this} is the machine; elsewhere (reads, {@code this.counter++}, {@code
 * this.arr[0] = await(...)}) the processor writes {@code Async_Case39_....this.counter}. Without
 * {@code this.} the same assignments work.
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
