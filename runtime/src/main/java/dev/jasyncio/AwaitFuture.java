package dev.jasyncio;

/**
 * A {@link Future} seen as a {@link Coroutine}, so that combinators backed by a future ({@code
 * gather}, {@code shield}) can be returned from an {@code @Async} method. It holds no state of its
 * own: it can be awaited again, and {@link Asyncio#ensureFuture} returns the future behind it.
 */
final class AwaitFuture<T> extends Coroutine<T> {
  final Future<T> future;
  private boolean waiting;

  AwaitFuture(Future<T> future) {
    this.future = future;
  }

  @Override
  protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
    if (!waiting) {
      if (error != null) {
        throw error;
      }
      Object r = task.awaitFuture(this, future);
      waiting = r == SUSPENDED;
      return r;
    }
    waiting = false;
    if (error != null) {
      throw error;
    }
    return value;
  }

  @Override
  public String toString() {
    return future.toString();
  }
}
