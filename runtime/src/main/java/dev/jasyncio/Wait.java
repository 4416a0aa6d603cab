package dev.jasyncio;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The coroutine of {@link Asyncio#waitTasks}: waits until the {@link ReturnWhen} condition holds or
 * the timeout passes, then splits the futures into done and pending. It never raises their
 * exceptions and never cancels them.
 */
final class Wait<T> extends Coroutine<DoneAndPending<T>> {
  private final List<Future<T>> futures;
  private final double timeout;
  private final ReturnWhen returnWhen;
  private Future<Void> waiter;
  private Handle timeoutHandle;
  private int remaining;
  private Consumer<Future<T>> onCompletion;
  private byte state;

  @SuppressWarnings("unchecked")
  Wait(Collection<? extends Future<? extends T>> futures, double timeout, ReturnWhen returnWhen) {
    Objects.requireNonNull(futures, "futures");
    this.returnWhen = Objects.requireNonNull(returnWhen, "returnWhen");
    if (Double.isNaN(timeout)) {
      throw new IllegalArgumentException("waitTasks: the timeout is NaN");
    }
    if (futures.isEmpty()) {
      throw new IllegalArgumentException("waitTasks: the set of tasks and futures is empty");
    }
    Set<Future<T>> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Future<T>> list = new ArrayList<>(futures.size());
    for (Future<? extends T> f : futures) {
      Objects.requireNonNull(f, "waitTasks: one of the futures is null");
      if (distinct.add((Future<T>) f)) {
        list.add((Future<T>) f);
      }
    }
    this.futures = list;
    this.timeout = timeout;
  }

  @Override
  protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
    switch (state) {
      case 0:
        if (error != null) {
          state = 2;
          throw error;
        }
        EventLoop loop = task.loop();
        for (Future<T> f : futures) {
          if (f.loop != loop) {
            state = 2;
            throw new IllegalArgumentException("waitTasks: " + f + " belongs to a different loop");
          }
        }
        waiter = loop.createFuture();
        if (timeout != Double.POSITIVE_INFINITY) {
          timeoutHandle = loop.callLater(Math.max(0, timeout), this::release);
        }
        remaining = futures.size();
        onCompletion =
            f -> {
              remaining--;
              if (remaining <= 0
                  || returnWhen == ReturnWhen.FIRST_COMPLETED
                  || (returnWhen == ReturnWhen.FIRST_EXCEPTION
                      && !f.cancelled()
                      && f.exception() != null)) {
                release();
              }
            };
        for (Future<T> f : futures) {
          f.addInternalCallback(onCompletion);
        }
        state = 1;
        return await(task, waiter);
      case 1:
        state = 2;
        if (timeoutHandle != null) {
          timeoutHandle.cancel();
        }
        for (Future<T> f : futures) {
          f.removeInternalCallback(onCompletion);
        }
        if (error != null) {
          throw error;
        }
        Set<Future<T>> done = new LinkedHashSet<>();
        Set<Future<T>> pending = new LinkedHashSet<>();
        for (Future<T> f : futures) {
          (f.done() ? done : pending).add(f);
        }
        return new DoneAndPending<>(done, pending);
      default:
        throw reuseError(error);
    }
  }

  private void release() {
    if (timeoutHandle != null) {
      timeoutHandle.cancel();
    }
    if (!waiter.done()) {
      waiter.setResult(null);
    }
  }

  @Override
  public String toString() {
    return "waitTasks(" + futures.size() + " futures, " + returnWhen + ")";
  }
}
