package dev.jasyncio;

/**
 * A flag that tasks can wait for, as Python's {@code asyncio.Event}: {@link #set()} wakes every
 * waiting task, and waiting on a set event returns at once.
 *
 * <pre>{@code
 * Event ready = new Event();
 * createTask(worker(ready));        // the worker does await(ready.waitEvent())
 * await(loadConfiguration());
 * ready.set();                      // the worker runs on
 * }</pre>
 *
 * <p>Python's {@code event.wait()} is {@link #waitEvent()} here: a method named {@code wait} would
 * clash with {@link Object#wait()}, which every Java object has (and which, called on an event by
 * mistake, throws {@link IllegalMonitorStateException}). {@code Asyncio.waitTasks} is renamed for
 * the same reason.
 *
 * <h2>Cancellation</h2>
 *
 * <p>A task cancelled while it waits raises {@link CancelledError} and leaves; the event is
 * unaffected.
 *
 * <h2>Threads</h2>
 *
 * <p>Loop thread only, and one loop: the event binds to the loop of the first task that waits for
 * it. From another thread, set it through {@link EventLoop#callSoonThreadsafe}.
 */
public final class Event extends LoopBound {
  private boolean value;
  private final WaiterQueue waiters = new WaiterQueue(this);

  /** An event that is not set. */
  public Event() {}

  /** Whether the event is set: Python's {@code is_set()}. */
  public boolean isSet() {
    return value;
  }

  /**
   * Sets the event and wakes every task waiting for it. Tasks that wait after this return at once,
   * until {@link #clear()}. Setting a set event does nothing.
   */
  public void set() {
    checkThread("Event.set");
    if (!value) {
      value = true;
      waiters.wakeAll(Boolean.TRUE);
    }
  }

  /**
   * Clears the event: tasks that wait after this block until the next {@link #set()}. Tasks already
   * woken by a {@code set()} still return.
   */
  public void clear() {
    value = false;
  }

  /**
   * Waits until the event is set, as Python's {@code event.wait()}: a coroutine that produces true
   * at once if the event is set, and otherwise when {@link #set()} is called.
   */
  public Coroutine<Boolean> waitEvent() {
    return new Wait();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<Event [").append(value ? "set" : "unset");
    if (!waiters.isEmpty()) {
      sb.append(", waiters:").append(waiters.size());
    }
    return sb.append("]>").toString();
  }

  /** The coroutine of {@link #waitEvent()}. */
  private final class Wait extends Coroutine<Boolean> {
    private static final byte START = 0;
    private static final byte WAITING = 1;
    private static final byte FINISHED = 2;

    private WaiterQueue.Waiter waiter;
    private byte state;

    @Override
    protected Object resume(Task<?> task, Object v, Throwable error) throws Throwable {
      switch (state) {
        case START:
          state = FINISHED;
          if (error != null) {
            throw error;
          }
          if (value) {
            return Boolean.TRUE;
          }
          WaiterQueue.Waiter w = waiters.append(loopFor(task));
          Object r = suspend(task, this, w);
          waiter = w;
          state = WAITING;
          return r;
        case WAITING:
          state = FINISHED;
          waiters.remove(waiter);
          waiter = null;
          if (error != null) {
            throw error;
          }
          return Boolean.TRUE;
        default:
          throw reuseError(error);
      }
    }

    @Override
    public String toString() {
      return "waitEvent(" + Event.this + ")";
    }
  }
}
