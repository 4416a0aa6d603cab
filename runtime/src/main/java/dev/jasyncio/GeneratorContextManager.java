package dev.jasyncio;

import java.util.Objects;

/**
 * An async context manager made from an async generator that emits once, as Python's {@code
 * contextlib.asynccontextmanager}: entering runs the generator to its {@code emit} and binds the
 * item; exiting resumes it, raising the body's exception at the {@code emit} if there was one. The
 * exception is suppressed when the generator catches it and finishes.
 *
 * @see AsyncContextManager#fromGenerator
 */
final class GeneratorContextManager<T> implements AsyncContextManager<T> {
  private final AsyncGenerator<T> generator;

  GeneratorContextManager(AsyncGenerator<T> generator) {
    this.generator = Objects.requireNonNull(generator, "generator");
  }

  @Override
  public Coroutine<T> aenter() {
    return new Enter<>(generator);
  }

  @Override
  public Coroutine<Boolean> aexit(Throwable exception) {
    return new Exit(generator, exception);
  }

  @Override
  public String toString() {
    return "asynccontextmanager(" + generator + ")";
  }

  /** Runs the generator to its emit; a generator that ends first is an error. */
  private static final class Enter<T> extends Coroutine<T> {
    private final AsyncGenerator<T> generator;
    private boolean started;

    Enter(AsyncGenerator<T> generator) {
      this.generator = generator;
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      Object r;
      try {
        if (!started) {
          started = true;
          if (error != null) {
            throw error;
          }
          r = await(task, generator.anext());
          if (r == SUSPENDED) {
            return SUSPENDED;
          }
        } else {
          if (error != null) {
            throw error;
          }
          r = value;
        }
      } catch (StopAsyncIteration e) {
        throw new IllegalStateException("generator didn't emit: " + generator);
      }
      return r;
    }

    @Override
    public String toString() {
      return "aenter() of " + generator;
    }
  }

  /** Resumes the generator, which must then finish; decides whether the exception is suppressed. */
  private static final class Exit extends Coroutine<Boolean> {
    private static final int START = 0;
    private static final int RESUMED = 1;
    private static final int CLOSING = 2;
    private static final int DONE = 3;

    private final AsyncGenerator<?> generator;
    private final Throwable exception;
    private int state;

    /** The error to raise once a generator that did not stop is closed. */
    private IllegalStateException didNotStop;

    Exit(AsyncGenerator<?> generator, Throwable exception) {
      this.generator = generator;
      this.exception = exception;
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      switch (state) {
        case START:
          state = RESUMED;
          if (error == null) {
            try {
              Object r =
                  await(task, exception == null ? generator.anext() : generator.athrow(exception));
              if (r == SUSPENDED) {
                return SUSPENDED;
              }
            } catch (Throwable t) {
              error = t;
            }
          }
          return outcome(task, error);
        case RESUMED:
          return outcome(task, error);
        case CLOSING:
          state = DONE;
          if (error != null) {
            didNotStop.addSuppressed(error);
          }
          throw didNotStop;
        default:
          throw reuseError(error);
      }
    }

    private Object outcome(Task<?> task, Throwable error) throws Throwable {
      if (error == null) {
        // The generator emitted again instead of finishing: close it, then say so (as Python's
        // contextlib does since 3.12).
        didNotStop =
            new IllegalStateException(
                exception == null
                    ? "generator didn't stop: " + generator
                    : "generator didn't stop after athrow(): " + generator);
        state = CLOSING;
        Object r;
        try {
          r = await(task, generator.aclose());
        } catch (Throwable t) {
          return resume(task, null, t);
        }
        if (r == SUSPENDED) {
          return SUSPENDED;
        }
        return resume(task, null, null);
      }
      state = DONE;
      if (error instanceof StopAsyncIteration) {
        // Finished: it caught the exception (suppressed), or there was none.
        return exception != null && error != exception;
      }
      if (error == exception) {
        return false; // it let the exception through: the with statement re-raises it
      }
      if (exception instanceof StopAsyncIteration && error.getCause() == exception) {
        return false; // the body's StopAsyncIteration, wrapped by the generator on its way out
      }
      throw error;
    }

    @Override
    public String toString() {
      return "aexit(" + exception + ") of " + generator;
    }
  }
}
