package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Seed program 24 (asyncio basics): {@code add} and {@code print_add} again, each line naming the
 * coroutine that prints it, with the event loop run explicitly.
 *
 * <pre>{@code
 * async def add(a, b):
 *     print('add: {0} + {1}'.format(a, b))
 *     await asyncio.sleep(1,0)
 *     return a + b
 *
 * async def print_add(a, b):
 *     result = await add(a, b)
 *     print('print_add: {0} + {1} = {2}'.format(a,b,result))
 *
 * loop = asyncio.get_event_loop()
 * loop.run_until_complete(print_add(1,2))
 * loop.close()
 * }</pre>
 *
 * <p>The seed's {@code asyncio.sleep(1,0)} is a typo for {@code 1.0}; it still sleeps one second
 * (the 0 is the result sleep returns), and so does this program.
 */
public final class PrintAdd implements Program {
  @Override
  public String name() {
    return "print-add";
  }

  @Override
  public String summary() {
    return "24: add and print_add on an explicitly run event loop";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    EventLoop loop = loops.get();
    loop.runUntilComplete(Async_PrintAdd.printAdd(out, 1, 2));
    loop.close();
  }

  @Async
  static Coroutine<Integer> add(PrintStream out, int a, int b) {
    out.println("add: " + a + " + " + b);
    await(sleep(1.0)); // one second; asyncio.sleep is a coroutine too
    return done(a + b);
  }

  @Async
  static Coroutine<Void> printAdd(PrintStream out, int a, int b) {
    int result = await(add(out, a, b)); // runs add and keeps what it returns
    out.println("print_add: " + a + " + " + b + " = " + result);
    return done();
  }
}
