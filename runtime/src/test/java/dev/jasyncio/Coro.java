package dev.jasyncio;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Coroutines written as chains of lambdas, for testing the runtime without the annotation
 * processor. Each step runs until it returns {@link #ret} (finish), {@link #await} (suspend on an
 * awaitable, then continue with the next step) or throws (fail).
 *
 * <pre>{@code
 * Coroutine<String> c = co(() -> {
 *   log.add("start");
 *   return await(sleep(1), v -> {
 *     log.add("slept");
 *     return ret("done");
 *   });
 * });
 * }</pre>
 *
 * <p>A {@link Step} sees the outcome of the await as {@code (value, error)} and can catch it; a
 * {@link ValueStep} sees only the value and lets any error propagate.
 */
final class Coro {
  private Coro() {}

  /** The next thing a step does. */
  static final class Next {
    final Object awaiting; // Awaitable or CompletionStage; null when finished
    final Step then;
    final Object value;

    private Next(Object awaiting, Step then, Object value) {
      this.awaiting = awaiting;
      this.then = then;
      this.value = value;
    }
  }

  /** A step that sees both outcomes of the previous await. */
  @FunctionalInterface
  interface Step {
    Next apply(Object value, Throwable error) throws Throwable;
  }

  /** A step that sees only the value of the previous await; errors propagate. */
  @FunctionalInterface
  interface ValueStep {
    Next apply(Object value) throws Throwable;
  }

  /** The first step of a coroutine. */
  @FunctionalInterface
  interface Start {
    Next apply() throws Throwable;
  }

  static Next ret(Object value) {
    return new Next(null, null, value);
  }

  static Next ret() {
    return ret(null);
  }

  static Next await(Awaitable<?> awaitable, Step then) {
    return new Next(Objects.requireNonNull(awaitable), then, null);
  }

  static Next await(Awaitable<?> awaitable, ValueStep then) {
    return await(
        awaitable,
        (Step)
            (v, e) -> {
              if (e != null) {
                throw e;
              }
              return then.apply(v);
            });
  }

  static Next await(CompletionStage<?> stage, ValueStep then) {
    return new Next(
        Objects.requireNonNull(stage),
        (v, e) -> {
          if (e != null) {
            throw e;
          }
          return then.apply(v);
        },
        null);
  }

  /** Awaits {@code awaitable} and finishes with its value. */
  static Next awaitAndReturn(Awaitable<?> awaitable) {
    return await(awaitable, Coro::ret);
  }

  static <T> Coroutine<T> co(Start start) {
    return co("co", start);
  }

  static <T> Coroutine<T> co(String name, Start start) {
    return new Chain<>(name, start);
  }

  /** A coroutine that finishes at once with the value of {@code body}. */
  static <T> Coroutine<T> immediate(Start start) {
    return co(start);
  }

  private static final class Chain<T> extends Coroutine<T> {
    private final String name;
    private final Start start;
    private Step next;
    private boolean started;
    private boolean finished;

    Chain(String name, Start start) {
      this.name = name;
      this.start = start;
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      if (finished) {
        throw reuseError(error);
      }
      Next n;
      try {
        if (!started) {
          started = true;
          if (error != null) {
            throw error; // cancelled or closed before it started: the body never runs
          }
          n = start.apply();
        } else {
          n = next.apply(value, error);
        }
        for (; ; ) {
          if (n.awaiting == null) {
            finished = true;
            return n.value;
          }
          next = n.then;
          Object r;
          try {
            r =
                n.awaiting instanceof CompletionStage<?> s
                    ? await(task, s)
                    : await(task, (Awaitable<?>) n.awaiting);
          } catch (Throwable t) {
            n = next.apply(null, t);
            continue;
          }
          if (r == SUSPENDED) {
            return SUSPENDED;
          }
          n = next.apply(r, null);
        }
      } catch (Throwable t) {
        finished = true;
        throw t;
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
