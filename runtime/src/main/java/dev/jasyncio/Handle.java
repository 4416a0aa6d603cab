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

  /**
   * The context the callback runs in: a {@link Context}, or, for a handle that runs at most once,
   * the values (an {@code Object[]} nobody changes) of the context it runs a copy of. That copy is
   * made when the callback runs, so that a timer cancelled before it is due costs no context.
   */
  private final Object context;

  private boolean cancelled;

  Handle(EventLoop loop, Runnable callback, Object context) {
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
    Object c = context;
    loop.currentContext = c instanceof Context given ? given : new Context((Object[]) c);
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
