package dev.jasyncio;

/**
 * The tasks blocked in a synchronization primitive, in arrival order: asyncio's {@code
 * collections.deque} of waiter futures, made intrusive so that a blocked task costs one object.
 *
 * <p>Each waiter is a {@link Future} the task awaits. Waking one completes it with a value; the
 * task runs in a later iteration and then takes itself out of the queue, so a woken waiter stays
 * queued until it runs, as in asyncio, and keeps latecomers from overtaking it. A waiter whose task
 * is cancelled before it is woken leaves the queue at once: nobody can pass the primitive to it any
 * more. Waiters are woken in order, so the woken ones always come before the pending ones, and
 * {@link #wakeNext} finds the first pending one without a search.
 */
final class WaiterQueue {
  private final Object owner;
  private Waiter head;
  private Waiter tail;

  /** The first waiter not woken yet: all the waiters before it are woken. */
  private Waiter firstPending;

  private int size;

  /** A queue of the waiters of {@code owner}, which their {@code toString} names. */
  WaiterQueue(Object owner) {
    this.owner = owner;
  }

  /** Queues a new pending waiter on {@code loop}. */
  Waiter append(EventLoop loop) {
    Waiter w = new Waiter(loop, this);
    w.linked = true;
    w.prev = tail;
    if (tail == null) {
      head = w;
    } else {
      tail.next = w;
    }
    tail = w;
    if (firstPending == null) {
      firstPending = w;
    }
    size++;
    return w;
  }

  /** Takes {@code w} out of the queue; does nothing if it is no longer in it. */
  void remove(Waiter w) {
    if (!w.linked) {
      return;
    }
    w.linked = false;
    if (firstPending == w) {
      firstPending = w.next;
    }
    Waiter p = w.prev;
    Waiter n = w.next;
    if (p == null) {
      head = n;
    } else {
      p.next = n;
    }
    if (n == null) {
      tail = p;
    } else {
      n.prev = p;
    }
    w.prev = null;
    w.next = null;
    size--;
  }

  /** Wakes the first waiter not woken yet with {@code value}; false if every waiter is woken. */
  boolean wakeNext(Object value) {
    Waiter w = firstPending;
    if (w == null) {
      return false;
    }
    firstPending = w.next;
    w.setResult(value);
    return true;
  }

  /** Wakes the first waiter if it is not woken yet (the lock's hand-over). */
  void wakeHead(Object value) {
    if (head != null && head == firstPending) {
      wakeNext(value);
    }
  }

  /** Wakes every waiter not woken yet with {@code value}. */
  void wakeAll(Object value) {
    while (wakeNext(value)) {
      // each call wakes one
    }
  }

  /** Whether some waiter is not woken yet. */
  boolean hasPending() {
    return firstPending != null;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The number of waiters, woken ones included. */
  int size() {
    return size;
  }

  /**
   * One blocked task: the future it awaits, and its place in the queue. Its result is what the
   * primitive handed over (asyncio sets {@code True}; the barrier sets the task's index).
   */
  static final class Waiter extends Future<Object> {
    private final WaiterQueue queue;
    private Waiter prev;
    private Waiter next;
    private boolean linked;

    Waiter(EventLoop loop, WaiterQueue queue) {
      super(loop);
      this.queue = queue;
    }

    /** Whether the waiter was woken, as opposed to pending or cancelled. */
    boolean woken() {
      return state == RESULT;
    }

    @Override
    void onDone() {
      if (state == CANCELLED) {
        // The task was cancelled while it waited: it will not take what the primitive could hand
        // it, so it must not hold a place in front of the others.
        queue.remove(this);
      }
    }

    @Override
    public String toString() {
      return "<waiter " + describeState() + " in " + queue.owner + ">";
    }
  }
}
