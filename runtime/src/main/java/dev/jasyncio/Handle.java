package dev.jasyncio;

/**
 * A callback scheduled on an {@link EventLoop} by {@link EventLoop#callSoon}: it can be cancelled
 * until it runs.
 *
 * <p>The callback runs on the loop's thread, in the {@link Context} that was current when it was
 * scheduled. If it throws, the exception goes to the loop's {@link ExceptionHandler} and the loop
 * keeps running.
 */
public class Handle extends Scheduled {
  final EventLoop loop;
  private final Runnable callback;
  private final Context context;
  private boolean cancelled;

  Handle(EventLoop loop, Runnable callback, Context context) {
    this.loop = loop;
    this.callback = callback;
    this.context = context;
  }

  /**
   * Prevents the callback from running, if it has not run yet. Loop thread only.
   *
   * @throws IllegalStateException if called from a thread other than the running loop's
   */
  public void cancel() {
    loop.checkThread("Handle.cancel");
    if (!cancelled) {
      cancelled = true;
      onCancel();
    }
  }

  /** Whether {@link #cancel()} was called. */
  public boolean cancelled() {
    return cancelled;
  }

  void onCancel() {}

  @Override
  void runScheduled() {
    if (cancelled) {
      return;
    }
    Context previous = loop.currentContext;
    loop.currentContext = context;
    try {
      callback.run();
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable t) {
      loop.callExceptionHandler(
          new ExceptionContext("Exception in callback " + this, t, this, null));
    } finally {
      loop.currentContext = previous;
    }
  }

  @Override
  public String toString() {
    return "<" + getClass().getSimpleName() + (cancelled ? " cancelled " : " ") + callback + ">";
  }
}
