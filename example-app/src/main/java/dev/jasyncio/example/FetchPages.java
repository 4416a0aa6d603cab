package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Asyncio;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Seed program 3 (dojang tutorial): six web pages fetched one after the other, then concurrently:
 * the blocking calls ({@code urlopen}, {@code read}) run in the loop's default executor through
 * {@code run_in_executor}, one task per page ({@code ensure_future}), results collected with {@code
 * gather}. The sizes come back in URL order; the time drops from the sum of the fetches to about
 * the longest.
 *
 * <pre>{@code
 * urls = ['https://www.google.co.kr/search?q=' + i
 *         for i in ['apple', 'pear', 'grape', 'pineapple', 'orange', 'strawberry']]
 *
 * begin = time()
 * result = []
 * for url in urls:
 *     request = Request(url, headers={'User-Agent': 'Mozilla/5.0'})
 *     response = urlopen(request)
 *     page = response.read()
 *     result.append(len(page))
 * print(result)
 * end = time()
 * print('실행 시간: {0:.3f}초'.format(end - begin))
 *
 * async def fetch(url):
 *     request = Request(url, headers={'User-Agent': 'Mozilla/5.0'})
 *     response = await loop.run_in_executor(None, urlopen, request)
 *     page = await loop.run_in_executor(None, response.read)
 *     return len(page)
 *
 * async def main():
 *     futures = [asyncio.ensure_future(fetch(url)) for url in urls]
 *     result = await asyncio.gather(*futures)
 *     print(result)
 *
 * begin = time()
 * loop = asyncio.get_event_loop()
 * loop.run_until_complete(main())
 * loop.close()
 * end = time()
 * print('실행 시간: {0:.3f}초'.format(end - begin))
 * }</pre>
 *
 * <p>There is no internet here: the program starts a {@link LocalWeb} serving pages of the sizes
 * the seed printed, under the same URLs over plain HTTP, each answered after {@code latency}
 * seconds. A third part uses what Java has beyond Python's {@code urlopen}: the JDK's asynchronous
 * {@code HttpClient.sendAsync}, whose {@code CompletableFuture} a coroutine awaits directly, with
 * no executor thread per request. Times are read from the loop's clock; a virtual clock does not
 * see work on other threads, so under a test loop they are 0.
 */
public final class FetchPages implements Program {
  static final List<String> FRUITS =
      List.of("apple", "pear", "grape", "pineapple", "orange", "strawberry");
  static final List<Integer> SIZES = List.of(74443, 137795, 84429, 327409, 65139, 154872);

  private final double latency;

  public FetchPages() {
    this(0.5);
  }

  /** With pages that take {@code latency} seconds (real time) to arrive. */
  FetchPages(double latency) {
    this.latency = latency;
  }

  @Override
  public String name() {
    return "fetch-pages";
  }

  @Override
  public String summary() {
    return "3: six web pages fetched sequentially, then with runInExecutor + gather, then async";
  }

  static List<String> urls() {
    List<String> urls = new ArrayList<>();
    for (String fruit : FRUITS) {
      urls.add("http://www.google.co.kr/search?q=" + fruit);
    }
    return urls;
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) throws Exception {
    List<String> urls = urls();
    Map<String, Integer> pages = new LinkedHashMap<>();
    for (int i = 0; i < urls.size(); i++) {
      pages.put(urls.get(i), SIZES.get(i));
    }
    try (LocalWeb web = LocalWeb.start(pages, latency)) {
      HttpClient client = web.client();

      out.println("Sequentially, with the blocking client:");
      EventLoop loop = loops.get();
      double begin = loop.time();
      List<Integer> result = new ArrayList<>();
      for (String url : urls) {
        // the user agent the seed needed to get past the server
        HttpRequest request = request(url);
        HttpResponse<InputStream> response = client.send(request, ofInputStream());
        byte[] page = read(response);
        result.add(page.length);
      }
      out.println(Py.repr(result));
      double end = loop.time();
      out.println(Py.format("execution time: %.3f s", end - begin));

      out.println();
      out.println("Concurrently, with the blocking client in the default executor:");
      begin = loop.time();
      loop.runUntilComplete(Async_FetchPages.main(out, client, urls));
      loop.close();
      end = loop.time();
      out.println(Py.format("execution time: %.3f s", end - begin));

      out.println();
      out.println("Concurrently, with the asynchronous client:");
      EventLoop loop2 = loops.get();
      begin = loop2.time();
      Asyncio.run(Async_FetchPages.mainAsyncClient(out, client, urls), () -> loop2);
      end = loop2.time();
      out.println(Py.format("execution time: %.3f s", end - begin));
    }
  }

  /** {@code Request(url, headers={'User-Agent': 'Mozilla/5.0'})}. */
  static HttpRequest request(String url) {
    return HttpRequest.newBuilder(URI.create(url)).header("User-Agent", "Mozilla/5.0").build();
  }

  /** The body as a stream, read later, as {@code urlopen} leaves it. */
  static HttpResponse.BodyHandler<InputStream> ofInputStream() {
    return HttpResponse.BodyHandlers.ofInputStream();
  }

  /** {@code response.read()}. */
  static byte[] read(HttpResponse<InputStream> response) throws IOException {
    try (InputStream body = response.body()) {
      return body.readAllBytes();
    }
  }

  @Async
  static Coroutine<Integer> fetch(HttpClient client, String url) {
    HttpRequest request = request(url);
    EventLoop loop = getRunningLoop();
    // blocking calls, each on a thread of the default executor
    HttpResponse<InputStream> response =
        await(loop.runInExecutor(null, () -> client.send(request, ofInputStream())));
    byte[] page = await(loop.runInExecutor(null, () -> read(response)));
    return done(page.length);
  }

  @Async
  static Coroutine<List<Integer>> main(PrintStream out, HttpClient client, List<String> urls) {
    // the tasks (futures), one per page
    List<Future<Integer>> futures = new ArrayList<>();
    for (String url : urls) {
      futures.add(ensureFuture(fetch(client, url)));
    }
    // the results, all at once
    List<Integer> result = await(gather(futures));
    out.println(Py.repr(result));
    return done(result);
  }

  /** {@code fetch} without threads: the JDK client's {@code CompletableFuture}, awaited. */
  @Async
  static Coroutine<Integer> fetchAsync(HttpClient client, String url) {
    HttpResponse<byte[]> response =
        await(client.sendAsync(request(url), HttpResponse.BodyHandlers.ofByteArray()));
    return done(response.body().length);
  }

  @Async
  static Coroutine<List<Integer>> mainAsyncClient(
      PrintStream out, HttpClient client, List<String> urls) {
    List<Future<Integer>> futures = new ArrayList<>();
    for (String url : urls) {
      futures.add(ensureFuture(fetchAsync(client, url)));
    }
    List<Integer> result = await(gather(futures));
    out.println(Py.repr(result));
    return done(result);
  }
}
