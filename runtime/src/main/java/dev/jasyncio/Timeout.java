package dev.jasyncio;

/**
 * A deadline for the code inside it, as Python's {@code asyncio.timeout}: when it passes, the task
 * is cancelled and, on exit, the {@link CancelledError} becomes a {@link TimeoutException}.
 *
 * <pre>{@code
 * // Python: async with asyncio.timeout(10): await long_running_task()
 * try (Entered<Timeout> t = asyncWith(timeout(10))) {   // in an @Async method
 *   await(longRunningTask());
 * }
 *
 * // the same as one coroutine:
 * await(asyncWith(timeout(10), t -> longRunningTask()));
 * }</pre>
 *
 * <p>Only the timeout's own cancellation is converted: a cancellation from elsewhere stays a {@link
 * CancelledError}, and of nested timeouts only the one that expired raises. If the code inside
 * catches the cancellation and finishes normally, nothing is raised. The deadline can be moved with
 * {@link #reschedule}. A timeout is entered once, inside a task.
 *
 * @see Asyncio#timeout(double)
 * @see Asyncio#timeoutAt(Double)
 */
public final class Timeout implements AsyncContextManager<Timeout> {
  private enum State {
    CREATED,
    ENTERED,
    EXPIRING,
    EXPIRED,
    EXITED
  }

  private State state = State.CREATED;
  private Double when;
  private Handle handler;
  private Task<?> task;
  private int cancellingAtEntry;

  /** A timeout with deadline {@code when} on the loop's clock; null for none (yet). */
  Timeout(Double when) {
    if (when != null && Double.isNaN(when)) {
      throw new IllegalArgumentException(
          "the deadline is NaN; give a time on the loop's clock or null");
    }
    this.when = when;
  }

  /** The deadline on the loop's clock, or null if there is none. */
  public Double when() {
    return when;
  }

  /**
   * Moves the deadline to {@code when} on the loop's clock; null removes it. A deadline already in
   * the past expires in the next loop iteration.
   *
   * @throws IllegalStateException if the timeout is not entered, or has expired or exited
   */
  public void reschedule(Double when) {
    if (state != State.ENTERED) {
      if (state == State.CREATED) {
        throw new IllegalStateException("Timeout has not been entered: " + this);
      }
      throw new IllegalStateException(
          "Cannot change the deadline of an " + state.name().toLowerCase() + " timeout: " + this);
    }
    if (when != null && Double.isNaN(when)) {
      throw new IllegalArgumentException(
          "the deadline is NaN; give a time on the loop's clock or null");
    }
    this.when = when;
    if (handler != null) {
      handler.cancel();
    }
    if (when == null) {
      handler = null;
    } else {
      EventLoop loop = task.getLoop();
      handler =
          when <= loop.time() ? loop.callSoon(this::onTimeout) : loop.callAt(when, this::onTimeout);
    }
  }

  /** Whether the deadline passed while the timeout was active. */
  public boolean expired() {
    return state == State.EXPIRING || state == State.EXPIRED;
  }

  @Override
  public Coroutine<Timeout> aenter() {
    return new Immediate<>(
        "Timeout.aenter",
        () -> {
          if (state != State.CREATED) {
            throw new IllegalStateException("Timeout has already been entered: " + this);
          }
          Task<?> current = EventLoop.getRunningLoop().currentTask();
          if (current == null) {
            throw new IllegalStateException("Timeout should be used inside a task: " + this);
          }
          state = State.ENTERED;
          task = current;
          cancellingAtEntry = current.cancelling();
          reschedule(when);
          return this;
        });
  }

  @Override
  public Coroutine<Boolean> aexit(Throwable exception) {
    return new Immediate<>(
        "Timeout.aexit",
        () -> {
          if (state != State.ENTERED && state != State.EXPIRING) {
            throw new IllegalStateException("Timeout exited without being entered: " + this);
          }
          if (handler != null) {
            handler.cancel();
            handler = null;
          }
          if (state == State.EXPIRING) {
            state = State.EXPIRED;
            if (task.uncancel() <= cancellingAtEntry && exception != null) {
              // No cancellation requests besides ours are left: this one is ours to handle.
              if (exception instanceof CancelledError) {
                throw new TimeoutException(describeExpiry(), exception);
              }
              // The body failed in some other way while being cancelled (say, a TaskGroup's
              // ExceptionGroup): record the timeout beside that failure.
              exception.addSuppressed(new TimeoutException(describeExpiry()));
            }
          } else {
            state = State.EXITED;
          }
          return false;
        });
  }

  private void onTimeout() {
    task.cancel();
    state = State.EXPIRING;
    handler = null;
  }

  private String describeExpiry() {
    return "the timeout expired (deadline " + when + " on the loop's clock)";
  }

  @Override
  public String toString() {
    return "<Timeout " + state.name().toLowerCase() + (when != null ? " when=" + when : "") + ">";
  }
}
