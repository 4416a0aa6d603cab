package dev.jasyncio.bench.jmh;

import dev.jasyncio.EventLoop;
import dev.jasyncio.TimerHandle;
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
 * Inserting a timer and cancelling it: {@code callLater} then {@code cancel}, on a loop that
 * already holds {@code liveTimers} timers that are due later. The new timer is due first, so it
 * climbs to the top of the heap: the insert is O(log liveTimers), and the cancel is O(1), since
 * cancelled timers are purged lazily.
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

  @Setup
  public void setUp() {
    loop = new EventLoop();
    callback = () -> {};
    for (int i = 0; i < liveTimers; i++) {
      loop.callLater(3600 + i * 1e-3, callback);
    }
  }

  @TearDown
  public void tearDown() {
    loop.close();
  }

  @Benchmark
  public TimerHandle insertAndCancel() {
    TimerHandle h = loop.callLater(1.0, callback);
    h.cancel();
    return h;
  }
}
