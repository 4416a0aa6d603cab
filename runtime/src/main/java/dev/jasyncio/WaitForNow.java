package dev.jasyncio;

import java.util.function.Consumer;

/**
 * {@link Asyncio#waitFor} with a timeout of zero or less: the result if the awaitable is already
 * done; else cancel it, wait until the cancellation has run its cleanup, and raise {@link
 * TimeoutException}. A coroutine that has not started never runs.
 */
final class WaitForNow<T> extends Coroutine<T> {
  private final Awaitable<T> awaitable;
  private Future<T> future;
  private Future<Void> waiter;
  private Consumer<Future<T>> release;
  private byte state;

  WaitForNow(Awaitable<T> awaitable) {
    this.awaitable = awaitable;
  }

  @Override
  protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
    switch (state) {
      case 0:
        if (error != null) {
          state = 2;
          throw error;
        }
        future = task.loop().ensureFuture(awaitable);
        if (future.done()) {
          state = 2;
          return future.takeOutcome();
        }
        // Wait on a separate future, not on the awaited one, so that this wait stays cancellable.
        waiter = task.loop().createFuture();
        release =
            f -> {
              if (!waiter.done()) {
                waiter.setResult(null);
              }
            };
        future.addInternalCallback(release);
        future.cancel();
        state = 1;
        return await(task, waiter);
      case 1:
        state = 2;
        future.removeInternalCallback(release);
        if (error != null) {
          throw error;
        }
        try {
          return future.takeOutcome();
        } catch (CancelledError e) {
          throw new TimeoutException("waitFor: the timeout expired", e);
        }
      default:
        throw reuseError(error);
    }
  }

  @Override
  public String toString() {
    return "waitFor(" + awaitable + ", 0)";
  }
}
