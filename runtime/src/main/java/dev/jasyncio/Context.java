package dev.jasyncio;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A set of {@link ContextVar} values, as Python's {@code contextvars.Context}.
 *
 * <p>Every task runs in its own context, a copy of its creator's taken when the task was created:
 * values the task sets stay in the task, and the task sees what its creator had set. Callbacks run
 * in a copy taken when they were scheduled. Awaiting a coroutine directly shares the caller's
 * context.
 *
 * <pre>{@code
 * ContextVar<String> user = ContextVar.of("user");
 * user.set("ana");
 * Context snapshot = Context.copyContext();
 * user.set("bo");
 * snapshot.run(() -> user.get()); // "ana"
 * }</pre>
 *
 * <h2>Threads</h2>
 *
 * <p>On a loop's thread the current context is the running task's or callback's; elsewhere each
 * thread has its own. A context is entered by one thread at a time.
 */
public final class Context {
  /*
   * Overview: the values live in an immutable array of (variable, value) pairs, replaced on every
   * set, so copying a context is one allocation and never copies values. Contexts hold few
   * variables, which makes a linear scan the fastest lookup.
   *
   * A task does not get its Context object when it is created: it keeps its creator's pairs array
   * (immutable, so a snapshot) and makes the object the first time something needs it (a set, a
   * Context.run, getContext()). Reads and copies use the array, so most tasks never allocate one.
   */

  private static final Object[] EMPTY = new Object[0];
  private static final ThreadLocal<Context> THREAD_CONTEXT = ThreadLocal.withInitial(Context::new);

  /**
   * The contexts entered by {@link #run} right now, on any thread. Entering is rare next to copying
   * (every task and callback gets a copy), so the flag lives here rather than in every context.
   */
  private static final Set<Context> ENTERED = ConcurrentHashMap.newKeySet();

  private Object[] pairs;

  /** An empty context. */
  public Context() {
    this(EMPTY);
  }

  /** A context holding {@code pairs}, which nobody may change: a copy of whoever had them. */
  Context(Object[] pairs) {
    this.pairs = pairs;
  }

  /** A copy of the current context. */
  public static Context copyContext() {
    return new Context(currentPairs());
  }

  /** A copy of this context: later changes to either do not show in the other. */
  public Context copy() {
    return new Context(pairs);
  }

  /**
   * Runs {@code fn} with this context as the current one and returns its result.
   *
   * @throws IllegalStateException if this context is already entered
   */
  public <R> R run(Supplier<R> fn) {
    Objects.requireNonNull(fn, "fn");
    if (!ENTERED.add(this)) {
      throw new IllegalStateException("cannot enter context: " + this + " is already entered");
    }
    Context previous = swapCurrent(this);
    try {
      return fn.get();
    } finally {
      swapCurrent(previous);
      ENTERED.remove(this);
    }
  }

  /** Runs {@code fn} with this context as the current one. */
  public void run(Runnable fn) {
    Objects.requireNonNull(fn, "fn");
    run(
        () -> {
          fn.run();
          return null;
        });
  }

  /** Whether {@code var} has a value in this context. */
  public boolean containsKey(ContextVar<?> var) {
    return indexOf(var) >= 0;
  }

  /** The number of variables with a value in this context. */
  public int size() {
    return pairs.length / 2;
  }

  /** The current context of this thread: the running task's or callback's on a loop's thread. */
  static Context current() {
    EventLoop loop = EventLoop.runningOrNull();
    if (loop != null) {
      return loop.currentContext();
    }
    return THREAD_CONTEXT.get();
  }

  /**
   * The values of the current context, without making a context object for a task that has none.
   */
  static Object[] currentPairs() {
    EventLoop loop = EventLoop.runningOrNull();
    if (loop != null) {
      return loop.currentPairs();
    }
    return THREAD_CONTEXT.get().pairs;
  }

  /** The values of this context right now: an array nobody changes. */
  Object[] pairs() {
    return pairs;
  }

  /** Makes {@code context} current on this thread and returns the one it replaced. */
  static Context swapCurrent(Context context) {
    EventLoop loop = EventLoop.runningOrNull();
    if (loop != null) {
      Context previous = loop.currentContext();
      loop.currentContext = context;
      return previous;
    }
    Context previous = THREAD_CONTEXT.get();
    THREAD_CONTEXT.set(context);
    return previous;
  }

  Object lookup(ContextVar<?> var, Object missing) {
    return lookup(pairs, var, missing);
  }

  /** The value of {@code var} in {@code pairs}, or {@code missing}. */
  static Object lookup(Object[] pairs, ContextVar<?> var, Object missing) {
    int i = indexOf(pairs, var);
    return i < 0 ? missing : pairs[i + 1];
  }

  void put(ContextVar<?> var, Object value) {
    int i = indexOf(var);
    Object[] next;
    if (i >= 0) {
      next = pairs.clone();
      next[i + 1] = value;
    } else {
      next = Arrays.copyOf(pairs, pairs.length + 2);
      next[pairs.length] = var;
      next[pairs.length + 1] = value;
    }
    pairs = next;
  }

  void remove(ContextVar<?> var) {
    int i = indexOf(var);
    if (i < 0) {
      return;
    }
    Object[] next = new Object[pairs.length - 2];
    System.arraycopy(pairs, 0, next, 0, i);
    System.arraycopy(pairs, i + 2, next, i, pairs.length - i - 2);
    pairs = next;
  }

  private int indexOf(ContextVar<?> var) {
    return indexOf(pairs, var);
  }

  private static int indexOf(Object[] pairs, ContextVar<?> var) {
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i] == var) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<Context");
    for (int i = 0; i < pairs.length; i += 2) {
      sb.append(i == 0 ? " " : ", ")
          .append(((ContextVar<?>) pairs[i]).name())
          .append('=')
          .append(pairs[i + 1]);
    }
    return sb.append('>').toString();
  }
}
