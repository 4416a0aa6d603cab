package dev.jasyncio;

import dev.jasyncio.internal.Sneaky;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A suspendable computation: what an {@link Async} method returns and what {@code await} runs.
 *
 * <pre>{@code
 * @Async
 * Coroutine<Integer> add(int a, int b) {
 *   await(sleep(1.0));
 *   return done(a + b);
 * }
 *
 * int sum = run(add(1, 2)); // 3, one second later
 * }</pre>
 *
 * <p>Creating a coroutine runs none of its body. It runs when it is awaited by another coroutine
 * (inside the awaiting task, as in Python) or when it is wrapped in a {@link Task} by {@link
 * EventLoop#createTask}, {@link Asyncio#run} or a combinator. A coroutine is awaited once; awaiting
 * it again is an error, as in Python.
 *
 * <h2>Writing one by hand</h2>
 *
 * <p>The annotation processor writes coroutines for you. A hand-written one (a custom awaitable, or
 * code built without the processor) implements {@link #resume}: a state machine that is called with
 * the outcome of its last suspension and returns either its result or {@link #SUSPENDED}. It
 * suspends through the protected {@code await(task, x)} helpers, which also finish at once when
 * {@code x} is already done:
 *
 * <pre>{@code
 * final class AddLater extends Coroutine<Integer> {
 *   private int state;
 *   private final int a, b;
 *
 *   AddLater(int a, int b) { this.a = a; this.b = b; }
 *
 *   @Override
 *   protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
 *     switch (state) {
 *       case 0:
 *         if (error != null) { state = 2; throw error; }     // cancelled before it started
 *         state = 1;
 *         if (await(task, Asyncio.sleep(1.0)) == SUSPENDED) return SUSPENDED;
 *         // the sleep was already over: fall through
 *       case 1:
 *         state = 2;
 *         if (error != null) throw error;                     // the sleep failed or was cancelled
 *         return a + b;
 *       default:
 *         throw reuseError(error);                            // awaited twice, or closed
 *     }
 *   }
 * }
 * }</pre>
 *
 * <h2>The low-level protocol</h2>
 *
 * <p>{@link #send}, {@link #throwIn} and {@link #close} drive a coroutine by hand, as Python's
 * {@code coro.send(None)}, {@code coro.throw(e)} and {@code coro.close()} do: each runs it to its
 * next suspension and returns what it suspended on. A coroutine driven this way is not in any task
 * and cannot sleep for a positive time; {@code sleep(0)} suspends it once.
 *
 * <h2>Threads</h2>
 *
 * <p>A coroutine runs on the thread of the loop that drives it and is not thread-safe.
 *
 * @param <T> the type of the coroutine's result
 */
public abstract non-sealed class Coroutine<T> implements Awaitable<T> {
  /*
   * Overview: the contract between coroutines and the task that drives them.
   *
   * resume(task, value, error) runs the state machine from where it last stopped. It returns the
   * coroutine's result, returns SUSPENDED after registering what it waits for with the task, or
   * throws the coroutine's failure. It never blocks and never re-enters the loop.
   *
   * Awaiting a coroutine calls its resume directly (await(task, coroutine)), so a chain of
   * coroutines that complete without suspending costs one Java call each and no allocation. When
   * a frame deep in the chain suspends, every frame above it returns SUSPENDED and the task
   * remembers the innermost one (Task.top). On wake-up the task resumes that frame directly and,
   * when it finishes, hands its outcome to the frame's caller in a loop: resuming a deep chain
   * costs the same as a shallow one, and no path recurses.
   */

  /** Returned by {@link #resume} when the coroutine has suspended. */
  protected static final Object SUSPENDED =
      new Object() {
        @Override
        public String toString() {
          return "SUSPENDED";
        }
      };

  /**
   * The coroutine awaiting this one inside the same task, set by {@link #await(Task, Coroutine)}
   * once this one suspends (see {@link #depth} for before). For a coroutine driven by {@link #send}
   * it is the {@link ManualTask.Frame} holding the driver. {@link #FINISHED} once a coroutine that
   * had suspended has returned or thrown.
   */
  Coroutine<?> caller;

  /**
   * Where this coroutine runs in its task's Java stack, which tells an await what it may do with it
   * without touching {@link #caller} on the path where nothing suspends:
   *
   * <ul>
   *   <li>0: not started, or resumed by its task's own loop (at the bottom of the stack);
   *   <li>{@code n > 0}: started by an await {@code n} levels up the stack. While {@link #caller}
   *       is still null it is running there now and cannot be awaited again; the await links {@link
   *       #caller} only if it suspends;
   *   <li>{@link #RETURNED}: it returned or threw in that first run, and may be awaited again (and
   *       fail), as after {@link #FINISHED}. A {@link GeneratedCoroutine} that does so keeps its
   *       {@code n} instead: its {@link GeneratedCoroutine#finished} says that it has ended.
   * </ul>
   */
  short depth;

  /** The {@link #depth} of a coroutine that finished in the await that started it. */
  static final short RETURNED = -1;

  /**
   * How many awaits of coroutines may nest on the Java stack in one step. A deeper await chain is
   * started from the task's own loop instead, in the same step, so that recursion through awaits
   * cannot overflow the stack.
   */
  static final int MAX_INLINE_DEPTH = 200;

  /** The {@link #caller} of a finished coroutine: awaiting it again is allowed (and fails). */
  static final Coroutine<Object> FINISHED = new Marker("FINISHED");

  /** The {@link #caller} of the coroutine of a pending {@link Task}. */
  static final Coroutine<Object> TASK_ROOT = new Marker("a task");

  protected Coroutine() {}

  /**
   * Runs this coroutine until it finishes or suspends.
   *
   * <p>The first call has {@code value == null}; a non-null {@code error} on the first call means
   * the coroutine is cancelled or closed before it started and must throw {@code error} without
   * running its body. Later calls deliver the outcome of the suspension: its value, or the
   * exception to raise at the suspension point.
   *
   * @param task the task driving this coroutine; pass it on to the {@code await} helpers
   * @return the coroutine's result, or {@link #SUSPENDED}
   * @throws Throwable the coroutine's failure
   */
  protected abstract Object resume(Task<?> task, Object value, Throwable error) throws Throwable;

  /**
   * Awaits {@code coroutine} inside this task: runs it until it finishes (returning its result) or
   * suspends (returning {@link #SUSPENDED}; its result arrives in the next {@link #resume}).
   *
   * @throws IllegalStateException if {@code coroutine} is suspended in another await, as Python's
   *     "coroutine is being awaited already"
   */
  protected final Object await(Task<?> task, Coroutine<?> coroutine) throws Throwable {
    if (coroutine instanceof GeneratedCoroutine<?>
        && coroutine.caller == null
        && coroutine.depth == 0
        && depth < MAX_INLINE_DEPTH) {
      // Not started, as nearly every awaited coroutine is. A generated one records its own end,
      // so nothing is written after it returns: only a suspension links it back to this one.
      coroutine.depth = (short) (depth + 1);
      Object r = coroutine.resume(task, null, null);
      if (r == SUSPENDED) {
        coroutine.caller = this;
      }
      return r;
    }
    Objects.requireNonNull(coroutine, "await(null): the awaited coroutine is null");
    if (coroutine instanceof AwaitFuture<?> view) {
      // A view of a future (gather, shield) holds no state of its own: awaiting the future itself
      // lets any number of tasks await the view at once, as they can await a Python Future.
      return task.awaitFuture(this, view.future);
    }
    if (coroutine instanceof Completed<?>) {
      // Finished and shared (done() is a constant): it never suspends, so it needs no caller.
      return coroutine.resume(task, null, null);
    }
    if (coroutine instanceof Sleep<?> sleep) {
      Object r = sleep.suspendDirectly(task, this);
      if (r != null) {
        return r;
      }
    }
    checkNotRunning(coroutine, "");
    int d = depth + 1;
    if (d > MAX_INLINE_DEPTH) {
      // Deep enough that the Java stack could run out: suspend, and let the task start the
      // coroutine from its own loop, in this same step.
      coroutine.caller = this;
      return task.startInline(this, coroutine);
    }
    // Nothing else is written on the way in or out unless the coroutine suspends: an await of a
    // coroutine that returns at once costs two stores (its depth, then RETURNED) and the call.
    coroutine.depth = (short) d;
    Object r;
    try {
      r = coroutine.resume(task, null, null);
    } catch (Throwable t) {
      coroutine.depth = RETURNED;
      throw t;
    }
    if (r == SUSPENDED) {
      // Its frame (or one it awaits) is now the task's innermost: link it back to this one.
      coroutine.caller = this;
    } else {
      coroutine.depth = RETURNED;
    }
    return r;
  }

  /**
   * Awaits {@code sleep(seconds)} without creating its coroutine: what an {@code
   * await(sleep(seconds))} written in an {@code @Async} method compiles to. Suspends this coroutine
   * itself on the loop's timer (or, for a delay of at most 0, yields once) and returns {@link
   * #SUSPENDED}.
   */
  protected final Object awaitSleep(Task<?> task, double seconds) {
    double delay = EventLoop.checkDelay(seconds, "sleep");
    return delay > 0 ? task.sleepFor(this, delay) : task.yieldNow(this);
  }

  /** Awaits {@code sleep(duration)} as {@link #awaitSleep(Task, double)} does. */
  protected final Object awaitSleep(Task<?> task, Duration duration) {
    return awaitSleep(task, Sleep.seconds(duration));
  }

  /**
   * Awaits {@code queue.put(item)}: what an {@code await(q.put(item))} written in an {@code @Async}
   * method compiles to. When the queue has room, puts the item without creating put()'s coroutine;
   * otherwise awaits that coroutine, which waits for room or throws {@link QueueShutDown}.
   */
  protected final <T> Object awaitPut(Task<?> task, Queue<T> queue, T item) throws Throwable {
    Objects.requireNonNull(queue, "put() on a null queue");
    return queue.putAtOnce(item) ? null : await(task, queue.put(item));
  }

  /**
   * Awaits {@code queue.get()}: what an {@code await(q.get())} written in an {@code @Async} method
   * compiles to. When the queue has an item, takes it without creating get()'s coroutine; otherwise
   * awaits that coroutine, which waits for an item or throws {@link QueueShutDown}.
   */
  protected final <T> Object awaitGet(Task<?> task, Queue<T> queue) throws Throwable {
    Objects.requireNonNull(queue, "get() on a null queue");
    return queue.count() > 0 ? queue.getNowait() : await(task, queue.get());
  }

  /**
   * Awaits {@code future}: returns its result at once if it is done, else suspends the task until
   * it is and returns {@link #SUSPENDED}.
   */
  protected final Object await(Task<?> task, Future<?> future) throws Throwable {
    Objects.requireNonNull(future, "await(null): the awaited future is null");
    return task.awaitFuture(this, future);
  }

  /** Awaits a coroutine or a future; see the two overloads. */
  protected final Object await(Task<?> task, Awaitable<?> awaitable) throws Throwable {
    Objects.requireNonNull(awaitable, "await(null): the awaited value is null");
    if (awaitable instanceof Coroutine<?> coroutine) {
      return await(task, coroutine);
    }
    return await(task, (Future<?>) awaitable);
  }

  /**
   * Awaits a {@link CompletionStage} completed by any thread: returns its outcome at once if it is
   * a completed {@link java.util.concurrent.CompletableFuture}, else suspends until it completes.
   */
  protected final Object await(Task<?> task, CompletionStage<?> stage) throws Throwable {
    Objects.requireNonNull(stage, "await(null): the awaited CompletionStage is null");
    return task.awaitFuture(this, task.loop().wrapStage(stage));
  }

  /**
   * Runs this coroutine by hand to its next suspension, as Python's {@code coro.send(value)}.
   *
   * @return what the coroutine suspended on: a pending {@link Future}, or {@code null} for a plain
   *     yield such as {@code sleep(0)}
   * @throws StopIteration when the coroutine finishes; it carries the result
   * @throws IllegalArgumentException if {@code value} is not null and the coroutine has not started
   * @throws IllegalStateException if the coroutine is awaited by another coroutine or a task, or is
   *     already executing (a {@code send} from inside itself)
   */
  public final Object send(Object value) {
    return ManualTask.of(this).send(value, null);
  }

  /**
   * Raises {@code error} inside this coroutine at its current suspension point and runs it to the
   * next one, as Python's {@code coro.throw(error)}. Returns and throws as {@link #send}.
   */
  public final Object throwIn(Throwable error) {
    Objects.requireNonNull(error, "throwIn(null)");
    return ManualTask.of(this).send(null, error);
  }

  /**
   * Closes this coroutine, as Python's {@code coro.close()}: raises {@link GeneratorExit} at its
   * suspension point so that its {@code finally} blocks run. A coroutine that has not started, or
   * has finished, is simply marked closed.
   *
   * @throws IllegalStateException if the coroutine suspends again instead of finishing
   */
  public final void close() {
    ManualTask.close(this);
  }

  /**
   * The exception a finished coroutine throws when it is resumed again: {@code error} itself when
   * it is the {@link GeneratorExit} of {@link #close} (closing a finished coroutine does nothing),
   * else an {@link IllegalStateException} naming this coroutine.
   */
  protected final Throwable reuseError(Throwable error) {
    if (error instanceof GeneratorExit) {
      return error;
    }
    return new IllegalStateException("cannot reuse already awaited coroutine: " + this);
  }

  /**
   * Claims {@code coro} as the coroutine of a new task.
   *
   * @throws IllegalStateException if it already runs in an await, a task or a send() driver
   */
  static void claimForTask(Coroutine<?> coro) {
    if (coro instanceof Completed<?>) {
      return;
    }
    checkNotRunning(coro, "; it cannot also run as a task");
    coro.caller = TASK_ROOT;
  }

  /**
   * Throws if {@code coro} has started and not finished: resuming it from a second place would run
   * the first one's continuation there (Python: "coroutine is being awaited already").
   */
  private static void checkNotRunning(Coroutine<?> coro, String consequence) {
    Coroutine<?> c = coro.caller;
    if (c != null ? c != FINISHED : runsUnlinked(coro)) {
      throw alreadyRunning(coro, c, consequence);
    }
  }

  /** Whether {@code coro} is running on the stack in the await that started it, unlinked yet. */
  static boolean runsUnlinked(Coroutine<?> coro) {
    return coro.caller == null && coro.depth > 0 && !endedInAwait(coro);
  }

  /** Whether {@code coro} has returned or thrown (and is free to be awaited again, and fail). */
  static boolean hasFinished(Coroutine<?> coro) {
    return coro.caller == FINISHED
        || (coro.caller == null
            && (coro.depth == RETURNED || coro.depth > 0 && endedInAwait(coro)));
  }

  /** Whether a generated {@code coro}, started by an await, has ended (see {@link #depth}). */
  private static boolean endedInAwait(Coroutine<?> coro) {
    return coro instanceof GeneratedCoroutine<?> generated && generated.finished();
  }

  private static IllegalStateException alreadyRunning(
      Coroutine<?> coro, Coroutine<?> caller, String consequence) {
    return new IllegalStateException(
        caller == null
            ? "coroutine is already executing: " + coro + " runs further up the stack" + consequence
            : "coroutine is being awaited already: " + coro + " runs in " + caller + consequence);
  }

  /** A value of {@link #caller} that is not a coroutine; never resumed. */
  private static final class Marker extends Coroutine<Object> {
    private final String name;

    Marker(String name) {
      this.name = name;
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) {
      throw new AssertionError("the " + name + " marker is never resumed");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static void rethrow(Throwable t) {
    Sneaky.throwUnchecked(t);
  }
}
