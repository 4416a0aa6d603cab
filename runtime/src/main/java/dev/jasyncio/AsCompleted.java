package dev.jasyncio;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The futures of {@link Asyncio#asCompleted}, in the order they finish, as Python's {@code
 * asyncio.as_completed}.
 *
 * <pre>{@code
 * for (Coroutine<Page> next : asCompleted(downloads)) {
 *   Page page = await(next);          // the earliest download not yet returned
 * }
 *
 * for (Future<Page> finished : asyncFor(asCompleted(downloads))) {
 *   Page page = finished.result();    // the download itself, already finished
 * }
 * }</pre>
 *
 * <p>Iterating gives one coroutine per future; awaiting the n-th gives the result (or raises the
 * exception) of the n-th future to finish. Iterating asynchronously ({@link #aiter()}, Python
 * 3.13's {@code async for t in as_completed(aws)}) and {@link #nextDone()} give the future itself
 * instead: the original task or future when one was passed in, the task made for it when a
 * coroutine was. With a timeout, everything not finished by then raises a {@link TimeoutException};
 * nothing is cancelled.
 *
 * <p>All the ways of iterating draw from the same sequence: each future is handed out once, by
 * whichever asks first, and {@link #remaining()} counts what is left.
 *
 * @param <T> the type of the results
 */
public final class AsCompleted<T> implements Iterable<Coroutine<T>>, AsyncIterable<Future<T>> {
  private static final Object TIMED_OUT = new Object();

  private final Set<Future<T>> todo;
  private final ArrayDeque<Object> finished = new ArrayDeque<>();
  private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
  private final EventLoop loop;
  private final int total;
  private int handedOut;
  private TimerHandle timeoutHandle;
  private final Consumer<Future<T>> completionCallback = this::onCompletion;

  @SuppressWarnings("unchecked")
  AsCompleted(Collection<? extends Awaitable<? extends T>> awaitables, double timeout) {
    Objects.requireNonNull(awaitables, "awaitables");
    if (Double.isNaN(timeout)) {
      throw new IllegalArgumentException("asCompleted: the timeout is NaN");
    }
    this.loop = EventLoop.getRunningLoop();
    Set<Awaitable<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    this.todo = new LinkedHashSet<>();
    for (Awaitable<? extends T> a : awaitables) {
      Objects.requireNonNull(a, "asCompleted: one of the awaitables is null");
      if (seen.add(a)) {
        todo.add((Future<T>) loop.ensureFuture(a));
      }
    }
    this.total = todo.size();
    for (Future<T> f : todo) {
      f.addInternalCallback(completionCallback);
    }
    if (!todo.isEmpty() && timeout != Double.POSITIVE_INFINITY) {
      timeoutHandle = loop.callLater(Math.max(0, timeout), this::onTimeout);
    }
  }

  /** How many futures have not been handed out yet. */
  public int remaining() {
    return total - handedOut;
  }

  /** One coroutine per future: awaiting the n-th gives the result of the n-th to finish. */
  @Override
  public Iterator<Coroutine<T>> iterator() {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return handedOut < total;
      }

      @Override
      public Coroutine<T> next() {
        if (handedOut >= total) {
          throw new NoSuchElementException(
              "asCompleted: all " + total + " futures were handed out");
        }
        handedOut++;
        return new NextDone<>(AsCompleted.this, true);
      }
    };
  }

  /**
   * The next future to finish, itself (the original task or future, or the task made for a
   * coroutine), waiting for it if none has finished yet.
   *
   * @throws NoSuchElementException if every future was already handed out
   */
  public Coroutine<Future<T>> nextDone() {
    if (handedOut >= total) {
      throw new NoSuchElementException("asCompleted: all " + total + " futures were handed out");
    }
    handedOut++;
    return new NextDone<>(this, false);
  }

  /**
   * An iterator whose {@code anext()} is {@link #nextDone()}, and which raises {@link
   * StopAsyncIteration} once every future has been handed out.
   */
  @Override
  public AsyncIterator<Future<T>> aiter() {
    return new AsyncIterator<>() {
      @Override
      public Coroutine<Future<T>> anext() {
        if (handedOut >= total) {
          return new End<>(AsCompleted.this);
        }
        return nextDone();
      }

      @Override
      public String toString() {
        return "asCompleted iterator (" + remaining() + " left)";
      }
    };
  }

  private void onCompletion(Future<T> f) {
    if (!todo.remove(f)) {
      return; // the timeout came first
    }
    put(f);
    if (todo.isEmpty() && timeoutHandle != null) {
      timeoutHandle.cancel();
    }
  }

  private void onTimeout() {
    for (Future<T> f : todo) {
      f.removeInternalCallback(completionCallback);
      put(TIMED_OUT);
    }
    todo.clear();
  }

  private void put(Object item) {
    finished.add(item);
    wakeNextGetter();
  }

  private void wakeNextGetter() {
    while (!getters.isEmpty()) {
      Future<Void> g = getters.poll();
      if (!g.done()) {
        g.setResult(null);
        return;
      }
    }
  }

  /** The {@code anext()} after the last future: raises {@link StopAsyncIteration} when awaited. */
  private static final class End<R> extends Coroutine<R> {
    private final AsCompleted<?> owner;
    private boolean finished;

    End(AsCompleted<?> owner) {
      this.owner = owner;
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      if (finished) {
        throw reuseError(error);
      }
      finished = true;
      if (error != null) {
        throw error;
      }
      throw new StopAsyncIteration("asCompleted: all " + owner.total + " futures were handed out");
    }

    @Override
    public String toString() {
      return "asCompleted.next(0 left)";
    }
  }

  /** Awaits the next finished future; resolves it to its result when {@code resolve}. */
  private static final class NextDone<T, R> extends Coroutine<R> {
    private final AsCompleted<T> owner;
    private final boolean resolve;
    private Future<Void> getter;
    private byte state;

    NextDone(AsCompleted<T> owner, boolean resolve) {
      this.owner = owner;
      this.resolve = resolve;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      if (state == 2) {
        throw reuseError(error);
      }
      if (state == 1) {
        Future<Void> g = getter;
        getter = null;
        owner.getters.remove(g);
        if (error != null) {
          state = 2;
          if (!g.done()) {
            g.cancel();
          } else if (!owner.finished.isEmpty()) {
            owner.wakeNextGetter(); // we were woken but leave: pass the wake-up on
          }
          throw error;
        }
      } else if (error != null) {
        state = 2;
        throw error;
      }
      while (owner.finished.isEmpty()) {
        getter = owner.loop.createFuture();
        owner.getters.add(getter);
        state = 1;
        Object r = await(task, getter);
        if (r == SUSPENDED) {
          return SUSPENDED;
        }
      }
      state = 2;
      Object item = owner.finished.poll();
      if (item == TIMED_OUT) {
        throw new TimeoutException("asCompleted: the timeout expired before this future finished");
      }
      Future<T> f = (Future<T>) item;
      return resolve ? f.takeOutcome() : f;
    }

    @Override
    public String toString() {
      return "asCompleted.next(" + owner.remaining() + " left)";
    }
  }
}
