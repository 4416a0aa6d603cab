package golden;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.io.IOException;
import java.util.List;

/** Loops, a labeled break, try/catch/finally with awaits, and a pending return through finally. */
public abstract class Loops {
  abstract Coroutine<String> fetch(String url) throws IOException;

  abstract void log(String line);

  @Async
  Coroutine<Integer> fetchAll(List<String> urls, int retries) throws IOException {
    int total = 0;
    outer:
    for (String url : urls) {
      for (int attempt = 0; attempt < retries; attempt++) {
        try {
          String page = await(fetch(url));
          total += page.length();
          continue outer;
        } catch (IOException e) {
          log("attempt " + attempt + " failed: " + e.getMessage());
          if (attempt == retries - 1) {
            break outer;
          }
        } finally {
          await(sleep(0.1));
        }
      }
    }
    return done(total);
  }
}
