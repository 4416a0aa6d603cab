package dev.jasyncio;

import java.util.Objects;

/**
 * The base of the state machines the processor generates for {@code @Async} methods that return
 * {@link AsyncGenerator} (or {@link AsyncContextManager}): it turns the requests ({@code anext},
 * {@code asend}, {@code athrow}, {@code aclose}) into runs of the body from one {@code emit} to the
 * next, with Python's rules for each.
 *
 * <p>A subclass implements {@link #step}, a {@link Coroutine#resume}-like state machine that
 * returns, besides {@link #SUSPENDED}, either an item (an {@code emit}) or {@link #EXHAUSTED} (the
 * end of the body). {@code step} receives what the request brings at the {@code emit} it stopped
 * at: the value sent, the exception thrown in, or {@link GeneratorExit} when the generator is
 * closed.
 *
 * <p>{@link #anext()} returns the generator itself, so that iterating allocates nothing per item:
 * awaiting it runs the body in the awaiting task, as awaiting any coroutine does.
 *
 * @param <T> the type of the items
 */
public abstract class AbstractAsyncGenerator<T> extends Coroutine<T> implements AsyncGenerator<T> {
  /** Returned by {@link #step} when the body has ended: {@code return endGenerator()}. */
  protected static final Object EXHAUSTED =
      new Object() {
        @Override
        public String toString() {
          return "EXHAUSTED";
        }
      };

  // What the generator is doing.
  private static final int CREATED = 0;
  private static final int PAUSED = 1; // at an emit
  private static final int RUNNING = 2; // in step(), or suspended at an await inside it
  private static final int CLOSED = 3;

  // The requests.
  private static final int NEXT = 0;
  private static final int SEND = 1;
  private static final int THROW = 2;
  private static final int CLOSE = 3;

  private int status = CREATED;

  /** The request the next resume starts: {@link #NEXT} unless a {@link Request} set another. */
  private int pendingKind = NEXT;

  private Object pendingValue;
  private Throwable pendingError;

  /** The request being served while {@link #RUNNING}. */
  private int current;

  /** The loop this generator is registered with while it runs, for its shutdown. */
  private EventLoop loop;

  protected AbstractAsyncGenerator() {}

  /**
   * Runs the body from where it stopped.
   *
   * @param value at an {@code emit}: the value sent (null for {@code anext}); after an await: the
   *     awaited value
   * @param error what to raise where the body stopped: an exception thrown in, {@link
   *     GeneratorExit}, or the awaited exception; null if none
   * @return an item the body emitted, {@link #EXHAUSTED}, or {@link #SUSPENDED}
   */
  protected abstract Object step(Task<?> task, Object value, Throwable error) throws Throwable;

  // ---- AsyncGenerator ----

  /** This generator, which produces its next item when awaited. */
  @Override
  public final Coroutine<T> anext() {
    if (status == RUNNING) {
      return new Request<>(this, "anext", NEXT, null, null);
    }
    return this;
  }

  @Override
  public final Coroutine<T> asend(Object value) {
    return new Request<>(this, "asend", SEND, value, null);
  }

  @Override
  public final Coroutine<T> athrow(Throwable error) {
    Objects.requireNonNull(error, "athrow(null)");
    return new Request<>(this, "athrow", THROW, null, error);
  }

  @Override
  @SuppressWarnings("unchecked")
  public final Coroutine<Void> aclose() {
    return (Coroutine<Void>) (Coroutine<?>) new Request<>(this, "aclose", CLOSE, null, null);
  }

  /** Whether the body has finished: returned, raised, or was closed. */
  public final boolean isExhausted() {
    return status == CLOSED;
  }

  // ---- the driver ----

  @Override
  protected final Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
    if (status == RUNNING) {
      return advance(task, value, error); // resumed after an await in the body
    }
    int kind = pendingKind;
    Object sent = pendingValue;
    Throwable thrown = pendingError;
    pendingKind = NEXT;
    pendingValue = null;
    pendingError = null;
    if (error != null) {
      // The request was cancelled (or thrown into) before it started: raise that in the body.
      kind = THROW;
      thrown = error;
    }
    switch (status) {
      case CLOSED:
        if (kind == CLOSE) {
          return null;
        }
        throw StopAsyncIteration.EXHAUSTED;
      case CREATED:
        if (kind == CLOSE) {
          status = CLOSED;
          return null;
        }
        if (kind == THROW) {
          status = CLOSED; // an exception thrown into a generator that never ran ends it
          throw thrown;
        }
        if (kind == SEND && sent != null) {
          throw new IllegalArgumentException(
              "can't send non-null value to a just-started async generator: " + this);
        }
        register(task);
        break;
      default:
        break;
    }
    status = RUNNING;
    current = kind;
    switch (kind) {
      case THROW:
        return advance(task, null, thrown);
      case CLOSE:
        return advance(task, null, new GeneratorExit());
      default:
        return advance(task, sent, null);
    }
  }

  private Object advance(Task<?> task, Object value, Throwable error) throws Throwable {
    Object r;
    try {
      r = step(task, value, error);
    } catch (Throwable t) {
      finish();
      if (current == CLOSE && t instanceof GeneratorExit) {
        return null; // closed as asked
      }
      if (t instanceof StopAsyncIteration) {
        throw new IllegalStateException("async generator raised StopAsyncIteration: " + this, t);
      }
      throw t;
    }
    if (r == SUSPENDED) {
      return SUSPENDED;
    }
    if (r == EXHAUSTED) {
      finish();
      if (current == CLOSE) {
        return null;
      }
      throw StopAsyncIteration.EXHAUSTED;
    }
    status = PAUSED;
    if (current == CLOSE) {
      throw new IllegalStateException("async generator ignored GeneratorExit: " + this);
    }
    return r;
  }

  private void register(Task<?> task) {
    EventLoop l = task.loopOrNull();
    if (l != null) {
      loop = l;
      l.asyncgenStarted(this);
    }
  }

  private void finish() {
    status = CLOSED;
    if (loop != null) {
      loop.asyncgenFinished(this);
      loop = null;
    }
  }

  /**
   * A request other than a plain {@code anext}: checks that the generator is not running, tells it
   * what to do, then awaits it.
   */
  private static final class Request<T> extends Coroutine<T> {
    private final AbstractAsyncGenerator<T> generator;
    private final String name;
    private final int kind;
    private final Object value;
    private final Throwable error;
    private boolean started;

    Request(
        AbstractAsyncGenerator<T> generator, String name, int kind, Object value, Throwable error) {
      this.generator = generator;
      this.name = name;
      this.kind = kind;
      this.value = value;
      this.error = error;
    }

    @Override
    protected Object resume(Task<?> task, Object in, Throwable thrown) throws Throwable {
      if (started) {
        if (thrown != null) {
          throw thrown;
        }
        return in;
      }
      started = true;
      if (generator.status == RUNNING) {
        throw new IllegalStateException(
            name + "(): asynchronous generator is already running: " + generator);
      }
      if (thrown != null) {
        generator.pendingKind = THROW;
        generator.pendingError = thrown;
      } else {
        generator.pendingKind = kind;
        generator.pendingValue = value;
        generator.pendingError = error;
      }
      try {
        return await(task, generator);
      } catch (Throwable t) {
        // If the await was refused (a task holds the generator but has not started it), the
        // request must not linger for whoever resumes the generator next. If the generator ran,
        // it has already taken the request and nothing is pending.
        generator.pendingKind = NEXT;
        generator.pendingValue = null;
        generator.pendingError = null;
        throw t;
      }
    }

    @Override
    public String toString() {
      return name + "() of " + generator;
    }
  }
}
