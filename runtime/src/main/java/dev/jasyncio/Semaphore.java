package dev.jasyncio;

/**
 * A counter of permits, as Python's {@code asyncio.Semaphore}: {@link #acquire()} takes one and
 * waits while there are none, {@link #release()} gives one back. It bounds how many tasks do
 * something at once.
 *
 * <pre>{@code
 * Semaphore connections = new Semaphore(10);
 *
 * // in an @Async method: at most ten fetches run at a time
 * try (Entered<Void> permit = asyncWith(connections)) {
 *   return done(await(fetch(url)));
 * }
 * }</pre>
 *
 * <h2>Order</h2>
 *
 * <p>Waiting tasks get permits in the order they asked for them. A released permit is handed to the
 * first waiting task before it runs; while tasks wait, or have been woken and not run yet, a new
 * {@code acquire()} queues behind them even if permits are free (asyncio's fairness since Python
 * 3.12). {@link #locked()} is true then too.
 *
 * <p>{@code release()} may be called more often than {@code acquire()}: each call adds a permit.
 * {@link BoundedSemaphore} refuses a release beyond its initial value.
 *
 * <h2>Cancellation</h2>
 *
 * <p>A task cancelled while it waits leaves the line; if a permit had already been handed to it,
 * the permit goes to the next waiter.
 *
 * <h2>Threads</h2>
 *
 * <p>Loop thread only, and one loop: the semaphore binds to the loop of the first task that has to
 * wait on it. It is not a {@link java.util.concurrent.Semaphore}: it never blocks a thread, it
 * suspends tasks.
 */
public sealed class Semaphore extends Acquirable implements AsyncContextManager<Void>
    permits BoundedSemaphore {
  /*
   * Overview: the state is CPython 3.12's. `value` counts the free permits; a permit handed to a
   * woken waiter is taken off `value` when it is woken, not when its task runs. Woken waiters stay
   * queued until they run, so a latecomer sees a queue and waits its turn.
   */

  /** The free permits. */
  int value;

  private final WaiterQueue waiters = new WaiterQueue(this);

  /** A semaphore with one permit. */
  public Semaphore() {
    this(1);
  }

  /**
   * A semaphore with {@code value} permits.
   *
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public Semaphore(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("Semaphore initial value must be >= 0, not " + value);
    }
    this.value = value;
  }

  /**
   * Acquires a permit: a coroutine that takes one at once if {@link #locked()} is false, and
   * otherwise waits its turn. It produces true. Nothing happens until the coroutine is awaited.
   */
  public Coroutine<Boolean> acquire() {
    return newAcquire(Boolean.TRUE);
  }

  /** Gives a permit back and hands it to the first waiting task, if any. */
  public void release() {
    checkThread("Semaphore.release");
    value++;
    wakeNext();
  }

  /**
   * Whether {@link #acquire()} would wait: no permit is free, or tasks are waiting (or have been
   * woken and not run yet).
   */
  public boolean locked() {
    return value == 0 || !waiters.isEmpty();
  }

  /** Acquires a permit; produces null, as Python's {@code __aenter__} returns None. */
  @Override
  public Coroutine<Void> aenter() {
    return newAcquire(null);
  }

  /**
   * Releases the permit now and returns a finished coroutine that does not suppress {@code
   * exception}.
   */
  @Override
  public Coroutine<Boolean> aexit(Throwable exception) {
    release();
    return NOT_SUPPRESSED;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<").append(getClass().getSimpleName()).append(" [");
    if (locked()) {
      sb.append("locked");
    } else {
      sb.append("unlocked, value:").append(value);
    }
    if (!waiters.isEmpty()) {
      sb.append(", waiters:").append(waiters.size());
    }
    return sb.append("]>").toString();
  }

  // ---- the acquire state machine's questions ----

  @Override
  final boolean tryAcquire() {
    if (!locked()) {
      value--;
      return true;
    }
    return false;
  }

  @Override
  final WaiterQueue.Waiter enqueue(Task<?> task) {
    return waiters.append(loopFor(task));
  }

  @Override
  final void acquired(WaiterQueue.Waiter waiter) {
    waiters.remove(waiter);
    wakeWhileFree();
  }

  @Override
  final void gaveUp(WaiterQueue.Waiter waiter) {
    boolean handedAPermit = waiter.woken();
    waiters.remove(waiter);
    if (handedAPermit) {
      value++;
    }
    wakeWhileFree();
  }

  /** Hands a free permit to the first waiter not woken yet; false if there is none. */
  private boolean wakeNext() {
    if (!waiters.hasPending()) {
      return false;
    }
    value--;
    waiters.wakeNext(Boolean.TRUE);
    return true;
  }

  /** Waiters that queued behind a woken one while permits were free get those permits now. */
  private void wakeWhileFree() {
    while (value > 0 && wakeNext()) {
      // each call hands out one permit
    }
  }
}
