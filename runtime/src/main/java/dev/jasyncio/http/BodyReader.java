package dev.jasyncio.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads a response body from the HTTP client's publisher into one array, and can stop reading at
 * any time: the client then closes the connection, which is how a response is released before its
 * body is read.
 *
 * <p>The publisher signals on the client's threads; {@link #cancel} may be called on any thread.
 */
final class BodyReader implements Flow.Subscriber<List<ByteBuffer>> {
  /** The whole body, or why it could not be read. */
  final CompletableFuture<byte[]> body = new CompletableFuture<>();

  private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
  private volatile boolean cancelled;

  /** Touched only by the publisher's signals, which it delivers one at a time. */
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  /** Subscribes a reader that cancels at once, so that the body is never read. */
  static void discard(Flow.Publisher<List<ByteBuffer>> publisher, Throwable reason) {
    BodyReader reader = new BodyReader();
    reader.cancel(reason);
    publisher.subscribe(reader);
  }

  /**
   * Stops reading: {@link #body} fails with {@code reason} unless it is already complete, and the
   * subscription is cancelled now or as soon as it arrives.
   */
  void cancel(Throwable reason) {
    cancelled = true;
    body.completeExceptionally(reason);
    Flow.Subscription s = subscription.get();
    if (s != null) {
      s.cancel();
    }
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    if (!subscription.compareAndSet(null, s)) {
      s.cancel(); // a publisher may be read once
      return;
    }
    // cancel() sets the flag before it reads the subscription, and this reads the flag after
    // setting it: whichever runs second sees the other, so a cancel is never lost.
    if (cancelled) {
      s.cancel();
    } else {
      s.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    for (ByteBuffer b : items) {
      if (b.hasArray()) {
        bytes.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
        b.position(b.limit());
      } else {
        byte[] copy = new byte[b.remaining()];
        b.get(copy);
        bytes.write(copy, 0, copy.length);
      }
    }
  }

  @Override
  public void onError(Throwable t) {
    body.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    body.complete(bytes.toByteArray());
  }

  @Override
  public String toString() {
    return "<BodyReader "
        + (body.isDone() ? (body.isCompletedExceptionally() ? "failed" : "done") : "reading")
        + ">";
  }
}
