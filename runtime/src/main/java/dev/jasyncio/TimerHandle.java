package dev.jasyncio;

/**
 * A callback scheduled for a time by {@link EventLoop#callLater} or {@link EventLoop#callAt}.
 *
 * <p>Timers run in order of their deadlines; timers with the same deadline run in the order they
 * were scheduled. (CPython's heap does not keep that order; jasyncio does, deliberately.)
 */
public class TimerHandle extends Handle {
  /** Deadline on the loop's clock, in nanoseconds. */
  final long whenNanos;

  /** Whether this handle is in the loop's timer queue; cleared when it leaves it. */
  boolean scheduled;

  TimerHandle(EventLoop loop, long whenNanos, Runnable callback, Object context) {
    super(loop, callback, context);
    this.whenNanos = whenNanos;
  }

  /** The deadline on the loop's clock ({@link EventLoop#time()}), in seconds. */
  public double when() {
    return whenNanos / 1e9;
  }

  @Override
  void onCancel() {
    if (scheduled) {
      loop.timerCancelled();
    }
  }

  @Override
  public String toString() {
    return "<TimerHandle" + (cancelled() ? " cancelled" : "") + " when=" + when() + ">";
  }
}
