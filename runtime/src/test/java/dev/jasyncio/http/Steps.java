package dev.jasyncio.http;

import dev.jasyncio.Asyncio;
import dev.jasyncio.Awaitable;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Task;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Coroutines composed from lambdas, for the tests of this package: the annotation processor does
 * not run on the runtime's own tests. {@code then(a, f)} is {@code x = await a; return await f(x)}.
 */
final class Steps {
  private Steps() {}

  /** What comes after an await: the awaitable to await next, made from the outcome. */
  @FunctionalInterface
  private interface Next {
    Awaitable<?> apply(Object value, Throwable error) throws Throwable;
  }

  /** Runs {@code start} when awaited, then awaits what it returned. */
  static <T> Coroutine<T> lazy(Supplier<? extends Awaitable<? extends T>> start) {
    return then(Asyncio.done(), v -> start.get());
  }

  /** Awaits {@code first}, then awaits what {@code next} makes of its value. */
  static <A, T> Coroutine<T> then(
      Awaitable<A> first, Function<? super A, ? extends Awaitable<? extends T>> next) {
    return new Step<>(first, valueOnly(next));
  }

  /** Awaits {@code first}, completed on any thread, then awaits what {@code next} makes of it. */
  static <A, T> Coroutine<T> then(
      CompletionStage<A> first, Function<? super A, ? extends Awaitable<? extends T>> next) {
    return new Step<>(first, valueOnly(next));
  }

  /** Awaits {@code awaitable} and produces its value or, if it raised, the exception. */
  static Coroutine<Object> outcome(Awaitable<?> awaitable) {
    return new Step<>(awaitable, (v, e) -> Asyncio.done(e != null ? e : v));
  }

  @SuppressWarnings("unchecked")
  private static <A> Next valueOnly(Function<? super A, ? extends Awaitable<?>> next) {
    return (v, e) -> {
      if (e != null) {
        throw e;
      }
      return next.apply((A) v);
    };
  }

  private static final class Step<T> extends Coroutine<T> {
    private final Object first; // an Awaitable or a CompletionStage
    private final Next next;
    private int state;

    Step(Object first, Next next) {
      this.first = first;
      this.next = next;
    }

    @Override
    @SuppressWarnings("fallthrough") // falls through to the next state when an await is done
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      switch (state) {
        case 0:
          if (error != null) {
            state = 3;
            throw error;
          }
          state = 1;
          try {
            value =
                first instanceof CompletionStage<?> s
                    ? await(task, s)
                    : await(task, (Awaitable<?>) first);
          } catch (Throwable t) {
            value = null;
            error = t;
          }
          if (value == SUSPENDED) {
            return SUSPENDED;
          }
        // fall through
        case 1:
          state = 2;
          Object r;
          try {
            r = await(task, next.apply(value, error));
          } catch (Throwable t) {
            state = 3;
            throw t;
          }
          if (r != SUSPENDED) {
            state = 3;
          }
          return r;
        case 2:
          state = 3;
          if (error != null) {
            throw error;
          }
          return value;
        default:
          throw reuseError(error);
      }
    }

    @Override
    public String toString() {
      return "Steps.then(" + first + ")";
    }
  }
}
