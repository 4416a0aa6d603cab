package dev.jasyncio.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Asyncio;
import dev.jasyncio.CancelledError;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Task;
import dev.jasyncio.bench.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the echo client against the NIO server and the jasyncio server, all in this JVM, for a few
 * messages at each of the benchmark's sizes, and checks that every byte came back. A smoke test: it
 * never looks at how long anything took. (The Python and Node servers are not run here: CI may not
 * have them.)
 */
class EchoSmokeTest {
  private NioEchoServer server;
  private Thread serving;

  @BeforeEach
  void start() throws IOException {
    server = new NioEchoServer("127.0.0.1", 0);
    serving =
        new Thread(
            () -> {
              try {
                server.run();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            },
            "nio-echo-server");
    serving.setDaemon(true);
    serving.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.close();
    serving.join(10_000);
    assertTrue(!serving.isAlive(), "the server did not stop");
  }

  @ParameterizedTest(name = "msize {0}")
  @ValueSource(ints = {1024, 10240, 102400, 1})
  void everyByteComesBack(int msize) throws Exception {
    checkEveryByteComesBack("nio", server.port(), msize);
  }

  @ParameterizedTest(name = "msize {0}")
  @ValueSource(ints = {1024, 10240, 102400, 1})
  void everyByteComesBackFromTheJasyncioServer(int msize) throws Exception {
    try (JasyncioOnItsThread jasyncio = new JasyncioOnItsThread()) {
      checkEveryByteComesBack("jasyncio", jasyncio.port(), msize);
    }
  }

  /** 40 messages of {@code msize} bytes over 3 connections, every byte compared. */
  private static void checkEveryByteComesBack(String label, int port, int msize) throws Exception {
    EchoClient.Options o =
        EchoClient.Options.parse(
            "--label",
            label,
            "--port",
            Integer.toString(port),
            "--concurrency",
            "3",
            "--msize",
            Integer.toString(msize),
            "--messages",
            "40",
            "--warmup",
            "0",
            "--verify",
            "--server-pid",
            Long.toString(ProcessHandle.current().pid()));
    EchoClient.Result r = EchoClient.run(o);

    assertEquals(40, r.messages());
    assertEquals(0, r.warmupMessages());
    assertEquals(40L * msize, r.bytesEchoed());
    Map<String, Object> line = Json.parseObject(Json.write(r.json()));
    assertEquals(label, line.get("server"));
    assertEquals((long) msize, line.get("msize"));
    assertEquals(3L, line.get("concurrency"));
    assertEquals(40L, line.get("messages"));
    assertTrue(((Number) line.get("requestsPerSecond")).doubleValue() > 0, line.toString());
    assertTrue(((Number) line.get("mbPerSecond")).doubleValue() > 0, line.toString());
    double p50 = ((Number) line.get("latencyP50Us")).doubleValue();
    double p99 = ((Number) line.get("latencyP99Us")).doubleValue();
    assertTrue(0 < p50 && p50 <= p99, line.toString());
    assertTrue(((Number) line.get("serverPeakRssBytes")).longValue() > 0, line.toString());
  }

  /**
   * {@link JasyncioEchoServer#serve} on port 0 on a loop of its own thread, as its {@code main}
   * runs it; closing cancels it, which closes the server and waits until every connection is
   * closed, and checks that the thread ends.
   */
  private static final class JasyncioOnItsThread implements AutoCloseable {
    private final CompletableFuture<Integer> listening = new CompletableFuture<>();
    private final Thread thread;
    private volatile EventLoop loop;
    private volatile Task<?> task;
    private volatile Throwable ended;

    JasyncioOnItsThread() {
      thread =
          new Thread(
              () -> {
                try {
                  Asyncio.run(
                      Async_JasyncioEchoServer.serve(
                          "127.0.0.1",
                          0,
                          port -> {
                            loop = EventLoop.getRunningLoop();
                            task = Asyncio.currentTask();
                            listening.complete(port);
                          }));
                  ended = new AssertionError("serve() returned");
                } catch (Throwable t) {
                  ended = t;
                  listening.completeExceptionally(t);
                }
              },
              "jasyncio-echo-server");
      thread.setDaemon(true);
      thread.start();
    }

    int port() throws Exception {
      return listening.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
      if (task != null) {
        Task<?> t = task;
        loop.callSoonThreadsafe(() -> t.cancel());
      }
      thread.join(30_000);
      assertTrue(!thread.isAlive(), "the jasyncio server did not stop");
      assertTrue(ended instanceof CancelledError, "the server ended with " + ended);
    }
  }

  @Test
  void aWarmUpIsNotCounted() throws Exception {
    EchoClient.Result r =
        EchoClient.run(
            EchoClient.Options.parse(
                "--port",
                Integer.toString(server.port()),
                "--concurrency",
                "2",
                "--messages",
                "10",
                "--warmup",
                "0.2"));
    assertEquals(10, r.messages());
    assertTrue(r.warmupMessages() > 0, "no message in 0.2 s of warm-up");
    assertEquals((10 + r.warmupMessages()) * 1024, r.bytesEchoed());
  }

  @Test
  void aShortEchoIsAnError() throws Exception {
    try (ServerSocket half = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                try (Socket s = half.accept()) {
                  InputStream in = s.getInputStream();
                  byte[] b = new byte[100];
                  int n = in.readNBytes(b, 0, 100);
                  s.getOutputStream().write(b, 0, n / 2);
                } catch (IOException e) {
                  // the client gave up first
                }
              });
      t.setDaemon(true);
      t.start();
      IOException e =
          assertThrows(
              IOException.class,
              () ->
                  EchoClient.run(
                      EchoClient.Options.parse(
                          "--port",
                          Integer.toString(half.getLocalPort()),
                          "--concurrency",
                          "1",
                          "--msize",
                          "100",
                          "--messages",
                          "1",
                          "--warmup",
                          "0")));
      assertTrue(e.getMessage().contains("after 50 of 100 bytes"), e.getMessage());
    }
  }
}
