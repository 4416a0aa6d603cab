package dev.jasyncio.bench.vthreads;

import dev.jasyncio.bench.Args;
import dev.jasyncio.bench.Contender;
import dev.jasyncio.bench.Harness;
import dev.jasyncio.bench.Report;
import dev.jasyncio.bench.Round;
import dev.jasyncio.bench.VirtualThreads;
import dev.jasyncio.bench.Workload;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * W3 with virtual threads: two virtual threads pass one ball back and forth over two {@code
 * ArrayBlockingQueue}s of capacity 1 ({@code put} and {@code take}), as the jasyncio version does
 * over two 1-slot queues.
 *
 * <p>Measured: from starting the two threads to joining both, after {@code warmups} whole rounds
 * (the median of {@link dev.jasyncio.bench.Harness#MEASURED_ROUNDS} measured rounds). The check is
 * the number of round trips the ponger counted.
 *
 * <p>{@code java ... W3PingPong [n] [warmups]}, by default 1,000,000 round trips and 5 warm-ups.
 */
public final class W3PingPong {
  private static final Object BALL = "ball";

  private W3PingPong() {}

  public static void main(String[] args) {
    Args a = Args.parse(Workload.W3, args);
    if (!VirtualThreads.available()) {
      Report.skipped(Workload.W3, Contender.VIRTUAL_THREADS, a, VirtualThreads.UNAVAILABLE).print();
      return;
    }
    Harness.Measured m = Harness.steady(a.warmups(), () -> round(a.n()));
    Report.measured(Workload.W3, Contender.VIRTUAL_THREADS, a, m).print();
  }

  static Round round(int n) {
    BlockingQueue<Object> ping = new ArrayBlockingQueue<>(1);
    BlockingQueue<Object> pong = new ArrayBlockingQueue<>(1);
    long[] trips = new long[1];
    long start = System.nanoTime();
    Thread pinger =
        VirtualThreads.start(
            () -> {
              try {
                for (int i = 0; i < n; i++) {
                  ping.put(BALL);
                  pong.take();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Thread ponger =
        VirtualThreads.start(
            () -> {
              try {
                for (int i = 0; i < n; i++) {
                  pong.put(ping.take());
                  trips[0]++;
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Threads.join(pinger, ponger);
    long nanos = System.nanoTime() - start;
    return new Round(nanos, trips[0]);
  }
}
