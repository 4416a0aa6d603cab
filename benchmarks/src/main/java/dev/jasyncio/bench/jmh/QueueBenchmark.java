package dev.jasyncio.bench.jmh;

import dev.jasyncio.EventLoop;
import dev.jasyncio.Queue;
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
 * A queue put and get that need not wait: {@code putNowait} + {@code getNowait} called directly,
 * and {@code await(put)} + {@code await(get)} in a coroutine (each creates a small coroutine that
 * finishes in its first resume). One operation is a put and a get.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class QueueBenchmark {
  private EventLoop loop;
  private Queue<Object> queue;

  @Setup
  public void setUp() {
    loop = new EventLoop();
    queue = new Queue<>();
  }

  @TearDown
  public void tearDown() {
    loop.close();
  }

  @Benchmark
  public Object putNowaitGetNowait() {
    queue.putNowait(JmhCoroutines.ITEM);
    return queue.getNowait();
  }

  @Benchmark
  @OperationsPerInvocation(JmhCoroutines.OPS)
  public long awaitPutAwaitGet() {
    return loop.runUntilComplete(Async_JmhCoroutines.putThenGet(queue, JmhCoroutines.OPS));
  }
}
