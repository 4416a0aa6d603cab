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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Seed program 27 (using asyncio): 1,000 blocking one-second sleeps, each in {@code
 * run_in_executor} on a {@code ThreadPoolExecutor(max_workers=1000)}: a thread each, so about one
 * second in all, at the price of a thousand threads.
 *
 * <pre>{@code
 * async def sleep(executor=None):
 *     loop = asyncio.get_event_loop()
 *     await loop.run_in_executor(executor, time.sleep, 1)
 *
 * async def main():
 *     executor = ThreadPoolExecutor(max_workers=1000)
 *     futures = [asyncio.ensure_future(sleep(executor)) for i in range(1000)]
 *     await asyncio.gather(*futures)
 *
 * start = time.time()
 * asyncio.run(main())
 * end = time.time()
 * print(f'time taken: {end-start}')
 * }</pre>
 *
 * <p>Python leaves the pool to be cleaned up at exit; Java's pool threads would keep the program
 * alive, so {@code main} shuts it down when the sleeps are over. The sleeps run on other threads,
 * so a virtual clock does not see them: under a test loop the time taken is 0.
 */
public final class ThreadPoolSleeps implements Program {
  static final int SLEEPS = 1000;

  private final Blocking blocking;

  public ThreadPoolSleeps() {
    this(Blocking.REAL);
  }

  /** Sleeping with {@code blocking} in place of {@code time.sleep}. */
  ThreadPoolSleeps(Blocking blocking) {
    this.blocking = blocking;
  }

  @Override
  public String name() {
    return "thread-pool";
  }

  @Override
  public String summary() {
    return "27: 1,000 blocking 1 s sleeps on a 1,000-thread pool take about one second";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    EventLoop loop = loops.get();
    double start = loop.time();
    Asyncio.run(new Async_ThreadPoolSleeps_Sleeper(blocking).main(), () -> loop);
    double end = loop.time();
    out.println("time taken: " + (end - start));
  }

  abstract static class Sleeper {
    final Blocking blocking;

    Sleeper(Blocking blocking) {
      this.blocking = blocking;
    }

    @Async
    Coroutine<Void> sleep(ExecutorService executor) {
      EventLoop loop = getRunningLoop();
      await(
          loop.runInExecutor(
              executor,
              () -> {
                blocking.sleep(1); // time.sleep(1), on a thread of the pool
                return null;
              }));
      return done();
    }

    @Async
    Coroutine<Void> main() {
      // more workers, more threads to switch between
      ExecutorService executor = Executors.newFixedThreadPool(SLEEPS);
      try {
        List<Future<Void>> futures = new ArrayList<>();
        for (int i = 0; i < SLEEPS; i++) {
          futures.add(ensureFuture(sleep(executor)));
        }
        await(gather(futures));
      } finally {
        executor.shutdown();
      }
      return done();
    }
  }
}
