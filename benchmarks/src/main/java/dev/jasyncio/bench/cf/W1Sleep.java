package dev.jasyncio.bench.cf;

import dev.jasyncio.bench.Args;
import dev.jasyncio.bench.Contender;
import dev.jasyncio.bench.Harness;
import dev.jasyncio.bench.Report;
import dev.jasyncio.bench.Round;
import dev.jasyncio.bench.Workload;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * W1 with {@code CompletableFuture}: {@code n} futures, each {@code runAsync} on a {@code
 * CompletableFuture.delayedExecutor(s)} (the JDK's one timer thread; the body runs on it), then
 * {@code allOf(futures).join()}.
 *
 * <p>Measured: from just before the first {@code runAsync} to the return of the {@code join}. No
 * warm-up. The check is the number of delayed bodies that ran.
 *
 * <p>{@code java ... W1Sleep [n] [sleepSeconds]}, by default 1,000,000 futures and 1 s.
 */
public final class W1Sleep {
  private W1Sleep() {}

  public static void main(String[] args) {
    Args a = Args.parse(Workload.W1, args);
    Harness.Measured m = Harness.measure(() -> round(a.n(), a.sleepSeconds()));
    Report.measured(Workload.W1, Contender.COMPLETABLE_FUTURE, a, m).print();
  }

  static Round round(int n, double seconds) {
    Executor afterSleep =
        CompletableFuture.delayedExecutor(
            Math.round(seconds * 1e9), TimeUnit.NANOSECONDS, Runnable::run);
    LongAdder slept = new LongAdder();
    Runnable body = slept::increment;
    long start = System.nanoTime();
    CompletableFuture<?>[] futures = new CompletableFuture<?>[n];
    for (int i = 0; i < n; i++) {
      futures[i] = CompletableFuture.runAsync(body, afterSleep);
    }
    CompletableFuture.allOf(futures).join();
    long nanos = System.nanoTime() - start;
    return new Round(nanos, slept.sum());
  }
}
