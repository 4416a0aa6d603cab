package dev.jasyncio.bench.cf;

import dev.jasyncio.bench.Args;
import dev.jasyncio.bench.Contender;
import dev.jasyncio.bench.Harness;
import dev.jasyncio.bench.Report;
import dev.jasyncio.bench.Round;
import dev.jasyncio.bench.Workload;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * W2 with {@code CompletableFuture}: a method that returns {@code completedFuture(i & 1)} is called
 * {@code n} times in a loop and its result taken with {@code join()}, which returns at once for a
 * completed future: the closest a {@code CompletableFuture} user gets to awaiting a computation
 * that returns at once. As in the jasyncio version the value hits {@code Integer}'s cache.
 *
 * <p>Measured: the loop, after {@code warmups} whole rounds (the median of {@link
 * dev.jasyncio.bench.Harness#MEASURED_ROUNDS} measured rounds); the JIT inlines the callee, so
 * {@code nsPerOp} is the best case. Then the same loop calls four such methods in turn through an
 * {@code IntFunction} ({@code megamorphicNsPerOp}, after its own warm-ups): a megamorphic call that
 * is not inlined, so the future is really allocated, as the jasyncio version's callee is. The check
 * is the sum of the values.
 *
 * <p>{@code java ... W2AwaitCompleted [n] [warmups]}, by default 10,000,000 awaits and 5 warm-ups.
 */
public final class W2AwaitCompleted {
  private static final List<IntFunction<CompletableFuture<Integer>>> FOUR_KINDS =
      List.of(
          i -> CompletableFuture.completedFuture(i & 1),
          i -> CompletableFuture.completedFuture(i & 1),
          i -> CompletableFuture.completedFuture(i & 1),
          i -> CompletableFuture.completedFuture(i & 1));

  private W2AwaitCompleted() {}

  public static void main(String[] args) {
    Args a = Args.parse(Workload.W2, args);
    Harness.Measured one = Harness.steady(a.warmups(), () -> round(a.n()));
    Harness.Measured four = Harness.steady(a.warmups(), () -> roundFourKinds(a.n()));
    Report.measured(Workload.W2, Contender.COMPLETABLE_FUTURE, a, one).megamorphic(four).print();
  }

  static CompletableFuture<Integer> immediate(int i) {
    return CompletableFuture.completedFuture(i & 1);
  }

  static Round round(int n) {
    long start = System.nanoTime();
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += immediate(i).join();
    }
    long nanos = System.nanoTime() - start;
    return new Round(nanos, sum);
  }

  static Round roundFourKinds(int n) {
    long start = System.nanoTime();
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += FOUR_KINDS.get(i & 3).apply(i).join();
    }
    long nanos = System.nanoTime() - start;
    return new Round(nanos, sum);
  }
}
