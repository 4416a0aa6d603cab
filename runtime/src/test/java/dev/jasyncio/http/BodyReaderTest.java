package dev.jasyncio.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link BodyReader}, driven by hand as a publisher would drive it: it gathers every
 * chunk, asks for everything at once, and a cancel before, during or after the reading does what it
 * should.
 */
class BodyReaderTest {
  /** A subscription that records what the reader asks of it. */
  private static final class Recorded implements Flow.Subscription {
    long requested;
    boolean cancelled;

    @Override
    public void request(long n) {
      requested += n;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  private final BodyReader reader = new BodyReader();
  private final Recorded subscription = new Recorded();

  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(UTF_8));
  }

  private static String text(CompletableFuture<byte[]> body) {
    return new String(body.join(), UTF_8);
  }

  private static Throwable failure(CompletableFuture<?> f) {
    Throwable t = f.handle((v, e) -> e).join();
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  @Test
  void itAsksForEverythingAndGathersEveryChunk() {
    reader.onSubscribe(subscription);
    ByteBuffer direct = ByteBuffer.allocateDirect(2).put("cd".getBytes(UTF_8)).flip();
    ByteBuffer offset = ByteBuffer.wrap("--ef--".getBytes(UTF_8), 2, 2);
    ByteBuffer slice = ByteBuffer.wrap("..gh..".getBytes(UTF_8)).position(2).slice().limit(2);

    reader.onNext(List.of(bytes("ab"), direct));
    reader.onNext(List.of(offset, slice));
    assertFalse(reader.body.isDone());
    reader.onComplete();

    assertEquals(Long.MAX_VALUE, subscription.requested);
    assertEquals("abcdefgh", text(reader.body));
  }

  @Test
  void anErrorOfThePublisherFailsTheBody() {
    IOException broken = new IOException("connection reset");
    reader.onSubscribe(subscription);

    reader.onError(broken);

    assertSame(broken, failure(reader.body));
  }

  @Test
  void aCancelBeforeTheSubscriptionCancelsItWhenItArrives() {
    IOException reason = new IOException("released");

    reader.cancel(reason);
    reader.onSubscribe(subscription);

    assertTrue(subscription.cancelled);
    assertEquals(0, subscription.requested, "nothing was asked for");
    assertSame(reason, failure(reader.body));
  }

  @Test
  void aCancelWhileReadingCancelsTheSubscriptionAndFailsTheBody() {
    IOException reason = new IOException("released");
    reader.onSubscribe(subscription);
    reader.onNext(List.of(bytes("partial")));

    reader.cancel(reason);

    assertTrue(subscription.cancelled);
    assertSame(reason, failure(reader.body));
  }

  @Test
  void aCancelAfterTheBodyIsCompleteKeepsTheBody() {
    reader.onSubscribe(subscription);
    reader.onNext(List.of(bytes("all of it")));
    reader.onComplete();

    reader.cancel(new IOException("released"));

    assertEquals("all of it", text(reader.body));
  }

  @Test
  void aSecondSubscriptionIsCancelled() {
    Recorded second = new Recorded();
    reader.onSubscribe(subscription);

    reader.onSubscribe(second);

    assertTrue(second.cancelled);
    assertFalse(subscription.cancelled);
  }

  @Test
  void discardSubscribesAReaderThatCancelsAtOnce() {
    Flow.Publisher<List<ByteBuffer>> publisher = s -> s.onSubscribe(subscription);

    BodyReader.discard(publisher, new IOException("not wanted"));

    assertTrue(subscription.cancelled);
    assertEquals(0, subscription.requested);
  }
}
