package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Asyncio;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Seed program 28 (using asyncio): 10,000 tasks each awaiting {@code asyncio.sleep(1)} under {@code
 * gather} finish together after about one second: sleeping tasks cost no threads.
 *
 * <pre>{@code
 * async def sleep():
 *     await asyncio.sleep(1)
 *
 * async def main():
 *     futures = [asyncio.ensure_future(sleep()) for i in range(10000)]
 *     await asyncio.gather(*futures)
 *
 * start = time.time()
 * asyncio.run(main())
 * end = time.time()
 * print(f'{end-start}')
 * }</pre>
 */
public final class ManySleeps implements Program {
  static final int TASKS = 10_000;

  private final int tasks;

  public ManySleeps() {
    this(TASKS);
  }

  /** With a different number of tasks (the benchmarks go to 1,000,000). */
  ManySleeps(int tasks) {
    this.tasks = tasks;
  }

  @Override
  public String name() {
    return "many-sleeps";
  }

  @Override
  public String summary() {
    return "28: 10,000 tasks of sleep(1) under gather take about one second";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    EventLoop loop = loops.get();
    double start = loop.time();
    Asyncio.run(Async_ManySleeps.main(tasks), () -> loop);
    double end = loop.time();
    out.println(end - start);
  }

  @Async
  static Coroutine<Void> sleepOneSecond() {
    await(sleep(1));
    return done();
  }

  @Async
  static Coroutine<Void> main(int n) {
    List<Future<Void>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      futures.add(ensureFuture(sleepOneSecond())); // scheduled now, run when the loop gets to it
    }
    await(gather(futures));
    return done();
  }
}
