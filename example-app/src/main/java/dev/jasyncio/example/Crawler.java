package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.AsCompleted;
import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/**
 * Seed program 9 (PEP 3148 post): the {@code concurrent.futures} web crawler. Each URL is loaded by
 * a worker of a thread pool; {@code as_completed} hands the futures over as they finish, and {@code
 * future.result()} returns the page or re-raises the worker's exception: the made-up domain fails,
 * the others are printed with their sizes, in the order they finish.
 *
 * <pre>{@code
 * URLS = ['http://www.foxnews.com/',
 *         'http://www.cnn.com/',
 *         'http://some-made-up-domain.com/']
 *
 * def load_url(url, timeout):
 *     return urllib.request.urlopen(url, timeout=timeout).read()
 *
 * def main():
 *     with futures.ThreadPoolExecutor(max_workers=5) as executor:
 *         future_to_url = dict(
 *             (executor.submit(load_url, url, 60), url)
 *              for url in URLS)
 *
 *         for future in futures.as_completed(future_to_url):
 *             url = future_to_url[future]
 *             try:
 *                 print('%r page is %d bytes' % (
 *                           url, len(future.result())))
 *             except Exception as e:
 *                 print('%r generated an exception: %s' % (
 *                           url, e))
 * }</pre>
 *
 * <p>The first part is that program with Java's futures and no event loop. The post then says
 * asyncio offers the same future API for coroutines, except that {@code result()} never blocks; the
 * second part is the same crawl on an event loop: the workers are {@code run_in_executor} calls on
 * the same kind of pool, and a coroutine takes their futures from {@code as_completed} as they
 * finish.
 *
 * <p>There is no internet here: the program starts a {@link LocalWeb} serving the two real pages
 * and answering for the made-up domain as a proxy does for a host that does not resolve; {@code
 * load_url} turns that answer into the {@link UnknownHostException} a direct connection raises.
 */
public final class Crawler implements Program {
  static final List<String> URLS =
      List.of("http://www.foxnews.com/", "http://www.cnn.com/", "http://some-made-up-domain.com/");

  /** The sizes of the pages that exist. */
  static final Map<String, Integer> PAGES =
      Map.of("http://www.foxnews.com/", 48213, "http://www.cnn.com/", 97531);

  private final double latency;

  public Crawler() {
    this(0.2);
  }

  /** With pages that take {@code latency} seconds (real time) to arrive. */
  Crawler(double latency) {
    this.latency = latency;
  }

  @Override
  public String name() {
    return "crawler";
  }

  @Override
  public String summary() {
    return "9: a thread-pool crawler with futures and as_completed; one URL fails";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) throws Exception {
    try (LocalWeb web = LocalWeb.start(PAGES, latency)) {
      out.println("concurrent.futures:");
      main(out, web.client());

      out.println();
      out.println("asyncio:");
      EventLoop loop = loops.get();
      loop.runUntilComplete(Async_Crawler.crawl(out, web.client()));
      loop.close();
    }
  }

  /** {@code load_url(url, timeout)}: blocks until the page is there. */
  static byte[] loadUrl(HttpClient client, String url, int timeout)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(timeout)).build();
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() == 502) {
      // the proxy could not reach the host: what a direct connection reports
      throw new UnknownHostException(new String(response.body(), StandardCharsets.UTF_8));
    }
    if (response.statusCode() != 200) {
      throw new IOException("HTTP Error " + response.statusCode());
    }
    return response.body();
  }

  /** {@code executor.submit(fn)}: a future of {@code fn} run by {@code executor}. */
  static <T> CompletableFuture<T> submit(Executor executor, Callable<T> fn) {
    CompletableFuture<T> future = new CompletableFuture<>();
    executor.execute(
        () -> {
          try {
            future.complete(fn.call());
          } catch (Throwable t) {
            future.completeExceptionally(t);
          }
        });
    return future;
  }

  /** {@code futures.as_completed(fs)}: the futures in the order they finish, waiting for each. */
  static <T> Iterable<CompletableFuture<T>> asCompletedFutures(
      Collection<CompletableFuture<T>> fs) {
    BlockingQueue<CompletableFuture<T>> finished = new LinkedBlockingQueue<>();
    for (CompletableFuture<T> f : fs) {
      f.whenComplete((result, error) -> finished.add(f));
    }
    int total = fs.size();
    return () ->
        new Iterator<>() {
          private int handedOut;

          @Override
          public boolean hasNext() {
            return handedOut < total;
          }

          @Override
          public CompletableFuture<T> next() {
            if (handedOut >= total) {
              throw new NoSuchElementException();
            }
            handedOut++;
            try {
              return finished.take();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new IllegalStateException("interrupted while waiting for a future", e);
            }
          }
        };
  }

  static void main(PrintStream out, HttpClient client) throws InterruptedException {
    ExecutorService executor = Executors.newFixedThreadPool(5);
    try {
      Map<CompletableFuture<byte[]>, String> futureToUrl = new LinkedHashMap<>();
      for (String url : URLS) {
        futureToUrl.put(submit(executor, () -> loadUrl(client, url, 60)), url);
      }
      for (CompletableFuture<byte[]> future : asCompletedFutures(futureToUrl.keySet())) {
        String url = futureToUrl.get(future);
        try {
          out.println(Py.repr(url) + " page is " + future.get().length + " bytes");
        } catch (ExecutionException e) {
          out.println(Py.repr(url) + " generated an exception: " + e.getCause().getMessage());
        }
      }
    } finally {
      executor.shutdown(); // the end of the with block
    }
  }

  /** The same crawl with asyncio's futures: a coroutine waits for them without blocking. */
  @Async
  static Coroutine<Void> crawl(PrintStream out, HttpClient client) {
    ExecutorService executor = Executors.newFixedThreadPool(5);
    try {
      EventLoop loop = getRunningLoop();
      Map<Future<byte[]>, String> futureToUrl = new LinkedHashMap<>();
      for (String url : URLS) {
        futureToUrl.put(loop.runInExecutor(executor, () -> loadUrl(client, url, 60)), url);
      }
      AsCompleted<byte[]> finished = asCompleted(futureToUrl.keySet());
      while (finished.remaining() > 0) {
        Future<byte[]> future = await(finished.nextDone());
        String url = futureToUrl.get(future);
        try {
          out.println(Py.repr(url) + " page is " + future.result().length + " bytes");
        } catch (Exception e) {
          out.println(Py.repr(url) + " generated an exception: " + e.getMessage());
        }
      }
    } finally {
      executor.shutdown();
    }
    return done();
  }
}
