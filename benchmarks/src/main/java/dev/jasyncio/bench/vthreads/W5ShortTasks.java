package dev.jasyncio.bench.vthreads;

import dev.jasyncio.bench.Args;
import dev.jasyncio.bench.Contender;
import dev.jasyncio.bench.Harness;
import dev.jasyncio.bench.Report;
import dev.jasyncio.bench.Round;
import dev.jasyncio.bench.VirtualThreads;
import dev.jasyncio.bench.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * W5 with virtual threads: in chunks of 1,000, {@code submit} a task that returns at once to a
 * {@code newVirtualThreadPerTaskExecutor} (one new virtual thread per task), then {@code get} every
 * future of the chunk, until {@code n} tasks have run.
 *
 * <p>Measured: all the chunks, after {@code warmups} whole rounds (the median of {@link
 * dev.jasyncio.bench.Harness#MEASURED_ROUNDS} measured rounds); the executor is created before and
 * shut down after the measured part. The check is the sum of the tasks' results (1 each).
 *
 * <p>{@code java ... W5ShortTasks [n] [warmups]}, by default 1,000,000 tasks and 5 warm-ups.
 */
public final class W5ShortTasks {
  private static final Callable<Integer> ONE = () -> 1;

  private W5ShortTasks() {}

  public static void main(String[] args) {
    Args a = Args.parse(Workload.W5, args);
    if (!VirtualThreads.available()) {
      Report.skipped(Workload.W5, Contender.VIRTUAL_THREADS, a, VirtualThreads.UNAVAILABLE).print();
      return;
    }
    Harness.Measured m = Harness.steady(a.warmups(), () -> round(a.n(), Workload.CHUNK));
    Report.measured(Workload.W5, Contender.VIRTUAL_THREADS, a, m).print();
  }

  static Round round(int n, int chunk) {
    ExecutorService executor = VirtualThreads.newThreadPerTaskExecutor();
    try {
      long start = System.nanoTime();
      long sum = 0;
      for (int started = 0; started < n; started += chunk) {
        int size = Math.min(chunk, n - started);
        List<Future<Integer>> futures = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          futures.add(executor.submit(ONE));
        }
        for (Future<Integer> f : futures) {
          sum += f.get();
        }
      }
      long nanos = System.nanoTime() - start;
      return new Round(nanos, sum);
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("a short task failed", e);
    } finally {
      executor.shutdown();
      try {
        executor.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
