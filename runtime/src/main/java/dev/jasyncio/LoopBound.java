package dev.jasyncio;

/**
 * What the synchronization primitives share, as asyncio's {@code _LoopBoundMixin}: a primitive is
 * created outside any loop and binds to the loop of the first task that has to wait on it. Using it
 * from a task of another loop afterwards is an error. Paths that do not wait touch no loop at all.
 */
abstract class LoopBound {
  /** The exit of an async with that releases at once and never suppresses: shared, stateless. */
  static final Coroutine<Boolean> NOT_SUPPRESSED = new Completed<>(Boolean.FALSE);

  private EventLoop loop;

  LoopBound() {}

  /**
   * The loop on which {@code task} waits for this primitive, binding this primitive to it.
   *
   * @throws IllegalStateException if there is no running loop, or this primitive is bound to
   *     another one
   */
  final EventLoop loopFor(Task<?> task) {
    EventLoop running = task.loopOrNull();
    if (running == null) {
      // A coroutine driven by send(): its waiter belongs to the loop running on this thread.
      running = EventLoop.runningOrNull();
      if (running == null) {
        throw new IllegalStateException(
            this + " has to wait, which needs a running event loop; drive the coroutine in a task");
      }
    }
    if (loop == null) {
      loop = running;
    } else if (loop != running) {
      throw new IllegalStateException(this + " is bound to a different event loop: " + loop);
    }
    return running;
  }

  /**
   * Throws if this is not the thread of the loop this primitive is bound to. Before it is bound,
   * nothing is checked: no task has waited, so there is nobody to wake from the wrong thread.
   */
  final void checkThread(String operation) {
    EventLoop l = loop;
    if (l != null) {
      l.checkThread(operation);
    }
  }

  /**
   * Suspends {@code frame} in {@code task} until {@code waiter} is woken or cancelled; returns
   * {@link Coroutine#SUSPENDED}. A waiter that cannot be awaited leaves its queue again.
   */
  static Object suspend(Task<?> task, Coroutine<?> frame, WaiterQueue.Waiter waiter) {
    try {
      return task.awaitFuture(frame, waiter);
    } catch (RuntimeException | Error e) {
      waiter.cancel();
      throw e;
    }
  }
}
