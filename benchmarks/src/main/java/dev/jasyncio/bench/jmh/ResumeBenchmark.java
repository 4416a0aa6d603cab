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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Resuming a suspended coroutine: one operation is an {@code await(sleep(0))}, the task's trip
 * through the loop's ready queue, and the resume of the innermost frame. At {@code depth} 16 the
 * frame that suspends is awaited by 15 others; the design says the resume costs the same.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ResumeBenchmark {
  @Param({"1", "16"})
  public int depth;

  private EventLoop loop;

  @Setup
  public void setUp() {
    loop = new EventLoop();
  }

  @TearDown
  public void tearDown() {
    loop.close();
  }

  @Benchmark
  @OperationsPerInvocation(JmhCoroutines.OPS)
  public long yieldAndResume() {
    return loop.runUntilComplete(Async_JmhCoroutines.nested(depth, JmhCoroutines.OPS));
  }
}
