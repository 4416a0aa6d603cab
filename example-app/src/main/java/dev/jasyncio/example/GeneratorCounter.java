package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncGenerator;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Seed program 7: {@code async_counter}, the counter of program 6 written as an asynchronous
 * generator, a coroutine function with {@code yield} in it.
 *
 * <pre>{@code
 * async def async_counter(stop):
 *     n = 0
 *     while n < stop:
 *         yield n
 *         n += 1
 *         await asyncio.sleep(1.0)
 *
 * async def main():
 *     async for i in async_counter(3):
 *         print(i, end=' ')
 *
 * loop = asyncio.get_event_loop()
 * loop.run_until_complete(main())
 * loop.close()
 * }</pre>
 *
 * <p>In Java the generator is an {@code @Async} method declared to return {@link AsyncGenerator};
 * {@code emit(n)} is {@code yield n} and {@code return endGenerator()} ends it.
 *
 * <p>Unlike {@code AsyncCounter}, which sleeps before producing a number, this generator sleeps
 * after each {@code yield}: 0 is printed at once, 1 after a second, 2 after two, and the loop ends
 * after three, when the generator wakes from its last sleep and finds nothing more to yield. As in
 * program 6, the line {@code "0 1 2 "} is ended after the loop.
 */
public final class GeneratorCounter implements Program {
  @Override
  public String name() {
    return "async-generator";
  }

  @Override
  public String summary() {
    return "7: async_counter, the same counter as an async generator";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    EventLoop loop = loops.get();
    loop.runUntilComplete(Async_GeneratorCounter.main(out));
    loop.close();
    out.println();
  }

  /** {@code async def async_counter(stop)}: yields 0, 1, … below {@code stop}, a second apart. */
  @Async
  static AsyncGenerator<Integer> asyncCounter(int stop) {
    int n = 0;
    while (n < stop) {
      emit(n);
      n += 1;
      await(sleep(1.0));
    }
    return endGenerator();
  }

  /** {@code async def main()}. */
  @Async
  static Coroutine<Void> main(PrintStream out) {
    for (int i : asyncFor(asyncCounter(3))) {
      out.print(i + " "); // print(i, end=' ')
    }
    return done();
  }
}
