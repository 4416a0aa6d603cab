package dev.jasyncio;

/**
 * A primitive acquired by awaiting {@link #newAcquire} and given back synchronously: {@link Lock}
 * and {@link Semaphore}. Their acquire coroutines share one state machine, which asks the primitive
 * what to do at each point.
 */
abstract class Acquirable extends LoopBound {
  Acquirable() {}

  /** Takes the primitive at once if it is free and nobody queues for it; never suspends. */
  abstract boolean tryAcquire();

  /** Queues {@code task} for the primitive. */
  abstract WaiterQueue.Waiter enqueue(Task<?> task);

  /** The waiter was woken and its task runs: it now holds the primitive. */
  abstract void acquired(WaiterQueue.Waiter waiter);

  /**
   * The waiter's task stops waiting with an exception (typically a cancellation), possibly after it
   * was woken: whatever was handed to it must go to the next waiter.
   */
  abstract void gaveUp(WaiterQueue.Waiter waiter);

  /** A new acquire coroutine that produces {@code result} once the primitive is held. */
  final <T> Coroutine<T> newAcquire(T result) {
    return new Acquire<>(this, result);
  }

  /** The acquire coroutine: fast path, or one waiter and one suspension. */
  private static final class Acquire<T> extends Coroutine<T> {
    private static final byte START = 0;
    private static final byte WAITING = 1;
    private static final byte FINISHED = 2;

    private final Acquirable primitive;
    private final T result;
    private WaiterQueue.Waiter waiter;
    private byte state;

    Acquire(Acquirable primitive, T result) {
      this.primitive = primitive;
      this.result = result;
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      switch (state) {
        case START:
          state = FINISHED;
          if (error != null) {
            throw error;
          }
          if (primitive.tryAcquire()) {
            return result;
          }
          WaiterQueue.Waiter w = primitive.enqueue(task);
          Object r = suspend(task, this, w);
          waiter = w;
          state = WAITING;
          return r;
        case WAITING:
          state = FINISHED;
          WaiterQueue.Waiter woken = waiter;
          waiter = null;
          if (error != null) {
            primitive.gaveUp(woken);
            throw error;
          }
          primitive.acquired(woken);
          return result;
        default:
          throw reuseError(error);
      }
    }

    @Override
    public String toString() {
      return "acquire(" + primitive + ")";
    }
  }
}
