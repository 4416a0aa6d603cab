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

  /** The child whose failure or cancellation fails the gather at its finishing step. */
  private Future<?> failed;

  /** The finishing step is in the ready queue (see {@link #childDoneNow}). */
  private boolean finishing;

  /** This gather's slot in the loop's listener slots (see {@link Future#listenBySlot}), or 0. */
  private int slot;

  /** How many children still reach this gather through its slot. */
  private int slotChildren;

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
      if (outer.slot == 0 && f instanceof Task<?>) {
        outer.slot = loop.addSlotListener(outer);
      }
      if (outer.slot != 0 && f.listenBySlot(outer.slot)) {
        outer.slotChildren++;
      } else {
        // Even for a child that is already done: as in asyncio, its callback runs through the
        // ready queue, so the gather completes in a later iteration, never inside this call.
        f.addListener(outer);
      }
    }
    if (outer.slot != 0 && outer.slotChildren == 0) {
      loop.removeSlotListener(outer.slot);
      outer.slot = 0;
    }
    return outer;
  }

  /**
   * Told from a callback: a child that was already done when the gather was made, or one that has
   * other callbacks too. Runs where asyncio runs the gather's done callback, so it finishes at
   * once.
   */
  @Override
  public void futureDone(Future<?> child) {
    if (childDone(child)) {
      finish();
    }
  }

  /**
   * Told by a child at the moment it completes, when the gather is its only callback (see {@link
   * Future#complete}): counts it now, and if that decides the gather, schedules the finishing step
   * into the ready queue where asyncio would have scheduled this child's done callback. Nothing
   * observable happens earlier than in asyncio, and a child that decides nothing costs no pass
   * through the ready queue.
   */
  void childDoneNow(Future<?> child) {
    if (childDone(child)) {
      finishing = true;
      loop.enqueue(this);
    }
  }

  /** A child stopped reaching this gather through its slot: frees the slot after the last. */
  void slotChildLeft() {
    if (--slotChildren == 0) {
      loop.removeSlotListener(slot);
      slot = 0;
    }
  }

  /** Counts a finished child; returns whether the gather is now decided. */
  private boolean childDone(Future<?> child) {
    finished++;
    if (done() || finishing) {
      if (child.state == EXCEPTION) {
        child.markRetrieved(); // the gather already failed (or is about to): nobody else will
      }
      return false;
    }
    if (!returnExceptions && child.state != RESULT) {
      failed = child;
      return true;
    }
    return finished == children.length;
  }

  @Override
  void runScheduled() {
    if (finishing) {
      finish();
    } else {
      runCallbacks();
    }
  }

  /** Completes the gather: with the first failure, or with every child's outcome. */
  private void finish() {
    finishing = false;
    if (state != PENDING) {
      return;
    }
    Future<?> f = failed;
    if (f != null) {
      if (f.state == CANCELLED) {
        failWith((CancelledError) f.outcome);
      } else {
        failWith(f.exception()); // marks it retrieved
      }
      return;
    }
    List<Object> results = new ArrayList<>(children.length);
    for (Object c : children) {
      Future<?> child = (Future<?>) c;
      if (child.state == RESULT || child.state == CANCELLED) {
        results.add(child.outcome);
      } else {
        results.add(child.exception()); // marks it retrieved
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
