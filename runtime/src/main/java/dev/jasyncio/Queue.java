package dev.jasyncio;

import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * A first-in, first-out queue between coroutines, as Python's {@code asyncio.Queue}: producers
 * {@code await} {@link #put}, consumers {@code await} {@link #get}, and a bounded queue makes fast
 * producers wait for slow consumers.
 *
 * <pre>{@code
 * Queue<String> jobs = new Queue<>(10);          // at most 10 items; new Queue<>() is unbounded
 *
 * @Async
 * Coroutine<Void> worker(Queue<String> jobs) {
 *   while (true) {
 *     String job = await(jobs.get());            // waits while the queue is empty
 *     try {
 *       await(handle(job));
 *     } finally {
 *       jobs.taskDone();
 *     }
 *   }
 * }
 *
 * // elsewhere: await(jobs.put("a")); ...; await(jobs.join()); // every job handled
 * }</pre>
 *
 * <p>{@link #put} and {@link #get} return coroutines, so nothing happens until they are awaited: a
 * {@code put} that is created and never awaited puts nothing. Awaiting {@code get()} on a queue
 * that has an item, or {@code put(x)} on one that has room, finishes at once, without suspending.
 * {@link #putNowait} and {@link #getNowait} never wait; they throw {@link QueueFull} and {@link
 * QueueEmpty} instead.
 *
 * <h2>Order and fairness</h2>
 *
 * <p>Items come out in the order they went in ({@link LifoQueue} and {@link PriorityQueue} choose
 * other orders). Coroutines waiting in {@code get()} are served in the order they started waiting,
 * and so are coroutines waiting in {@code put()}. A {@code get()} on a queue that has an item takes
 * it at once, even if an earlier waiter has been woken for that item and has not run yet, as in
 * asyncio; the woken waiter then waits again, ahead of the waiters that came after it.
 *
 * <h2>Cancellation</h2>
 *
 * <p>Cancelling a task waiting in {@code get()} or {@code put()} loses nothing. An item stays in
 * the queue until a getter actually takes it, so a getter cancelled after it was woken for an item
 * leaves that item to the next getter, and wakes it. A cancelled {@code put()} has put nothing and
 * passes its turn on the same way.
 *
 * <h2>Tracking work: {@link #taskDone} and {@link #join}</h2>
 *
 * <p>The queue counts unfinished tasks: one more for each item put, one fewer for each {@code
 * taskDone()} call. {@code join()} waits until the count is zero.
 *
 * <h2>Shutting down</h2>
 *
 * <p>After {@link #shutdown()} every put throws {@link QueueShutDown}, gets take what is left and
 * then throw {@code QueueShutDown}, and every coroutine waiting in {@code put()} or {@code get()}
 * wakes up with {@code QueueShutDown}. {@link #shutdown(boolean) shutdown(true)} also drops the
 * items left, counts each as done for {@code join()}, so that joiners are released once the items
 * in progress are done too.
 *
 * <h2>Null items</h2>
 *
 * <p>A queue holds {@code null} like any other item, as an asyncio queue holds {@code None} (a
 * common way to tell consumers to stop). A {@link PriorityQueue} without a comparator cannot order
 * {@code null} and rejects it.
 *
 * <h2>Threads</h2>
 *
 * <p>A queue is not thread-safe: use it on the thread of the loop its coroutines run on. The first
 * coroutine that waits binds the queue to its loop; waiting on it from another loop afterwards
 * throws {@link IllegalStateException}, as asyncio raises {@code RuntimeError}. Other threads go
 * through {@link EventLoop#callSoonThreadsafe}. The name clashes with {@link java.util.Queue};
 * import the one you mean explicitly.
 *
 * @param <T> the type of the items
 */
public class Queue<T> {
  /*
   * Overview. The design is asyncio's: an item stays in the storage until a getter takes it, and a
   * wake-up carries no item, only "look again". So nothing is ever lost to a waiter that is
   * cancelled or woken in vain: a getter cancelled after it was woken passes the wake-up on if an
   * item is there, and a woken getter that finds the queue empty (someone took the item first)
   * waits again. Symmetrically for putters and room. The storage changes only inside putNowait
   * and getNowait, which check the bounds, so a bounded queue never holds more than maxsize items.
   *
   * Each waiter carries the ticket it got when it first waited. A waiter that waits again keeps its
   * ticket and goes back into the line by ticket, ahead of everyone who came after it; asyncio
   * appends it at the back. Tickets are ints compared by their difference, so they may wrap: only
   * the waiters in line at one time are compared.
   *
   * Costs: a get() or put() that need not wait allocates only its coroutine and finishes in its
   * first resume; awaited where the processor sees the call (await(q.get()), await(q.put(x))), it
   * goes through Coroutine.awaitGet/awaitPut and allocates nothing. A waiting get() or put() is its
   * own entry in the line: its task parks (Task.park) and the wake-up puts the task straight into
   * the ready queue, with no future in between. Only a coroutine driven by send(), which has no
   * task on a loop to park, waits on a future (Waiter).
   */

  /** Stands for a null item in the storage, whose polls return null when it is empty. */
  private static final Object NULL = new Object();

  private final int maxsize;

  /** The items, oldest first (a null item as NULL); null in a {@link PriorityQueue}. */
  final ItemBuffer items;

  /** The coroutines waiting in get(), in ticket order. */
  private final ArrayDeque<Waiting<?, ?>> getters = new ArrayDeque<>();

  /** The coroutines waiting in put(), in ticket order. */
  private final ArrayDeque<Waiting<?, ?>> putters = new ArrayDeque<>();

  /** Futures of the coroutines waiting in join(); created on the first wait. */
  private ArrayList<Waiter> joiners;

  private int unfinished;
  private boolean shutdown;

  /** The loop of the first coroutine that waited, as asyncio's _LoopBoundMixin. */
  private EventLoop loop;

  private int lastTicket;

  /** An unbounded queue. */
  public Queue() {
    this(0);
  }

  /**
   * A queue that holds at most {@code maxsize} items; {@code maxsize <= 0} means unbounded, as in
   * asyncio.
   */
  public Queue(int maxsize) {
    this(maxsize, true);
  }

  /** For subclasses that keep their items elsewhere ({@code withDeque == false}). */
  Queue(int maxsize, boolean withDeque) {
    this.maxsize = maxsize;
    this.items = withDeque ? new ItemBuffer() : null;
  }

  // ---- the storage; PriorityQueue and LifoQueue override these ----

  /** The number of items stored. */
  int count() {
    return items.size();
  }

  /** Stores {@code item}; throws, storing nothing, if it cannot. */
  void store(T item) {
    items.addLast(item == null ? NULL : item);
  }

  /** Removes and returns the next item; the storage is not empty. */
  T takeNext() {
    return unmask(items.pollFirst());
  }

  /** Drops every item. */
  void dropAll() {
    items.clear();
  }

  @SuppressWarnings("unchecked")
  static <T> T unmask(Object stored) {
    return stored == NULL ? null : (T) stored;
  }

  // ---- size ----

  /** The maximum number of items, as given to the constructor; {@code <= 0} means unbounded. */
  public final int maxsize() {
    return maxsize;
  }

  /** The number of items in the queue. */
  public final int qsize() {
    return count();
  }

  /** Whether the queue has no items. */
  public final boolean empty() {
    return count() == 0;
  }

  /** Whether the queue is bounded and holds {@link #maxsize()} items: a put would wait. */
  public final boolean full() {
    return maxsize > 0 && count() >= maxsize;
  }

  // ---- put and get ----

  /**
   * A coroutine that puts {@code item} into the queue, waiting while the queue is full. Nothing
   * happens until it is awaited.
   *
   * <p>Awaiting it throws {@link QueueShutDown} if the queue is shut down, before or while it
   * waits. If it is cancelled, the item is not put.
   */
  public final Coroutine<Void> put(T item) {
    return new Put<>(this, item);
  }

  /**
   * Puts {@code item} into the queue without waiting, and wakes the longest-waiting getter.
   *
   * @throws QueueFull if the queue is full
   * @throws QueueShutDown if the queue is shut down
   */
  public final void putNowait(T item) {
    if (shutdown) {
      throw new QueueShutDown("putNowait() on a shut-down queue: " + this);
    }
    if (full()) {
      throw new QueueFull("putNowait() on a full queue: " + this);
    }
    store(item);
    unfinished++;
    if (!getters.isEmpty()) {
      wakeNext(getters);
    }
  }

  /**
   * Puts {@code item} as the first resume of {@link #put}'s coroutine would when that resume
   * neither waits nor throws: the queue is not shut down and has room. Returns false, having done
   * nothing, otherwise.
   */
  final boolean putAtOnce(T item) {
    if (shutdown || full()) {
      return false;
    }
    putNowait(item);
    return true;
  }

  /**
   * A coroutine that removes and returns the next item, waiting while the queue is empty. Nothing
   * happens until it is awaited.
   *
   * <p>Awaiting it throws {@link QueueShutDown} if the queue is shut down and empty, before or
   * while it waits. If it is cancelled, it has taken nothing.
   */
  public final Coroutine<T> get() {
    return new Get<>(this);
  }

  /**
   * Removes and returns the next item without waiting, and wakes the longest-waiting putter.
   *
   * @throws QueueEmpty if the queue is empty
   * @throws QueueShutDown if the queue is empty and shut down
   */
  public final T getNowait() {
    if (count() == 0) {
      if (shutdown) {
        throw new QueueShutDown("getNowait() on a shut-down, empty queue: " + this);
      }
      throw new QueueEmpty("getNowait() on an empty queue: " + this);
    }
    T item = takeNext();
    if (!putters.isEmpty()) {
      wakeNext(putters);
    }
    return item;
  }

  // ---- taskDone and join ----

  /**
   * Tells the queue that the processing of an item taken from it is done. When every item put has
   * been marked done, the coroutines waiting in {@link #join} wake up.
   *
   * @throws IllegalStateException if called more times than items were put (Python's {@code
   *     ValueError})
   */
  public final void taskDone() {
    if (unfinished <= 0) {
      throw new IllegalStateException("taskDone() called too many times: " + this);
    }
    if (--unfinished == 0) {
      releaseJoiners();
    }
  }

  /**
   * A coroutine that waits until every item put into the queue has been marked done with {@link
   * #taskDone}; it finishes at once if none is pending. Nothing happens until it is awaited.
   */
  public final Coroutine<Void> join() {
    return new Join();
  }

  // ---- shutdown ----

  /** Shuts the queue down, keeping its items for the getters; {@code shutdown(false)}. */
  public final void shutdown() {
    shutdown(false);
  }

  /**
   * Shuts the queue down, as Python 3.13's {@code Queue.shutdown}. From now on puts throw {@link
   * QueueShutDown}, and gets throw it once the queue is empty. Every coroutine waiting in {@link
   * #put} or {@link #get} wakes up and throws it (a getter only if there is nothing left to take).
   *
   * <p>With {@code immediate}, the items in the queue are dropped and each counts as done for
   * {@link #join}, which wakes its waiters if no other item is unfinished.
   *
   * <p>Shutting down again is allowed; {@code shutdown(true)} after {@code shutdown(false)} drops
   * what is left.
   */
  public final void shutdown(boolean immediate) {
    shutdown = true;
    if (immediate) {
      int dropped = count();
      dropAll();
      unfinished = Math.max(0, unfinished - dropped);
      if (unfinished == 0) {
        releaseJoiners();
      }
    }
    // Woken waiters look again and find the queue shut down.
    wakeAll(getters);
    wakeAll(putters);
  }

  /** Whether {@link #shutdown} has been called. */
  public final boolean isShutdown() {
    return shutdown;
  }

  /**
   * Describes the queue as asyncio's repr does, e.g. {@code <Queue maxsize=5 qsize=5 putters=2
   * tasks=7 shutdown>}: waiting getters and putters, unfinished tasks and the shutdown state are
   * shown when there are any.
   */
  @Override
  public String toString() {
    String name = getClass().getSimpleName();
    StringBuilder sb = new StringBuilder("<").append(name.isEmpty() ? getClass().getName() : name);
    sb.append(" maxsize=").append(maxsize).append(" qsize=").append(count());
    if (!getters.isEmpty()) {
      sb.append(" getters=").append(getters.size());
    }
    if (!putters.isEmpty()) {
      sb.append(" putters=").append(putters.size());
    }
    if (unfinished != 0) {
      sb.append(" tasks=").append(unfinished);
    }
    if (shutdown) {
      sb.append(" shutdown");
    }
    return sb.append('>').toString();
  }

  // ---- waiters ----

  /** Wakes the first waiter still waiting; cancelled ones are dropped on the way. */
  private static void wakeNext(ArrayDeque<Waiting<?, ?>> line) {
    Waiting<?, ?> w;
    while ((w = line.pollFirst()) != null) {
      if (w.wake()) {
        return;
      }
    }
  }

  private static void wakeAll(ArrayDeque<Waiting<?, ?>> line) {
    Waiting<?, ?> w;
    while ((w = line.pollFirst()) != null) {
      w.wake();
    }
  }

  private void releaseJoiners() {
    ArrayList<Waiter> js = joiners;
    if (js == null || js.isEmpty()) {
      return;
    }
    joiners = null;
    for (Waiter w : js) {
      w.trySetResult(null);
    }
  }

  /**
   * The loop {@code task} runs on, which the queue is bound to from its first wait on.
   *
   * @throws IllegalStateException if the queue is bound to another loop
   */
  private EventLoop bindLoop(Task<?> task) {
    EventLoop l = task.loopOrNull();
    if (l == null) {
      l = EventLoop.getRunningLoop(); // a coroutine driven by send(), as asyncio's get_loop()
    }
    if (l != loop) {
      if (loop != null) {
        throw new IllegalStateException(
            this + " is bound to a different event loop: " + loop + ", not " + l);
      }
      loop = l;
    }
    return l;
  }

  /** Puts {@code w} into {@code line} by its ticket. */
  private static void enqueue(ArrayDeque<Waiting<?, ?>> line, Waiting<?, ?> w) {
    Waiting<?, ?> last = line.peekLast();
    if (last == null || last.ticket - w.ticket < 0) {
      line.addLast(w); // a newcomer: the common case
      return;
    }
    // A woken waiter waits again. It was first in line when it was woken, so only waiters that
    // came back the same way can be ahead of it.
    int ahead = 0;
    for (Waiting<?, ?> x : line) {
      if (x.ticket - w.ticket > 0) {
        break;
      }
      ahead++;
    }
    Waiting<?, ?>[] front = new Waiting<?, ?>[ahead];
    for (int i = 0; i < ahead; i++) {
      front[i] = line.pollFirst();
    }
    line.addFirst(w);
    for (int i = ahead - 1; i >= 0; i--) {
      line.addFirst(front[i]);
    }
  }

  /** The future a coroutine driven by send() waits on in a line, or in join(). */
  static final class Waiter extends Future<Void> {
    Waiter(EventLoop loop) {
      super(loop);
    }
  }

  // ---- the coroutines ----

  private static final byte START = 0;
  private static final byte WAITING = 1;
  private static final byte DONE = 2;

  /**
   * A {@link Get} or {@link Put}: a coroutine that may wait in one of the queue's lines, being its
   * own entry there.
   */
  private abstract static class Waiting<T, R> extends Coroutine<R> {
    final Queue<T> queue;

    byte state;

    /** Whether the wake-up of its last wait reached it (else it was cancelled, or still waits). */
    private boolean woken;

    /** Its place in line, earlier first (see the overview); kept if it waits again. */
    int ticket;

    /**
     * What its wake-up goes to: the task it parked, or for a coroutine driven by send(), the future
     * it waits on. Null until it first waits.
     */
    private Object waiter;

    Waiting(Queue<T> queue) {
      this.queue = queue;
    }

    /**
     * Joins {@code line}, with a new ticket unless it waits {@code again} after a wake-up in vain,
     * and suspends {@code task} until {@link #wake} or a cancellation.
     */
    final Object waitIn(ArrayDeque<Waiting<?, ?>> line, Task<?> task, boolean again)
        throws Throwable {
      EventLoop l = queue.bindLoop(task);
      if (!again) {
        ticket = ++queue.lastTicket;
      }
      woken = false;
      enqueue(line, this);
      Object r;
      try {
        if (task.loopOrNull() != null) {
          waiter = task;
          r = task.park(this);
        } else {
          Waiter f = new Waiter(l);
          waiter = f;
          r = await(task, f);
        }
      } catch (Throwable t) {
        line.removeFirstOccurrence(this);
        throw t;
      }
      state = WAITING;
      return r;
    }

    /** Wakes it to look again; false if it no longer waits (it was cancelled). */
    final boolean wake() {
      Object w = waiter;
      woken = w instanceof Task<?> t ? t.unpark(this) : ((Waiter) w).trySetResult(null);
      return woken;
    }

    /**
     * Leaves {@code line} after being resumed with an exception (cancelled, usually). If it had
     * been woken, the wake-up is passed on when there is still something to wake for.
     */
    final void abandon(ArrayDeque<Waiting<?, ?>> line, boolean canProceed) {
      if (woken) {
        if (canProceed) {
          wakeNext(line);
        }
      } else {
        line.removeFirstOccurrence(this);
      }
    }
  }

  /** The coroutine of {@link #get()}. */
  private static final class Get<T> extends Waiting<T, T> {
    Get(Queue<T> queue) {
      super(queue);
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      boolean again = false;
      switch (state) {
        case START:
          if (error != null) {
            state = DONE;
            throw error;
          }
          break;
        case WAITING:
          if (error != null) {
            state = DONE;
            abandon(queue.getters, queue.count() > 0);
            throw error;
          }
          again = true; // woken: the queue had an item, which someone may have taken since
          break;
        default:
          throw reuseError(error);
      }
      state = DONE;
      if (queue.count() == 0) {
        if (queue.shutdown) {
          throw new QueueShutDown("get() on a shut-down, empty queue: " + queue);
        }
        return waitIn(queue.getters, task, again);
      }
      return queue.getNowait();
    }

    @Override
    public String toString() {
      return "get() on " + queue;
    }
  }

  /** The coroutine of {@link #put}. */
  private static final class Put<T> extends Waiting<T, Void> {
    private final T item;

    Put(Queue<T> queue, T item) {
      super(queue);
      this.item = item;
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      boolean again = false;
      switch (state) {
        case START:
          if (error != null) {
            state = DONE;
            throw error;
          }
          break;
        case WAITING:
          if (error != null) {
            state = DONE;
            abandon(queue.putters, !queue.full());
            throw error;
          }
          again = true; // woken: the queue had room, which someone may have taken since
          break;
        default:
          throw reuseError(error);
      }
      state = DONE;
      if (queue.shutdown) {
        throw new QueueShutDown("put() on a shut-down queue: " + queue);
      }
      if (queue.full()) {
        return waitIn(queue.putters, task, again);
      }
      queue.putNowait(item);
      return null;
    }

    @Override
    public String toString() {
      return "put(" + Future.abbreviate(item) + ") on " + queue;
    }
  }

  /** The coroutine of {@link #join()}. */
  private final class Join extends Coroutine<Void> {
    private byte state;
    private Waiter waiter;

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      switch (state) {
        case START:
          if (error != null) {
            state = DONE;
            throw error;
          }
          if (unfinished == 0) {
            state = DONE;
            return null;
          }
          state = DONE;
          Waiter w = new Waiter(bindLoop(task));
          if (joiners == null) {
            joiners = new ArrayList<>(2);
          }
          joiners.add(w);
          Object r;
          try {
            r = await(task, w);
          } catch (Throwable t) {
            joiners.remove(w);
            throw t;
          }
          state = WAITING;
          waiter = w;
          return r;
        case WAITING:
          state = DONE;
          Waiter j = waiter;
          waiter = null;
          if (error != null) {
            if (joiners != null) {
              joiners.remove(j);
            }
            throw error;
          }
          return null;
        default:
          throw reuseError(error);
      }
    }

    @Override
    public String toString() {
      return "join() on " + Queue.this;
    }
  }
}
