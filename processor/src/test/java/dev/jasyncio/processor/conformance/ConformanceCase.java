package dev.jasyncio.processor.conformance;

import dev.jasyncio.Asyncio;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * The base of every conformance case: a body written once, run three ways by {@link
 * ConformanceTest} — compiled by the processor with awaitables that are already complete ({@link
 * Mode#READY}), compiled by the processor with awaitables that complete later on the loop ({@link
 * Mode#LATER}), and compiled as plain Java with {@code await} returning at once ({@link Mode#SYNC},
 * the reference). The three traces and outcomes must match.
 *
 * <p>Members are public: the cases are loaded by another class loader, so package access does not
 * reach them.
 */
public abstract class ConformanceCase {
  /** How awaitables complete. */
  public enum Mode {
    SYNC,
    READY,
    LATER
  }

  public Mode mode = Mode.SYNC;
  public final List<String> trace = new ArrayList<>();

  /** The case's body. Its result and trace are compared across modes. */
  public abstract Coroutine<Object> body();

  /** Records an event. */
  public void trace(Object event) {
    trace.add(String.valueOf(event));
  }

  /** Records an event and returns {@code value}: for watching evaluation order. */
  public <T> T traced(String event, T value) {
    trace.add(event);
    return value;
  }

  /** An awaitable of {@code value}: complete now, or after a short sleep in {@link Mode#LATER}. */
  public <T> Coroutine<T> v(T value) {
    return mode == Mode.LATER ? new Later<>(value, null) : Asyncio.done(value);
  }

  /** {@link #v} that records {@code event} when the awaitable is created. */
  public <T> Coroutine<T> v(String event, T value) {
    trace.add(event);
    return v(value);
  }

  /** An awaitable that fails with {@code error}: at once, or after a short sleep. */
  public <T> Coroutine<T> fail(Throwable error) {
    return new Later<T>(null, error).immediate(mode != Mode.LATER);
  }

  /** Completes with a value or fails, after a sleep unless immediate. */
  static final class Later<T> extends Coroutine<T> {
    private final T value;
    private final Throwable error;
    private boolean immediate;
    private int state;

    Later(T value, Throwable error) {
      this.value = value;
      this.error = error;
    }

    Later<T> immediate(boolean immediate) {
      this.immediate = immediate;
      return this;
    }

    @Override
    protected Object resume(Task<?> task, Object in, Throwable thrown) throws Throwable {
      if (state == 0) {
        if (thrown != null) {
          state = 2;
          throw thrown;
        }
        if (!immediate) {
          state = 1;
          if (await(task, Asyncio.sleep(0.001)) == SUSPENDED) {
            return SUSPENDED;
          }
        }
      } else if (state == 1 && thrown != null) {
        state = 2;
        throw thrown;
      } else if (state == 2) {
        throw reuseError(thrown);
      }
      state = 2;
      if (error != null) {
        throw error;
      }
      return value;
    }

    @Override
    public String toString() {
      return error != null ? "fail(" + error + ")" : "v(" + value + ")";
    }
  }
}
