package dev.jasyncio.bench.vthreads;

import dev.jasyncio.bench.Args;
import dev.jasyncio.bench.Contender;
import dev.jasyncio.bench.Harness;
import dev.jasyncio.bench.Report;
import dev.jasyncio.bench.Round;
import dev.jasyncio.bench.VirtualThreads;
import dev.jasyncio.bench.Workload;
import java.util.concurrent.atomic.LongAdder;

/**
 * W1 with virtual threads: {@code n} virtual threads each {@code Thread.sleep(s)}; the main thread
 * then joins them all.
 *
 * <p>Measured: from just before the first thread starts to the last join. No warm-up. The check is
 * the number of threads that finished their sleep.
 *
 * <p>{@code java ... W1Sleep [n] [sleepSeconds]}, by default 1,000,000 threads and 1 s.
 */
public final class W1Sleep {
  private W1Sleep() {}

  public static void main(String[] args) {
    Args a = Args.parse(Workload.W1, args);
    if (!VirtualThreads.available()) {
      Report.skipped(Workload.W1, Contender.VIRTUAL_THREADS, a, VirtualThreads.UNAVAILABLE).print();
      return;
    }
    Harness.Measured m = Harness.measure(() -> round(a.n(), a.sleepSeconds()));
    Report.measured(Workload.W1, Contender.VIRTUAL_THREADS, a, m).print();
  }

  static Round round(int n, double seconds) {
    long sleepNanos = Math.round(seconds * 1e9);
    LongAdder slept = new LongAdder();
    Runnable sleeper =
        () -> {
          try {
            Thread.sleep(sleepNanos / 1_000_000, (int) (sleepNanos % 1_000_000));
            slept.increment();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    long start = System.nanoTime();
    Thread[] threads = new Thread[n];
    for (int i = 0; i < n; i++) {
      threads[i] = VirtualThreads.start(sleeper);
    }
    Threads.join(threads);
    long nanos = System.nanoTime() - start;
    return new Round(nanos, slept.sum());
  }
}
