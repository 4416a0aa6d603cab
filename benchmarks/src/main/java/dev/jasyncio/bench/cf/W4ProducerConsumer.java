package dev.jasyncio.bench.cf;

import dev.jasyncio.bench.Args;
import dev.jasyncio.bench.Contender;
import dev.jasyncio.bench.Harness;
import dev.jasyncio.bench.Report;
import dev.jasyncio.bench.Round;
import dev.jasyncio.bench.Workload;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * W4 with {@code CompletableFuture}'s executors: the queue is the work queue of a single-thread
 * executor. The producer (the main thread) {@code execute}s one consumer step per item; the
 * executor's thread is the consumer. Every item is the same object. After the last item the main
 * thread waits with {@code runAsync(() -> {}, consumer).join()}, which runs after every item.
 *
 * <p>Measured: from the first item to the return of that {@code join}, after {@code warmups} whole
 * rounds. The check is the number of items the consumer received.
 *
 * <p>{@code java ... W4ProducerConsumer [n] [warmups]}, by default 5,000,000 items and 5 warm-ups.
 */
public final class W4ProducerConsumer {
  private static final Object ITEM = "item";

  private W4ProducerConsumer() {}

  public static void main(String[] args) {
    Args a = Args.parse(Workload.W4, args);
    Harness.Measured m = Harness.steady(a.warmups(), () -> round(a.n()));
    Report.measured(Workload.W4, Contender.COMPLETABLE_FUTURE, a, m).print();
  }

  static Round round(int n) {
    ExecutorService consumer = SingleThread.executor();
    try {
      Consumer counter = new Consumer();
      Runnable deliver = () -> counter.accept(ITEM);
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        consumer.execute(deliver);
      }
      CompletableFuture.runAsync(() -> {}, consumer).join();
      long nanos = System.nanoTime() - start;
      return new Round(nanos, counter.received);
    } finally {
      SingleThread.close(consumer);
    }
  }

  /** Counts the items; runs on the consumer thread only. */
  private static final class Consumer {
    long received;

    void accept(Object item) {
      if (item == ITEM) {
        received++;
      }
    }
  }
}
