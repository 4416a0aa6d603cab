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
 * W1 with jasyncio: {@code n} tasks each {@code await(sleep(s))}, then one {@code gather} of them
 * all.
 *
 * <p>Measured: from just before the first {@code createTask} to the moment the gathering coroutine
 * resumes after the last task finished, inside the main coroutine (loop creation and shutdown are
 * not counted). No warm-up: one cold round. Peak RSS is the whole process's; the runner derives the
 * bytes per sleeping task from a run at 10,000 tasks and one at {@code n}.
 *
 * <p>{@code java ... W1Sleep [n] [sleepSeconds]}, by default 1,000,000 tasks and 1 s.
 */
public final class W1Sleep {
  private W1Sleep() {}

  public static void main(String[] args) {
    Args a = Args.parse(Workload.W1, args);
    Harness.Measured m =
        Harness.measure(() -> run(Async_W1Sleep.spawnAndGather(a.n(), a.sleepSeconds())));
    Report.measured(Workload.W1, Contender.JASYNCIO, a, m).print();
  }

  @Async
  static Coroutine<Void> sleeper(double seconds) {
    await(sleep(seconds));
    return done();
  }

  @Async
  static Coroutine<Round> spawnAndGather(int n, double seconds) {
    long start = System.nanoTime();
    List<Task<Void>> tasks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      tasks.add(createTask(sleeper(seconds)));
    }
    List<Void> results = await(gather(tasks));
    long nanos = System.nanoTime() - start;
    return done(new Round(nanos, results.size()));
  }
}
