package dev.jasyncio.bench.cf;

import dev.jasyncio.bench.Args;
import dev.jasyncio.bench.Contender;
import dev.jasyncio.bench.Harness;
import dev.jasyncio.bench.Report;
import dev.jasyncio.bench.Round;
import dev.jasyncio.bench.Workload;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * W3 with {@code CompletableFuture}: two sides pass one ball back and forth, each through a 1-slot
 * mailbox that is a {@code CompletableFuture}. A side waits by making a new future for its mailbox
 * and attaching its next step with {@code thenAcceptAsync(step, loop)}; the other side hands the
 * ball over by completing that future, so every hand-over is one continuation run by the
 * single-thread executor {@code loop}, as a wake-up is one step of the jasyncio loop. A round trip
 * is two hand-overs.
 *
 * <p>Measured: from the first hand-over to the main thread's {@code join} of the end, after {@code
 * warmups} whole rounds. The check is the number of round trips the ponger counted.
 *
 * <p>{@code java ... W3PingPong [n] [warmups]}, by default 1,000,000 round trips and 5 warm-ups.
 */
public final class W3PingPong {
  private static final Object BALL = "ball";

  private W3PingPong() {}

  public static void main(String[] args) {
    Args a = Args.parse(Workload.W3, args);
    Harness.Measured m = Harness.steady(a.warmups(), () -> round(a.n()));
    Report.measured(Workload.W3, Contender.COMPLETABLE_FUTURE, a, m).print();
  }

  static Round round(int n) {
    ExecutorService loop = SingleThread.executor();
    try {
      Match match = new Match(n, loop);
      long start = System.nanoTime();
      loop.execute(match::start);
      long trips = match.finished.join();
      long nanos = System.nanoTime() - start;
      return new Round(nanos, trips);
    } finally {
      SingleThread.close(loop);
    }
  }

  /** The two sides; every method runs on the loop thread. */
  private static final class Match {
    final CompletableFuture<Long> finished = new CompletableFuture<>();
    private final int n;
    private final Executor loop;

    /** The pinger's mailbox: the ponger completes it with the ball. */
    private CompletableFuture<Object> toPinger;

    /** The ponger's mailbox: the pinger completes it with the ball. */
    private CompletableFuture<Object> toPonger;

    private int sent;
    private long trips;

    Match(int n, Executor loop) {
      this.n = n;
      this.loop = loop;
    }

    void start() {
      pongerWaits();
      ping(BALL);
    }

    /** The pinger: sends the ball unless all round trips are done, then waits for it back. */
    private void ping(Object ball) {
      if (sent == n) {
        finished.complete(trips);
        return;
      }
      sent++;
      toPinger = new CompletableFuture<>();
      toPinger.thenAcceptAsync(this::ping, loop);
      toPonger.complete(ball);
    }

    /** The ponger: sends the ball back, then waits for the next one. */
    private void pong(Object ball) {
      trips++;
      CompletableFuture<Object> reply = toPinger;
      pongerWaits();
      reply.complete(ball);
    }

    private void pongerWaits() {
      toPonger = new CompletableFuture<>();
      toPonger.thenAcceptAsync(this::pong, loop);
    }
  }
}
