package dev.jasyncio.bench.jmh;

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
 * The floor under W2's megamorphic row, in plain Java with no jasyncio at all: per operation,
 * allocate one of four small classes in turn (a state machine's size) and call a virtual method
 * that returns a boxed int, which the JIT cannot inline because four receiver types reach the call.
 * Any design that creates a state machine per await and resumes it through a virtual call pays at
 * least this. {@code direct} is the same work with one class, where the call is inlined and the
 * allocation removed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class MegamorphicFloorBenchmark {
  static final int OPS = 1_000_000;

  abstract static class Machine {
    Object caller;
    int state;

    abstract Object resume(Object value);
  }

  static final class M0 extends Machine {
    final int i;

    M0(int i) {
      this.i = i;
    }

    @Override
    Object resume(Object value) {
      state = -1;
      return i & 1;
    }
  }

  static final class M1 extends Machine {
    final int i;

    M1(int i) {
      this.i = i;
    }

    @Override
    Object resume(Object value) {
      state = -1;
      return i & 1;
    }
  }

  static final class M2 extends Machine {
    final int i;

    M2(int i) {
      this.i = i;
    }

    @Override
    Object resume(Object value) {
      state = -1;
      return i & 1;
    }
  }

  static final class M3 extends Machine {
    final int i;

    M3(int i) {
      this.i = i;
    }

    @Override
    Object resume(Object value) {
      state = -1;
      return i & 1;
    }
  }

  static Machine oneOfFour(int i) {
    switch (i & 3) {
      case 0:
        return new M0(i);
      case 1:
        return new M1(i);
      case 2:
        return new M2(i);
      default:
        return new M3(i);
    }
  }

  @Benchmark
  @OperationsPerInvocation(OPS)
  public long fourKinds() {
    long sum = 0;
    for (int i = 0; i < OPS; i++) {
      sum += (Integer) oneOfFour(i).resume(null);
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(OPS)
  public long direct() {
    long sum = 0;
    for (int i = 0; i < OPS; i++) {
      sum += (Integer) new M0(i).resume(null);
    }
    return sum;
  }
}
