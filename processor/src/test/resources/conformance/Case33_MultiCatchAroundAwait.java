package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * A multi-catch clause on a try that holds an await.
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
