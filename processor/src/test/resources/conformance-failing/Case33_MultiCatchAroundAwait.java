package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * A multi-catch clause on a try that holds an await.
 *
 * <p>Fails: "[AsyncUnsupportedConstruct] a value of type java.lang.RuntimeException (which Java
 * cannot write down) kept across an await is not supported" on each catch. The parameter of {@code
 * catch (A | B e)} has a union type, which the processor does not map to a field type; the least
 * upper bound (RuntimeException, Exception) can be written, and a final multi-catch parameter is
 * only rethrown or read.
 */
public abstract class Case33_MultiCatchAroundAwait extends ConformanceCase {
  @Async
  Coroutine<String> unchecked(RuntimeException error) {
    try {
      await(fail(error));
      return done("no exception");
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      return done("multi " + e.getMessage());
    }
  }

  @Async
  Coroutine<String> read(boolean slow) throws IOException, TimeoutException {
    await(v(null));
    if (slow) {
      throw new TimeoutException("slow");
    }
    throw new IOException("broken");
  }

  @Async
  Coroutine<String> checked(boolean slow) {
    try {
      return done(await(read(slow)));
    } catch (TimeoutException | IOException e) {
      String name = await(v(e.getClass().getSimpleName()));
      return done(name + " " + e.getMessage());
    }
  }

  @Async
  public Coroutine<Object> body() {
    trace(await(unchecked(new IllegalArgumentException("iae"))));
    trace(await(unchecked(new UnsupportedOperationException("uoe"))));
    trace(await(checked(true)));
    return done(await(checked(false)));
  }
}
