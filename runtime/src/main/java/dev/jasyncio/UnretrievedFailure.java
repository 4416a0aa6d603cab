package dev.jasyncio;

import java.lang.System.Logger.Level;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The report owed for a future that failed with an exception nobody has retrieved yet (Python's
 * "Task exception was never retrieved"). It is settled exactly once: retrieved (no report), or
 * reported when the future is garbage collected, or reported when its loop closes.
 */
final class UnretrievedFailure implements Runnable {
  private static final class CleanerHolder {
    static final Cleaner CLEANER =
        Cleaner.create(
            r -> {
              Thread t = new Thread(r, "jasyncio-unretrieved-failures");
              t.setDaemon(true);
              return t;
            });
  }

  private final EventLoop loop;
  private final Throwable exception;
  private final String description;
  private final WeakReference<Future<?>> future;
  private final AtomicBoolean settled = new AtomicBoolean();
  private Cleaner.Cleanable cleanable;

  private UnretrievedFailure(Future<?> f, Throwable exception) {
    this.loop = f.loop;
    this.exception = exception;
    this.description = f.toString();
    this.future = new WeakReference<>(f);
  }

  /** Starts tracking {@code f}, which has just failed with {@code exception}. */
  static UnretrievedFailure track(Future<?> f, Throwable exception) {
    UnretrievedFailure u = new UnretrievedFailure(f, exception);
    f.loop.unretrieved.add(u);
    u.cleanable = CleanerHolder.CLEANER.register(f, u);
    return u;
  }

  /** The exception owed a report. */
  Throwable exception() {
    return exception;
  }

  /** The exception was retrieved: nothing to report. */
  void retrieved() {
    if (settled.compareAndSet(false, true)) {
      loop.unretrieved.remove(this);
    }
    cleanable.clean();
  }

  /** Runs on the cleaner's thread once the future is unreachable. */
  @Override
  public void run() {
    if (settled.get()) {
      return;
    }
    try {
      loop.callSoonThreadsafe(this::reportNow);
    } catch (IllegalStateException closedLoop) {
      reportNow();
    }
  }

  /** Reports the failure unless it was settled already. */
  void reportNow() {
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    loop.unretrieved.remove(this);
    Future<?> f = future.get();
    String kind = f instanceof Task || description.startsWith("<Task") ? "Task" : "Future";
    ExceptionContext context =
        new ExceptionContext(
            kind + " exception was never retrieved: " + description, exception, null, f);
    if (loop.isClosed() || !(loop.inLoopThread() || !loop.isRunning())) {
      EventLoop.LOGGER.log(Level.ERROR, context.toString(), exception);
    } else {
      loop.callExceptionHandler(context);
    }
  }
}
