package dev.jasyncio;

/**
 * A mutual exclusion lock for tasks, as Python's {@code asyncio.Lock}: one task at a time holds it,
 * the others wait in line.
 *
 * <pre>{@code
 * // Python: async with lock: ...
 * try (Entered<Void> held = asyncWith(lock)) {   // in an @Async method
 *   await(writeRecord(record));
 * }
 *
 * // the same as one coroutine:
 * await(asyncWith(lock, held -> writeRecord(record)));
 *
 * // by hand:
 * await(lock.acquire());
 * try {
 *   await(writeRecord(record));
 * } finally {
 *   lock.release();
 * }
 * }</pre>
 *
 * <h2>Order</h2>
 *
 * <p>Waiting tasks get the lock in the order they asked for it. {@link #release()} wakes the first
 * of them and leaves the lock free until that task runs and takes it; in between, a task that asks
 * for the lock queues behind it rather than taking the lock first (asyncio's fairness since Python
 * 3.12). The lock is not reentrant and has no owner: a task that acquires it again while holding it
 * waits for itself forever, and any task may release it, as in asyncio.
 *
 * <h2>Cancellation</h2>
 *
 * <p>A task cancelled while it waits leaves the line. If it had already been woken, the lock goes
 * to the next waiter, so that a cancellation never leaves the lock stuck or a waiter asleep.
 *
 * <h2>Threads</h2>
 *
 * <p>Loop thread only, and one loop: the lock binds to the loop of the first task that has to wait
 * for it; from then on, waiting from another loop and releasing from another thread throw.
 * Acquiring a free lock needs no loop and allocates nothing but the acquire coroutine; releasing
 * allocates nothing. It is not a {@link java.util.concurrent.locks.Lock}: it never blocks a thread,
 * it suspends tasks.
 *
 * @see Condition
 * @see Semaphore
 */
public final class Lock extends Acquirable implements AsyncContextManager<Void> {
  /*
   * Overview: the state is CPython 3.12's. `locked` is true while some task holds the lock. The
   * queue holds the waiters; when the lock is free and the queue is not empty, its head has been
   * woken and will take the lock when its task runs (or, if cancelled first, wake the next one).
   * So a free lock with an empty queue is the only case where acquire() takes the lock at once.
   */

  private boolean locked;
  private final WaiterQueue waiters = new WaiterQueue(this);

  /** A lock that is not held. */
  public Lock() {}

  /**
   * Acquires the lock: a coroutine that takes it at once if it is free and nobody waits for it, and
   * otherwise waits its turn. It produces true, as Python's {@code acquire()} does. Nothing happens
   * until the coroutine is awaited.
   */
  public Coroutine<Boolean> acquire() {
    return newAcquire(Boolean.TRUE);
  }

  /**
   * Releases the lock and wakes the first waiting task, if any.
   *
   * @throws IllegalStateException if the lock is not held (Python's {@code RuntimeError})
   */
  public void release() {
    checkThread("Lock.release");
    if (!locked) {
      throw new IllegalStateException("Lock is not acquired: " + this);
    }
    locked = false;
    waiters.wakeHead(Boolean.TRUE);
  }

  /** Whether some task holds the lock. */
  public boolean locked() {
    return locked;
  }

  /** Acquires the lock; produces null, as Python's {@code __aenter__} returns None. */
  @Override
  public Coroutine<Void> aenter() {
    return newAcquire(null);
  }

  /**
   * Releases the lock now and returns a finished coroutine that does not suppress {@code
   * exception}.
   *
   * @throws IllegalStateException if the lock is not held
   */
  @Override
  public Coroutine<Boolean> aexit(Throwable exception) {
    release();
    return NOT_SUPPRESSED;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<Lock [").append(locked ? "locked" : "unlocked");
    if (!waiters.isEmpty()) {
      sb.append(", waiters:").append(waiters.size());
    }
    return sb.append("]>").toString();
  }

  // ---- the acquire state machine's questions ----

  @Override
  boolean tryAcquire() {
    if (!locked && waiters.isEmpty()) {
      locked = true;
      return true;
    }
    return false;
  }

  @Override
  WaiterQueue.Waiter enqueue(Task<?> task) {
    return waiters.append(loopFor(task));
  }

  @Override
  void acquired(WaiterQueue.Waiter waiter) {
    waiters.remove(waiter);
    locked = true;
  }

  @Override
  void gaveUp(WaiterQueue.Waiter waiter) {
    waiters.remove(waiter);
    if (!locked) {
      // This waiter may have been the one woken to take the lock: wake the next one instead.
      waiters.wakeHead(Boolean.TRUE);
    }
  }
}
