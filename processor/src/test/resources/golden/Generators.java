package golden;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncContextManager;
import dev.jasyncio.AsyncGenerator;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Entered;
import java.util.List;

/**
 * An async generator, an async context manager written as a generator, and the async for and
 * async with statements that use them.
 */
public abstract class Generators {
  abstract Coroutine<List<String>> fetchPage(int number);

  abstract Coroutine<Void> connect(String host);

  abstract Coroutine<Void> disconnect(String host);

  /** Python's {@code async def get_docs(): ... yield doc}. */
  @Async
  AsyncGenerator<String> docs() {
    int number = 0;
    List<String> page = await(fetchPage(number));
    while (!page.isEmpty()) {
      for (String doc : page) {
        emit(doc);
      }
      page = await(fetchPage(++number));
    }
    return endGenerator();
  }

  /** Python's {@code @asynccontextmanager}: connects, hands out the host, disconnects. */
  @Async
  AsyncContextManager<String> connection(String host) {
    await(connect(host));
    try {
      emit(host);
    } finally {
      await(disconnect(host));
    }
    return endGenerator();
  }

  /** Counts documents until it finds {@code wanted}, over a connection. */
  @Async
  Coroutine<Integer> find(String host, String wanted) {
    int seen = 0;
    try (Entered<String> c = asyncWith(connection(host))) {
      for (String doc : asyncFor(docs())) {
        seen++;
        if (doc.equals(wanted)) {
          break;
        }
      }
    }
    return done(seen);
  }
}
