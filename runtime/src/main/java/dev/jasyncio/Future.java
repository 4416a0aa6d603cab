package dev.jasyncio;

import dev.jasyncio.internal.Sneaky;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The eventual outcome of an operation on an {@link EventLoop}, as Python's {@code asyncio.Future}:
 * a result, an exception, or a cancellation. Coroutines {@code await} it; callbacks can be added to
 * it.
 *
 * <pre>{@code
 * Future<String> reply = loop.createFuture();
 * loop.callLater(1.0, () -> reply.setResult("pong"));
 * String s = await(reply); // inside an @Async method: "pong", a second later
 * }</pre>
 *
 * <h2>States</h2>
 *
 * <table>
 *   <caption>What each method does in each state</caption>
 *   <tr><th>state</th><th>{@code done()}</th><th>{@code result()}</th><th>{@code exception()}</th>
 *       <th>{@code setResult}/{@code cancel}</th></tr>
 *   <tr><td>pending</td><td>false</td><td>throws {@link InvalidStateException}</td>
 *       <td>throws {@link InvalidStateException}</td><td>completes it / returns true</td></tr>
 *   <tr><td>finished with a result</td><td>true</td><td>the result</td><td>null</td>
 *       <td>throws {@link InvalidStateException} / returns false</td></tr>
 *   <tr><td>finished with an exception</td><td>true</td><td>throws the exception</td>
 *       <td>the exception</td><td>throws {@link InvalidStateException} / returns false</td></tr>
 *   <tr><td>cancelled</td><td>true</td><td>throws {@link CancelledError}</td>
 *       <td>throws {@link CancelledError}</td>
 *       <td>throws {@link InvalidStateException} / returns false</td></tr>
 * </table>
 *
 * <h2>Callbacks</h2>
 *
 * <p>Done callbacks always run through the loop's ready queue, never inside the call that completed
 * the future, and never inside {@link #addDoneCallback} even when the future is already done.
 *
 * <h2>Exceptions nobody retrieved</h2>
 *
 * <p>A future that fails with an exception that nobody retrieves (by {@link #result()}, {@link
 * #exception()} or awaiting it) is reported once to the loop's {@link ExceptionHandler}: when the
 * future is garbage collected, or when the loop closes, whichever comes first.
 *
 * <h2>Threads</h2>
 *
 * <p>A future belongs to one loop and is used from that loop's thread only; from other threads go
 * through {@link EventLoop#callSoonThreadsafe} or {@link #toCompletableFuture()}. Its name clashes
 * with {@link java.util.concurrent.Future}; import the one you mean explicitly.
 *
 * @param <T> the type of the result
 */
public non-sealed class Future<T> extends Scheduled implements Awaitable<T> {
  static final byte PENDING = 0;
  static final byte RESULT = 1;
  static final byte EXCEPTION = 2;
  static final byte CANCELLED = 3;

  final EventLoop loop;
  byte state;

  /**
   * The result, the exception, or the {@link CancelledError}, according to {@link #state}. An
   * exception nobody has retrieved yet is held in the {@link UnretrievedFailure} that will report
   * it; retrieving it (see {@link #markRetrieved}) puts the exception itself back here.
   */
  Object outcome;

  /**
   * While pending: null, one callback, or an {@code ArrayList} of them. Once done: the callbacks
   * scheduled to run, taken when they run. A callback is a {@link Task} waiting on this future, a
   * {@link CallbackEntry} or a {@link Listener}. A task may also hold itself here: its one callback
   * is then the gather in the loop's listener slot it names (see {@link #listenBySlot}).
   */
  private Object callbacks;

  /** A pending future on {@code loop}; {@link EventLoop#createFuture()} does the same. */
  public Future(EventLoop loop) {
    this.loop = Objects.requireNonNull(loop, "loop");
  }

  /** For {@link ManualTask}, which belongs to no loop. */
  Future() {
    this.loop = null;
  }

  /** The loop this future belongs to. */
  public final EventLoop getLoop() {
    return loop;
  }

  /** Whether this future has a result or an exception, or is cancelled. */
  public final boolean done() {
    return state != PENDING;
  }

  /** Whether this future is cancelled. */
  public final boolean cancelled() {
    return state == CANCELLED;
  }

  /**
   * The result.
   *
   * @throws InvalidStateException if this future is pending
   * @throws CancelledError if it is cancelled
   * @throws Throwable its exception, unchanged (checked exceptions are thrown undeclared)
   */
  @SuppressWarnings("unchecked")
  public final T result() {
    switch (state) {
      case RESULT:
        return (T) outcome;
      case EXCEPTION:
        markRetrieved();
        throw Sneaky.throwUnchecked((Throwable) outcome);
      case CANCELLED:
        throw (CancelledError) outcome;
      default:
        throw new InvalidStateException("Result is not ready: " + this);
    }
  }

  /**
   * The exception this future failed with, or null if it has a result.
   *
   * @throws InvalidStateException if this future is pending
   * @throws CancelledError if it is cancelled
   */
  public final Throwable exception() {
    switch (state) {
      case RESULT:
        return null;
      case EXCEPTION:
        markRetrieved();
        return (Throwable) outcome;
      case CANCELLED:
        throw (CancelledError) outcome;
      default:
        throw new InvalidStateException("Exception is not set: " + this);
    }
  }

  /**
   * Completes this future with {@code result} and schedules its callbacks.
   *
   * @throws InvalidStateException if it is already done
   */
  public void setResult(T result) {
    if (!trySetResult(result)) {
      throw new InvalidStateException("Future already done: " + this);
    }
  }

  /** Completes this future with {@code result} if it is pending; returns whether it did. */
  public boolean trySetResult(T result) {
    loop.checkThread("Future.setResult");
    if (state != PENDING) {
      return false;
    }
    complete(RESULT, result);
    return true;
  }

  /**
   * Fails this future with {@code exception} and schedules its callbacks.
   *
   * @throws InvalidStateException if it is already done
   */
  public void setException(Throwable exception) {
    if (!trySetException(exception)) {
      throw new InvalidStateException("Future already done: " + this);
    }
  }

  /** Fails this future with {@code exception} if it is pending; returns whether it did. */
  public boolean trySetException(Throwable exception) {
    Objects.requireNonNull(exception, "exception");
    if (exception instanceof StopIteration) {
      throw new IllegalArgumentException(
          "StopIteration cannot be the exception of a Future: " + exception);
    }
    loop.checkThread("Future.setException");
    if (state != PENDING) {
      return false;
    }
    failWith(exception);
    return true;
  }

  /** Cancels this future if it is pending; returns whether it did. */
  public boolean cancel() {
    return cancel(null);
  }

  /**
   * Cancels this future if it is pending and schedules its callbacks; awaiting it then raises a
   * {@link CancelledError} with {@code message}.
   *
   * @return true if it was pending, false if it was already done
   */
  public boolean cancel(String message) {
    loop.checkThread("Future.cancel");
    if (state != PENDING) {
      return false;
    }
    complete(CANCELLED, new CancelledError(message));
    return true;
  }

  /**
   * Runs {@code callback} with this future once it is done, on the loop's thread, in the current
   * {@link Context}. If it is already done, the callback is scheduled now; it never runs inside
   * this call.
   */
  public void addDoneCallback(Consumer<? super Future<T>> callback) {
    Objects.requireNonNull(callback, "callback");
    loop.checkThread("Future.addDoneCallback");
    addCallback(new CallbackEntry(callback, Context.copyContext()));
  }

  /**
   * Removes every registration of {@code callback} that has not been scheduled yet.
   *
   * @return how many were removed
   */
  public int removeDoneCallback(Consumer<? super Future<T>> callback) {
    loop.checkThread("Future.removeDoneCallback");
    if (state != PENDING || callbacks == null) {
      return 0;
    }
    if (callbacks instanceof ArrayList<?> list) {
      int before = list.size();
      list.removeIf(o -> o instanceof CallbackEntry e && e.fn == callback);
      int removed = before - list.size();
      if (list.isEmpty()) {
        callbacks = null;
      }
      return removed;
    }
    if (callbacks instanceof CallbackEntry e && e.fn == callback) {
      callbacks = null;
      return 1;
    }
    return 0;
  }

  /**
   * A {@link CompletableFuture} that completes with this future, for code outside the loop.
   * Cancelling it cancels this future. Its {@code get()} and {@code join()} throw rather than block
   * forever when called on this loop's own thread while it is pending.
   */
  public CompletableFuture<T> toCompletableFuture() {
    loop.checkThread("Future.toCompletableFuture");
    LoopCompletableFuture<T> cf = new LoopCompletableFuture<>(loop, this);
    addCallback(new CallbackEntry((Consumer<Future<T>>) cf::copyFrom, loop.baseContext));
    return cf;
  }

  // ---- for the runtime ----

  /** Adds a callback entry, or schedules it at once if this future is done. */
  final void addCallback(Object entry) {
    if (state != PENDING) {
      if (entry instanceof CallbackEntry e) {
        loop.callSoon(() -> e.invoke(this), e.context);
      } else if (entry instanceof Listener l) {
        loop.callSoon(() -> invokeListener(l), loop.baseContext);
      } else {
        ((Task<?>) entry).wakeupLater();
      }
      return;
    }
    Object cbs = callbacks;
    if (cbs == this) {
      cbs = ((Task<?>) this).takeSlotListener();
    }
    if (cbs == null) {
      callbacks = entry;
    } else if (cbs instanceof ArrayList<?>) {
      @SuppressWarnings("unchecked")
      ArrayList<Object> list = (ArrayList<Object>) cbs;
      list.add(entry);
    } else {
      ArrayList<Object> list = new ArrayList<>(4);
      list.add(cbs);
      list.add(entry);
      callbacks = list;
    }
  }

  /**
   * Makes the gather in the loop's listener slot {@code slot} the one callback of this pending task
   * without storing the gather into it: the task holds itself as its callbacks and the slot number.
   * A gather's children are often old objects far from it in the heap, and a store of the gather
   * into each would take G1's slow write barrier and leave a card for the next collection to scan.
   * Returns false, changing nothing, if this is not a pending task without callbacks.
   */
  final boolean listenBySlot(int slot) {
    if (state != PENDING || callbacks != null || !(this instanceof Task<?> task)) {
      return false;
    }
    task.listenerSlot = slot;
    callbacks = this;
    return true;
  }

  /** Registers a task that awaits this pending future. */
  final void addWaiter(Task<?> task) {
    addCallback(task);
  }

  /** Adds a runtime-internal callback that runs in the loop's base context. */
  final void addInternalCallback(Consumer<? super Future<T>> callback) {
    addCallback(new CallbackEntry(callback, loop.baseContext));
  }

  /** Removes a callback added with {@link #addInternalCallback}. */
  final void removeInternalCallback(Consumer<? super Future<T>> callback) {
    removeDoneCallback(callback);
  }

  /** Removes a waiting task that no longer waits (it was woken some other way). */
  final void removeWaiter(Task<?> task) {
    if (state != PENDING || callbacks == null) {
      return;
    }
    if (callbacks instanceof ArrayList<?> list) {
      list.remove(task);
      if (list.isEmpty()) {
        callbacks = null;
      }
    } else if (callbacks == task) {
      callbacks = null;
    }
  }

  /** The result, or throws the exception or cancellation: what {@code await} produces. */
  final Object takeOutcome() {
    switch (state) {
      case RESULT:
        return outcome;
      case EXCEPTION:
        markRetrieved();
        throw Sneaky.throwUnchecked((Throwable) outcome);
      case CANCELLED:
        throw (CancelledError) outcome;
      default:
        throw new InvalidStateException("await wasn't used with future: " + this);
    }
  }

  /** The exception or cancellation, or null if this future has a result; marks it retrieved. */
  final Throwable takeError() {
    if (state == EXCEPTION) {
      markRetrieved();
    }
    return state == RESULT ? null : (Throwable) outcome;
  }

  /** Fails this future; a {@link CancelledError} exception is stored like any other. */
  final void failWith(Throwable exception) {
    state = EXCEPTION;
    outcome = exception;
    // Tracked before anyone is told: a gather told at once may retrieve it right away.
    outcome = UnretrievedFailure.track(this, exception);
    completed();
  }

  final void complete(byte newState, Object value) {
    state = newState;
    outcome = value;
    completed();
  }

  /** Tells whoever waits that this future has just become done. */
  private void completed() {
    onDone();
    Object cbs = callbacks;
    if (cbs != null) {
      if (cbs == this) {
        cbs = ((Task<?>) this).takeSlotListener();
      }
      if (cbs instanceof Gather<?> gather) {
        // A gather is the only callback: it counts this child now and schedules its own step
        // only if this child decides it (see Gather.childDoneNow).
        callbacks = null;
        gather.childDoneNow(this);
      } else {
        loop.enqueue(this);
      }
    }
  }

  /** Called when this future becomes done, before its callbacks are scheduled. */
  void onDone() {}

  /**
   * Settles the report owed for this future's exception, if it is still owed: {@link #outcome}
   * holds the exception itself again. Call it before reading an exception from {@link #outcome}.
   */
  final void markRetrieved() {
    if (outcome instanceof UnretrievedFailure u) {
      outcome = u.exception();
      u.retrieved();
    }
  }

  @Override
  void runScheduled() {
    runCallbacks();
  }

  final void runCallbacks() {
    Object cbs = callbacks;
    callbacks = null;
    if (cbs instanceof ArrayList<?> list) {
      for (Object cb : list) {
        invoke(cb);
      }
    } else if (cbs != null) {
      invoke(cbs);
    }
  }

  private void invoke(Object cb) {
    if (cb instanceof Task<?> task) {
      task.wakeup();
    } else if (cb instanceof CallbackEntry e) {
      e.invoke(this);
    } else {
      invokeListener((Listener) cb);
    }
  }

  private void invokeListener(Listener listener) {
    EventLoop l = loop;
    Context previous = l.currentContext;
    l.currentContext = l.baseContext;
    try {
      listener.futureDone(this);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable t) {
      l.callExceptionHandler(
          new ExceptionContext(
              "Exception in done callback " + listener + " of " + this, t, null, this));
    } finally {
      l.currentContext = previous;
    }
  }

  /**
   * A runtime object told when a future it watches is done, registered as itself: watching many
   * futures costs no allocation per future. Told from the ready queue in the loop's base context,
   * as an internal callback is; a {@link Gather} that is a future's only callback is told at once
   * instead, inside {@link #complete} (see {@code Gather.childDoneNow}).
   */
  interface Listener {
    void futureDone(Future<?> future);
  }

  /** Adds a runtime-internal listener; it is told once for each time it was added. */
  final void addListener(Listener listener) {
    addCallback(listener);
  }

  /** Describes the state for {@link #toString()}: "pending", "finished result=…", and so on. */
  final String describeState() {
    switch (state) {
      case PENDING:
        return "pending";
      case RESULT:
        return "finished result=" + abbreviate(outcome);
      case EXCEPTION:
        Object o = outcome;
        return "finished exception=" + (o instanceof UnretrievedFailure u ? u.exception() : o);
      default:
        return "cancelled";
    }
  }

  static String abbreviate(Object o) {
    String s = String.valueOf(o);
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  @Override
  public String toString() {
    return "<Future " + describeState() + ">";
  }

  /** A callback and the context it runs in. */
  static final class CallbackEntry {
    final Consumer<?> fn;
    final Context context;

    CallbackEntry(Consumer<?> fn, Context context) {
      this.fn = fn;
      this.context = context;
    }

    @SuppressWarnings("unchecked")
    void invoke(Future<?> future) {
      EventLoop l = future.loop;
      Context previous = l.currentContext;
      l.currentContext = context;
      try {
        ((Consumer<Object>) fn).accept(future);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable t) {
        l.callExceptionHandler(
            new ExceptionContext(
                "Exception in done callback " + fn + " of " + future, t, null, future));
      } finally {
        l.currentContext = previous;
      }
    }
  }
}
