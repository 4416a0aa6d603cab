package dev.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link EventLoop#addReader}, {@link EventLoop#addWriter} and their removal over a {@link
 * Pipe}: callbacks run on readiness, once per iteration while ready, not after removal; errors go
 * to the exception handler; a test loop waits for real I/O instead of reporting a deadlock.
 */
class EventLoopReadinessTest {
  private final Pipe pipe;

  EventLoopReadinessTest() throws IOException {
    pipe = Pipe.open();
    pipe.source().configureBlocking(false);
    pipe.sink().configureBlocking(false);
  }

  @AfterEach
  void closePipe() throws IOException {
    pipe.source().close();
    pipe.sink().close();
  }

  @Test
  void readerRunsWhenDataArrivesFromAnotherThread() throws Exception {
    EventLoop loop = new EventLoop();
    List<String> log = new ArrayList<>();
    ByteBuffer buf = ByteBuffer.allocate(16);
    loop.addReader(
        pipe.source(),
        () -> {
          try {
            buf.clear();
            int n = pipe.source().read(buf);
            log.add("read " + n);
          } catch (IOException e) {
            throw new RuntimeException(e);
          }
          assertTrue(loop.removeReader(pipe.source()));
          loop.stop();
        });
    Thread writer =
        new Thread(
            () -> {
              try {
                pipe.sink().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
              } catch (IOException e) {
                throw new RuntimeException(e);
              }
            });
    writer.start();
    loop.runForever();
    writer.join();
    assertEquals(List.of("read 3"), log);
    assertFalse(loop.removeReader(pipe.source()));
    loop.close();
  }

  @Test
  void writerRunsWhileWritableAndStopsWhenRemoved() {
    EventLoop loop = new EventLoop();
    int[] calls = {0};
    loop.addWriter(
        pipe.sink(),
        () -> {
          if (++calls[0] == 3) {
            loop.removeWriter(pipe.sink());
            loop.callSoon(loop::stop);
          }
        });
    loop.runForever();
    assertEquals(3, calls[0]);
    assertFalse(loop.removeWriter(pipe.sink()));
    loop.close();
  }

  @Test
  void readerAndWriterShareTheChannelAndReplaceEachOther() throws Exception {
    EventLoop loop = new EventLoop();
    List<String> log = new ArrayList<>();
    pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
    loop.addReader(pipe.source(), () -> log.add("first"));
    loop.addReader(
        pipe.source(),
        () -> {
          log.add("second");
          loop.removeReader(pipe.source());
          loop.stop();
        });
    loop.runForever();
    assertEquals(List.of("second"), log);
    // Removed and added again in one iteration: the cancelled key is flushed first.
    loop.addReader(pipe.source(), () -> {});
    assertTrue(loop.removeReader(pipe.source()));
    loop.addReader(
        pipe.source(),
        () -> {
          log.add("third");
          loop.removeReader(pipe.source());
          loop.stop();
        });
    loop.runForever();
    assertEquals(List.of("second", "third"), log);
    loop.close();
  }

  @Test
  void aFailingCallbackGoesToTheExceptionHandlerAndTheLoopGoesOn() throws Exception {
    EventLoop loop = new EventLoop();
    List<String> log = new ArrayList<>();
    loop.setExceptionHandler((l, c) -> log.add(c.exception().getMessage()));
    pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
    loop.addReader(
        pipe.source(),
        () -> {
          loop.removeReader(pipe.source());
          loop.callSoon(loop::stop);
          throw new IllegalStateException("boom");
        });
    loop.runForever();
    assertEquals(List.of("boom"), log);
    loop.close();
  }

  @Test
  void rejectsBlockingAndClosedChannelsAndAClosedLoop() throws Exception {
    EventLoop loop = new EventLoop();
    pipe.source().configureBlocking(true);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> loop.addReader(pipe.source(), () -> {}));
    assertTrue(e.getMessage().contains("configureBlocking(false)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> loop.addReader(pipe.sink(), () -> {}));
    loop.close();
    pipe.source().configureBlocking(false);
    assertThrows(IllegalStateException.class, () -> loop.addReader(pipe.source(), () -> {}));
    assertFalse(loop.removeReader(pipe.source()));
  }

  @Test
  void closingTheLoopCancelsRegistrations() {
    EventLoop loop = new EventLoop();
    loop.addReader(pipe.source(), () -> {});
    assertTrue(loop.hasIoRegistrations());
    loop.close();
    assertFalse(loop.hasIoRegistrations());
    assertTrue(pipe.source().isOpen());
  }

  @Test
  void aTestLoopWaitsForRealIoInsteadOfReportingADeadlock() throws Exception {
    TestEventLoop loop = new TestEventLoop();
    loop.setIdleTimeout(java.time.Duration.ofMillis(1));
    Future<Integer> got = loop.createFuture();
    loop.addReader(
        pipe.source(),
        () -> {
          loop.removeReader(pipe.source());
          got.setResult(1);
        });
    Thread writer =
        new Thread(
            () -> {
              try {
                pipe.sink().write(ByteBuffer.wrap(new byte[] {7}));
              } catch (IOException e) {
                throw new RuntimeException(e);
              }
            });
    writer.start();
    assertEquals(1, loop.runUntilComplete(got));
    writer.join();
    assertEquals(0.0, loop.time());
    loop.close();
  }
}
