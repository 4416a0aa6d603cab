package dev.jasyncio.bench.jmh;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Future;
import dev.jasyncio.Queue;

/** The coroutines the microbenchmarks drive; each does {@code n} operations and returns a sum. */
final class JmhCoroutines {
  /** The operations per invocation of the benchmarks that run a batch on the loop. */
  static final int OPS = 10_000;

  static final Object ITEM = "item";

  private JmhCoroutines() {}

  /** Suspends {@code n} times with {@code sleep(0)}: each is a trip through the loop. */
  @Async
  static Coroutine<Long> yielder(int n) {
    long count = 0;
    for (int i = 0; i < n; i++) {
      await(sleep(0));
      count++;
    }
    return done(count);
  }

  /** {@link #yielder} at the bottom of a chain of {@code depth} awaiting coroutines. */
  @Async
  static Coroutine<Long> nested(int depth, int n) {
    if (depth <= 1) {
      return yielder(n);
    }
    long count = await(nested(depth - 1, n));
    return done(count);
  }

  @Async
  static Coroutine<Integer> immediate(int i) {
    return done(i & 1);
  }

  /** Awaits, {@code n} times, a coroutine that returns at once. */
  @Async
  static Coroutine<Long> awaitCompleted(int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += await(immediate(i));
    }
    return done(sum);
  }

  /** Awaits, {@code n} times, a future that is already done. */
  @Async
  static Coroutine<Long> awaitDone(Future<Integer> future, int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += await(future);
    }
    return done(sum);
  }

  /** Awaits a put and a get, {@code n} times, on a queue that always has room and an item. */
  @Async
  static Coroutine<Long> putThenGet(Queue<Object> queue, int n) {
    long count = 0;
    for (int i = 0; i < n; i++) {
      await(queue.put(ITEM));
      if (await(queue.get()) == ITEM) {
        count++;
      }
    }
    return done(count);
  }

  @Async
  static Coroutine<Integer> one() {
    return done(1);
  }
}
