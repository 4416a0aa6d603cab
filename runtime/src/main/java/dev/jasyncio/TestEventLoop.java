package dev.jasyncio;

import java.time.Duration;
import java.util.Objects;

/**
 * An {@link EventLoop} on a virtual clock, for tests: when nothing is ready to run, the clock jumps
 * to the next timer instead of waiting, so {@code sleep(3600)} takes no time and timers fire in
 * order, deterministically.
 *
 * <pre>{@code
 * @Test
 * void coffeeIsReadyAfterThreeSeconds() {
 *   TestEventLoop loop = new TestEventLoop();
 *   String coffee = Asyncio.run(shop.makeCoffee("A"), () -> loop);
 *   assertEquals("A's coffee", coffee);
 *   assertEquals(3.0, loop.time());
 * }
 * }</pre>
 *
 * <h2>Work outside the loop</h2>
 *
 * <p>Work the loop waits for on other threads ({@link EventLoop#runInExecutor}, awaited {@link
 * java.util.concurrent.CompletionStage}s) takes no virtual time: while any is running, the loop
 * waits for it in real time, up to {@linkplain #setIdleTimeout the idle timeout}, before it moves
 * the clock to the next timer. Outside work that finishes within that time is therefore seen to
 * finish before any timer that is still ahead.
 *
 * <p>Channels registered with {@link #addReader} or {@link #addWriter} count as outside work: while
 * any is registered, the loop waits for real I/O (without limit when no timer is set) rather than
 * moving the clock at once or reporting a deadlock.
 *
 * <h2>Deadlocks</h2>
 *
 * <p>When nothing is ready, no timer is set and no outside work is running, only a {@link
 * #callSoonThreadsafe} from an unknown thread could wake the loop. The loop waits for one for
 * {@linkplain #setIdleTimeout the idle timeout} (real time, 5 seconds by default), then throws an
 * {@link IllegalStateException} describing what is still pending, instead of hanging the test.
 */
public class TestEventLoop extends EventLoop {
  private long nowNanos;
  private Duration idleTimeout = Duration.ofSeconds(5);

  /** A loop whose clock starts at 0. */
  public TestEventLoop() {
    super();
  }

  @Override
  long nanoTime() {
    return nowNanos;
  }

  /**
   * Moves the clock forward by {@code seconds}, as if the current callback spent that long working:
   * due timers run in the next iteration. Loop thread only.
   */
  public void advanceTime(double seconds) {
    if (!(seconds >= 0)) {
      throw new IllegalArgumentException(
          "advanceTime: give a number of seconds >= 0, got " + seconds);
    }
    checkThread("advanceTime");
    nowNanos = deadlineAfter(seconds);
  }

  /**
   * How long, in real time, the loop waits for a callback from another thread when nothing else can
   * happen, before it reports a deadlock.
   */
  public void setIdleTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("the idle timeout must not be negative: " + timeout);
    }
    this.idleTimeout = timeout;
  }

  @Override
  void idleWait(long timeoutNanos) {
    if (timeoutNanos == 0) {
      super.idleWait(0);
      return;
    }
    if (outsideWork() > 0 || hasIoRegistrations()) {
      if (timeoutNanos < 0) {
        // Nothing is scheduled: only the outside work or the I/O can make progress, however long
        // it takes.
        super.idleWait(-1);
        return;
      }
      // Outside work takes no virtual time: give it up to the idle timeout (real time) to report
      // back before the clock moves to the next timer.
      super.idleWait(Math.max(1, idleTimeout.toNanos()));
      if (hasReadyOrThreadsafe()) {
        return;
      }
    }
    if (timeoutNanos > 0) {
      nowNanos += timeoutNanos;
      super.idleWait(0);
      return;
    }
    super.idleWait(Math.max(1, idleTimeout.toNanos()));
    if (!hasReadyOrThreadsafe()) {
      throw new IllegalStateException(
          "deadlock: nothing can make progress on "
              + this
              + ": no callback is ready, no timer is"
              + " set and no outside work is running, and no callSoonThreadsafe arrived within "
              + idleTimeout
              + ". Pending tasks: "
              + allTasks());
    }
  }
}
