package dev.jasyncio.bench.jasyncio;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import dev.jasyncio.TimerHandle;
import dev.jasyncio.bench.Args;
import dev.jasyncio.bench.Contender;
import dev.jasyncio.bench.Harness;
import dev.jasyncio.bench.Report;
import dev.jasyncio.bench.Round;
import dev.jasyncio.bench.TimerDelays;
import dev.jasyncio.bench.Workload;
import java.util.Arrays;

/**
 * TIMERS with jasyncio: {@code callLater} of {@code n} timers at the delays of {@link TimerDelays},
 * then {@code cancel} of each, in the order they were scheduled, then one more iteration of the
 * loop ({@code await(sleep(0))}), in which the loop drops what its purges of cancelled timers left.
 *
 * <p>Measured: from the first {@code callLater} to the end of that iteration, after {@code warmups}
 * whole rounds (the median of {@link Harness#MEASURED_ROUNDS} measured rounds). The check counts
 * the handles that say they are cancelled (the callback throws if it ever runs). Then, once, what
 * the cancelled timers still hold: the heap in use after a full collection, with the loop still
 * running, less the same before the timers were scheduled ({@code keptBytesPerTimer}).
 *
 * <p>{@code java ... Timers [n] [warmups]}, by default 1,000,000 timers and 5 warm-ups.
 */
public final class Timers {
  private Timers() {}

  static final Runnable MUST_NOT_RUN =
      () -> {
        throw new AssertionError("a cancelled timer ran");
      };

  public static void main(String[] args) {
    Args a = Args.parse(Workload.TIMERS, args);
    double[] delays = TimerDelays.seconds(a.n());
    // Made once: a new array of a million references per round would be garbage that G1 keeps in
    // its old generation (as a humongous object) until a concurrent cycle, round after round.
    TimerHandle[] handles = new TimerHandle[a.n()];
    Harness.Measured m =
        Harness.steady(a.warmups(), () -> run(Async_Timers.scheduleAndCancel(delays, handles)));
    long kept = run(Async_Timers.keptBytes(delays));
    Report.measured(Workload.TIMERS, Contender.JASYNCIO, a, m).kept(kept).print();
  }

  @Async
  static Coroutine<Round> scheduleAndCancel(double[] delays, TimerHandle[] handles) {
    EventLoop loop = getRunningLoop();
    long start = System.nanoTime();
    for (int i = 0; i < delays.length; i++) {
      handles[i] = loop.callLater(delays[i], MUST_NOT_RUN);
    }
    for (TimerHandle h : handles) {
      h.cancel();
    }
    await(sleep(0));
    long nanos = System.nanoTime() - start;
    long cancelled = 0;
    for (TimerHandle h : handles) {
      if (h.cancelled()) {
        cancelled++;
      }
    }
    Arrays.fill(handles, null);
    return done(new Round(nanos, cancelled));
  }

  /** The heap the loop still holds once the timers are cancelled and it has run one iteration. */
  @Async
  static Coroutine<Long> keptBytes(double[] delays) {
    EventLoop loop = getRunningLoop();
    TimerHandle[] handles = new TimerHandle[delays.length];
    long before = Harness.usedHeapAfterGc();
    for (int i = 0; i < delays.length; i++) {
      handles[i] = loop.callLater(delays[i], MUST_NOT_RUN);
    }
    for (int i = 0; i < handles.length; i++) {
      handles[i].cancel();
      handles[i] = null;
    }
    await(sleep(0));
    return done(Harness.usedHeapAfterGc() - before);
  }
}
