package dev.jasyncio;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Async generators written as chains of lambdas, for testing the runtime without the annotation
 * processor, as {@link Coro} does for coroutines. Each piece of the body runs until it returns
 * {@link #emit} (hand out an item, then continue with the next piece when a request comes), {@link
 * #awaiting} (suspend on an awaitable, then continue), {@link #end} (the body returns) or throws
 * (the body fails).
 *
 * <pre>{@code
 * Gen.Generator<String> g = gen("g", () -> {
 *   log.add("start");
 *   return awaiting(sleep(1), v -> emit("first", (sent, thrown) -> {
 *     log.add("resumed with " + sent + " / " + thrown);
 *     return end();
 *   }));
 * });
 * }</pre>
 *
 * <p>A {@link Step} sees what resumes it as {@code (value, error)}: at an emit, the value sent and
 * the exception thrown in ({@link GeneratorExit} when the generator is closed); after an await, its
 * outcome. A {@link ValueStep} sees only the value and lets any error propagate, as a body without
 * a try block does.
 */
final class Gen {
  private Gen() {}

  private static final int EMIT = 0;
  private static final int AWAIT = 1;
  private static final int END = 2;

  /** The next thing the body does. */
  static final class Next {
    private final int kind;
    private final Object item;
    private final Awaitable<?> awaiting;
    private final Step then;

    private Next(int kind, Object item, Awaitable<?> awaiting, Step then) {
      this.kind = kind;
      this.item = item;
      this.awaiting = awaiting;
      this.then = then;
    }
  }

  /** A piece of the body that sees both outcomes of what it resumes after. */
  @FunctionalInterface
  interface Step {
    Next apply(Object value, Throwable error) throws Throwable;
  }

  /** A piece of the body that sees only the value it resumes with; errors propagate. */
  @FunctionalInterface
  interface ValueStep {
    Next apply(Object value) throws Throwable;
  }

  /** The start of the body. */
  @FunctionalInterface
  interface Start {
    Next apply() throws Throwable;
  }

  /** Emits {@code item}; the next request resumes {@code then}. */
  static Next emit(Object item, Step then) {
    return new Next(EMIT, item, null, Objects.requireNonNull(then));
  }

  /** Emits {@code item}; the next request resumes {@code then}, or raises what it throws in. */
  static Next emit(Object item, ValueStep then) {
    return emit(item, propagating(then));
  }

  /** Emits {@code item} as the last one: the body ends when resumed, or raises what is thrown. */
  static Next emitLast(Object item) {
    return emit(item, v -> end());
  }

  /** Awaits {@code awaitable}, then continues with {@code then}. */
  static Next awaiting(Awaitable<?> awaitable, Step then) {
    return new Next(AWAIT, null, Objects.requireNonNull(awaitable), Objects.requireNonNull(then));
  }

  /** Awaits {@code awaitable}, then continues with {@code then}; its exception propagates. */
  static Next awaiting(Awaitable<?> awaitable, ValueStep then) {
    return awaiting(awaitable, propagating(then));
  }

  /** The body returns: {@code return endGenerator()}. */
  static Next end() {
    return new Next(END, null, null, null);
  }

  private static Step propagating(ValueStep then) {
    Objects.requireNonNull(then);
    return (v, e) -> {
      if (e != null) {
        throw e;
      }
      return then.apply(v);
    };
  }

  static <T> Generator<T> gen(String name, Start start) {
    return new Generator<>(name, start);
  }

  /**
   * A generator that emits {@code items} in order and ends. It records in {@link
   * Generator#received} what resumed each emit: the value sent, or the exception thrown in, which
   * it lets propagate after logging "finally".
   */
  @SafeVarargs
  static <T> Generator<T> items(String name, T... items) {
    List<T> all = new ArrayList<>();
    for (T item : items) {
      all.add(item);
    }
    List<Object> received = new ArrayList<>();
    Generator<T> g = gen(name, () -> emitFrom(all, 0, received));
    g.received = received;
    return g;
  }

  private static Next emitFrom(List<?> items, int i, List<Object> received) {
    if (i == items.size()) {
      return end();
    }
    return emit(
        items.get(i),
        (v, e) -> {
          received.add(e != null ? e : v);
          if (e != null) {
            received.add("finally");
            throw e;
          }
          return emitFrom(items, i + 1, received);
        });
  }

  /** The generator: an {@link AbstractAsyncGenerator} whose step runs the chain. */
  static final class Generator<T> extends AbstractAsyncGenerator<T> {
    private final String name;
    private final Start start;
    private Step next;
    private boolean started;
    private boolean ended;

    /** How many times {@link #step} was called. */
    int steps;

    /** For {@link Gen#items}: what resumed each emit. */
    List<Object> received;

    Generator(String name, Start start) {
      this.name = name;
      this.start = start;
    }

    @Override
    protected Object step(Task<?> task, Object value, Throwable error) throws Throwable {
      steps++;
      if (ended) {
        throw new AssertionError(name + ": step() called again after the body ended");
      }
      Next n;
      try {
        if (!started) {
          started = true;
          if (value != null || error != null) {
            throw new AssertionError(
                name + ": the first step() must start the body, got " + value + " / " + error);
          }
          n = start.apply();
        } else {
          n = next.apply(value, error);
        }
        for (; ; ) {
          switch (n.kind) {
            case END:
              ended = true;
              return EXHAUSTED;
            case EMIT:
              next = n.then;
              return n.item;
            default:
              next = n.then;
              Object r;
              try {
                r = await(task, n.awaiting);
              } catch (Throwable t) {
                n = next.apply(null, t);
                continue;
              }
              if (r == SUSPENDED) {
                return SUSPENDED;
              }
              n = next.apply(r, null);
          }
        }
      } catch (Throwable t) {
        ended = true;
        throw t;
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
