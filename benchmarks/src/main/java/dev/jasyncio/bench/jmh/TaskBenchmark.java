package dev.jasyncio.bench.jmh;

import dev.jasyncio.EventLoop;
import dev.jasyncio.Task;
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
 * Creating a task and completing it: a batch of {@code createTask} of a coroutine that returns at
 * once, then one loop iteration runs every task's only step, followed by the {@code stop} scheduled
 * after them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class TaskBenchmark {
  private EventLoop loop;
  private Runnable stop;

  @Setup
  public void setUp() {
    loop = new EventLoop();
    stop = loop::stop;
  }

  @TearDown
  public void tearDown() {
    loop.close();
  }

  @Benchmark
  @OperationsPerInvocation(JmhCoroutines.OPS)
  public Task<Integer> createAndComplete() {
    Task<Integer> last = null;
    for (int i = 0; i < JmhCoroutines.OPS; i++) {
      last = loop.createTask(Async_JmhCoroutines.one());
    }
    loop.callSoon(stop);
    loop.runForever();
    return last;
  }
}
