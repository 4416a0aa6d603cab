package dev.jasyncio.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the rounds of a workload main: warm-up rounds, then the measured ones, with the garbage
 * collector's work and this thread's allocation over the measured round.
 *
 * <p>Warm-up rounds run the whole workload at the same size and are thrown away, so the measured
 * rounds run JIT-compiled code on a heap that has grown to its working size: the per-operation
 * numbers of all but W1 are steady-state costs. Warm-up goes on past {@code warmups} rounds until
 * the process's peak RSS has grown by at most 1% in each of {@link #STEADY_ROUNDS} rounds in a row
 * (at most {@link #MAX_EXTRA_WARMUPS} more): a round that allocates into heap memory never touched
 * before pays the kernel's page faults, a cost a long-running program pays once and which, in a
 * virtual machine, can make a round ten times slower. Then {@link #MEASURED_ROUNDS} rounds are
 * measured and the median one is reported, with the fastest and slowest beside it, so that one
 * round that meets a collection or a recompilation does not decide the result. W1 measures its one
 * round cold, as a program that starts a million tasks would see it.
 *
 * <p>With the runner's {@code --quiet}, each measured round (each pair, in {@link #inTurn}) starts
 * only when the machine runs at its full speed, and is run again if it may have been slowed down:
 * see {@link Quiet}.
 */
public final class Harness {
  private Harness() {}

  /** At most this many warm-up rounds beyond the asked-for ones, while peak RSS still grows. */
  public static final int MAX_EXTRA_WARMUPS = 30;

  /** Warm-up ends after this many rounds in a row in which peak RSS grew by at most 1%. */
  public static final int STEADY_ROUNDS = 3;

  /** Rounds measured after the warm-up; the median one is reported. */
  public static final int MEASURED_ROUNDS = 5;

  /**
   * What a measured round cost: the median one of {@code rounds}, whose times ranged from {@code
   * minNanos} to {@code maxNanos}.
   */
  public record Measured(
      Round round,
      long gcCount,
      long gcMillis,
      long allocatedBytes,
      int rounds,
      long minNanos,
      long maxNanos,
      int warmupRounds) {}

  /**
   * Runs at least {@code warmups} rounds and discards them (more while peak RSS grows), then
   * measures {@link #MEASURED_ROUNDS} more and returns the median one.
   *
   * @throws IllegalStateException if the measured rounds' checks differ: they did different work
   */
  public static Measured steady(int warmups, Supplier<Round> round) {
    Quiet quiet = Quiet.current();
    int warmupRounds =
        warmUp(
            warmups,
            () -> {
              round.get();
              quiet.learn();
            });
    List<Measured> rounds = new ArrayList<>(MEASURED_ROUNDS);
    for (int i = 0; i < MEASURED_ROUNDS; i++) {
      Measured m;
      do {
        quiet.awaitQuiet();
        m = measure(round);
      } while (!quiet.keepRound());
      rounds.add(checked(rounds, m));
    }
    return median(rounds, warmupRounds);
  }

  /**
   * Measures two workloads as {@link #steady} measures one, with their rounds in turn (warm-up
   * rounds too): on a machine whose speed changes from one second to the next, both see the same
   * machine, and their difference means something.
   *
   * @return the median round of {@code first}, then that of {@code second}
   */
  public static List<Measured> inTurn(int warmups, Supplier<Round> first, Supplier<Round> second) {
    Quiet quiet = Quiet.current();
    int warmupRounds =
        warmUp(
            warmups,
            () -> {
              first.get();
              second.get();
              quiet.learn();
            });
    List<Measured> a = new ArrayList<>(MEASURED_ROUNDS);
    List<Measured> b = new ArrayList<>(MEASURED_ROUNDS);
    for (int i = 0; i < MEASURED_ROUNDS; i++) {
      Measured ma;
      Measured mb;
      do {
        quiet.awaitQuiet();
        ma = measure(first);
        mb = measure(second);
      } while (!quiet.keepRound());
      a.add(checked(a, ma));
      b.add(checked(b, mb));
    }
    return List.of(median(a, warmupRounds), median(b, warmupRounds));
  }

  /** Runs {@code warmups} rounds, then more while peak RSS still grows; returns how many ran. */
  private static int warmUp(int warmups, Runnable round) {
    for (int i = 0; i < warmups; i++) {
      round.run();
    }
    int warmupRounds = warmups;
    long rss = PeakRss.bytes();
    int steadyRounds = 0;
    for (int extra = 0; extra < MAX_EXTRA_WARMUPS && warmups > 0 && rss > 0; extra++) {
      round.run();
      warmupRounds++;
      long now = PeakRss.bytes();
      steadyRounds = now - rss <= rss / 100 ? steadyRounds + 1 : 0;
      if (steadyRounds == STEADY_ROUNDS) {
        break;
      }
      rss = now;
    }
    return warmupRounds;
  }

  /**
   * Returns {@code m}, or throws if its check differs from the first round's: the rounds did
   * different work.
   */
  private static Measured checked(List<Measured> before, Measured m) {
    if (!before.isEmpty() && before.get(0).round().check() != m.round().check()) {
      throw new IllegalStateException(
          "round "
              + before.size()
              + " computed "
              + m.round().check()
              + ", round 0 "
              + before.get(0));
    }
    return m;
  }

  /** The median of {@code rounds}, with their range. */
  private static Measured median(List<Measured> rounds, int warmupRounds) {
    List<Measured> sorted = new ArrayList<>(rounds);
    sorted.sort(Comparator.comparingLong(m -> m.round().nanos()));
    Measured median = sorted.get(sorted.size() / 2);
    return new Measured(
        median.round(),
        median.gcCount(),
        median.gcMillis(),
        median.allocatedBytes(),
        sorted.size(),
        sorted.get(0).round().nanos(),
        sorted.get(sorted.size() - 1).round().nanos(),
        warmupRounds);
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
    return new Measured(r, gcCount, gcMillis, allocated, 1, r.nanos(), r.nanos(), 0);
  }

  /**
   * The heap in use after a full collection: what is reachable now. Collects twice, so that what
   * the first collection found unreachable but not yet freed (objects with cleaners, soft
   * references' bookkeeping) is gone too.
   */
  public static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
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
