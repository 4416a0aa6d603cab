package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * Seed program 26 (using asyncio): {@code time.sleep} blocks, but run in the loop's default
 * executor ({@code run_in_executor}) it blocks a pool thread instead of the loop, so two coroutines
 * sleeping 5 s and 4 s that way finish together after 5 s, the shorter one first.
 *
 * <pre>{@code
 * async def coroutine_1():
 *     print('코루틴 1 시작')
 *     print('코루틴 1 중단... 5초간 기다립니다.')
 *     loop = asyncio.get_event_loop()
 *     await loop.run_in_executor(None, time.sleep, 5)
 *     print('코루틴 1 재개')
 *
 * async def coroutine_2():
 *     print('코루틴 2 시작')
 *     print('코루틴 2중단... 5초간 기다립니다.')
 *     loop = asyncio.get_event_loop()
 *     await loop.run_in_executor(None, time.sleep, 4)
 *     print('코루틴 2 재개')
 *
 * loop = asyncio.get_event_loop()
 * start = time.time()
 * loop.run_until_complete(asyncio.gather(coroutine_1(), coroutine_2()))
 * end = time.time()
 * print(f'time taken: {end-start}')
 * }</pre>
 *
 * <p>The seed's coroutine 2 says it waits 5 seconds but sleeps 4; here it says 4. The sleeps run on
 * other threads, so a virtual clock does not see them: under a test loop the time taken is 0.
 */
public final class BlockingInExecutor implements Program {
  private final Blocking blocking;

  public BlockingInExecutor() {
    this(Blocking.REAL);
  }

  /** Sleeping with {@code blocking} in place of {@code time.sleep}. */
  BlockingInExecutor(Blocking blocking) {
    this.blocking = blocking;
  }

  @Override
  public String name() {
    return "executor-sleep";
  }

  @Override
  public String summary() {
    return "26: blocking sleeps of 5 s and 4 s made concurrent with runInExecutor";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    EventLoop loop = loops.get();
    double start = loop.time();
    loop.runUntilComplete(new Async_BlockingInExecutor_Sleepers(out, blocking).both());
    double end = loop.time();
    out.println("time taken: " + (end - start));
  }

  abstract static class Sleepers {
    final PrintStream out;
    final Blocking blocking;

    Sleepers(PrintStream out, Blocking blocking) {
      this.out = out;
      this.blocking = blocking;
    }

    @Async
    Coroutine<Void> coroutine1() {
      out.println("coroutine 1 started");
      out.println("coroutine 1 suspended... waiting 5 seconds");
      EventLoop loop = getRunningLoop();
      await(
          loop.runInExecutor(
              null,
              () -> {
                blocking.sleep(5); // time.sleep(5), on a thread of the default executor
                return null;
              }));
      out.println("coroutine 1 resumed");
      return done();
    }

    @Async
    Coroutine<Void> coroutine2() {
      out.println("coroutine 2 started");
      out.println("coroutine 2 suspended... waiting 4 seconds");
      EventLoop loop = getRunningLoop();
      await(
          loop.runInExecutor(
              null,
              () -> {
                blocking.sleep(4); // time.sleep(4), on a thread of the default executor
                return null;
              }));
      out.println("coroutine 2 resumed");
      return done();
    }

    @Async
    Coroutine<List<Void>> both() {
      return gather(coroutine1(), coroutine2());
    }
  }
}
