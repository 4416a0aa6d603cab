package dev.jasyncio.bench.jasyncio;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Queue;
import dev.jasyncio.Task;
import dev.jasyncio.bench.Args;
import dev.jasyncio.bench.Contender;
import dev.jasyncio.bench.Harness;
import dev.jasyncio.bench.Report;
import dev.jasyncio.bench.Round;
import dev.jasyncio.bench.Workload;

/**
 * W4 with jasyncio: a producer task awaits {@code put} of {@code n} items into an unbounded {@code
 * Queue}, a consumer task awaits {@code get} of {@code n} items. The queue never fills, so the
 * producer never waits; the consumer waits only when it has caught up. Every item is the same
 * object: what is measured is the queue, not item allocation.
 *
 * <p>Measured: from creating the two tasks to both finished, inside the main coroutine, after
 * {@code warmups} whole rounds. The check is the number of items the consumer received.
 *
 * <p>{@code java ... W4ProducerConsumer [n] [warmups]}, by default 5,000,000 items and 5 warm-ups.
 */
public final class W4ProducerConsumer {
  static final Object ITEM = "item";

  private W4ProducerConsumer() {}

  public static void main(String[] args) {
    Args a = Args.parse(Workload.W4, args);
    Harness.Measured m =
        Harness.steady(a.warmups(), () -> run(Async_W4ProducerConsumer.pipeline(a.n())));
    Report.measured(Workload.W4, Contender.JASYNCIO, a, m).print();
  }

  @Async
  static Coroutine<Void> producer(Queue<Object> queue, int n) {
    for (int i = 0; i < n; i++) {
      await(queue.put(ITEM));
    }
    return done();
  }

  @Async
  static Coroutine<Long> consumer(Queue<Object> queue, int n) {
    long received = 0;
    for (int i = 0; i < n; i++) {
      if (await(queue.get()) == ITEM) {
        received++;
      }
    }
    return done(received);
  }

  @Async
  static Coroutine<Round> pipeline(int n) {
    Queue<Object> queue = new Queue<>();
    long start = System.nanoTime();
    Task<Void> producer = createTask(producer(queue, n));
    Task<Long> consumer = createTask(consumer(queue, n));
    await(producer);
    long received = await(consumer);
    long nanos = System.nanoTime() - start;
    return done(new Round(nanos, received));
  }
}
