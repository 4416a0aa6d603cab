package dev.jasyncio.bench.jasyncio;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import dev.jasyncio.bench.Args;
import dev.jasyncio.bench.Contender;
import dev.jasyncio.bench.Harness;
import dev.jasyncio.bench.MegamorphicFloor;
import dev.jasyncio.bench.Report;
import dev.jasyncio.bench.Round;
import dev.jasyncio.bench.Workload;
import java.util.List;

/**
 * W2 with jasyncio: an {@code @Async} method awaits, {@code n} times in a loop, an {@code @Async}
 * method that returns at once ({@code return done(x)}).
 *
 * <p>The awaited value is {@code i & 1}, whose boxing hits {@code Integer}'s cache: what is
 * measured is the await (creating the callee's state machine and running it to its end), not {@code
 * Integer} allocation. The sum of the values is the check.
 *
 * <p>Measured: the loop, inside the awaiting coroutine, after {@code warmups} whole rounds (the
 * median of {@link dev.jasyncio.bench.Harness#MEASURED_ROUNDS} measured rounds) (each on its own
 * loop, as {@code run} makes one). Only one coroutine type passes through the await path, so the
 * JIT can inline the callee and drop its allocation: {@code nsPerOp} is the best case. Then the
 * same loop awaits four coroutine types in turn ({@code megamorphicNsPerOp}, after its own
 * warm-ups), so that the callee's {@code resume} is a megamorphic call that is not inlined, as in a
 * program with many coroutine types. Its rounds alternate with those of {@link MegamorphicFloor},
 * the same calls in plain Java ({@code megamorphicFloorNsPerOp}): what an await adds is the
 * difference.
 *
 * <p>{@code java ... W2AwaitCompleted [n] [warmups]}, by default 10,000,000 awaits and 5 warm-ups.
 */
public final class W2AwaitCompleted {
  private W2AwaitCompleted() {}

  public static void main(String[] args) {
    Args a = Args.parse(Workload.W2, args);
    Harness.Measured one =
        Harness.steady(a.warmups(), () -> run(Async_W2AwaitCompleted.awaitInLoop(a.n())));
    List<Harness.Measured> four =
        Harness.inTurn(
            a.warmups(),
            () -> run(Async_W2AwaitCompleted.awaitFourKinds(a.n())),
            () -> MegamorphicFloor.round(a.n()));
    Report.measured(Workload.W2, Contender.JASYNCIO, a, one)
        .megamorphic(four.get(0))
        .megamorphicFloor(four.get(1))
        .print();
  }

  @Async
  static Coroutine<Integer> immediate(int i) {
    return done(i & 1);
  }

  @Async
  static Coroutine<Round> awaitInLoop(int n) {
    long start = System.nanoTime();
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += await(immediate(i));
    }
    long nanos = System.nanoTime() - start;
    return done(new Round(nanos, sum));
  }

  @Async
  static Coroutine<Integer> immediate1(int i) {
    return done(i & 1);
  }

  @Async
  static Coroutine<Integer> immediate2(int i) {
    return done(i & 1);
  }

  @Async
  static Coroutine<Integer> immediate3(int i) {
    return done(i & 1);
  }

  /** One of four coroutine types that all return {@code i & 1} at once, in turn. */
  static Coroutine<Integer> oneOfFour(int i) {
    switch (i & 3) {
      case 0:
        return Async_W2AwaitCompleted.immediate(i);
      case 1:
        return Async_W2AwaitCompleted.immediate1(i);
      case 2:
        return Async_W2AwaitCompleted.immediate2(i);
      default:
        return Async_W2AwaitCompleted.immediate3(i);
    }
  }

  @Async
  static Coroutine<Round> awaitFourKinds(int n) {
    long start = System.nanoTime();
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += await(oneOfFour(i));
    }
    long nanos = System.nanoTime() - start;
    return done(new Round(nanos, sum));
  }
}
