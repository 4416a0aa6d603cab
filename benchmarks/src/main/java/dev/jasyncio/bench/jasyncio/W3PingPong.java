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
 * W3 with jasyncio: two tasks pass one ball back and forth over two {@code Queue}s of one slot
 * each: the pinger puts it in {@code ping} and gets it back from {@code pong}, the ponger gets it
 * from {@code ping} and puts it in {@code pong}. Every get waits for the other task, so a round
 * trip is two suspensions and two wake-ups through the loop.
 *
 * <p>Measured: from creating the two tasks to both finished, inside the main coroutine, after
 * {@code warmups} whole rounds. The check is the number of round trips the ponger counted.
 *
 * <p>{@code java ... W3PingPong [n] [warmups]}, by default 1,000,000 round trips and 5 warm-ups.
 */
public final class W3PingPong {
  static final Object BALL = "ball";

  private W3PingPong() {}

  public static void main(String[] args) {
    Args a = Args.parse(Workload.W3, args);
    Harness.Measured m = Harness.steady(a.warmups(), () -> run(Async_W3PingPong.match(a.n())));
    Report.measured(Workload.W3, Contender.JASYNCIO, a, m).print();
  }

  @Async
  static Coroutine<Void> pinger(Queue<Object> ping, Queue<Object> pong, int n) {
    for (int i = 0; i < n; i++) {
      await(ping.put(BALL));
      await(pong.get());
    }
    return done();
  }

  @Async
  static Coroutine<Long> ponger(Queue<Object> ping, Queue<Object> pong, int n) {
    long trips = 0;
    for (int i = 0; i < n; i++) {
      Object ball = await(ping.get());
      await(pong.put(ball));
      trips++;
    }
    return done(trips);
  }

  @Async
  static Coroutine<Round> match(int n) {
    Queue<Object> ping = new Queue<>(1);
    Queue<Object> pong = new Queue<>(1);
    long start = System.nanoTime();
    Task<Void> pinger = createTask(pinger(ping, pong, n));
    Task<Long> ponger = createTask(ponger(ping, pong, n));
    await(pinger);
    long trips = await(ponger);
    long nanos = System.nanoTime() - start;
    return done(new Round(nanos, trips));
  }
}
