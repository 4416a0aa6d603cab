package dev.jasyncio.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The internet of the programs that fetch web pages, which have none: a local HTTP server (the
 * JDK's {@link HttpServer}, on a free port) that serves pages of known sizes under the URLs the
 * seeds use ({@code http://www.cnn.com/}), and an {@link HttpClient} that reaches it as its proxy.
 * A URL it does not know is answered as a proxy answers for a host that does not resolve: {@code
 * 502 Bad Gateway}.
 *
 * <p>Each response waits {@code latency} seconds first, in real time, as a distant server would;
 * the server answers many requests at once.
 */
final class LocalWeb implements AutoCloseable {
  private final Map<String, Integer> pages;
  private final long latencyMillis;
  private final HttpServer server;
  private final ExecutorService threads;
  private final HttpClient client;

  private LocalWeb(Map<String, Integer> pages, double latency) throws IOException {
    this.pages = new LinkedHashMap<>(pages);
    this.latencyMillis = Math.round(latency * 1000);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "local-web");
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

  /** Starts a server with a page of {@code size} bytes at each URL of {@code pages}. */
  static LocalWeb start(Map<String, Integer> pages, double latency) throws IOException {
    return new LocalWeb(pages, latency);
  }

  /** A client whose requests for any {@code http://} URL go to this server. */
  HttpClient client() {
    return client;
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (latencyMillis > 0) {
        try {
          Thread.sleep(latencyMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      URI uri = exchange.getRequestURI();
      Integer size = pages.get(uri.toString());
      byte[] body;
      int status;
      if (size == null) {
        status = 502;
        body = (uri.getHost() + ": Name or service not known").getBytes(StandardCharsets.UTF_8);
      } else {
        status = 200;
        body = new byte[size];
        Arrays.fill(body, (byte) 'x');
      }
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(body);
      }
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
