package dev.jasyncio;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A condition variable, as Python's {@code asyncio.Condition}: tasks holding its {@link Lock} wait
 * until another task notifies them, and hold the lock again when the wait returns.
 *
 * <pre>{@code
 * // consumer, in an @Async method
 * try (Entered<Void> held = asyncWith(cond)) {
 *   await(cond.waitFor(() -> !items.isEmpty()));
 *   process(items.remove());
 * }
 *
 * // producer
 * try (Entered<Void> held = asyncWith(cond)) {
 *   items.add(item);
 *   cond.notifyWaiters(1);
 * }
 * }</pre>
 *
 * <h2>Names</h2>
 *
 * <p>Python's {@code wait()}, {@code notify(n=1)} and {@code notify_all()} are {@link
 * #waitCondition()}, {@link #notifyWaiters(int)} and {@link #notifyAllWaiters()} here: {@link
 * Object#wait()}, {@link Object#notify()} and {@link Object#notifyAll()} are final methods of every
 * Java object, and calling them on a condition by mistake throws {@link
 * IllegalMonitorStateException}. Python's {@code cond.notify()} is {@code cond.notifyWaiters(1)}.
 *
 * <h2>Cancellation</h2>
 *
 * <p>A wait always returns or fails with the lock held again. A task cancelled while it waits
 * re-acquires the lock, waiting its turn for it, and then raises the same {@link CancelledError}
 * instance it received. If it is cancelled again while re-acquiring, it keeps trying and raises the
 * latest cancellation, with the earlier one attached as suppressed. A task that was notified and
 * then fails this way passes its notification on to the next waiter, so that no notification is
 * lost.
 *
 * <h2>Threads</h2>
 *
 * <p>Loop thread only, and one loop: the condition binds to the loop of the first task that waits
 * on it. It is not a {@link java.util.concurrent.locks.Condition}: it never blocks a thread, it
 * suspends tasks.
 */
public final class Condition extends LoopBound implements AsyncContextManager<Void> {
  private final Lock lock;
  private final WaiterQueue waiters = new WaiterQueue(this);

  /** A condition with a new {@link Lock} of its own. */
  public Condition() {
    this(new Lock());
  }

  /** A condition over {@code lock}, which other conditions or code may share. */
  public Condition(Lock lock) {
    this.lock = Objects.requireNonNull(lock, "lock");
  }

  /** Acquires the underlying lock; see {@link Lock#acquire()}. */
  public Coroutine<Boolean> acquire() {
    return lock.acquire();
  }

  /**
   * Releases the underlying lock.
   *
   * @throws IllegalStateException if it is not held
   */
  public void release() {
    lock.release();
  }

  /** Whether the underlying lock is held. */
  public boolean locked() {
    return lock.locked();
  }

  /**
   * Waits until notified, as Python's {@code wait()}: a coroutine that releases the lock, waits for
   * {@link #notifyWaiters} or {@link #notifyAllWaiters}, re-acquires the lock and produces true. It
   * may also return without a notification of its own (a spurious wake-up, which the condition
   * variable protocol allows), so callers re-check what they wait for, or use {@link #waitFor}.
   *
   * <p>The coroutine throws {@link IllegalStateException} (Python's {@code RuntimeError}) when it
   * is awaited without the lock held.
   */
  public Coroutine<Boolean> waitCondition() {
    return new Wait(null);
  }

  /**
   * Waits until {@code predicate} is true, as Python's {@code wait_for}: a coroutine that checks
   * it, and {@link #waitCondition() waits} and checks again until it holds; then produces its
   * value, true. The predicate runs with the lock held, except for a first check that is already
   * true, which returns at once whether the lock is held or not (as in asyncio).
   */
  public Coroutine<Boolean> waitFor(BooleanSupplier predicate) {
    return new Wait(Objects.requireNonNull(predicate, "predicate"));
  }

  /**
   * Wakes up to {@code n} waiting tasks, the longest waiting first, as Python's {@code notify(n)}.
   * They return from their wait once they get the lock, so the caller should release it. With
   * {@code n <= 0}, or nobody waiting, it does nothing.
   *
   * @throws IllegalStateException if the lock is not held
   */
  public void notifyWaiters(int n) {
    checkThread("Condition.notifyWaiters");
    checkLocked("notify");
    for (int i = 0; i < n && waiters.wakeNext(Boolean.FALSE); i++) {
      // each call wakes one
    }
  }

  /**
   * Wakes every waiting task, as Python's {@code notify_all()}.
   *
   * @throws IllegalStateException if the lock is not held
   */
  public void notifyAllWaiters() {
    checkThread("Condition.notifyAllWaiters");
    checkLocked("notify");
    waiters.wakeAll(Boolean.FALSE);
  }

  /** Acquires the underlying lock; produces null. */
  @Override
  public Coroutine<Void> aenter() {
    return lock.aenter();
  }

  /** Releases the underlying lock; never suppresses {@code exception}. */
  @Override
  public Coroutine<Boolean> aexit(Throwable exception) {
    return lock.aexit(exception);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<Condition [").append(locked() ? "locked" : "unlocked");
    if (!waiters.isEmpty()) {
      sb.append(", waiters:").append(waiters.size());
    }
    return sb.append("]>").toString();
  }

  private void checkLocked(String what) {
    if (!lock.locked()) {
      throw new IllegalStateException("cannot " + what + " on un-acquired lock: " + this);
    }
  }

  /** The coroutine of {@link #waitCondition()} and {@link #waitFor}. */
  private final class Wait extends Coroutine<Boolean> {
    private static final byte START = 0;
    private static final byte WAITING = 1;
    private static final byte REACQUIRING = 2;
    private static final byte FINISHED = 3;

    /** Null for a single wait. */
    private final BooleanSupplier predicate;

    private byte state;

    /** The waiter in the condition's queue, or in the lock's while re-acquiring. */
    private WaiterQueue.Waiter waiter;

    /** Whether this wait was notified: if it fails, the notification goes to another waiter. */
    private boolean notified;

    /** What ended the wait, raised once the lock is held again. */
    private Throwable failure;

    Wait(BooleanSupplier predicate) {
      this.predicate = predicate;
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      switch (state) {
        case START:
          state = FINISHED;
          if (error != null) {
            throw error;
          }
          if (predicate != null && predicate.getAsBoolean()) {
            return Boolean.TRUE;
          }
          return startWaiting(task);
        case WAITING:
          state = FINISHED;
          notified = waiter.woken();
          waiters.remove(waiter);
          failure = error;
          return reacquire(task);
        case REACQUIRING:
          state = FINISHED;
          if (error == null) {
            lock.acquired(waiter);
            return reacquired(task);
          }
          lock.gaveUp(waiter);
          if (error instanceof CancelledError) {
            // The lock must be held again before the wait ends, however often it is cancelled.
            if (failure != null && failure != error) {
              error.addSuppressed(failure);
            }
            failure = error;
            return reacquire(task);
          }
          if (failure != null && failure != error) {
            error.addSuppressed(failure);
          }
          passNotification();
          throw error;
        default:
          throw reuseError(error);
      }
    }

    /** Releases the lock and waits for a notification; the lock is expected to be held. */
    private Object startWaiting(Task<?> task) {
      checkLocked("wait");
      WaiterQueue.Waiter w = waiters.append(loopFor(task));
      lock.release();
      Object r = suspend(task, this, w);
      waiter = w;
      state = WAITING;
      return r;
    }

    /** Takes the lock again, at once or by waiting in its queue. */
    private Object reacquire(Task<?> task) throws Throwable {
      if (lock.tryAcquire()) {
        return reacquired(task);
      }
      WaiterQueue.Waiter w;
      try {
        w = lock.enqueue(task);
      } catch (RuntimeException e) {
        passNotification();
        throw e;
      }
      Object r = suspend(task, this, w);
      waiter = w;
      state = REACQUIRING;
      return r;
    }

    /** The lock is held again: end with the failure, or check the predicate. */
    private Object reacquired(Task<?> task) throws Throwable {
      waiter = null;
      Throwable f = failure;
      if (f != null) {
        failure = null;
        passNotification();
        throw f;
      }
      if (predicate == null || predicate.getAsBoolean()) {
        return Boolean.TRUE;
      }
      return startWaiting(task);
    }

    private void passNotification() {
      if (notified) {
        notified = false;
        waiters.wakeNext(Boolean.FALSE);
      }
    }

    @Override
    public String toString() {
      return (predicate == null ? "waitCondition(" : "waitFor(") + Condition.this + ")";
    }
  }
}
