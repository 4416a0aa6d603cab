package dev.jasyncio.bench.jmh;

import dev.jasyncio.EventLoop;
import dev.jasyncio.TimerHandle;
import dev.jasyncio.bench.TimerDelays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Inserting a timer and cancelling it, at worst: {@code callAt} then {@code cancel}, on a loop that
 * already holds {@code liveTimers} timers in its heap (due in an hour or so, in random order, so
 * that none is in the queue's in-order run). Each new timer is due before every timer already
 * there, the ones cancelled before it included, so it climbs from the bottom of the heap to the
 * top: the insert is O(log n). The cancel is O(1), and the purge that drops the cancelled timers
 * once they are half of the heap is O(n) once every n or so cancels: its share is in the average.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class TimerBenchmark {
  @Param({"0", "1000000"})
  public int liveTimers;

  private EventLoop loop;
  private Runnable callback;

  /**
   * The next timer's deadline on the loop's clock: each one is due a nanosecond before the last.
   */
  private double when;

  @Setup
  public void setUp() {
    loop = new EventLoop();
    callback = () -> {};
    for (double delay : TimerDelays.seconds(liveTimers)) {
      loop.callLater(3600 * delay, callback);
    }
    when = loop.time() + 1800;
  }

  @TearDown
  public void tearDown() {
    loop.close();
  }

  @Benchmark
  public TimerHandle insertAndCancel() {
    when -= 1e-9;
    TimerHandle h = loop.callAt(when, callback);
    h.cancel();
    return h;
  }
}
