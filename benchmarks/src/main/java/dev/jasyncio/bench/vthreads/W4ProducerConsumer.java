package dev.jasyncio.bench.vthreads;

import dev.jasyncio.bench.Args;
import dev.jasyncio.bench.Contender;
import dev.jasyncio.bench.Harness;
import dev.jasyncio.bench.Report;
import dev.jasyncio.bench.Round;
import dev.jasyncio.bench.VirtualThreads;
import dev.jasyncio.bench.Workload;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * W4 with virtual threads: a producer virtual thread {@code put}s {@code n} items into an unbounded
 * {@code LinkedBlockingQueue}, a consumer virtual thread {@code take}s them. Every item is the same
 * object.
 *
 * <p>Measured: from starting the two threads to joining both, after {@code warmups} whole rounds
 * (the median of {@link dev.jasyncio.bench.Harness#MEASURED_ROUNDS} measured rounds). The check is
 * the number of items the consumer received.
 *
 * <p>{@code java ... W4ProducerConsumer [n] [warmups]}, by default 5,000,000 items and 5 warm-ups.
 */
public final class W4ProducerConsumer {
  private static final Object ITEM = "item";

  private W4ProducerConsumer() {}

  public static void main(String[] args) {
    Args a = Args.parse(Workload.W4, args);
    if (!VirtualThreads.available()) {
      Report.skipped(Workload.W4, Contender.VIRTUAL_THREADS, a, VirtualThreads.UNAVAILABLE).print();
      return;
    }
    Harness.Measured m = Harness.steady(a.warmups(), () -> round(a.n()));
    Report.measured(Workload.W4, Contender.VIRTUAL_THREADS, a, m).print();
  }

  static Round round(int n) {
    BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    long[] received = new long[1];
    long start = System.nanoTime();
    Thread producer =
        VirtualThreads.start(
            () -> {
              try {
                for (int i = 0; i < n; i++) {
                  queue.put(ITEM);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Thread consumer =
        VirtualThreads.start(
            () -> {
              try {
                for (int i = 0; i < n; i++) {
                  if (queue.take() == ITEM) {
                    received[0]++;
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Threads.join(producer, consumer);
    long nanos = System.nanoTime() - start;
    return new Round(nanos, received[0]);
  }
}
