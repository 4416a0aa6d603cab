package dev.jasyncio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A single-threaded event loop, as Python's asyncio event loop: it runs callbacks, timers and the
 * steps of {@link Task}s, one at a time, on the thread that runs it.
 *
 * <pre>{@code
 * EventLoop loop = new EventLoop();
 * loop.callLater(1.0, () -> System.out.println("one second later"));
 * loop.callLater(1.5, loop::stop);
 * loop.runForever();
 * loop.close();
 * }</pre>
 *
 * <p>Most programs never touch the loop: {@link Asyncio#run} makes one, runs a coroutine on it and
 * closes it.
 *
 * <h2>Order</h2>
 *
 * <p>Each iteration waits for the next timer (or for a callback from another thread), moves the
 * timers that are due to the ready queue, then runs the callbacks that were ready when the
 * iteration started. The callbacks of channels that the wait found ready ({@link #addReader},
 * {@link #addWriter}) join the ready queue before the due timers, as in CPython. A callback
 * scheduled during an iteration runs in the next one: after the rest of the batch (which includes
 * the timers that were due when the iteration started) and, as in CPython, before timers that fall
 * due in between, since those join the ready queue behind it. Timers with equal deadlines run in
 * the order they were scheduled (CPython does not promise that; jasyncio does).
 *
 * <h2>Errors</h2>
 *
 * <p>A callback that throws does not stop the loop: the exception goes to the {@link
 * ExceptionHandler} (by default, logged to the {@code dev.jasyncio} {@link System.Logger}). In
 * {@linkplain #setDebug debug mode} the loop also warns about callbacks and task steps that run
 * longer than {@link #setSlowCallbackDuration the slow-callback duration}.
 *
 * <h2>Threads</h2>
 *
 * <p>Everything except {@link #callSoonThreadsafe} and {@link #runCoroutineThreadsafe} must be
 * called on the loop's own thread (or, before the loop runs, on the thread that will run it); the
 * loop throws an {@link IllegalStateException} otherwise. Debug mode can also be switched on with
 * the system property {@code jasyncio.debug=true} or the environment variable {@code
 * JASYNCIO_DEBUG=1}.
 */
public class EventLoop implements AutoCloseable {
  /*
   * Overview: runOnce() is the only place where callbacks are called. The ready queue holds
   * Scheduled entries: Handles, Futures whose done callbacks are due, and Tasks to wake, so waking
   * a task or completing a future allocates nothing. Timers live in a heap ordered by deadline and
   * scheduling order. The idle wait is a Selector select bounded by the next deadline, and
   * callSoonThreadsafe wakes it. Channels registered by addReader/addWriter share one key each,
   * whose attachment holds both callbacks as reusable Handles; the handles of ready keys join the
   * ready queue right after the select, as asyncio's _process_events. While no channel is
   * registered, an iteration that need not wait does not touch the selector at all.
   */

  private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();

  /** The loop that started running last, a hint for {@link #runningOrNull()}; see there. */
  private static EventLoop lastStarted;

  static final System.Logger LOGGER = System.getLogger("dev.jasyncio");

  private final ItemBuffer ready = new ItemBuffer();
  private final TimerQueue timers = new TimerQueue();
  private final ConcurrentLinkedQueue<Handle> threadsafe = new ConcurrentLinkedQueue<>();
  private final Selector selector;
  private volatile boolean selecting;
  private volatile Thread thread;
  private volatile boolean closed;
  private boolean stopping;
  private final long originNanos = System.nanoTime();
  private int timerSeq;

  private boolean debug;
  private double slowCallbackDuration = 0.1;
  private ExceptionHandler exceptionHandler;
  private boolean eagerTasks;

  private long taskCounter;
  private int pendingCount;

  /**
   * The tasks still pending after a step, each at its {@link Task#pendingSlot} minus one, in the
   * first {@code pendingEnd} slots; a finished task leaves a null. Listing a task stores into this
   * array only, and unlisting it stores a null: neither takes G1's slow write barrier on the task,
   * as links between tasks would.
   */
  private Task<?>[] pendingTasks = new Task<?>[INITIAL_PENDING_SLOTS];

  private int pendingEnd;

  /** The non-null slots of pendingTasks. */
  private int pendingListed;

  private static final int INITIAL_PENDING_SLOTS = 16;
  Task<?> currentTask;
  final Context baseContext = new Context();

  /**
   * The current context; null while a task runs that has not made its context object yet (see
   * {@link Context}): then {@link #currentContext()} makes it.
   */
  Context currentContext = baseContext;

  private Executor defaultExecutor;
  private boolean ownsDefaultExecutor;

  /** Work running outside the loop whose result will come back through callSoonThreadsafe. */
  private int outsideWork;

  /**
   * Channels registered by addReader/addWriter: counted on registration and removal, and set from
   * the selector's key set after each select, when cancelled keys have left it.
   */
  private int ioRegistrations;

  /**
   * A key was cancelled since the last select. A channel closed while registered is closed for real
   * only when the selector deregisters its key, so the next iteration must select.
   */
  private boolean keysCancelled;

  final Set<UnretrievedFailure> unretrieved = ConcurrentHashMap.newKeySet();

  /** A new loop, not running. Debug mode follows {@code jasyncio.debug}/{@code JASYNCIO_DEBUG}. */
  public EventLoop() {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the selector for a new event loop", e);
    }
    debug =
        Boolean.getBoolean("jasyncio.debug")
            || "1".equals(System.getenv("JASYNCIO_DEBUG"))
            || "true".equalsIgnoreCase(System.getenv("JASYNCIO_DEBUG"));
  }

  /**
   * The loop running on this thread.
   *
   * @throws IllegalStateException if no loop is running on this thread
   */
  public static EventLoop getRunningLoop() {
    EventLoop loop = runningOrNull();
    if (loop == null) {
      throw noRunningLoop();
    }
    return loop;
  }

  private static IllegalStateException noRunningLoop() {
    return new IllegalStateException(
        "no running event loop on thread "
            + Thread.currentThread().getName()
            + "; call this from a coroutine or callback running on a loop, e.g. under run(...)");
  }

  static EventLoop runningOrNull() {
    // The last loop started is usually the one asked for: checking its thread is much cheaper than
    // the thread-local lookup. The hint is racy on purpose; a loop's own thread always sees its
    // own writes of the thread field, so a hit is never wrong.
    EventLoop hint = lastStarted;
    if (hint != null && hint.thread == Thread.currentThread()) {
      return hint;
    }
    return RUNNING.get();
  }

  // ---- time ----

  /** The loop's clock, in seconds: monotonic, starting near 0 when the loop was created. */
  public double time() {
    return nanoTime() / 1e9;
  }

  /** The loop's clock in nanoseconds. */
  long nanoTime() {
    return System.nanoTime() - originNanos;
  }

  long deadlineAfter(double delaySeconds) {
    long now = nanoTime();
    long delta = toNanos(delaySeconds);
    long when = now + delta;
    return ((now ^ when) & (delta ^ when)) < 0 ? Long.MAX_VALUE : when;
  }

  /**
   * {@code seconds} in nanoseconds, rounded to the nearest one (saturating), so that a deadline
   * given in seconds comes back unchanged from {@link #time()}: truncating would turn 1.001 into
   * 1000999999 ns, a nanosecond early.
   */
  static long toNanos(double seconds) {
    return Math.round(seconds * 1e9);
  }

  static double checkDelay(double delay, String what) {
    if (Double.isNaN(delay)) {
      throw new IllegalArgumentException(what + ": the delay is NaN; give a number of seconds");
    }
    return delay;
  }

  // ---- scheduling ----

  /**
   * Schedules {@code callback} to run in the next iteration, after the callbacks already scheduled,
   * in a copy of the current {@link Context}.
   */
  public Handle callSoon(Runnable callback) {
    return callSoon(callback, null);
  }

  /**
   * Schedules {@code callback} to run in the next iteration, in {@code context} (null: a copy of
   * the current one).
   */
  public Handle callSoon(Runnable callback, Context context) {
    Objects.requireNonNull(callback, "callback");
    checkThread("callSoon");
    checkClosed();
    // Without a context given, the handle keeps the current values: it runs at most once, and
    // makes its copy of the context then.
    Handle h = new Handle(this, callback, context != null ? context : callerPairs());
    ready.addLast(h);
    return h;
  }

  /**
   * Schedules {@code callback} to run {@code delay} seconds from now.
   *
   * @throws IllegalArgumentException if {@code delay} is negative or NaN
   */
  public TimerHandle callLater(double delay, Runnable callback) {
    return callLater(delay, callback, null);
  }

  /** Schedules {@code callback} to run {@code delay} from now. */
  public TimerHandle callLater(Duration delay, Runnable callback) {
    Objects.requireNonNull(delay, "delay");
    return callLater(delay.toNanos() / 1e9, callback, null);
  }

  /** Schedules {@code callback} to run {@code delay} seconds from now, in {@code context}. */
  public TimerHandle callLater(double delay, Runnable callback, Context context) {
    checkDelay(delay, "callLater");
    if (delay < 0) {
      throw new IllegalArgumentException(
          "callLater: the delay is negative ("
              + delay
              + "); use callSoon to run a callback as soon as possible");
    }
    Objects.requireNonNull(callback, "callback");
    checkThread("callLater");
    checkClosed();
    return addTimer(deadlineAfter(delay), callback, context);
  }

  /**
   * Schedules {@code callback} to run at {@code when} on the loop's clock ({@link #time()}); a time
   * in the past runs it in the next iteration.
   */
  public TimerHandle callAt(double when, Runnable callback) {
    return callAt(when, callback, null);
  }

  /** Schedules {@code callback} to run at {@code when}, in {@code context}. */
  public TimerHandle callAt(double when, Runnable callback, Context context) {
    if (Double.isNaN(when)) {
      throw new IllegalArgumentException(
          "callAt: the time is NaN; give a time on the loop's clock");
    }
    Objects.requireNonNull(callback, "callback");
    checkThread("callAt");
    checkClosed();
    return addTimer(toNanos(when), callback, context);
  }

  private TimerHandle addTimer(long whenNanos, Runnable callback, Context context) {
    // As in callSoon: a timer cancelled before it is due never makes its copy of the context.
    TimerHandle h =
        new TimerHandle(this, whenNanos, callback, context != null ? context : callerPairs());
    timers.add(h, whenNanos, timerSeq++);
    return h;
  }

  /**
   * Schedules {@code callback} from any thread, and wakes the loop if it is waiting. The only
   * scheduling method that may be called from other threads.
   */
  public Handle callSoonThreadsafe(Runnable callback) {
    return callSoonThreadsafe(callback, null);
  }

  /** Schedules {@code callback} from any thread, in {@code context}. */
  public Handle callSoonThreadsafe(Runnable callback, Context context) {
    Objects.requireNonNull(callback, "callback");
    checkClosed();
    Handle h = new Handle(this, callback, context != null ? context : Context.currentPairs());
    threadsafe.add(h);
    if (selecting) {
      selector.wakeup();
    }
    return h;
  }

  // ---- running ----

  /**
   * Runs the loop until {@link #stop()} is called.
   *
   * @throws IllegalStateException if the loop is closed or already running, or another loop runs on
   *     this thread
   */
  public void runForever() {
    checkClosed();
    if (thread != null) {
      throw new IllegalStateException("This event loop is already running: " + this);
    }
    EventLoop other = RUNNING.get();
    if (other != null) {
      throw new IllegalStateException(
          "Cannot run the event loop while another loop is running on this thread: " + other);
    }
    thread = Thread.currentThread();
    RUNNING.set(this);
    lastStarted = this;
    try {
      for (; ; ) {
        runOnce();
        if (stopping) {
          break;
        }
      }
    } finally {
      stopping = false;
      thread = null;
      RUNNING.remove();
      if (lastStarted == this) {
        lastStarted = null; // do not keep a stopped loop reachable
      }
    }
  }

  /**
   * Runs the loop until {@code awaitable} is done and returns its result; a coroutine is wrapped in
   * a task first.
   *
   * @throws IllegalStateException if the loop is closed or running, or stops before the result
   * @throws CancelledError if the future was cancelled
   * @throws Throwable the future's exception, unchanged
   */
  public <T> T runUntilComplete(Awaitable<T> awaitable) {
    Objects.requireNonNull(awaitable, "awaitable");
    checkClosed();
    if (thread != null) {
      throw new IllegalStateException("This event loop is already running: " + this);
    }
    boolean newTask = !(awaitable instanceof Future);
    Future<T> future = ensureFuture(awaitable);
    Consumer<Future<T>> stopper = f -> stop();
    future.addInternalCallback(stopper);
    try {
      runForever();
    } catch (Throwable t) {
      if (newTask && future.done() && !future.cancelled()) {
        future.exception();
      }
      throw t;
    } finally {
      if (!closed) {
        future.removeInternalCallback(stopper);
      }
    }
    if (!future.done()) {
      throw new IllegalStateException("Event loop stopped before Future completed: " + future);
    }
    return future.result();
  }

  /**
   * Stops the loop after the current iteration: callbacks already in this iteration's batch still
   * run. Called before {@link #runForever()}, it makes the next run last one iteration.
   */
  public void stop() {
    checkThread("stop");
    stopping = true;
  }

  /** Whether the loop is running. */
  public boolean isRunning() {
    return thread != null;
  }

  /** Whether the loop is closed. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes the loop: drops pending callbacks and timers, cancels the registrations of {@link
   * #addReader}/{@link #addWriter} (the channels stay open: they belong to their owners), shuts
   * down the default executor without waiting, and reports failures that nobody retrieved. Closing
   * twice does nothing.
   *
   * @throws IllegalStateException if the loop is running
   */
  @Override
  public void close() {
    if (thread != null) {
      throw new IllegalStateException("Cannot close a running event loop: " + this);
    }
    if (closed) {
      return;
    }
    for (UnretrievedFailure u : unretrieved) {
      u.reportNow();
    }
    closed = true;
    // Tasks that never ran stay listed in allTasks(), as pending.
    ready.forEach(
        s -> {
          if (s instanceof Task<?> t && !t.done()) {
            linkPending(t);
          }
        });
    ready.clear();
    timers.clear();
    threadsafe.clear();
    if (ownsDefaultExecutor && defaultExecutor instanceof ExecutorService es) {
      es.shutdown();
    }
    for (SelectionKey key : selector.keys()) {
      key.cancel();
    }
    ioRegistrations = 0;
    try {
      selector.close();
    } catch (IOException e) {
      LOGGER.log(Level.WARNING, "cannot close the selector of " + this, e);
    }
  }

  /**
   * One iteration: wait for the next timer or a wake-up, move due timers to the ready queue, then
   * run the entries that were ready when the batch started. This is the only place where callbacks
   * are called.
   */
  private void runOnce() {
    long timeout;
    if (!ready.isEmpty() || stopping) {
      timeout = 0;
    } else {
      long first = timers.firstDeadline();
      timeout = first == Long.MAX_VALUE ? -1 : Math.max(0, first - nanoTime());
    }
    idleWait(timeout);
    for (Handle h; (h = threadsafe.poll()) != null; ) {
      ready.addLast(h);
    }

    // Read the clock only when a timer may be due: on a busy loop without timers, the clock read
    // would be a large part of an iteration.
    if (timers.firstDeadline() != Long.MAX_VALUE) {
      long now = nanoTime();
      for (Object due; (due = timers.pollDue(now)) != null; ) {
        if (due instanceof Task<?> task) {
          task.sleepOver();
        }
        ready.addLast((Scheduled) due);
      }
    }

    if (debug) {
      for (int n = ready.size(); n > 0; n--) {
        runTimed((Scheduled) ready.pollFirst());
      }
    } else {
      runReady(ready.size());
    }
  }

  /**
   * Runs the first {@code n} entries of the ready queue. A task, the common entry, is called
   * directly, so that its step can be compiled into this loop whatever other kinds of entry the
   * program uses.
   */
  private void runReady(int n) {
    for (; n > 0; n--) {
      Object s = ready.pollFirst();
      if (s instanceof Task<?> task) {
        task.runScheduled();
      } else {
        ((Scheduled) s).runScheduled();
      }
    }
  }

  /**
   * Waits up to {@code timeoutNanos} (0: do not wait; negative: until woken) for I/O readiness or a
   * {@link #callSoonThreadsafe} wake-up, then adds the callbacks of the channels found ready to the
   * ready queue, so that they run in this iteration's batch.
   */
  void idleWait(long timeoutNanos) {
    try {
      if (timeoutNanos == 0) {
        // The hot path: a loop without channels does not touch the selector.
        if (ioRegistrations != 0 || keysCancelled) {
          selector.selectNow();
          afterSelect();
        }
        return;
      }
      selecting = true;
      try {
        if (!threadsafe.isEmpty()) {
          selector.selectNow();
        } else if (timeoutNanos < 0) {
          selector.select();
        } else {
          // Round up: waking a little late is fine, waking early would spin.
          selector.select(Math.max(1, (timeoutNanos + 999_999) / 1_000_000));
        }
      } finally {
        selecting = false;
      }
      afterSelect();
    } catch (IOException e) {
      throw new UncheckedIOException("the event loop's selector failed", e);
    }
  }

  /** Queues the callbacks of the ready channels, as asyncio's {@code _process_events}. */
  private void afterSelect() {
    keysCancelled = false;
    // Cancelled keys (removed registrations, channels closed while registered) are gone now.
    ioRegistrations = selector.keys().size();
    Set<SelectionKey> selected = selector.selectedKeys();
    if (selected.isEmpty()) {
      return;
    }
    for (SelectionKey key : selected) {
      if (!key.isValid()) {
        continue;
      }
      IoCallbacks callbacks = (IoCallbacks) key.attachment();
      int ops = key.readyOps();
      if ((ops & READ_OPS) != 0 && callbacks.reader != null) {
        ready.addLast(callbacks.reader);
      }
      if ((ops & WRITE_OPS) != 0 && callbacks.writer != null) {
        ready.addLast(callbacks.writer);
      }
    }
    selected.clear();
  }

  // ---- readiness ----

  private static final int READ_OPS = SelectionKey.OP_READ | SelectionKey.OP_ACCEPT;
  private static final int WRITE_OPS = SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT;

  /** The attachment of a channel's key: its reader and writer callbacks, each a reusable handle. */
  private static final class IoCallbacks {
    Handle reader;
    Handle writer;
  }

  /**
   * Calls {@code callback} on the loop whenever {@code channel} is readable, as asyncio's {@code
   * loop.add_reader}: readable data, end of stream or an error for a socket or pipe, a pending
   * connection for a {@link java.nio.channels.ServerSocketChannel}. It replaces the channel's
   * reader callback, if any. The callback runs in a copy of the current {@link Context}, as a loop
   * callback: an exception it throws goes to the exception handler.
   *
   * <p>Readiness is level-triggered: the callback runs in every iteration while the channel stays
   * readable, so it must read (or {@link #removeReader remove itself}). A registration costs
   * nothing while the channel is not ready. Remove the callbacks before closing the channel.
   *
   * @throws IllegalArgumentException if {@code channel} is in blocking mode, closed, or cannot be
   *     read
   * @throws IllegalStateException if the loop is closed, or runs on another thread
   */
  public void addReader(SelectableChannel channel, Runnable callback) {
    register(channel, callback, true, "addReader");
  }

  /**
   * Calls {@code callback} on the loop whenever {@code channel} is writable, as asyncio's {@code
   * loop.add_writer}; for a {@link java.nio.channels.SocketChannel} whose connect is pending, when
   * the connect has finished or failed (call {@code finishConnect()}). It replaces the channel's
   * writer callback, if any. A channel stays writable while its send buffer has room: remove the
   * writer once there is nothing left to write, or the loop runs the callback in every iteration.
   *
   * @throws IllegalArgumentException if {@code channel} is in blocking mode, closed, or cannot be
   *     written
   * @throws IllegalStateException if the loop is closed, or runs on another thread
   */
  public void addWriter(SelectableChannel channel, Runnable callback) {
    register(channel, callback, false, "addWriter");
  }

  /**
   * Stops watching {@code channel} for readability, as asyncio's {@code loop.remove_reader}; a
   * callback already queued for this iteration does not run.
   *
   * @return whether a reader callback was registered (false on a closed loop)
   */
  public boolean removeReader(SelectableChannel channel) {
    return unregister(channel, true, "removeReader");
  }

  /**
   * Stops watching {@code channel} for writability, as asyncio's {@code loop.remove_writer}.
   *
   * @return whether a writer callback was registered (false on a closed loop)
   */
  public boolean removeWriter(SelectableChannel channel) {
    return unregister(channel, false, "removeWriter");
  }

  private void register(SelectableChannel channel, Runnable callback, boolean read, String op) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(callback, "callback");
    checkThread(op);
    checkClosed();
    int ops = channel.validOps() & (read ? READ_OPS : WRITE_OPS);
    if (ops == 0) {
      throw new IllegalArgumentException(
          op + ": " + channel + " cannot be " + (read ? "read" : "written") + "; " + this);
    }
    if (!channel.isOpen()) {
      throw new IllegalArgumentException(op + ": " + channel + " is closed");
    }
    if (channel.isBlocking()) {
      throw new IllegalArgumentException(
          op
              + ": "
              + channel
              + " is in blocking mode; call configureBlocking(false) before registering it with"
              + " the loop");
    }
    Handle handle = new Handle(this, callback, Context.copyContext());
    try {
      SelectionKey key = channel.keyFor(selector);
      if (key != null && !key.isValid()) {
        // A key cancelled in this iteration stays in the selector until the next select, and the
        // channel cannot register again until then: flush it now.
        selector.selectNow();
        key = null;
      }
      if (key == null) {
        IoCallbacks callbacks = new IoCallbacks();
        set(callbacks, read, handle);
        channel.register(selector, ops, callbacks);
        ioRegistrations++;
      } else {
        IoCallbacks callbacks = (IoCallbacks) key.attachment();
        Handle old = read ? callbacks.reader : callbacks.writer;
        if (old != null) {
          old.cancel();
        }
        set(callbacks, read, handle);
        key.interestOps(key.interestOps() | ops);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the event loop's selector failed", e);
    }
  }

  private boolean unregister(SelectableChannel channel, boolean read, String op) {
    Objects.requireNonNull(channel, "channel");
    checkThread(op);
    if (closed) {
      return false;
    }
    SelectionKey key = channel.keyFor(selector);
    if (key == null) {
      return false;
    }
    IoCallbacks callbacks = (IoCallbacks) key.attachment();
    Handle handle = read ? callbacks.reader : callbacks.writer;
    if (handle == null) {
      return false;
    }
    handle.cancel();
    set(callbacks, read, null);
    if (callbacks.reader == null && callbacks.writer == null) {
      key.cancel();
      keysCancelled = true;
      ioRegistrations--;
    } else if (key.isValid()) {
      key.interestOps(key.interestOps() & ~(read ? READ_OPS : WRITE_OPS));
    }
    return true;
  }

  private static void set(IoCallbacks callbacks, boolean read, Handle handle) {
    if (read) {
      callbacks.reader = handle;
    } else {
      callbacks.writer = handle;
    }
  }

  private void runTimed(Scheduled s) {
    long t0 = nanoTime();
    s.runScheduled();
    double seconds = (nanoTime() - t0) / 1e9;
    if (seconds >= slowCallbackDuration) {
      LOGGER.log(
          Level.WARNING, String.format(Locale.ROOT, "Executing %s took %.3f seconds", s, seconds));
    }
  }

  final void enqueue(Scheduled s) {
    if (closed) {
      throw closedError();
    }
    ready.addLast(s);
  }

  /** Puts a sleeping task into the timer queue; returns the entry's sequence number. */
  int addSleeper(long whenNanos, Task<?> task) {
    int seq = timerSeq++;
    timers.add(task, whenNanos, seq);
    return seq;
  }

  void timerCancelled() {
    timers.onCancelled();
  }

  /** Work started outside the loop; its result will come back through callSoonThreadsafe. */
  void outsideWorkStarted() {
    outsideWork++;
  }

  void outsideWorkFinished() {
    outsideWork--;
  }

  int outsideWork() {
    return outsideWork;
  }

  boolean hasReadyOrThreadsafe() {
    return !ready.isEmpty() || !threadsafe.isEmpty();
  }

  /** The buffer socket transports read into: one per loop, since reads run one at a time. */
  private java.nio.ByteBuffer streamReadBuffer;

  java.nio.ByteBuffer streamReadBuffer() {
    if (streamReadBuffer == null) {
      streamReadBuffer = java.nio.ByteBuffer.allocateDirect(64 * 1024);
    }
    return streamReadBuffer;
  }

  /** Whether a channel is registered by {@link #addReader} or {@link #addWriter}. */
  boolean hasIoRegistrations() {
    return ioRegistrations != 0;
  }

  // ---- futures and tasks ----

  /** The values of the calling thread's current context ({@link #checkThread} allowed it in). */
  private Object[] callerPairs() {
    // On the loop's own thread the current context is the loop's; skip the thread-local lookup.
    return thread != null ? currentPairs() : Context.currentPairs();
  }

  /** The current context on this loop's thread, made now if the running task has none yet. */
  Context currentContext() {
    Context c = currentContext;
    if (c == null) {
      c = currentTask.getContext();
      currentContext = c;
    }
    return c;
  }

  /** The values of the current context on this loop's thread. */
  Object[] currentPairs() {
    Context c = currentContext;
    return c != null ? c.pairs() : currentTask.contextPairs();
  }

  /** A new pending {@link Future} on this loop. */
  public <T> Future<T> createFuture() {
    return new Future<>(this);
  }

  /** Wraps {@code coro} in a task named {@code Task-N}, scheduled to start. */
  public <T> Task<T> createTask(Coroutine<T> coro) {
    return createTask(coro, null, null, eagerTasks);
  }

  /** Wraps {@code coro} in a task with the given name (null: {@code Task-N}). */
  public <T> Task<T> createTask(Coroutine<T> coro, String name) {
    return createTask(coro, name, null, eagerTasks);
  }

  /**
   * Wraps {@code coro} in a task that runs in {@code context} itself (null: a copy of the current
   * context).
   */
  public <T> Task<T> createTask(Coroutine<T> coro, String name, Context context) {
    return createTask(coro, name, context, eagerTasks);
  }

  /**
   * Wraps {@code coro} in a task. With {@code eagerStart}, the coroutine runs at once, inside this
   * call, until it first suspends; if it never does, the task is already done when this returns. As
   * in asyncio, a task is started eagerly only on a running loop: created before the loop runs, it
   * starts when the loop runs, like any other task.
   *
   * @throws IllegalStateException if the loop is closed, or {@code coro} already runs (in an await,
   *     in another task or under {@link Coroutine#send})
   */
  public <T> Task<T> createTask(
      Coroutine<T> coro, String name, Context context, boolean eagerStart) {
    Objects.requireNonNull(coro, "coro");
    checkThread("createTask");
    checkClosed();
    Coroutine.claimForTask(coro);
    Task<T> task =
        new Task<>(this, coro, name, context != null ? context : callerPairs(), ++taskCounter);
    // The task joins the list of pending tasks only if it is still pending after its first step
    // (Task.step): a task that finishes in its first step never touches the list. Until then the
    // ready queue holds it, and allTasks() looks there too.
    pendingCount++;
    if (eagerStart && thread != null) {
      Task<?> creator = currentTask;
      if (creator != null) {
        // The creator's step is interrupted by the child's: it is in no queue meanwhile.
        linkPending(creator);
      }
      task.eagerStart();
    } else {
      ready.addLast(task);
    }
    return task;
  }

  /**
   * Whether {@link #createTask(Coroutine)} starts tasks eagerly, as Python's {@code
   * loop.set_task_factory(asyncio.eager_task_factory)}: the coroutine runs inside {@code
   * createTask} until it first suspends. Off by default.
   */
  public void setEagerTasks(boolean eager) {
    checkThread("setEagerTasks");
    this.eagerTasks = eager;
  }

  public boolean isEagerTasks() {
    return eagerTasks;
  }

  /** The task running now on this loop, or null when a plain callback runs. */
  public Task<?> currentTask() {
    checkThread("currentTask");
    return currentTask;
  }

  /** The tasks of this loop that are not done yet. */
  public Set<Task<?>> allTasks() {
    checkThread("allTasks");
    Set<Task<?>> all = new LinkedHashSet<>(pendingCount * 2);
    Task<?> running = currentTask;
    if (running != null && !running.done()) {
      all.add(running);
    }
    for (int i = 0; i < pendingEnd; i++) {
      Task<?> t = pendingTasks[i];
      if (t != null) {
        all.add(t);
      }
    }
    // Tasks that have not run their first step yet are in the ready queue only.
    ready.forEach(
        s -> {
          if (s instanceof Task<?> t && !t.done()) {
            all.add(t);
          }
        });
    return all;
  }

  /** Async generators of this loop that have started and not finished. */
  private final Set<AbstractAsyncGenerator<?>> asyncgens = new LinkedHashSet<>();

  void asyncgenStarted(AbstractAsyncGenerator<?> generator) {
    asyncgens.add(generator);
  }

  void asyncgenFinished(AbstractAsyncGenerator<?> generator) {
    asyncgens.remove(generator);
  }

  /**
   * Closes every async generator of this loop that has started and not finished, as asyncio's
   * {@code loop.shutdown_asyncgens()}: awaits their {@link AsyncGenerator#aclose()} concurrently
   * and reports an exception one of them raises to the exception handler. {@link Asyncio#run}
   * awaits it after cancelling the tasks left over.
   *
   * <p>The loop holds a generator from its first request until it finishes, so that its {@code
   * finally} blocks run at the latest here; a generator abandoned without {@code aclose()} stays in
   * memory until then.
   */
  public Coroutine<Void> shutdownAsyncgens() {
    return new ShutdownAsyncgens();
  }

  private final class ShutdownAsyncgens extends Coroutine<Void> {
    private List<AbstractAsyncGenerator<?>> closing;
    private boolean started;

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      if (error != null) {
        throw error;
      }
      if (!started) {
        started = true;
        closing = new ArrayList<>(asyncgens);
        asyncgens.clear();
        if (closing.isEmpty()) {
          return null;
        }
        List<Coroutine<Void>> closes = new ArrayList<>(closing.size());
        for (AbstractAsyncGenerator<?> g : closing) {
          closes.add(g.aclose());
        }
        value = await(task, Asyncio.gatherReturnExceptions(closes));
        if (value == SUSPENDED) {
          return SUSPENDED;
        }
      }
      List<?> results = (List<?>) value;
      for (int i = 0; i < results.size(); i++) {
        // As asyncio, a cancellation (an Error here, a BaseException there) is not reported.
        if (results.get(i) instanceof Throwable t && !(t instanceof CancelledError)) {
          callExceptionHandler(
              new ExceptionContext(
                  "an error occurred during closing of asynchronous generator " + closing.get(i),
                  t,
                  null,
                  null));
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return "shutdownAsyncgens()";
    }
  }

  /**
   * Adds {@code t} to the list of pending tasks unless it is in it already. Called when a task is
   * still pending after a step: writing into the list only then keeps tasks that finish in their
   * first step (the common short task) from writing into their neighbours, which for G1 are often
   * old objects that each such write would send through the slow write barrier.
   */
  final void linkPending(Task<?> t) {
    if (t.pendingSlot != 0) {
      return;
    }
    if (pendingEnd == pendingTasks.length) {
      makePendingRoom();
    }
    pendingTasks[pendingEnd++] = t;
    t.pendingSlot = pendingEnd;
    pendingListed++;
  }

  /**
   * Makes room at the end of the full pendingTasks: squeezes out the nulls if they are at least
   * half of it, else doubles it. Each slot is squeezed at most once per half of the slots freed, so
   * listing stays O(1) amortized.
   */
  private void makePendingRoom() {
    Task<?>[] slots = pendingTasks;
    if (pendingListed > slots.length / 2) {
      pendingTasks = Arrays.copyOf(slots, slots.length * 2);
      return;
    }
    int kept = 0;
    for (int i = 0; i < pendingEnd; i++) {
      Task<?> t = slots[i];
      if (t != null) {
        slots[kept++] = t;
        t.pendingSlot = kept;
      }
    }
    Arrays.fill(slots, kept, pendingEnd, null);
    pendingEnd = kept;
  }

  /** Called when a task finishes: the loop stops holding it. */
  void taskDone(Task<?> t) {
    pendingCount--;
    int slot = t.pendingSlot;
    if (slot == 0) {
      return;
    }
    t.pendingSlot = 0;
    pendingTasks[slot - 1] = null;
    if (--pendingListed == 0) {
      // Empty again: start from the front, and give back what a burst of tasks made it grow to.
      pendingEnd = 0;
      if (pendingTasks.length > MAX_IDLE_PENDING_SLOTS) {
        pendingTasks = new Task<?>[INITIAL_PENDING_SLOTS];
      }
    }
  }

  /** The most slots pendingTasks keeps while no task is listed. */
  private static final int MAX_IDLE_PENDING_SLOTS = 1024;

  /**
   * Gathers that children reach by slot number (see {@link Future#listenBySlot}), at slot minus
   * one; the free slots are chained through {@code nextFreeListenerSlot}.
   */
  private Gather<?>[] listenerSlots = new Gather<?>[4];

  private int[] nextFreeListenerSlot = new int[4];

  /** The first free slot, plus one; 0 if every slot up to listenerSlotsUsed is taken. */
  private int freeListenerSlot;

  private int listenerSlotsUsed;

  /** Gives {@code gather} a listener slot and returns its number (from 1). */
  int addSlotListener(Gather<?> gather) {
    int i;
    if (freeListenerSlot != 0) {
      i = freeListenerSlot - 1;
      freeListenerSlot = nextFreeListenerSlot[i];
    } else {
      if (listenerSlotsUsed == listenerSlots.length) {
        listenerSlots = Arrays.copyOf(listenerSlots, listenerSlotsUsed * 2);
        nextFreeListenerSlot = Arrays.copyOf(nextFreeListenerSlot, listenerSlotsUsed * 2);
      }
      i = listenerSlotsUsed++;
    }
    listenerSlots[i] = gather;
    return i + 1;
  }

  Gather<?> slotListener(int slot) {
    return listenerSlots[slot - 1];
  }

  void removeSlotListener(int slot) {
    listenerSlots[slot - 1] = null;
    nextFreeListenerSlot[slot - 1] = freeListenerSlot;
    freeListenerSlot = slot;
  }

  /**
   * {@code awaitable} as a future of this loop: itself, the future behind a view, or a new task.
   */
  @SuppressWarnings("unchecked")
  <T> Future<T> ensureFuture(Awaitable<T> awaitable) {
    if (awaitable instanceof Future<T> f) {
      if (f.loop != this) {
        throw new IllegalArgumentException(
            "The future " + f + " belongs to a different loop than " + this);
      }
      return f;
    }
    if (awaitable instanceof AwaitFuture<T> view) {
      return ensureFuture(view.future);
    }
    return createTask((Coroutine<T>) awaitable);
  }

  // ---- errors and debugging ----

  /** Sets the handler for errors that have no caller to go to; null restores the default. */
  public void setExceptionHandler(ExceptionHandler handler) {
    checkThread("setExceptionHandler");
    this.exceptionHandler = handler;
  }

  /** The handler set by {@link #setExceptionHandler}, or null for the default. */
  public ExceptionHandler getExceptionHandler() {
    return exceptionHandler;
  }

  /**
   * Passes {@code context} to the exception handler; if the handler itself throws, both are logged.
   */
  public void callExceptionHandler(ExceptionContext context) {
    Objects.requireNonNull(context, "context");
    ExceptionHandler h = exceptionHandler;
    if (h == null) {
      defaultExceptionHandler(context);
      return;
    }
    try {
      h.handle(this, context);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable t) {
      defaultExceptionHandler(context);
      defaultExceptionHandler(
          new ExceptionContext("Unhandled error in exception handler " + h, t, null, null));
    }
  }

  /** Logs {@code context} at level ERROR to the {@code dev.jasyncio} logger. */
  public void defaultExceptionHandler(ExceptionContext context) {
    if (context.exception() != null) {
      LOGGER.log(Level.ERROR, context.toString(), context.exception());
    } else {
      LOGGER.log(Level.ERROR, context.toString());
    }
  }

  /** Switches debug mode: slow-callback warnings. */
  public void setDebug(boolean debug) {
    this.debug = debug;
  }

  public boolean getDebug() {
    return debug;
  }

  /**
   * In debug mode, a callback or task step that runs at least this long (in seconds on the loop's
   * clock) is logged as a warning. 0.1 by default.
   */
  public void setSlowCallbackDuration(double seconds) {
    if (!(seconds >= 0)) {
      throw new IllegalArgumentException(
          "the slow-callback duration must be a number of seconds >= 0, got " + seconds);
    }
    this.slowCallbackDuration = seconds;
  }

  public double getSlowCallbackDuration() {
    return slowCallbackDuration;
  }

  // ---- threads ----

  /**
   * Runs {@code fn} on {@code executor} (null: the default executor) and returns a future of its
   * result on this loop. Cancelling the future cancels {@code fn} if it has not started.
   *
   * <p>The default executor uses virtual threads on JDK 21 and later, and a pool of at most {@code
   * min(32, processors + 4)} threads before that.
   */
  public <T> Future<T> runInExecutor(Executor executor, Callable<? extends T> fn) {
    Objects.requireNonNull(fn, "fn");
    checkThread("runInExecutor");
    checkClosed();
    Executor ex = executor != null ? executor : defaultExecutor();
    ExecutorFuture<T> future = new ExecutorFuture<>(this);
    FutureTask<T> job =
        new FutureTask<>(fn::call) {
          @Override
          protected void done() {
            deliver(future, this);
          }
        };
    future.job = job;
    outsideWork++;
    try {
      ex.execute(job);
    } catch (RejectedExecutionException e) {
      outsideWork--;
      throw e;
    }
    return future;
  }

  /**
   * The future of {@link #runInExecutor}: cancelling it cancels the job at once, so that a job
   * still queued in the executor never starts (a done callback would come one iteration late).
   */
  private static final class ExecutorFuture<T> extends Future<T> {
    FutureTask<T> job;

    ExecutorFuture(EventLoop loop) {
      super(loop);
    }

    @Override
    public boolean cancel(String message) {
      boolean cancelled = super.cancel(message);
      if (cancelled) {
        job.cancel(false);
      }
      return cancelled;
    }
  }

  private <T> void deliver(Future<T> future, FutureTask<T> job) {
    try {
      callSoonThreadsafe(
          () -> {
            outsideWork--;
            if (future.done()) {
              return;
            }
            try {
              future.setResult(job.get());
            } catch (ExecutionException e) {
              future.setException(e.getCause() != null ? e.getCause() : e);
            } catch (CancellationException e) {
              future.cancel();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              future.setException(e);
            }
          });
    } catch (IllegalStateException closedLoop) {
      // The loop closed while the job ran: nobody is left to receive the result.
    }
  }

  /**
   * Sets the executor {@link #runInExecutor} uses when given none. The loop does not shut down an
   * executor it did not create.
   */
  public void setDefaultExecutor(Executor executor) {
    checkThread("setDefaultExecutor");
    this.defaultExecutor = Objects.requireNonNull(executor, "executor");
    this.ownsDefaultExecutor = false;
  }

  private Executor defaultExecutor() {
    if (defaultExecutor == null) {
      defaultExecutor = DefaultExecutor.create();
      ownsDefaultExecutor = true;
    }
    return defaultExecutor;
  }

  /**
   * Shuts down the default executor (if this loop created it) and waits up to {@code timeout} for
   * its threads to finish; logs a warning if they do not. {@link Asyncio#run} calls it on exit.
   */
  public void shutdownDefaultExecutor(Duration timeout) {
    checkThread("shutdownDefaultExecutor");
    if (!ownsDefaultExecutor || !(defaultExecutor instanceof ExecutorService es)) {
      return;
    }
    es.shutdown();
    try {
      if (!es.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        LOGGER.log(
            Level.WARNING,
            "The default executor of "
                + this
                + " did not finish joining its threads within "
                + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Submits {@code coro} to this loop from any thread and returns a {@link CompletableFuture} of
   * its result. Cancelling that future cancels the task.
   */
  public <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coro) {
    Objects.requireNonNull(coro, "coro");
    LoopCompletableFuture<T> result = new LoopCompletableFuture<>(this, null);
    callSoonThreadsafe(
        () -> {
          if (result.isDone()) {
            coro.close();
            return;
          }
          try {
            result.bind(createTask(coro));
          } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
            throw e;
          }
        });
    return result;
  }

  /** A future of this loop that completes with {@code stage}, which any thread may complete. */
  @SuppressWarnings("unchecked")
  <T> Future<T> wrapStage(CompletionStage<T> stage) {
    if (stage instanceof LoopCompletableFuture<?> lcf && lcf.loop == this && lcf.source != null) {
      return (Future<T>) lcf.source;
    }
    Future<T> future = createFuture();
    if (stage instanceof CompletableFuture<T> cf && cf.isDone()) {
      T value = null;
      Throwable failure = null;
      try {
        value = cf.join();
      } catch (CompletionException | CancellationException e) {
        failure = e;
      }
      settle(future, value, failure);
      return future;
    }
    outsideWork++;
    stage.whenComplete(
        (v, t) -> {
          try {
            callSoonThreadsafe(
                () -> {
                  outsideWork--;
                  settle(future, v, t);
                });
          } catch (IllegalStateException closedLoop) {
            // Nobody is left to receive the outcome.
          }
        });
    if (stage instanceof java.util.concurrent.Future<?> jf) {
      future.addInternalCallback(
          f -> {
            if (f.cancelled()) {
              // A CompletableFuture ignores the flag, but a subclass may act on it: the JDK's
              // HttpClient aborts an exchange only when asked to interrupt. Another Future (a
              // FutureTask) is not interrupted: its thread runs code that does not expect it.
              jf.cancel(jf instanceof CompletableFuture<?>);
            }
          });
    }
    return future;
  }

  private static <T> void settle(Future<T> future, T value, Throwable t) {
    if (future.done()) {
      return;
    }
    if (t == null) {
      future.setResult(value);
      return;
    }
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof CancellationException) {
      future.cancel(t.getMessage());
    } else {
      future.setException(t);
    }
  }

  // ---- checks ----

  /**
   * Throws if the loop runs on another thread than the caller's.
   *
   * @param operation what the caller tried, for the message
   */
  final void checkThread(String operation) {
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      throw wrongThread(operation, t);
    }
  }

  // The messages are built out of line so that the checks stay small enough to inline.
  private IllegalStateException wrongThread(String operation, Thread t) {
    return new IllegalStateException(
        operation
            + " was called on thread '"
            + Thread.currentThread().getName()
            + "', but "
            + this
            + " runs on thread '"
            + t.getName()
            + "'; from other threads use callSoonThreadsafe or runCoroutineThreadsafe");
  }

  final boolean inLoopThread() {
    return thread == Thread.currentThread();
  }

  final void checkClosed() {
    if (closed) {
      throw closedError();
    }
  }

  private IllegalStateException closedError() {
    return new IllegalStateException("Event loop is closed: " + this);
  }

  @Override
  public String toString() {
    return "<"
        + getClass().getSimpleName()
        + (closed ? " closed" : thread != null ? " running" : "")
        + (debug ? " debug" : "")
        + " tasks="
        + pendingCount
        + " ready="
        + ready.size()
        + " timers="
        + timers.size()
        + ">";
  }
}
