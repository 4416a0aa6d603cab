package dev.jasyncio.bench.jmh;

import dev.jasyncio.bench.MegamorphicFloor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link MegamorphicFloor} under JMH: the floor under W2's megamorphic row, in plain Java. {@code
 * direct} is the same work with one class, where the call is inlined and the allocation removed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class MegamorphicFloorBenchmark {
  static final int OPS = 1_000_000;

  @Benchmark
  @OperationsPerInvocation(OPS)
  public long fourKinds() {
    long sum = 0;
    for (int i = 0; i < OPS; i++) {
      sum += (Integer) MegamorphicFloor.oneOfFour(i).resume(null);
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(OPS)
  public long direct() {
    long sum = 0;
    for (int i = 0; i < OPS; i++) {
      sum += (Integer) MegamorphicFloor.one(i).resume(null);
    }
    return sum;
  }
}
