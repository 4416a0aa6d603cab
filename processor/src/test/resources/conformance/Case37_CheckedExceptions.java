package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Checked exceptions thrown by @Async methods that declare them: caught by type around the await,
 * rethrown, wrapped, and finally escaping the body with the same exception. (Multi-catch of checked
 * exceptions around an await is in Case33_MultiCatchAroundAwait.)
 */
public abstract class Case37_CheckedExceptions extends ConformanceCase {
  void check(String name) throws FileNotFoundException {
    if (name.isEmpty()) {
      throw new FileNotFoundException("empty name");
    }
  }

  @Async
  Coroutine<String> read(String name) throws IOException {
    String content = await(v("read " + name, name.toUpperCase()));
    check(name);
    if (name.equals("bad")) {
      throw new IOException("cannot read " + name);
    }
    return done(content);
  }

  @Async
  Coroutine<String> readWithTimeout(String name) throws IOException, TimeoutException {
    try {
      return done(await(read(name)));
    } catch (FileNotFoundException e) {
      await(v(null));
      throw new TimeoutException("gave up: " + e.getMessage());
    }
  }

  @Async
  public Coroutine<Object> body() throws Exception {
    trace(await(read("good")));
    try {
      await(read("bad"));
    } catch (IOException e) {
      trace("caught " + e.getMessage());
    }
    try {
      await(readWithTimeout(""));
    } catch (TimeoutException e) {
      trace("caught " + e.getClass().getSimpleName() + " " + e.getMessage());
    }
    try {
      await(read(""));
    } catch (FileNotFoundException e) {
      trace("specific " + e.getMessage());
    } catch (IOException e) {
      trace("not reached");
    }
    String last = await(readWithTimeout("bad"));
    return done(last);
  }
}
