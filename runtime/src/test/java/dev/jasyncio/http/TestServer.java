package dev.jasyncio.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server for the tests (the JDK's {@link HttpServer} on a free loopback port). Each
 * exchange runs on its own thread, so that handlers may block while others are served.
 */
final class TestServer implements AutoCloseable {
  /** What a path answers. */
  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange exchange) throws Exception;
  }

  private final HttpServer server;
  private final ExecutorService threads;

  TestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "test-server");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(threads);
    server.start();
  }

  /** Answers requests for {@code path} (and below it) with {@code handler}. */
  TestServer on(String path, Handler handler) {
    server.createContext(
        path,
        exchange -> {
          try (exchange) {
            handler.handle(exchange);
          } catch (IOException e) {
            // The client went away, as a cancelled request does.
          } catch (Exception e) {
            throw new IOException(e);
          }
        });
    return this;
  }

  /** The URL of {@code path} on this server. */
  String url(String path) {
    InetSocketAddress a = server.getAddress();
    return "http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + path;
  }

  /** Sends {@code status} and {@code body} in UTF-8. */
  static void respond(HttpExchange exchange, int status, String body) throws IOException {
    respond(exchange, status, body, StandardCharsets.UTF_8);
  }

  /** Sends {@code status} and {@code body} in {@code charset}. */
  static void respond(HttpExchange exchange, int status, String body, Charset charset)
      throws IOException {
    byte[] bytes = body.getBytes(charset);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    try {
      threads.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
