package dev.jasyncio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Asyncio;
import dev.jasyncio.EventLoop;
import dev.jasyncio.ExceptionContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Peers that reset, stop reading, or whose handlers fail. */
class FaultsTest {
  private final FaultPrograms p = new Async_FaultPrograms();

  @Test
  void aPeerResetMidReadFailsTheReadNamingThePeer() throws Exception {
    Asyncio.run(p.resetMidRead());
    assertEquals(2, p.log.size(), p.log.toString());
    String port = p.log.get(0).substring("peer ".length());
    String failure = p.log.get(1);
    assertTrue(failure.startsWith("java.net.SocketException: Connection reset"), failure);
    assertTrue(failure.endsWith("/127.0.0.1:" + port), failure);
  }

  @Test
  void afterAResetReadsAndDrainRaise() throws Exception {
    List<String> got = Asyncio.run(p.drainAfterReset());
    assertTrue(
        got.get(0).startsWith("read: java.net.SocketException: Connection reset"), got.get(0));
    assertEquals("drain: java.net.SocketException", got.get(1));
    assertEquals("closing true", got.get(2));
  }

  @Test
  void aClientThatStopsReadingMakesDrainWaitWithABoundedBuffer() {
    int chunks = 512;
    int size = 64 * 1024;
    long total = Asyncio.run(p.slowReader(chunks, size));
    assertEquals((long) chunks * size, total);
    assertTrue(p.maxBuffered < 64 * 1024 + size, "max buffered " + p.maxBuffered);
    assertTrue(p.maxBuffered > 64 * 1024, "drain had to wait: " + p.maxBuffered);
    assertTrue(p.log.get(0).startsWith("chunks written before reading "), p.log.toString());
  }

  @Test
  void aFailingHandlerIsReportedAndItsConnectionClosedWhileOthersAreServed() {
    List<ExceptionContext> reported = new ArrayList<>();
    List<String> got =
        Asyncio.run(
            p.failingHandler(),
            () -> {
              EventLoop loop = new EventLoop();
              loop.setExceptionHandler((l, c) -> reported.add(c));
              return loop;
            });
    assertEquals(List.of("EOF after 0 bytes", "hello\n"), got);
    assertEquals(1, reported.size());
    ExceptionContext c = reported.get(0);
    assertTrue(
        c.message().startsWith("Unhandled exception in client_connected_cb for peer /127.0.0.1:"),
        c.message());
    assertEquals("handler failed on fail now", c.exception().getMessage());
  }
}
