package dev.jasyncio.bench.jasyncio;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Task;
import dev.jasyncio.bench.Args;
import dev.jasyncio.bench.Contender;
import dev.jasyncio.bench.Harness;
import dev.jasyncio.bench.Report;
import dev.jasyncio.bench.Round;
import dev.jasyncio.bench.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * W5 with jasyncio: in chunks of 1,000, {@code createTask} of a coroutine that returns at once,
 * then {@code await(gather(tasks))}, until {@code n} tasks have run. Each task's first (and only)
 * step runs when the creator suspends in the gather.
 *
 * <p>Measured: all the chunks, inside the main coroutine, after {@code warmups} whole rounds (the
 * median of {@link dev.jasyncio.bench.Harness#MEASURED_ROUNDS} measured rounds). The check is the
 * sum of the tasks' results (1 each).
 *
 * <p>{@code java ... W5ShortTasks [n] [warmups]}, by default 1,000,000 tasks and 5 warm-ups.
 */
public final class W5ShortTasks {
  private W5ShortTasks() {}

  public static void main(String[] args) {
    Args a = Args.parse(Workload.W5, args);
    Harness.Measured m =
        Harness.steady(a.warmups(), () -> run(Async_W5ShortTasks.inChunks(a.n(), Workload.CHUNK)));
    Report.measured(Workload.W5, Contender.JASYNCIO, a, m).print();
  }

  @Async
  static Coroutine<Integer> one() {
    return done(1);
  }

  @Async
  static Coroutine<Round> inChunks(int n, int chunk) {
    long start = System.nanoTime();
    long sum = 0;
    for (int started = 0; started < n; started += chunk) {
      int size = Math.min(chunk, n - started);
      List<Task<Integer>> tasks = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        tasks.add(createTask(one()));
      }
      List<Integer> results = await(gather(tasks));
      for (int r : results) {
        sum += r;
      }
    }
    long nanos = System.nanoTime() - start;
    return done(new Round(nanos, sum));
  }
}
