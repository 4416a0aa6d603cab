package dev.jasyncio;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Asyncio#gather}: a future of the results of several awaitables, in argument order.
 *
 * <p>Coroutines are wrapped in tasks at once, so they start running before the gather is awaited,
 * as in Python. The same awaitable given twice runs once. Without {@code returnExceptions}, the
 * first failure (or a child's own cancellation) fails the gather and the other children keep
 * running; with it, exceptions take their place in the result list. Cancelling the gather cancels
 * every child.
 */
final class Gather<T> extends Future<List<T>> implements Future.Listener {
  private final List<Future<? extends T>> children;
  private final boolean returnExceptions;

  /** How many of the children have reported being done (a child given twice reports twice). */
  private int finished;

  private boolean cancelRequested;

  private Gather(EventLoop loop, List<Future<? extends T>> children, boolean returnExceptions) {
    super(loop);
    this.children = children;
    this.returnExceptions = returnExceptions;
  }

  static <T> Gather<T> of(
      Collection<? extends Awaitable<? extends T>> awaitables, boolean returnExceptions) {
    EventLoop loop = null;
    for (Awaitable<? extends T> a : awaitables) {
      if (a instanceof Future<?> f) {
        loop = f.loop;
        break;
      }
      if (a instanceof AwaitFuture<?> v) {
        loop = v.future.loop;
        break;
      }
    }
    if (loop == null) {
      loop = EventLoop.getRunningLoop();
    }
    // The same awaitable given twice runs once. Only a coroutine needs the map: a future given
    // twice is simply watched twice, which counts its completion twice and changes nothing else.
    Map<Awaitable<?>, Future<? extends T>> wrapped = null;
    List<Future<? extends T>> children = new ArrayList<>(awaitables.size());
    for (Awaitable<? extends T> a : awaitables) {
      if (a == null) {
        throw new NullPointerException("gather: awaitable #" + children.size() + " is null");
      }
      Future<? extends T> f;
      if (a instanceof Future<? extends T> future) {
        f = loop.ensureFuture(future);
      } else {
        f = wrapped != null ? wrapped.get(a) : null;
        if (f == null) {
          f = loop.ensureFuture(a);
          if (wrapped == null) {
            wrapped = new IdentityHashMap<>();
          }
          wrapped.put(a, f);
        }
      }
      children.add(f);
    }
    Gather<T> outer = new Gather<>(loop, children, returnExceptions);
    if (children.isEmpty()) {
      outer.setResult(new ArrayList<>());
      return outer;
    }
    for (Future<? extends T> f : children) {
      // Even for a child that is already done: as in asyncio, its callback runs through the ready
      // queue, so the gather completes in a later iteration, never inside this call.
      f.addListener(outer);
    }
    return outer;
  }

  @Override
  public void futureDone(Future<?> child) {
    finished++;
    if (done()) {
      if (!child.cancelled()) {
        child.exception(); // the gather already failed: mark the child's exception retrieved
      }
      return;
    }
    if (!returnExceptions) {
      if (child.cancelled()) {
        failWith((CancelledError) child.outcome);
        return;
      }
      Throwable exc = child.exception();
      if (exc != null) {
        failWith(exc);
        return;
      }
    }
    if (finished < children.size()) {
      return;
    }
    List<Object> results = new ArrayList<>(children.size());
    for (Future<? extends T> f : children) {
      if (f.cancelled()) {
        results.add(f.outcome);
      } else {
        Throwable exc = f.exception();
        results.add(exc != null ? exc : f.result());
      }
    }
    if (cancelRequested) {
      // The gather itself was cancelled: that wins over returnExceptions.
      Object last = children.get(children.size() - 1).outcome;
      failWith(new CancelledError(last instanceof CancelledError c ? c.getMessage() : null));
    } else {
      @SuppressWarnings("unchecked")
      List<T> typed = (List<T>) (List<?>) results;
      complete(RESULT, typed);
    }
  }

  @Override
  public boolean cancel(String message) {
    loop.checkThread("gather.cancel");
    if (done()) {
      return false;
    }
    boolean any = false;
    for (Future<? extends T> child : children) {
      if (child.cancel(message)) {
        any = true;
      }
    }
    if (any) {
      // Children cancel asynchronously: remember to end in a cancellation even if they swallow it.
      cancelRequested = true;
    }
    return any;
  }

  @Override
  public String toString() {
    return "<gather " + describeState() + " children=" + children.size() + ">";
  }
}
