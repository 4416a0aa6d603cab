package dev.jasyncio;

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
