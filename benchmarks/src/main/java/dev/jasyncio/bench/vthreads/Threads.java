package dev.jasyncio.bench.vthreads;

/** Joining the threads of a round. */
final class Threads {
  private Threads() {}

  /** Joins every thread; an interrupt of the joining thread is a failure of the round. */
  static void join(Thread... threads) {
    try {
      for (Thread t : threads) {
        t.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while joining the workload's threads", e);
    }
  }
}
