package dev.jasyncio.bench.jmh;

import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
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
 * Awaiting a value that is already there, which continues without a trip through the loop: a
 * coroutine that returns at once (the callee's state machine is created and run to its end), and a
 * future that is already done.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class AwaitCompletedBenchmark {
  private EventLoop loop;
  private Future<Integer> doneFuture;

  @Setup
  public void setUp() {
    loop = new EventLoop();
    doneFuture = loop.createFuture();
    doneFuture.setResult(1);
  }

  @TearDown
  public void tearDown() {
    loop.close();
  }

  @Benchmark
  @OperationsPerInvocation(JmhCoroutines.OPS)
  public long completedCoroutine() {
    return loop.runUntilComplete(Async_JmhCoroutines.awaitCompleted(JmhCoroutines.OPS));
  }

  @Benchmark
  @OperationsPerInvocation(JmhCoroutines.OPS)
  public long doneFuture() {
    return loop.runUntilComplete(Async_JmhCoroutines.awaitDone(doneFuture, JmhCoroutines.OPS));
  }
}
