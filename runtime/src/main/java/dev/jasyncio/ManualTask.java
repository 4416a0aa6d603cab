package dev.jasyncio;

import dev.jasyncio.internal.Sneaky;

/**
 * The driver behind {@link Coroutine#send}, {@link Coroutine#throwIn} and {@link Coroutine#close}:
 * a stand-in task outside any loop that remembers the innermost suspended frame between calls, and
 * hands back what the coroutine suspended on instead of waiting for it.
 */
final class ManualTask extends Task<Object> {
  /** The pending future the coroutine last suspended on, or null after a plain yield. */
  private Future<?> yielded;

  /** Whether the coroutine has been resumed at least once. */
  private boolean started;

  /** Whether a send() is running the coroutine now: a call from inside it is refused. */
  private boolean running;

  @SuppressWarnings("unchecked")
  private ManualTask(Coroutine<?> coro) {
    super((Coroutine<Object>) coro);
  }

  /**
   * The driver of {@code coro}, created on the first call; it is kept in the root's caller slot.
   */
  static ManualTask of(Coroutine<?> coro) {
    Coroutine<?> caller = coro.caller;
    if (caller instanceof Frame frame) {
      return frame.driver;
    }
    if (Coroutine.hasFinished(coro)) {
      // Finished by an await or an earlier send(): a new driver lets it raise its reuse error (or
      // ignore close()). An async generator is not done, though: it runs again on its next
      // request and may suspend, so the driver must be found again from the caller slot.
      ManualTask driver = new ManualTask(coro);
      driver.started = true;
      coro.caller = new Frame(driver);
      return driver;
    }
    if (Coroutine.runsUnlinked(coro)) {
      throw new IllegalStateException(
          "coroutine " + coro + " is already executing; it cannot also be driven by send()");
    }
    if (caller != null) {
      throw new IllegalStateException(
          "coroutine "
              + coro
              + " is awaited by "
              + caller
              + "; it cannot also be driven by send()");
    }
    ManualTask driver = new ManualTask(coro);
    coro.caller = new Frame(driver);
    return driver;
  }

  static void close(Coroutine<?> coro) {
    try {
      of(coro).send(null, new GeneratorExit());
    } catch (GeneratorExit | StopIteration finished) {
      return;
    }
    throw new IllegalStateException("coroutine ignored GeneratorExit: " + coro);
  }

  Object send(Object value, Throwable error) {
    if (running) {
      // As Python's "ValueError: coroutine already executing": resuming it from inside itself
      // would run its state machine twice at once.
      throw new IllegalStateException("coroutine " + getCoro() + " is already executing");
    }
    if (!started) {
      if (value != null && error == null) {
        // As Python's TypeError: nothing in the coroutine could receive the value.
        throw new IllegalArgumentException(
            "can't send non-null value to a just-started coroutine: " + getCoro());
      }
      started = true;
    }
    Future<?> f = yielded;
    yielded = null;
    if (f != null && error == null) {
      // Like Python's Future.__await__: what comes back is the future's outcome, not the value
      // sent.
      value = null;
      if (!f.done()) {
        error = new IllegalStateException("await wasn't used with future " + f);
      } else if (f.state == RESULT) {
        value = f.outcome;
      } else {
        error = f.takeError();
      }
    }
    Object result;
    running = true;
    try {
      result = drive(value, error);
    } catch (Throwable t) {
      throw Sneaky.throwUnchecked(t);
    } finally {
      running = false;
    }
    if (result == Coroutine.SUSPENDED) {
      return yielded;
    }
    throw new StopIteration(result);
  }

  @Override
  Object awaitFuture(Coroutine<?> frame, Future<?> f) {
    if (f.done()) {
      return f.takeOutcome();
    }
    suspendCheck(frame);
    yielded = f;
    return Coroutine.SUSPENDED;
  }

  @Override
  Object sleepFor(Coroutine<?> frame, double delay) {
    throw new IllegalStateException(
        "sleep("
            + delay
            + ") needs a running event loop; a coroutine driven by send() can only"
            + " sleep(0)");
  }

  @Override
  Object yieldNow(Coroutine<?> frame) {
    suspendCheck(frame);
    return Coroutine.SUSPENDED;
  }

  @Override
  EventLoop loopOrNull() {
    return null;
  }

  @Override
  EventLoop loop() {
    throw new IllegalStateException(
        "a coroutine driven by send() is not on an event loop and cannot await a CompletionStage");
  }

  @Override
  public boolean cancel(String message) {
    throw new UnsupportedOperationException(
        "a coroutine driven by send() has no task to cancel; use throwIn(new CancelledError())");
  }

  @Override
  public String toString() {
    return "<send() driver of " + getCoro() + ">";
  }

  /** Sits in the root coroutine's caller slot to find the driver again; never resumed. */
  static final class Frame extends Coroutine<Object> {
    final ManualTask driver;

    Frame(ManualTask driver) {
      this.driver = driver;
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) {
      throw new AssertionError("the send() driver frame is never resumed");
    }

    @Override
    public String toString() {
      return "the send() driver";
    }
  }
}
