package dev.jasyncio;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The {@link CompletableFuture} face of a loop {@link Future}, for code on other threads:
 * cancelling it cancels the loop future, and blocking on it from the loop's own thread throws
 * instead of hanging forever.
 */
final class LoopCompletableFuture<T> extends CompletableFuture<T> {
  final EventLoop loop;
  volatile Future<T> source;

  LoopCompletableFuture(EventLoop loop, Future<T> source) {
    this.loop = loop;
    this.source = source;
  }

  /** Follows {@code future} from now on (loop thread). */
  void bind(Future<T> future) {
    source = future;
    future.addInternalCallback(this::copyFrom);
    if (isCancelled()) {
      future.cancel();
    }
  }

  /** Copies the outcome of the done loop future (loop thread). */
  void copyFrom(Future<T> f) {
    if (f.cancelled()) {
      super.cancel(false);
    } else if (f.state == Future.EXCEPTION) {
      completeExceptionally(f.takeError());
    } else {
      complete(f.result());
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    Future<T> s = source;
    if (cancelled && s != null) {
      if (loop.inLoopThread()) {
        s.cancel();
      } else {
        try {
          loop.callSoonThreadsafe(s::cancel);
        } catch (IllegalStateException closedLoop) {
          // Nothing left to cancel.
        }
      }
    }
    return cancelled;
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    checkNotBlockingLoop("get");
    return super.get();
  }

  @Override
  public T get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
    checkNotBlockingLoop("get");
    return super.get(timeout, unit);
  }

  @Override
  public T join() {
    checkNotBlockingLoop("join");
    return super.join();
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new LoopCompletableFuture<>(loop, null);
  }

  private void checkNotBlockingLoop(String method) {
    if (!isDone() && loop.inLoopThread()) {
      throw new IllegalStateException(
          method
              + "() on the event loop's own thread would block it forever: the loop is what"
              + " completes this future. Await the coroutine or task instead.");
    }
  }
}
