package golden;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.io.Closeable;
import java.io.IOException;

/** try-with-resources around an await: the resource closes after the await, also on failure. */
public abstract class Resources {
  abstract Closeable open(String name) throws IOException;

  abstract Coroutine<String> read(Closeable in);

  @Async
  Coroutine<String> readAll(String name) throws IOException {
    try (Closeable in = open(name)) {
      return done(await(read(in)));
    }
  }
}
