package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * Seed program 25 (using asyncio): two coroutines sleep 5 s and 4 s under {@code gather}; the one
 * whose sleep ends first resumes first, so "coroutine 2 resumed" comes before "coroutine 1
 * resumed", 5 s in all.
 *
 * <pre>{@code
 * async def coroutine_1():
 *     print('코루틴 1 시작')
 *     print('코루틴 1 중단... 5초간 대기')
 *     await asyncio.sleep(5)
 *     print('코루틴 1 재개')
 *
 * async def coroutine_2():
 *     print('코루틴 2 시작')
 *     print('코루틴 2중단... 4초간 대기')
 *     await asyncio.sleep(4)
 *     print('코루틴 2 재개')
 *
 * loop = asyncio.get_event_loop()
 * loop.run_until_complete(asyncio.gather(*[coroutine_1(), coroutine_2()]))
 * }</pre>
 *
 * <p>Python creates the gather before the loop runs, through the deprecated implicit loop; here
 * {@code gather} needs a running loop, so a one-line {@code main} coroutine makes it.
 */
public final class TwoCoroutines implements Program {
  @Override
  public String name() {
    return "two-sleeps";
  }

  @Override
  public String summary() {
    return "25: coroutines sleeping 5 s and 4 s under gather; the 4 s one resumes first";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    EventLoop loop = loops.get();
    loop.runUntilComplete(Async_TwoCoroutines.both(out));
  }

  @Async
  static Coroutine<Void> coroutine1(PrintStream out) {
    out.println("coroutine 1 started");
    out.println("coroutine 1 suspended... waiting 5 seconds");
    await(sleep(5)); // the suspension point: the loop runs coroutine 2 meanwhile
    out.println("coroutine 1 resumed");
    return done();
  }

  @Async
  static Coroutine<Void> coroutine2(PrintStream out) {
    out.println("coroutine 2 started");
    out.println("coroutine 2 suspended... waiting 4 seconds");
    await(sleep(4));
    out.println("coroutine 2 resumed");
    return done();
  }

  /** {@code asyncio.gather(*[coroutine_1(), coroutine_2()])}, scheduled in this order. */
  @Async
  static Coroutine<List<Void>> both(PrintStream out) {
    return gather(List.of(coroutine1(out), coroutine2(out)));
  }
}
