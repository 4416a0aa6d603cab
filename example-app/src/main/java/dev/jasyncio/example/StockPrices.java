package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jasyncio.Async;
import dev.jasyncio.Asyncio;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Entered;
import dev.jasyncio.EventLoop;
import dev.jasyncio.http.ClientResponse;
import dev.jasyncio.http.ClientSession;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seed program 20 (coffee shop post, example 4): stock prices requested in parallel through one
 * HTTP client session, entered with {@code async with}.
 *
 * <pre>{@code
 * async def fetch_stock_price(session: aiohttp.ClientSession, ticker: str) -> Dict[str, Any]:
 *     url = f"https://api.example.com/stock/{ticker}"
 *     try:
 *         print(f"  🔄 {ticker} 데이터 요청 중...")
 *         async with session.get(url) as response:
 *             data = await response.json()
 *             return {'ticker': ticker, 'price': data['price']}
 *     except Exception as e:
 *         print(f"  ❌ {ticker} 요청 실패: {e}")
 *         return {'ticker': ticker, 'price': None, 'error': str(e)}
 *
 * async def main_example4():
 *     tickers = ['AAPL', 'GOOGL', 'MSFT', 'TSLA', 'NVDA']
 *     async with aiohttp.ClientSession() as session:
 *         print("📊 주식 가격 조회 시작\n")
 *         tasks = [fetch_stock_price(session, ticker) for ticker in tickers]
 *         results = await asyncio.gather(*tasks)
 *         print("\n📈 조회 결과:")
 *         for result in results:
 *             if result['price']:
 *                 print(f"  {result['ticker']}: ${result['price']:.2f}")
 *             else:
 *                 print(f"  {result['ticker']}: 조회 실패")
 *
 * asyncio.run(main_example4())
 * }</pre>
 *
 * <p>The seed left the real request commented out and slept half a second instead, with a price of
 * {@code 100.0 + hash(ticker) % 50}. Here the request is real: {@link ClientSession} (the runtime's
 * aiohttp-style session over the JDK's {@code HttpClient}) asks a local stock API, started by the
 * program, which answers each quote after {@code latency} seconds with the same formula on Java's
 * {@code String.hashCode} (Python's string hash changes from run to run). The session's client
 * reaches the local API as its proxy, so the program asks for the seed's URLs over plain HTTP. A
 * ticker the API does not know answers 404, which {@code raiseForStatus} turns into the exception
 * the seed's {@code except} prints.
 */
public final class StockPrices implements Program {
  static final List<String> TICKERS = List.of("AAPL", "GOOGL", "MSFT", "TSLA", "NVDA");

  private final double latency;
  private final int expectedTogether;

  public StockPrices() {
    this(0.5, 0);
  }

  /**
   * With quotes that take {@code latency} seconds (real time) to arrive; if {@code
   * expectedTogether} is positive, the API holds every answer until that many requests are in
   * flight at once (for at most ten seconds), which only requests sent in parallel achieve.
   */
  StockPrices(double latency, int expectedTogether) {
    this.latency = latency;
    this.expectedTogether = expectedTogether;
  }

  @Override
  public String name() {
    return "stock-prices";
  }

  @Override
  public String summary() {
    return "20: stock prices in parallel through an HTTP ClientSession entered with async with";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) throws Exception {
    out.println(Py.times("=", 60));
    out.println("Example 4: HTTP API requests");
    out.println(Py.times("=", 60));
    try (StockApi api = new StockApi(latency, expectedTogether)) {
      Asyncio.run(Async_StockPrices.mainExample4(out, api.client(), TICKERS), loops);
    }
  }

  /** What {@code fetch_stock_price} returns: a price, or why there is none. */
  record Quote(String ticker, Double price, String error) {}

  /** {@code async def fetch_stock_price(session, ticker)}. */
  @Async
  static Coroutine<Quote> fetchStockPrice(PrintStream out, ClientSession session, String ticker) {
    String url = "http://api.example.com/stock/" + ticker;
    try {
      out.println("  requesting " + ticker + "...");
      try (Entered<ClientResponse> response = asyncWith(session.get(url))) {
        response.get().raiseForStatus();
        String data = await(response.get().text());
        return done(new Quote(ticker, price(data), null));
      }
    } catch (Exception e) {
      out.println("  " + ticker + " request failed: " + e.getMessage());
      return done(new Quote(ticker, null, e.getMessage()));
    }
  }

  /** {@code async def main_example4()}. */
  @Async
  static Coroutine<Void> mainExample4(PrintStream out, HttpClient client, List<String> tickers) {
    try (Entered<ClientSession> session = asyncWith(new ClientSession(client))) {
      out.println("starting the stock price lookup");
      out.println();
      List<Coroutine<Quote>> tasks = new ArrayList<>();
      for (String ticker : tickers) {
        tasks.add(fetchStockPrice(out, session.get(), ticker));
      }
      List<Quote> results = await(gather(tasks));
      out.println();
      out.println("results:");
      for (Quote result : results) {
        if (result.price() != null) {
          out.println(Py.format("  %s: $%.2f", result.ticker(), result.price()));
        } else {
          out.println("  " + result.ticker() + ": lookup failed");
        }
      }
    }
    return done();
  }

  private static final Pattern PRICE = Pattern.compile("\"price\":\\s*([0-9.]+)");

  /** {@code data['price']} of the API's JSON answer. */
  static double price(String json) {
    Matcher m = PRICE.matcher(json);
    if (!m.find()) {
      throw new IllegalArgumentException("no price in " + json);
    }
    return Double.parseDouble(m.group(1));
  }

  /** The seed's simulated price: {@code 100.0 + hash(ticker) % 50}. */
  static double quote(String ticker) {
    return 100.0 + Math.floorMod(ticker.hashCode(), 50);
  }

  /**
   * The local stock API: {@code GET /stock/<ticker>} answers {@code {"ticker": ..., "price": ...}}
   * for the seed's tickers and 404 for others.
   */
  static final class StockApi implements AutoCloseable {
    private final long latencyMillis;
    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient client;
    private final CountDownLatch together;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    StockApi(double latency, int expectedTogether) throws IOException {
      this.latencyMillis = Math.round(latency * 1000);
      this.together = expectedTogether > 0 ? new CountDownLatch(expectedTogether) : null;
      this.server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      this.threads =
          Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "stock-api");
                t.setDaemon(true);
                return t;
              });
      server.setExecutor(threads);
      server.createContext("/", this::answer);
      server.start();
      this.client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .proxy(ProxySelector.of(server.getAddress()))
              .build();
    }

    /** A client whose requests for any {@code http://} URL go to this API. */
    HttpClient client() {
      return client;
    }

    /** The most requests the API was answering at the same time. */
    int mostInFlight() {
      return mostInFlight.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
      int now = inFlight.incrementAndGet();
      mostInFlight.accumulateAndGet(now, Math::max);
      try (exchange) {
        if (together != null) {
          together.countDown();
          together.await(10, TimeUnit.SECONDS);
        }
        if (latencyMillis > 0) {
          Thread.sleep(latencyMillis);
        }
        String path = exchange.getRequestURI().getPath();
        String ticker = path.substring(path.lastIndexOf('/') + 1);
        byte[] body;
        int status;
        if (path.startsWith("/stock/") && TICKERS.contains(ticker)) {
          status = 200;
          body =
              String.format(
                      java.util.Locale.ROOT,
                      "{\"ticker\": \"%s\", \"price\": %.2f}",
                      ticker,
                      quote(ticker))
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
        } else {
          status = 404;
          body = ("no such stock: " + ticker).getBytes(StandardCharsets.UTF_8);
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(body);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public void close() {
      server.stop(0);
      threads.shutdownNow();
      try {
        threads.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
