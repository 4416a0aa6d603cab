package dev.jasyncio.bench.cf;

import dev.jasyncio.bench.Args;
import dev.jasyncio.bench.Contender;
import dev.jasyncio.bench.Harness;
import dev.jasyncio.bench.Report;
import dev.jasyncio.bench.Round;
import dev.jasyncio.bench.TimerDelays;
import dev.jasyncio.bench.Workload;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * TIMERS with {@code CompletableFuture}: {@code orTimeout} on {@code n} new futures at the delays
 * of {@link TimerDelays}, then {@code complete} of each, in the order they were made. Completing a
 * future cancels its timeout. Up to JDK 24 a timeout is an entry in the queue of {@code
 * CompletableFuture}'s own {@code ScheduledThreadPoolExecutor}, which removes a cancelled entry at
 * once, under its lock, on the calling thread; from JDK 25 the calling thread hands timeouts and
 * their cancellations to the delay scheduler of the common {@code ForkJoinPool}, whose own thread
 * keeps the heap, on the other core here.
 *
 * <p>Measured: from the first {@code orTimeout} to the last {@code complete}, after {@code warmups}
 * whole rounds (the median of {@link Harness#MEASURED_ROUNDS} measured rounds). The check counts
 * the futures that completed normally; one that timed out would not. Then, once, the heap still in
 * use after a full collection, less the same before the timeouts were scheduled ({@code
 * keptBytesPerTimer}).
 *
 * <p>{@code java ... Timers [n] [warmups]}, by default 1,000,000 timers and 5 warm-ups.
 */
public final class Timers {
  private Timers() {}

  public static void main(String[] args) {
    Args a = Args.parse(Workload.TIMERS, args);
    long[] delays = nanos(TimerDelays.seconds(a.n()));
    // Made once, as jasyncio's main makes its array of handles once.
    @SuppressWarnings("unchecked")
    CompletableFuture<Boolean>[] futures = new CompletableFuture[a.n()];
    Harness.Measured m = Harness.steady(a.warmups(), () -> round(delays, futures));
    Report.measured(Workload.TIMERS, Contender.COMPLETABLE_FUTURE, a, m)
        .kept(keptBytes(delays))
        .print();
  }

  private static long[] nanos(double[] seconds) {
    long[] nanos = new long[seconds.length];
    for (int i = 0; i < seconds.length; i++) {
      nanos[i] = Math.round(seconds[i] * 1e9);
    }
    return nanos;
  }

  static Round round(long[] delays, CompletableFuture<Boolean>[] futures) {
    long start = System.nanoTime();
    for (int i = 0; i < delays.length; i++) {
      futures[i] = new CompletableFuture<Boolean>().orTimeout(delays[i], TimeUnit.NANOSECONDS);
    }
    for (CompletableFuture<Boolean> f : futures) {
      f.complete(true);
    }
    long nanos = System.nanoTime() - start;
    long completed = 0;
    for (CompletableFuture<Boolean> f : futures) {
      if (f.isDone() && !f.isCompletedExceptionally()) {
        completed++;
      }
    }
    Arrays.fill(futures, null);
    return new Round(nanos, completed);
  }

  /** The heap still in use once every timeout is cancelled, over the heap in use before. */
  static long keptBytes(long[] delays) {
    @SuppressWarnings("unchecked")
    CompletableFuture<Boolean>[] futures = new CompletableFuture[delays.length];
    long before = Harness.usedHeapAfterGc();
    for (int i = 0; i < delays.length; i++) {
      futures[i] = new CompletableFuture<Boolean>().orTimeout(delays[i], TimeUnit.NANOSECONDS);
    }
    for (int i = 0; i < futures.length; i++) {
      futures[i].complete(true);
      futures[i] = null;
    }
    return Harness.usedHeapAfterGc() - before;
  }
}
