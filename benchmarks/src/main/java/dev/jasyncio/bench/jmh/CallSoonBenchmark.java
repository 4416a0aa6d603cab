package dev.jasyncio.bench.jmh;

import dev.jasyncio.EventLoop;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code callSoon} and the loop running the callback: a batch of callbacks is scheduled, then one
 * loop iteration runs them all, followed by the {@code stop} scheduled after them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CallSoonBenchmark {
  private EventLoop loop;
  private long calls;
  private Runnable callback;
  private Runnable stop;

  @Setup
  public void setUp() {
    loop = new EventLoop();
    callback = () -> calls++;
    stop = loop::stop;
  }

  @TearDown
  public void tearDown() {
    loop.close();
  }

  @Benchmark
  @OperationsPerInvocation(JmhCoroutines.OPS)
  public long callSoonAndRun() {
    for (int i = 0; i < JmhCoroutines.OPS; i++) {
      loop.callSoon(callback);
    }
    loop.callSoon(stop);
    loop.runForever();
    return calls;
  }
}
