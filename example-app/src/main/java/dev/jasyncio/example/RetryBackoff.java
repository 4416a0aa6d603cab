package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Asyncio;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Seed program 21 (coffee shop post, example 5): three requests that each fail 30% of the time,
 * retried up to three times with exponential backoff (1 s, then 2 s), gathered with {@code
 * return_exceptions=True}, then counted.
 *
 * <pre>{@code
 * async def fetch_with_retry(url: str, max_retries: int = 3) -> Dict[str, Any]:
 *     for attempt in range(max_retries):
 *         try:
 *             print(f"  🔄 시도 {attempt + 1}/{max_retries}: {url}")
 *             await asyncio.sleep(0.5)
 *             if random.random() < 0.3:
 *                 raise Exception("Network error")
 *             print(f"  ✅ 성공: {url}")
 *             return {'url': url, 'status': 'success', 'data': 'Some data'}
 *         except Exception as e:
 *             print(f"  ⚠️ 실패: {url} - {e}")
 *             if attempt == max_retries - 1:
 *                 print(f"  ❌ 최종 실패: {url}")
 *                 return {'url': url, 'status': 'failed', 'error': str(e)}
 *             wait_time = 2 ** attempt
 *             print(f"  ⏳ {wait_time}초 후 재시도...")
 *             await asyncio.sleep(wait_time)
 *
 * async def main_example5():
 *     urls = ['https://api.example.com/data1', 'https://api.example.com/data2',
 *             'https://api.example.com/data3']
 *     print("🌐 API 요청 시작 (재시도 로직 포함)\n")
 *     tasks = [fetch_with_retry(url) for url in urls]
 *     results = await asyncio.gather(*tasks, return_exceptions=True)
 *     print("\n📊 최종 결과:")
 *     success = sum(1 for r in results if isinstance(r, dict) and r['status'] == 'success')
 *     failed = len(results) - success
 *     print(f"  성공: {success}, 실패: {failed}")
 *
 * asyncio.run(main_example5())
 * }</pre>
 *
 * <p>The randomness comes from a {@link Random} made for each run: unseeded when a user runs the
 * program, seeded in tests so that the failures are known.
 */
public final class RetryBackoff implements Program {
  private final Supplier<Random> randoms;

  public RetryBackoff() {
    this(Random::new);
  }

  /** Every run draws from {@code new Random(seed)}. */
  RetryBackoff(long seed) {
    this(() -> new Random(seed));
  }

  private RetryBackoff(Supplier<Random> randoms) {
    this.randoms = randoms;
  }

  @Override
  public String name() {
    return "retry";
  }

  @Override
  public String summary() {
    return "21: retries with exponential backoff; gather(return_exceptions=True) counts outcomes";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    out.println(Py.times("=", 60));
    out.println("Example 5: error handling and retry logic");
    out.println(Py.times("=", 60));
    Asyncio.run(new Async_RetryBackoff_Client(out, randoms.get()).mainExample5(), loops);
  }

  /** The dict a request produces: its URL, "success" or "failed", and the data or the error. */
  record Response(String url, String status, String detail) {}

  abstract static class Client {
    final PrintStream out;
    final Random random;

    Client(PrintStream out, Random random) {
      this.out = out;
      this.random = random;
    }

    @Async
    Coroutine<Response> fetchWithRetry(String url, int maxRetries) {
      for (int attempt = 0; attempt < maxRetries; attempt++) {
        try {
          out.println("  attempt " + (attempt + 1) + "/" + maxRetries + ": " + url);
          // simulated: fails 30% of the time
          await(sleep(0.5));
          if (random.nextDouble() < 0.3) {
            throw new Exception("Network error");
          }
          out.println("  success: " + url);
          return done(new Response(url, "success", "Some data"));
        } catch (Exception e) {
          out.println("  failed: " + url + " - " + e.getMessage());
          if (attempt == maxRetries - 1) {
            out.println("  final failure: " + url);
            return done(new Response(url, "failed", e.getMessage()));
          }
          // wait before the next attempt (exponential backoff)
          int waitTime = 1 << attempt;
          out.println("  retrying in " + waitTime + " s...");
          await(sleep(waitTime));
        }
      }
      return done(null); // max_retries == 0: Python's implicit None
    }

    @Async
    Coroutine<Void> mainExample5() {
      List<String> urls =
          List.of(
              "https://api.example.com/data1",
              "https://api.example.com/data2",
              "https://api.example.com/data3");
      out.println("API requests started (with retry logic)");
      out.println();
      List<Coroutine<Response>> tasks = new ArrayList<>();
      for (String url : urls) {
        tasks.add(fetchWithRetry(url, 3));
      }
      List<Object> results = await(gatherReturnExceptions(tasks));
      out.println();
      out.println("Final results:");
      int success = 0;
      for (Object r : results) {
        if (r instanceof Response response && response.status().equals("success")) {
          success++;
        }
      }
      int failed = results.size() - success;
      out.println("  succeeded: " + success + ", failed: " + failed);
      return done();
    }
  }
}
