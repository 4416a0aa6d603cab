package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Seed program 10 (PEP 3148/3156 post): callbacks and coroutines on one loop. A callback prints
 * the seconds and re-arms itself with {@code call_later}; another callback cannot run a coroutine
 * itself, so it schedules one with {@code ensure_future}; two coroutines print the seconds with
 * {@code sleep(1)}, and after ten seconds each stops the loop (which runs {@code run_forever}).
 *
 * <pre>{@code
 * @asyncio.coroutine
 * def print_every_second_coroutine(type):
 *     "Print seconds"
 *     while True:
 *         for i in range(10):
 *             print(i, 's (corotine {})'.format(type))
 *             yield from asyncio.sleep(1)
 *         loop = asyncio.get_event_loop()
 *         loop.stop()
 *
 * def print_every_seconds_callback(i):
 *     print (i, 's (callback)')
 *     loop = asyncio.get_event_loop()
 *     loop.call_later(1.0, print_every_seconds_callback, i+1)
 *
 * def print_every_seconds_callback_to_coroutine():
 *     asyncio.ensure_future(print_every_second_coroutine('B'))
 *
 * loop = asyncio.get_event_loop()
 * loop.call_soon(print_every_seconds_callback, 0)
 * loop.call_soon(print_every_seconds_callback_to_coroutine)
 * asyncio.ensure_future(print_every_second_coroutine('A'))
 *
 * loop.run_forever()
 * loop.close()
 * }</pre>
 *
 * <p>At ten seconds the callback prints "10 s", then coroutine A stops the loop and, in the same
 * iteration of the loop, both coroutines start their next round ("0 s") before the loop stops.
 * The seed's "corotine" is spelled "coroutine" here.
 */
public final class CallbacksAndCoroutines implements Program {
  @Override
  public String name() {
    return "callbacks";
  }

  @Override
  public String summary() {
    return "10: call_soon/call_later callbacks and coroutines on one loop, stopped after 10 s";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    EventLoop loop = loops.get();
    loop.callSoon(() -> printEverySecondsCallback(out, 0));
    loop.callSoon(() -> printEverySecondsCallbackToCoroutine(out));
    // ensure_future before the loop runs: a task on the loop that will run it
    loop.createTask(Async_CallbacksAndCoroutines.printEverySecondCoroutine(out, "A"));

    loop.runForever();
    loop.close();
  }

  /** Prints the seconds. */
  @Async
  static Coroutine<Void> printEverySecondCoroutine(PrintStream out, String type) {
    while (true) {
      for (int i = 0; i < 10; i++) {
        out.println(i + " s (coroutine " + type + ")");
        await(sleep(1));
      }
      getRunningLoop().stop();
    }
  }

  /** A one-shot callback that schedules its next call itself. */
  static void printEverySecondsCallback(PrintStream out, int i) {
    out.println(i + " s (callback)");
    getRunningLoop().callLater(1.0, () -> printEverySecondsCallback(out, i + 1));
  }

  /**
   * A callback cannot run a coroutine (it would have to drive it, blocking the loop); it schedules
   * one as a task instead.
   */
  static void printEverySecondsCallbackToCoroutine(PrintStream out) {
    ensureFuture(Async_CallbacksAndCoroutines.printEverySecondCoroutine(out, "B"));
  }
}
