package dev.jasyncio.bench.cf;

import dev.jasyncio.bench.Args;
import dev.jasyncio.bench.Contender;
import dev.jasyncio.bench.Harness;
import dev.jasyncio.bench.Report;
import dev.jasyncio.bench.Round;
import dev.jasyncio.bench.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * W5 with {@code CompletableFuture}: in chunks of 1,000, {@code supplyAsync} of a supplier that
 * returns at once on a single-thread executor, then {@code allOf(chunk).join()} on the main thread,
 * until {@code n} tasks have run.
 *
 * <p>Measured: all the chunks, after {@code warmups} whole rounds (the median of {@link
 * dev.jasyncio.bench.Harness#MEASURED_ROUNDS} measured rounds); the executor is created before and
 * shut down after the measured part. The check is the sum of the tasks' results (1 each).
 *
 * <p>{@code java ... W5ShortTasks [n] [warmups]}, by default 1,000,000 tasks and 5 warm-ups.
 */
public final class W5ShortTasks {
  private static final Supplier<Integer> ONE = () -> 1;

  private W5ShortTasks() {}

  public static void main(String[] args) {
    Args a = Args.parse(Workload.W5, args);
    Harness.Measured m = Harness.steady(a.warmups(), () -> round(a.n(), Workload.CHUNK));
    Report.measured(Workload.W5, Contender.COMPLETABLE_FUTURE, a, m).print();
  }

  static Round round(int n, int chunk) {
    ExecutorService loop = SingleThread.executor();
    try {
      long start = System.nanoTime();
      long sum = 0;
      for (int started = 0; started < n; started += chunk) {
        int size = Math.min(chunk, n - started);
        List<CompletableFuture<Integer>> tasks = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          tasks.add(CompletableFuture.supplyAsync(ONE, loop));
        }
        CompletableFuture.allOf(tasks.toArray(new CompletableFuture<?>[0])).join();
        for (CompletableFuture<Integer> t : tasks) {
          sum += t.join();
        }
      }
      long nanos = System.nanoTime() - start;
      return new Round(nanos, sum);
    } finally {
      SingleThread.close(loop);
    }
  }
}
