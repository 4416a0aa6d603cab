package dev.jasyncio;

import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tests the buffer logic of {@link StreamReader}, fed by hand with {@code feedData}/{@code feedEof}
 * on the virtual clock: each read method with data present, with data arriving later and at the end
 * of the stream; the limit for {@code readline} (discards) and {@code readuntil} (keeps); cancelled
 * reads that take nothing; one waiter at a time; {@code setException}.
 */
class StreamReaderTest {
  private final TestEventLoop loop = new TestEventLoop();

  private <T> T run(Coroutine<T> main) {
    return Asyncio.run(main, () -> loop);
  }

  private static byte[] b(String s) {
    return s.getBytes(US_ASCII);
  }

  private static String s(Object bytes) {
    return new String((byte[]) bytes, US_ASCII);
  }

  /** Awaits {@code read} and finishes with its bytes as a string. */
  private static Coroutine<String> text(Coroutine<byte[]> read) {
    return co(() -> await(read, v -> ret(s(v))));
  }

  /** Feeds {@code chunks} one per loop iteration, then the end of the stream if {@code eof}. */
  private void feedLater(StreamReader r, boolean eof, String... chunks) {
    double t = 0;
    for (String c : chunks) {
      loop.callLater(t += 1, () -> r.feedData(b(c)));
    }
    if (eof) {
      loop.callLater(t + 1, r::feedEof);
    }
  }

  @Test
  void readReturnsWhatIsBufferedUpToN() {
    StreamReader r = new StreamReader();
    r.feedData(b("hello world"));
    assertEquals("hello", run(text(r.read(5))));
    assertEquals(" world", s(Asyncio.run(r.read(100), TestEventLoop::new)));
  }

  @Test
  void readWaitsForDataThenReturnsTheFirstChunk() {
    StreamReader r = new StreamReader();
    feedLater(r, false, "abc", "def");
    assertEquals("abc", run(text(r.read(10))));
  }

  @Test
  void readMinusOneReadsToTheEnd() {
    StreamReader r = new StreamReader();
    feedLater(r, true, "ab", "cd", "ef");
    assertEquals("abcdef", run(text(r.read(-1))));
    assertTrue(r.atEof());
  }

  @Test
  void readAtEofIsEmptyAndReadZeroIsEmpty() {
    StreamReader r = new StreamReader();
    r.feedData(b("x"));
    r.feedEof();
    assertFalse(r.atEof());
    assertEquals("", run(text(r.read(0))));
    assertEquals("x", s(Asyncio.run(r.read(5), TestEventLoop::new)));
    assertTrue(r.atEof());
    assertEquals("", s(Asyncio.run(r.read(5), TestEventLoop::new)));
    assertThrows(IllegalArgumentException.class, () -> r.read(-2));
  }

  @Test
  void feedDataAcceptsAByteBufferAndRejectsDataAfterEof() {
    StreamReader r = new StreamReader();
    ByteBuffer buf = ByteBuffer.wrap(b("xxabcyy"), 2, 3);
    r.feedData(buf);
    assertEquals(0, buf.remaining());
    r.feedEof();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.feedData(b("z")));
    assertTrue(e.getMessage().contains("StreamReader"), e.getMessage());
    assertEquals("abc", run(text(r.read(-1))));
  }

  @Test
  void readlineSplitsLinesAcrossChunksAndReturnsThePartialLastLine() {
    StreamReader r = new StreamReader();
    feedLater(r, true, "one\ntw", "o\nthr", "ee");
    List<String> lines = new ArrayList<>();
    run(
        co(
            () ->
                await(
                    r.readline(),
                    a -> {
                      lines.add(s(a));
                      return await(
                          r.readline(),
                          c -> {
                            lines.add(s(c));
                            return await(
                                r.readline(),
                                d -> {
                                  lines.add(s(d));
                                  return await(
                                      r.readline(),
                                      e -> {
                                        lines.add(s(e));
                                        return ret();
                                      });
                                });
                          });
                    })));
    assertEquals(List.of("one\n", "two\n", "three", ""), lines);
  }

  @Test
  void readlineDiscardsALineLongerThanTheLimitAndTheNextReadlineWorks() {
    StreamReader r = new StreamReader(8);
    r.feedData(b("0123456789ABCDEF\nnext\n"));
    LimitOverrunException e = assertThrows(LimitOverrunException.class, () -> run(r.readline()));
    assertTrue(e.getMessage().contains("discarded"), e.getMessage());
    assertEquals(16, e.consumed());
    assertEquals("next\n", s(Asyncio.run(r.readline(), TestEventLoop::new)));
  }

  @Test
  void readlineDiscardsTheRestOfAnOverlongLineThatArrivesLater() {
    StreamReader r = new StreamReader(4);
    feedLater(r, false, "abcdefgh", "ijklmnop", "qr\nok\n");
    LimitOverrunException e = assertThrows(LimitOverrunException.class, () -> run(r.readline()));
    assertEquals(18, e.consumed());
    assertEquals("ok\n", s(Asyncio.run(r.readline(), TestEventLoop::new)));
  }

  @Test
  void readuntilKeepsTheBufferWhenTheSeparatorIsBeyondTheLimit() {
    StreamReader r = new StreamReader(4);
    r.feedData(b("abcdefg|h"));
    LimitOverrunException e =
        assertThrows(LimitOverrunException.class, () -> run(r.readuntil(b("|"))));
    assertEquals(7, e.consumed());
    assertEquals("abcdefg|h", s(Asyncio.run(r.read(100), TestEventLoop::new)));
  }

  @Test
  void readuntilKeepsTheBufferWhenNoSeparatorIsWithinTheLimit() {
    StreamReader r = new StreamReader(4);
    r.feedData(b("abcdefg"));
    assertThrows(LimitOverrunException.class, () -> run(r.readuntil(b("|"))));
    assertEquals("abcdefg", s(Asyncio.run(r.read(100), TestEventLoop::new)));
  }

  @Test
  void readuntilFindsAMultiByteSeparatorSplitAcrossChunks() {
    StreamReader r = new StreamReader();
    feedLater(r, false, "head\r", "\nbody");
    assertEquals("head\r\n", run(text(r.readuntil(b("\r\n")))));
    assertThrows(IllegalArgumentException.class, () -> r.readuntil(new byte[0]));
  }

  @Test
  void readuntilAtEofRaisesIncompleteReadWithThePartialBytes() {
    StreamReader r = new StreamReader();
    feedLater(r, true, "no separator");
    IncompleteReadException e =
        assertThrows(IncompleteReadException.class, () -> run(r.readuntil(b("|"))));
    assertEquals("no separator", s(e.partial()));
    assertEquals(-1, e.expected());
    assertTrue(r.atEof());
  }

  @Test
  void readexactlyWaitsForAllTheBytes() {
    StreamReader r = new StreamReader();
    feedLater(r, false, "ab", "cd", "efgh");
    assertEquals("abcde", run(text(r.readexactly(5))));
    assertEquals(3.0, loop.time());
    assertThrows(IllegalArgumentException.class, () -> r.readexactly(-1));
  }

  @Test
  void readexactlyAtEofRaisesIncompleteReadWithPartialAndExpected() {
    StreamReader r = new StreamReader();
    feedLater(r, true, "abc");
    IncompleteReadException e =
        assertThrows(IncompleteReadException.class, () -> run(r.readexactly(10)));
    assertEquals("abc", s(e.partial()));
    assertEquals(10, e.expected());
    assertEquals("3 bytes read on a total of 10 expected bytes", e.getMessage());
  }

  @Test
  void aCancelledReadTakesNothing() {
    StreamReader r = new StreamReader();
    List<String> got = new ArrayList<>();
    run(
        co(
            () -> {
              Task<byte[]> t = Asyncio.createTask(r.readexactly(4));
              return await(
                  Asyncio.sleep(1),
                  v -> {
                    r.feedData(b("ab"));
                    t.cancel();
                    return await(
                        Asyncio.sleep(1),
                        w -> {
                          assertTrue(t.cancelled());
                          r.feedData(b("cd"));
                          return await(
                              r.readexactly(4),
                              x -> {
                                got.add(s(x));
                                return ret();
                              });
                        });
                  });
            }));
    assertEquals(List.of("abcd"), got);
  }

  @Test
  void aSecondWaitingReaderIsRejected() {
    StreamReader r = new StreamReader();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                run(
                    co(
                        () -> {
                          Asyncio.createTask(r.read(1));
                          return await(Asyncio.sleep(0), v -> await(r.readline(), Coro::ret));
                        })));
    assertTrue(
        e.getMessage().startsWith("readline() called while another coroutine"), e.getMessage());
    assertTrue(e.getMessage().contains("StreamReader"), e.getMessage());
  }

  @Test
  void setExceptionFailsTheWaitingReadAndLaterReads() {
    StreamReader r = new StreamReader();
    IOException boom = new IOException("boom");
    loop.callLater(1, () -> r.setException(boom));
    Throwable e = assertThrows(IOException.class, () -> run(r.read(10)));
    assertEquals(boom, e);
    assertEquals(boom, r.exception());
    assertThrows(IOException.class, () -> Asyncio.run(r.readline(), TestEventLoop::new));
  }

  @Test
  void describesItsState() {
    StreamReader r = new StreamReader(10);
    r.feedData(b("abc"));
    r.feedEof();
    assertEquals("<StreamReader 3 bytes eof limit=10>", r.toString());
    assertThrows(IllegalArgumentException.class, () -> new StreamReader(0));
  }
}
