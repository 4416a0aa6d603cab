package dev.jasyncio;

import java.time.Duration;
import java.util.Objects;

/**
 * The coroutine of {@link Asyncio#sleep}: one suspension on a timer, or one yield for delay ≤ 0.
 */
final class Sleep<T> extends Coroutine<T> {
  private final double delay;
  private final T result;
  private byte state;

  Sleep(double delay, T result) {
    this.delay = EventLoop.checkDelay(delay, "sleep");
    this.result = result;
  }

  /** The seconds of {@code sleep(duration)}. */
  static double seconds(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    return duration.toNanos() / 1e9;
  }

  /**
   * Called by {@code await} instead of running this coroutine as a frame: a sleep without a result
   * suspends the awaiting coroutine itself on the timer, so that nothing of the sleep stays alive
   * while the task sleeps. Null if this sleep must run as a frame (it has a result, or it was
   * awaited before).
   */
  Object suspendDirectly(Task<?> task, Coroutine<?> awaiting) {
    if (state != 0 || result != null) {
      return null;
    }
    state = 2; // awaited: awaiting it again is an error, as for any coroutine
    return delay > 0 ? task.sleepFor(awaiting, delay) : task.yieldNow(awaiting);
  }

  @Override
  protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
    switch (state) {
      case 0:
        if (error != null) {
          state = 2;
          throw error;
        }
        state = 1;
        return delay > 0 ? task.sleepFor(this, delay) : task.yieldNow(this);
      case 1:
        state = 2;
        if (error != null) {
          throw error;
        }
        return result;
      default:
        throw reuseError(error);
    }
  }

  @Override
  public String toString() {
    return "sleep(" + delay + ")";
  }
}
