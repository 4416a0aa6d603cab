package dev.jasyncio;

import java.util.Locale;

/**
 * A meeting point for a fixed number of tasks, as Python's {@code asyncio.Barrier}: each task that
 * arrives waits until {@link #parties()} tasks have arrived, then they all go on together.
 *
 * <pre>{@code
 * Barrier ready = new Barrier(3);
 *
 * // in each of three tasks, in an @Async method:
 * int index = await(ready.waitBarrier());   // 0, 1 or 2: a different one for each
 *
 * // Python: async with barrier as index: ...
 * try (Entered<Integer> index = asyncWith(ready)) {
 *   log("passed as " + index.get());
 * }
 * }</pre>
 *
 * <p>Python's {@code barrier.wait()} is {@link #waitBarrier()} here, as {@code Event.wait()} is
 * {@link Event#waitEvent()}: a method named {@code wait} would clash with {@link Object#wait()}.
 *
 * <h2>Rounds</h2>
 *
 * <p>A barrier is reusable. When the last party arrives, the waiting tasks are released and the
 * barrier drains: tasks arriving for the next round wait until every released task has run on. The
 * indices of a round number its tasks in order of arrival, and the last to arrive gets the highest.
 *
 * <h2>Breaking</h2>
 *
 * <p>{@link #abort()} breaks the barrier: waiting tasks and every task that arrives later raise
 * {@link BrokenBarrierException}. {@link #reset()} makes the waiting tasks raise it and the barrier
 * usable again, also after an abort. A released task that has not run yet when the barrier is reset
 * or aborted raises it too, as in asyncio.
 *
 * <h2>Cancellation</h2>
 *
 * <p>A task cancelled while it waits leaves the barrier, which then waits for one more party; the
 * barrier is not broken.
 *
 * <h2>Threads</h2>
 *
 * <p>Loop thread only, and one loop: the barrier binds to the loop of the first task that waits on
 * it.
 */
public final class Barrier extends LoopBound implements AsyncContextManager<Integer> {
  /*
   * Overview: CPython's state machine, without the condition it is built on there. `count` is the
   * number of tasks inside wait() (arrived and not yet gone); a cancelled waiter counts until its
   * task runs. `filling` holds the tasks waiting for the barrier to fill; `blocked` holds those that
   * arrived while it drained or reset and wait to enter. A waiter is woken when the state it waits
   * on may have changed, and checks the state when its task runs, as CPython's wait_for does.
   */

  private enum State {
    FILLING,
    DRAINING,
    RESETTING,
    BROKEN
  }

  private final int parties;
  private State state = State.FILLING;
  private int count;
  private final WaiterQueue filling = new WaiterQueue(this);
  private final WaiterQueue blocked = new WaiterQueue(this);

  /**
   * A barrier for {@code parties} tasks.
   *
   * @throws IllegalArgumentException if {@code parties} is less than 1
   */
  public Barrier(int parties) {
    if (parties < 1) {
      throw new IllegalArgumentException("parties must be >= 1, not " + parties);
    }
    this.parties = parties;
  }

  /**
   * Waits until {@link #parties()} tasks are waiting, as Python's {@code barrier.wait()}: a
   * coroutine that produces this task's index in its round, from 0 to {@code parties() - 1}.
   *
   * <p>The coroutine throws {@link BrokenBarrierException} if the barrier is broken when it
   * arrives, or is aborted or reset before this task goes on.
   */
  public Coroutine<Integer> waitBarrier() {
    return new Wait();
  }

  /**
   * Breaks the barrier: the waiting tasks and those that arrive later raise {@link
   * BrokenBarrierException}, until {@link #reset()}. Unlike asyncio's {@code abort()}, not a
   * coroutine: it takes effect at once.
   */
  public void abort() {
    checkThread("Barrier.abort");
    state = State.BROKEN;
    filling.wakeAll(null);
    blocked.wakeAll(null);
  }

  /**
   * Returns the barrier to its empty state: tasks waiting in it raise {@link
   * BrokenBarrierException}, and tasks arriving after they have left start a new round. Also
   * repairs an aborted barrier. Unlike asyncio's {@code reset()}, not a coroutine: it takes effect
   * at once.
   */
  public void reset() {
    checkThread("Barrier.reset");
    state = count > 0 ? State.RESETTING : State.FILLING;
    filling.wakeAll(null);
    blocked.wakeAll(null);
  }

  /** The number of tasks needed to pass the barrier. */
  public int parties() {
    return parties;
  }

  /** The number of tasks waiting for the barrier to fill: Python's {@code n_waiting}. */
  public int nWaiting() {
    return state == State.FILLING ? count : 0;
  }

  /** Whether the barrier is broken by {@link #abort()}. */
  public boolean broken() {
    return state == State.BROKEN;
  }

  /** Waits on the barrier; produces this task's index, as Python's {@code __aenter__}. */
  @Override
  public Coroutine<Integer> aenter() {
    return new Wait();
  }

  /** Does nothing: returns a finished coroutine that does not suppress {@code exception}. */
  @Override
  public Coroutine<Boolean> aexit(Throwable exception) {
    return NOT_SUPPRESSED;
  }

  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("<Barrier [").append(state.name().toLowerCase(Locale.ROOT));
    if (state != State.BROKEN) {
      sb.append(", waiters:").append(nWaiting()).append('/').append(parties);
    }
    return sb.append("]>").toString();
  }

  /** A task has left wait(): the last one out ends draining or resetting and lets the next in. */
  private void leave() {
    count--;
    if (count == 0) {
      if (state == State.DRAINING || state == State.RESETTING) {
        state = State.FILLING;
      }
      blocked.wakeAll(null);
    }
  }

  /** The last party arrived: release the others, numbered in order of arrival. */
  private int release() {
    state = State.DRAINING;
    int index = 0;
    while (filling.wakeNext(index)) {
      index++;
    }
    return index;
  }

  /** The coroutine of {@link #waitBarrier()}. */
  private final class Wait extends Coroutine<Integer> {
    private static final byte START = 0;
    private static final byte BLOCKED = 1;
    private static final byte INSIDE = 2;
    private static final byte FINISHED = 3;

    private WaiterQueue.Waiter waiter;
    private byte state;

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      switch (state) {
        case START:
          state = FINISHED;
          if (error != null) {
            throw error;
          }
          return enter(task);
        case BLOCKED:
          state = FINISHED;
          blocked.remove(waiter);
          waiter = null;
          if (error != null) {
            throw error;
          }
          return enter(task);
        case INSIDE:
          state = FINISHED;
          filling.remove(waiter);
          waiter = null;
          try {
            if (error != null) {
              throw error;
            }
            if (Barrier.this.state == State.BROKEN || Barrier.this.state == State.RESETTING) {
              throw new BrokenBarrierException("Barrier aborted or reset: " + Barrier.this);
            }
            return value;
          } finally {
            leave();
          }
        default:
          throw reuseError(error);
      }
    }

    /** Enters the barrier, or waits to be let in while it drains or resets. */
    private Object enter(Task<?> task) {
      State s = Barrier.this.state;
      if (s == State.DRAINING || s == State.RESETTING) {
        return waitIn(task, blocked, BLOCKED);
      }
      if (s == State.BROKEN) {
        throw new BrokenBarrierException("Barrier aborted: " + Barrier.this);
      }
      if (count + 1 == parties) {
        count++;
        int index = release();
        leave();
        return index;
      }
      Object r = waitIn(task, filling, INSIDE);
      count++;
      return r;
    }

    private Object waitIn(Task<?> task, WaiterQueue queue, byte next) {
      WaiterQueue.Waiter w = queue.append(loopFor(task));
      Object r = suspend(task, this, w);
      waiter = w;
      state = next;
      return r;
    }

    @Override
    public String toString() {
      return "waitBarrier(" + Barrier.this + ")";
    }
  }
}
