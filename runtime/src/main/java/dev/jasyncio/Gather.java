package dev.jasyncio;

import java.util.ArrayList;
import java.util.Arrays;
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
  /** The children's futures, in argument order; a coroutine's task in its place. */
  private final Object[] children;

  private final boolean returnExceptions;

  /** How many of the children have reported being done (a child given twice reports twice). */
  private int finished;

  private boolean cancelRequested;

  private Gather(EventLoop loop, Object[] children, boolean returnExceptions) {
    super(loop);
    this.children = children;
    this.returnExceptions = returnExceptions;
  }

  static <T> Gather<T> of(
      Collection<? extends Awaitable<? extends T>> awaitables, boolean returnExceptions) {
    // One bulk copy: for a million tasks, storing them one by one into a new (humongous) array
    // would take G1's slow write barrier a million times.
    Object[] given = awaitables.toArray();
    EventLoop loop = null;
    for (Object a : given) {
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
    // The copy becomes the list of children: a future stays in its place, a coroutine is replaced
    // by its task. The same awaitable given twice runs once. Only a coroutine needs the map: a
    // future given twice is simply watched twice, which counts its completion twice and changes
    // nothing else.
    Object[] children =
        given.getClass() == Object[].class
            ? given
            : Arrays.copyOf(given, given.length, Object[].class);
    Map<Object, Future<?>> wrapped = null;
    for (int i = 0; i < children.length; i++) {
      Object a = children[i];
      if (a instanceof Future<?> future) {
        if (future.loop != loop) {
          loop.ensureFuture(future); // throws, naming both
        }
      } else if (a == null) {
        throw new NullPointerException("gather: awaitable #" + i + " is null");
      } else {
        Future<?> f = wrapped != null ? wrapped.get(a) : null;
        if (f == null) {
          f = loop.ensureFuture((Awaitable<?>) a);
          if (wrapped == null) {
            wrapped = new IdentityHashMap<>();
          }
          wrapped.put(a, f);
        }
        children[i] = f;
      }
    }
    Gather<T> outer = new Gather<>(loop, children, returnExceptions);
    if (children.length == 0) {
      outer.setResult(new ArrayList<>());
      return outer;
    }
    for (Object child : children) {
      Future<?> f = (Future<?>) child;
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
    if (finished < children.length) {
      return;
    }
    List<Object> results = new ArrayList<>(children.length);
    for (Object c : children) {
      Future<?> f = (Future<?>) c;
      if (f.state == RESULT) {
        results.add(f.outcome);
      } else if (f.state == CANCELLED) {
        results.add(f.outcome);
      } else {
        results.add(f.exception()); // marks it retrieved
      }
    }
    if (cancelRequested) {
      // The gather itself was cancelled: that wins over returnExceptions.
      Object last = ((Future<?>) children[children.length - 1]).outcome;
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
    for (Object child : children) {
      if (((Future<?>) child).cancel(message)) {
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
    return "<gather " + describeState() + " children=" + children.length + ">";
  }
}
