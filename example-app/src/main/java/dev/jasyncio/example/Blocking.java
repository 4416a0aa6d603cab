package dev.jasyncio.example;

import dev.jasyncio.EventLoop;
import dev.jasyncio.TestEventLoop;

/**
 * Python's {@code time.sleep}: a blocking sleep, for the programs that show what blocking costs.
 */
@FunctionalInterface
interface Blocking {
  /** Blocks the calling thread for {@code seconds}. */
  void sleep(double seconds) throws InterruptedException;

  /** {@code time.sleep} itself: {@link Thread#sleep}. */
  Blocking REAL = seconds -> Thread.sleep(Math.round(seconds * 1000));

  /**
   * {@code time.sleep(seconds)} on the thread that runs (or will run) {@code loop}, seen by the
   * loop's clock: a real loop's clock is real time, so the thread sleeps; a virtual-clock loop's
   * clock is moved forward instead, as if the thread had been blocked that long.
   */
  static void sleepOn(EventLoop loop, double seconds) throws InterruptedException {
    if (loop instanceof TestEventLoop virtual) {
      virtual.advanceTime(seconds);
    } else {
      REAL.sleep(seconds);
    }
  }
}
