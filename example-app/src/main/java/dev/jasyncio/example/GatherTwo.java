package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Asyncio;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * Seed program 15 (coffee shop post): {@code gather} runs two coroutines concurrently, so the total
 * is the longest (2 s), and the results come in argument order; awaiting them one after the other
 * takes the sum (3 s).
 *
 * <pre>{@code
 * async def task1():
 *     await asyncio.sleep(2)
 *     return "Task 1 done"
 *
 * async def task2():
 *     await asyncio.sleep(1)
 *     return "Task 2 done"
 *
 * async def main():
 *     start = time.time()
 *     results = await asyncio.gather(task1(), task2())
 *     end = time.time()
 *     print(f"Results: {results}")
 *     print(f"Total time: {end - start:.2f} seconds")
 *
 * asyncio.run(main())
 * }</pre>
 *
 * <p>The post then contrasts {@code await task1(); await task2()}, which this program runs as a
 * second part.
 */
public final class GatherTwo implements Program {
  @Override
  public String name() {
    return "gather";
  }

  @Override
  public String summary() {
    return "15: gather(task1(), task2()) takes 2 s, sequential awaits 3 s";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    Asyncio.run(Async_GatherTwo.main(out), loops);
    out.println();
    Asyncio.run(Async_GatherTwo.sequential(out), loops);
  }

  @Async
  static Coroutine<String> task1() {
    await(sleep(2)); // two seconds of simulated waiting
    return done("Task 1 done");
  }

  @Async
  static Coroutine<String> task2() {
    await(sleep(1));
    return done("Task 2 done");
  }

  @Async
  static Coroutine<Void> main(PrintStream out) {
    double start = getRunningLoop().time();
    List<String> results = await(gather(task1(), task2())); // concurrently
    double end = getRunningLoop().time();
    out.println("Results: " + Py.repr(results));
    out.println(Py.format("Total time: %.2f seconds", end - start));
    return done();
  }

  /** {@code await task1(); await task2()}: one after the other. */
  @Async
  static Coroutine<Void> sequential(PrintStream out) {
    double start = getRunningLoop().time();
    String first = await(task1());
    String second = await(task2());
    double end = getRunningLoop().time();
    out.println("Sequential results: " + Py.repr(List.of(first, second)));
    out.println(Py.format("Total time: %.2f seconds", end - start));
    return done();
  }
}
