package dev.jasyncio;

import java.util.Objects;

/**
 * A {@link Coroutine} running on an {@link EventLoop}, as Python's {@code asyncio.Task}: a {@link
 * Future} of the coroutine's result.
 *
 * <pre>{@code
 * Task<String> fetch = createTask(download(url));   // scheduled; runs when this task suspends
 * doOtherWork();
 * String page = await(fetch);
 * }</pre>
 *
 * <p>A task starts lazily: creating it schedules its first step, which runs once the creator
 * suspends (unless the loop creates tasks eagerly, see {@link EventLoop#setEagerTasks}). It runs in
 * a copy of its creator's {@link Context}. The loop keeps every pending task strongly referenced,
 * so a task nobody holds still runs to the end.
 *
 * <h2>States</h2>
 *
 * <table>
 *   <caption>A task's life</caption>
 *   <tr><th>state</th><th>how it gets there</th></tr>
 *   <tr><td>pending, scheduled</td><td>created; or woken because what it awaited is done</td></tr>
 *   <tr><td>pending, running</td><td>the loop is running one step of its coroutine</td></tr>
 *   <tr><td>pending, suspended</td><td>its coroutine awaits a future, a sleep or a yield</td></tr>
 *   <tr><td>finished with a result</td><td>the coroutine returned</td></tr>
 *   <tr><td>finished with an exception</td><td>the coroutine threw</td></tr>
 *   <tr><td>cancelled</td><td>the coroutine let a {@link CancelledError} out</td></tr>
 * </table>
 *
 * <h2>Cancellation</h2>
 *
 * <p>{@link #cancel(String)} is a request: the task receives a {@link CancelledError} at the await
 * where it is suspended (or at its next one, if it is running). The coroutine may catch it, clean
 * up and rethrow it; if it returns a value instead, the task finishes with that value and is not
 * cancelled. {@link #cancelling()} counts the requests not yet withdrawn by {@link #uncancel()},
 * which is how {@link Asyncio#timeout} and {@link TaskGroup} tell their own cancellations from
 * someone else's.
 *
 * <h2>Threads</h2>
 *
 * <p>Loop thread only, as every {@link Future}.
 *
 * @param <T> the type of the coroutine's result
 */
public class Task<T> extends Future<T> {
  /*
   * Overview. A step resumes the innermost suspended frame (top) and, as each frame finishes,
   * passes its outcome to its caller, until a frame suspends or the root coroutine finishes. A
   * frame suspends through awaitFuture, sleepFor, park or yieldNow, which record what will wake
   * the task: a Future in waitingOn (the task is one of its callbacks), SLEEPING (the task is its
   * own entry in the loop's timer queue), PARKED (a wait line such as a Queue's getters holds the
   * frame and calls unpark), or nothing (the task is already in the ready queue). wakeup() reads
   * the outcome from waitingOn, if any, and steps again.
   *
   * A task lives as long as the work it waits for, often long enough for G1 to promote it; then
   * every store of a reference into it from another heap region takes G1's slow write barrier, a
   * memory fence that waits for the task's cache line. So the hot path stores such references
   * into the task only where it must: the root frame is kept as a null top, sleeping and parking
   * are a byte beside a null waitingOn, and the loop lists pending tasks in an array rather than
   * linking them to each other.
   *
   * cancel() follows asyncio: cancel what the task waits on if it can (the wake-up then delivers
   * a CancelledError), else remember the request (MUST_CANCEL) and deliver it at the next step.
   */

  private final Coroutine<T> coro;

  /** The innermost frame, the one the next step resumes; null when that is the root, coro. */
  private Coroutine<?> top;

  /**
   * What will wake this task: a Future, a CancelledWait, or null (it sleeps, it is parked, or it is
   * in the ready queue). Within a step, it may also be a coroutine whose first resume was deferred
   * to {@link #drive} to keep the stack shallow.
   */
  private Object waitingOn;

  /**
   * What holds the task while waitingOn is null (the {@link #PARKING} bits: NOT_PARKED, SLEEPING or
   * PARKED), and the {@link #SUSPENDED} and {@link #MUST_CANCEL} flags. One byte keeps the task at
   * 64 bytes.
   */
  private byte flags;

  /** The bits of {@link #flags} that say what holds the task. */
  private static final int PARKING = 3;

  /** Nothing holds the task but waitingOn or the ready queue. */
  private static final int NOT_PARKED = 0;

  /** The task is its own entry in the loop's timer queue, numbered sleepSeq. */
  private static final int SLEEPING = 1;

  /** A wait line holds the task's top frame and wakes it with {@link #unpark}. */
  private static final int PARKED = 2;

  /** The current step registered a suspension. */
  private static final int SUSPENDED = 4;

  /**
   * A cancellation to deliver at the next step. Its message is kept in {@code outcome}, which a
   * pending task does not use otherwise.
   */
  private static final int MUST_CANCEL = 8;

  private int parking() {
    return flags & PARKING;
  }

  private void setParking(int parking) {
    flags = (byte) ((flags & ~PARKING) | parking);
  }

  private boolean has(int flag) {
    return (flags & flag) != 0;
  }

  private void set(int flag) {
    flags = (byte) (flags | flag);
  }

  private void clear(int flag) {
    flags = (byte) (flags & ~flag);
  }

  /** Cancellation requests not withdrawn; saturates at Short.MAX_VALUE, far beyond real use. */
  private short numCancelsRequested;

  /** The sequence number of the timer entry this task sleeps on, while it sleeps. */
  private int sleepSeq;

  /**
   * The task's context, or until someone needs that object, the values it starts with: its
   * creator's pairs, an array nobody changes (see {@link Context}).
   */
  private Object context;

  /** The N of "Task-N": wraps after 2^32 tasks and is shown unsigned. */
  private final int number;

  private String name;

  /** Where the loop lists this task among its pending tasks, plus one; 0 while not listed. */
  int pendingSlot;

  /** While this task holds itself as its callbacks: the loop's listener slot of its gather. */
  int listenerSlot;

  /**
   * A task on {@code loop}; {@code context} is a {@link Context} or the pairs to start one from.
   */
  Task(EventLoop loop, Coroutine<T> coro, String name, Object context, long number) {
    super(loop);
    this.coro = Objects.requireNonNull(coro, "coro");
    this.name = name;
    this.context = context;
    this.number = (int) number;
  }

  /** For {@link ManualTask}: a driver outside any loop. */
  Task(Coroutine<T> coro) {
    super();
    this.coro = coro;
    this.context = null;
    this.number = 0;
  }

  /** The coroutine this task runs. */
  public final Coroutine<T> getCoro() {
    return coro;
  }

  /** The context this task runs in. */
  public final Context getContext() {
    Object c = context;
    if (c instanceof Object[] pairs) {
      Context made = new Context(pairs);
      context = made;
      return made;
    }
    return (Context) c;
  }

  /** The values of this task's context. */
  final Object[] contextPairs() {
    Object c = context;
    return c instanceof Context made ? made.pairs() : (Object[]) c;
  }

  /** The task's name: the one given at creation or by {@link #setName}, else {@code Task-N}. */
  public final String getName() {
    String n = name;
    return n != null ? n : "Task-" + Integer.toUnsignedString(number);
  }

  public final void setName(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /**
   * Requests cancellation: the coroutine will receive a {@link CancelledError} with {@code message}
   * where it is suspended, or at its next suspension if it is running.
   *
   * @return false if the task is already done, else true
   */
  @Override
  public boolean cancel(String message) {
    loop.checkThread("Task.cancel");
    if (state != PENDING) {
      return false;
    }
    if (numCancelsRequested < Short.MAX_VALUE) {
      numCancelsRequested++;
    }
    if (cancelWaiter(message)) {
      // Like asyncio, keep waitingOn: if it is a task that swallows the cancellation, a later
      // cancel() reaches it again.
      return true;
    }
    set(MUST_CANCEL);
    outcome = message;
    return true;
  }

  /**
   * Not supported: a task's outcome is its coroutine's, as in asyncio ("Task does not support
   * set_result operation").
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public final boolean trySetResult(T result) {
    throw new UnsupportedOperationException(
        "Task does not support setResult(): its result is what its coroutine returns; " + this);
  }

  /**
   * Not supported: a task's outcome is its coroutine's.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public final boolean trySetException(Throwable exception) {
    throw new UnsupportedOperationException(
        "Task does not support setException(): its exception is what its coroutine throws; "
            + this);
  }

  /** The number of cancellation requests not withdrawn by {@link #uncancel()}. */
  public final int cancelling() {
    return numCancelsRequested;
  }

  /**
   * Withdraws one cancellation request and returns how many remain. When none remain, a request not
   * yet delivered is dropped.
   */
  public final int uncancel() {
    if (numCancelsRequested > 0) {
      numCancelsRequested--;
      if (numCancelsRequested == 0) {
        clear(MUST_CANCEL);
      }
    }
    return numCancelsRequested;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<Task ");
    sb.append(describeState()).append(" name='").append(getName()).append("' coro=").append(coro);
    if (state == PENDING && parking() == SLEEPING) {
      sb.append(" wait_for=<sleep>");
    } else if (state == PENDING && parking() == PARKED) {
      sb.append(" wait_for=<").append(top != null ? top : coro).append('>');
    } else if (state == PENDING && waitingOn != null) {
      sb.append(" wait_for=").append(waitingOn);
    }
    return sb.append('>').toString();
  }

  // ---- the driver ----

  EventLoop loop() {
    return loop;
  }

  /** The loop, or null for a coroutine driven by {@code send()}. */
  EventLoop loopOrNull() {
    return loop;
  }

  /** Runs the first step now, inside the creator's call (eager start). */
  final void eagerStart() {
    step(null, null);
  }

  @Override
  final void runScheduled() {
    if (state == PENDING) {
      wakeup();
    } else {
      runCallbacks();
    }
  }

  /** Schedules a wake-up that reads the outcome of {@link #waitingOn}. */
  final void wakeupLater() {
    loop.enqueue(this);
  }

  /** Wakes the task because what it waited on is done (or it is starting, or it yielded). */
  final void wakeup() {
    if (state != PENDING) {
      return;
    }
    Object w = waitingOn;
    waitingOn = null;
    if (w instanceof Future<?> f) {
      if (f.state == RESULT) {
        step(f.outcome, null);
      } else {
        step(null, f.takeError());
      }
    } else if (w instanceof CancelledWait c) {
      step(null, new CancelledError(c.message));
    } else {
      step(null, null);
    }
  }

  /** The message of the cancellation that {@link #MUST_CANCEL} will deliver. */
  private String cancelMessage() {
    return (String) outcome;
  }

  private void step(Object value, Throwable error) {
    if (has(MUST_CANCEL)) {
      // A cancellation requested while the task was not waiting on anything: deliver it now.
      error = cancellationFor(error);
      value = null;
    }
    EventLoop l = loop;
    Task<?> previousTask = l.currentTask;
    Context previousContext = l.currentContext;
    l.currentTask = this;
    // Null until the task needs its context object: EventLoop.currentContext() makes it then.
    l.currentContext = context instanceof Context c ? c : null;
    try {
      // Kept apart from this method: a small step() is what the JIT can compile into the loop.
      runStep(l, value, error);
    } finally {
      l.currentTask = previousTask;
      l.currentContext = previousContext;
    }
  }

  /** Runs the coroutine to its next suspension or its end, and records what happened. */
  private void runStep(EventLoop l, Object value, Throwable error) {
    Object result;
    try {
      result = drive(value, error);
    } catch (Throwable t) {
      finishWith(t);
      return;
    }
    if (result != Coroutine.SUSPENDED) {
      if (has(MUST_CANCEL)) {
        cancelAtReturn();
      } else {
        complete(RESULT, result);
      }
      return;
    }
    if (has(MUST_CANCEL)) {
      cancelAfterSuspending();
    }
    // Still pending: from now on the loop's list of pending tasks holds it (see createTask).
    if (pendingSlot == 0) {
      l.linkPending(this);
    }
  }

  /** The error to resume with when a cancellation is due: the given one if it is a cancellation. */
  private Throwable cancellationFor(Throwable error) {
    clear(MUST_CANCEL);
    return error instanceof CancelledError ? error : new CancelledError(cancelMessage());
  }

  // The rare outcomes of a step, out of line so that step() stays small enough to inline.

  /** The root coroutine threw {@code t}: the task is cancelled or failed. */
  private void finishWith(Throwable t) {
    if (t instanceof CancelledError c) {
      clear(MUST_CANCEL);
      complete(CANCELLED, c);
    } else {
      failWith(t);
    }
  }

  /** The task was cancelled during its last step, right before the coroutine returned. */
  private void cancelAtReturn() {
    clear(MUST_CANCEL);
    complete(CANCELLED, new CancelledError(cancelMessage()));
  }

  /** The task was cancelled during a step that then suspended: cancel what it waits on. */
  private void cancelAfterSuspending() {
    if (cancelWaiter(cancelMessage())) {
      clear(MUST_CANCEL);
    }
  }

  /**
   * Resumes the innermost frame with {@code value}/{@code error} and hands each finished frame's
   * outcome to its caller. Returns {@link Coroutine#SUSPENDED} or the root coroutine's result;
   * throws the root coroutine's failure.
   */
  final Object drive(Object value, Throwable error) throws Throwable {
    Coroutine<?> frame = top != null ? top : coro;
    clear(SUSPENDED);
    for (; ; ) {
      Object r;
      // Resumed at the bottom of the stack: the awaits it makes count their depth from here.
      frame.depth = 0;
      try {
        r = frame.resume(this, value, error);
      } catch (Throwable t) {
        if (frame == coro) {
          rootFinished();
          throw t;
        }
        frame = finished(frame);
        value = null;
        error = t;
        continue;
      }
      if (r == Coroutine.SUSPENDED) {
        if (has(SUSPENDED)) {
          if (!(waitingOn instanceof Coroutine<?> next)) {
            return r;
          }
          // A deep await chain: start the awaited coroutine here, at the bottom of the stack.
          waitingOn = null;
          clear(SUSPENDED);
          frame = next;
          value = null;
          error = null;
          continue;
        }
        // The frame returned SUSPENDED without registering anything to wait for: raise that in
        // it, as asyncio raises "Task got bad yield".
        value = null;
        error = badYield(frame);
        continue;
      }
      if (frame == coro) {
        rootFinished();
        return r;
      }
      frame = finished(frame);
      value = r;
      error = null;
    }
  }

  private static IllegalStateException badYield(Coroutine<?> frame) {
    return new IllegalStateException(
        "coroutine " + frame + " returned SUSPENDED without awaiting anything");
  }

  private void rootFinished() {
    // Resuming a finished coroutine again (send() after StopIteration) resumes the root, whose
    // reuse error names it. Whether it ran in a task or under send(), it is free to be awaited
    // again (and fail with that error).
    top = null;
    if (coro.caller != null) {
      coro.caller = Coroutine.FINISHED;
    }
  }

  /** Marks {@code frame} finished (it may be awaited again, and fail) and returns its caller. */
  private static Coroutine<?> finished(Coroutine<?> frame) {
    Coroutine<?> caller = frame.caller;
    frame.caller = Coroutine.FINISHED;
    return caller;
  }

  /** Called by a frame awaiting {@code f}: its outcome now if done, else suspend on it. */
  Object awaitFuture(Coroutine<?> frame, Future<?> f) {
    if (f.state != PENDING) {
      return f.takeOutcome();
    }
    if (f == this || f.loop != loop) {
      throw badAwait(f);
    }
    suspendCheck(frame);
    waitingOn = f;
    f.addWaiter(this);
    return Coroutine.SUSPENDED;
  }

  private IllegalStateException badAwait(Future<?> f) {
    return f == this
        ? new IllegalStateException("Task cannot await on itself: " + this)
        : new IllegalStateException(
            "Task " + this + " got Future " + f + " attached to a different loop");
  }

  /** Called by a frame awaiting {@code coroutine} too deep in the stack: start it from drive(). */
  final Object startInline(Coroutine<?> frame, Coroutine<?> coroutine) {
    suspendCheck(frame);
    waitingOn = coroutine;
    return Coroutine.SUSPENDED;
  }

  /** Called by {@code sleep(delay)} with {@code delay > 0}. */
  Object sleepFor(Coroutine<?> frame, double delay) {
    suspendCheck(frame);
    sleepSeq = loop.addSleeper(loop.deadlineAfter(delay), this);
    setParking(SLEEPING);
    return Coroutine.SUSPENDED;
  }

  /** Whether the task sleeps on the timer entry numbered {@code seq} (else that entry is dead). */
  final boolean sleepsOn(int seq) {
    return parking() == SLEEPING && sleepSeq == seq;
  }

  /** Called by the loop when the task's timer entry is due: the task is about to be woken. */
  final void sleepOver() {
    setParking(NOT_PARKED);
  }

  /**
   * Called by {@code frame}, which has just joined a wait line: suspend until the line calls {@link
   * #unpark} or the task is cancelled. Neither the line nor the task holds a future for it. A task
   * on a loop only: a coroutine driven by {@code send()} awaits a future instead.
   */
  final Object park(Coroutine<?> frame) {
    suspendCheck(frame);
    setParking(PARKED);
    return Coroutine.SUSPENDED;
  }

  /**
   * Wakes the task parked by {@code frame} (it resumes normally there in a later iteration).
   * Returns false, doing nothing, if it is not parked there: a cancellation has already woken it.
   */
  final boolean unpark(Coroutine<?> frame) {
    if (parking() != PARKED || (top != null ? top : coro) != frame) {
      return false;
    }
    setParking(NOT_PARKED);
    loop.enqueue(this);
    return true;
  }

  /** Called by {@code sleep(0)}: suspend for one loop iteration. */
  Object yieldNow(Coroutine<?> frame) {
    suspendCheck(frame);
    loop.enqueue(this);
    return Coroutine.SUSPENDED;
  }

  final void suspendCheck(Coroutine<?> frame) {
    if (has(SUSPENDED)) {
      throw suspendedTwice(frame);
    }
    set(SUSPENDED);
    top = frame != coro ? frame : null;
  }

  private IllegalStateException suspendedTwice(Coroutine<?> frame) {
    return new IllegalStateException(
        "coroutine " + frame + " suspended twice in one step of " + this);
  }

  /**
   * Cancels what this task waits on, so that its wake-up delivers a {@link CancelledError}. Returns
   * false if there is nothing it can cancel.
   */
  private boolean cancelWaiter(String message) {
    Object w = waitingOn;
    if (w instanceof Future<?> f) {
      return f.cancel(message);
    }
    if (parking() != NOT_PARKED) {
      if (parking() == SLEEPING) {
        // The timer entry stays in the loop's queue, dead: sleepsOn() is false from now on.
        loop.timerCancelled();
      }
      // A wait line keeps its entry until the frame, resumed with the error, takes it out;
      // unpark() refuses it meanwhile.
      setParking(NOT_PARKED);
      waitingOn = new CancelledWait(message);
      loop.enqueue(this);
      return true;
    }
    return false;
  }

  /** Ends {@link Future#listenBySlot}: returns the gather, which the caller now stores or tells. */
  final Gather<?> takeSlotListener() {
    Gather<?> gather = loop.slotListener(listenerSlot);
    listenerSlot = 0;
    gather.slotChildLeft();
    return gather;
  }

  @Override
  final void onDone() {
    loop.taskDone(this);
  }

  /**
   * What {@link #waitingOn} holds once a sleep or a park was cancelled: the wake-up raises this.
   */
  private static final class CancelledWait {
    final String message;

    CancelledWait(String message) {
      this.message = message;
    }

    @Override
    public String toString() {
      return "<wait cancelled>";
    }
  }
}
