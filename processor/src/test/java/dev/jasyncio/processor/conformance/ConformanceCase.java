package dev.jasyncio.processor.conformance;

import dev.jasyncio.Asyncio;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.Task;
import dev.jasyncio.TestEventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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

  /** A trace this long means a loop that should have ended did not. */
  private static final int MAX_TRACE = 10_000;

  /** The loop of the reference build's futures: it never runs, as that build needs no loop. */
  private static EventLoop referenceLoop;

  public Mode mode = Mode.SYNC;
  public final List<String> trace = new ArrayList<>();

  /**
   * The case's body. Its result and trace are compared across modes. It may declare checked
   * exceptions, so that a case can let one escape.
   */
  public abstract Coroutine<Object> body() throws Exception;

  /** Records an event. */
  public void trace(Object event) {
    record(String.valueOf(event));
  }

  /** Records an event and returns {@code value}: for watching evaluation order. */
  public <T> T traced(String event, T value) {
    record(event);
    return value;
  }

  private void record(String event) {
    if (trace.size() >= MAX_TRACE) {
      throw new AssertionError("runaway case, the trace begins " + trace.subList(0, 20));
    }
    trace.add(event);
  }

  /** An awaitable of {@code value}: complete now, or after a short sleep in {@link Mode#LATER}. */
  public <T> Coroutine<T> v(T value) {
    return mode == Mode.LATER ? new Later<>(value, null) : Asyncio.done(value);
  }

  /** {@link #v} that records {@code event} when the awaitable is created. */
  public <T> Coroutine<T> v(String event, T value) {
    record(event);
    return v(value);
  }

  /** An awaitable that fails with {@code error}: at once, or after a short sleep. */
  public <T> Coroutine<T> fail(Throwable error) {
    return new Later<T>(null, error).immediate(mode != Mode.LATER);
  }

  /**
   * A jasyncio {@link Future} of {@code value}: done now, or completed by a loop callback a little
   * later in {@link Mode#LATER}.
   */
  public <T> Future<T> future(T value) {
    return settled(value, null);
  }

  /** {@link #future} that fails with {@code error}. */
  public <T> Future<T> failedFuture(Throwable error) {
    return settled(null, error);
  }

  private <T> Future<T> settled(T value, Throwable error) {
    EventLoop loop = mode == Mode.SYNC ? referenceLoop() : Asyncio.getRunningLoop();
    Future<T> f = loop.createFuture();
    Runnable settle =
        () -> {
          if (error != null) {
            f.setException(error);
          } else {
            f.setResult(value);
          }
        };
    if (mode == Mode.LATER) {
      loop.callLater(0.001, settle);
    } else {
      settle.run();
    }
    return f;
  }

  private static synchronized EventLoop referenceLoop() {
    if (referenceLoop == null) {
      referenceLoop = new TestEventLoop();
    }
    return referenceLoop;
  }

  /**
   * A {@link CompletionStage} of {@code value}: complete now, or completed by the next loop
   * iteration in {@link Mode#LATER}, so that the outcome reaches the coroutine through the stage's
   * callbacks.
   */
  public <T> CompletionStage<T> stage(T value) {
    return stage(value, null);
  }

  /** {@link #stage} that fails with {@code error}. */
  public <T> CompletionStage<T> failedStage(Throwable error) {
    return stage(null, error);
  }

  private <T> CompletionStage<T> stage(T value, Throwable error) {
    CompletableFuture<T> cf = new CompletableFuture<>();
    Runnable settle =
        () -> {
          if (error != null) {
            cf.completeExceptionally(error);
          } else {
            cf.complete(value);
          }
        };
    if (mode == Mode.LATER) {
      // callSoon, not callLater: while a stage is awaited, TestEventLoop counts it as outside work
      // and waits for it in real time before it moves the clock to the next timer.
      Asyncio.getRunningLoop().callSoon(settle);
    } else {
      settle.run();
    }
    return cf;
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
