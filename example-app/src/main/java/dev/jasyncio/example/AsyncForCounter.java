package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncIterator;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import dev.jasyncio.StopAsyncIteration;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Seed program 6: {@code AsyncCounter}, a class-based asynchronous iterator that produces a number
 * a second, consumed with {@code async for}.
 *
 * <pre>{@code
 * class AsyncCounter:
 *     def __init__(self, stop):
 *         self.current = 0
 *         self.stop = stop
 *
 *     def __aiter__(self):
 *         return self
 *
 *     async def __anext__(self):
 *         if self.current < self.stop:
 *             await asyncio.sleep(1.0)
 *             r = self.current
 *             self.current += 1
 *             return r
 *         else:
 *             raise StopIteration
 *
 * async def main():
 *     async for i in AsyncCounter(3):
 *         print(i, end=' ')
 *
 * loop = asyncio.get_event_loop()
 * loop.run_until_complete(main())
 * loop.close()
 * }</pre>
 *
 * <p>The seed ends the iteration with {@code StopIteration}, which is a mistake, as its own text
 * says: the end of an asynchronous iteration is {@code StopAsyncIteration}. Raised from a
 * coroutine, {@code StopIteration} becomes {@code RuntimeError: coroutine raised StopIteration}, so
 * the seed as written prints {@code 0 1 2} and then fails. This program ends the iteration the
 * right way, with {@link StopAsyncIteration}, and finishes normally.
 *
 * <p>In Java the iterator is an abstract class implementing {@link AsyncIterator} whose {@code
 * anext} is {@code @Async}; {@code __aiter__} returning {@code self} is {@link AsyncIterator}'s
 * default {@code aiter()}. {@code async for} is a for loop over {@code asyncFor(...)}.
 *
 * <p>{@code print(i, end=' ')} leaves the line open: Python prints {@code "0 1 2 "} and no line
 * end, so in a terminal the shell's prompt follows on the same line. This program ends the line
 * after the loop, so that what is printed next starts on a line of its own.
 */
public final class AsyncForCounter implements Program {
  @Override
  public String name() {
    return "async-counter";
  }

  @Override
  public String summary() {
    return "6: AsyncCounter, a class-based async iterator producing a number a second";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    EventLoop loop = loops.get();
    loop.runUntilComplete(Async_AsyncForCounter.main(out));
    loop.close();
    out.println();
  }

  /** {@code class AsyncCounter}: the numbers from 0 below {@code stop}, one a second. */
  abstract static class AsyncCounter implements AsyncIterator<Integer> {
    int current;
    final int stop;

    AsyncCounter(int stop) {
      this.current = 0;
      this.stop = stop;
    }

    /** {@code __anext__}: sleeps a second, then produces the next number. */
    @Async
    @Override
    public Coroutine<Integer> anext() {
      if (current < stop) {
        await(sleep(1.0));
        int r = current;
        current += 1;
        return done(r);
      } else {
        throw new StopAsyncIteration(); // the seed's `raise StopIteration`, corrected
      }
    }
  }

  /** {@code async def main()}. */
  @Async
  static Coroutine<Void> main(PrintStream out) {
    for (int i : asyncFor(new Async_AsyncForCounter_AsyncCounter(3))) {
      out.print(i + " "); // print(i, end=' ')
    }
    return done();
  }
}
