package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Seed program 2: a coroutine awaiting another and using its result.
 *
 * <pre>{@code
 * async def add(a, b):
 *     print('{0} + {1}'.format(a, b))
 *     await asyncio.sleep(1.0)
 *     return a + b
 *
 * async def print_add(a, b):
 *     res = await add(a, b)
 *     print('{0} + {1} = {2}'.format(a, b, res))
 *
 * loop = asyncio.get_event_loop()
 * loop.run_until_complete(print_add(1, 2))
 * loop.close()
 * }</pre>
 */
public final class Add implements Program {
  @Override
  public String name() {
    return "add";
  }

  @Override
  public String summary() {
    return "2: print_add awaits add, which sleeps one second";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    EventLoop loop = loops.get();
    loop.runUntilComplete(Async_Add.printAdd(out, 1, 2));
    loop.close();
  }

  /** {@code async def add(a, b)}. */
  @Async
  static Coroutine<Integer> add(PrintStream out, int a, int b) {
    out.println(a + " + " + b);
    await(sleep(1.0));
    return done(a + b);
  }

  /** {@code async def print_add(a, b)}: awaits {@code add} and prints its result. */
  @Async
  static Coroutine<Void> printAdd(PrintStream out, int a, int b) {
    int res = await(add(out, a, b));
    out.println(a + " + " + b + " = " + res);
    return done();
  }
}
