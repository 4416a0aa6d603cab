package dev.jasyncio.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;

/**
 * Runs the rounds of a workload main: warm-up rounds, then the measured one, with the garbage
 * collector's work and this thread's allocation over the measured round.
 *
 * <p>Warm-up rounds run the whole workload at the same size and are thrown away, so the measured
 * round runs JIT-compiled code: the per-operation numbers of W2–W5 are steady-state costs. W1
 * measures its one round cold, as a program that starts a million tasks would see it.
 */
public final class Harness {
  private Harness() {}

  /** What one measured round cost. */
  public record Measured(Round round, long gcCount, long gcMillis, long allocatedBytes) {}

  /** Runs {@code warmups} rounds and discards them, then measures one more. */
  public static Measured steady(int warmups, Supplier<Round> round) {
    for (int i = 0; i < warmups; i++) {
      round.get();
    }
    return measure(round);
  }

  /**
   * Runs one round. {@code allocatedBytes} counts what the calling thread allocated during it (-1
   * if the JVM cannot tell): all of jasyncio's allocation, since its loop runs on this thread, but
   * only a part of a peer's, whose work runs on other threads.
   */
  public static Measured measure(Supplier<Round> round) {
    long gcCount = 0;
    long gcMillis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcCount -= Math.max(0, gc.getCollectionCount());
      gcMillis -= Math.max(0, gc.getCollectionTime());
    }
    long allocated = -threadAllocatedBytes();
    Round r = round.get();
    long after = threadAllocatedBytes();
    allocated = allocated > 0 || after < 0 ? -1 : allocated + after;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcCount += Math.max(0, gc.getCollectionCount());
      gcMillis += Math.max(0, gc.getCollectionTime());
    }
    return new Measured(r, gcCount, gcMillis, allocated);
  }

  private static long threadAllocatedBytes() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (threads instanceof com.sun.management.ThreadMXBean hotspot
        && hotspot.isThreadAllocatedMemorySupported()
        && hotspot.isThreadAllocatedMemoryEnabled()) {
      return hotspot.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
    return -1;
  }
}
