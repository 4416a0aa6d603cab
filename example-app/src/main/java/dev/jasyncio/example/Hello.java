package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Seed program 1: a native coroutine run with {@code run_until_complete}.
 *
 * <pre>{@code
 * async def hello():
 *     print('hello, world!')
 *
 * loop = asyncio.get_event_loop()
 * loop.run_until_complete(hello())
 * loop.close()
 * }</pre>
 */
public final class Hello implements Program {
  @Override
  public String name() {
    return "hello";
  }

  @Override
  public String summary() {
    return "1: a coroutine run with runUntilComplete";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    EventLoop loop = loops.get(); // asyncio.get_event_loop()
    loop.runUntilComplete(Async_Hello.hello(out)); // runs until hello finishes
    loop.close();
  }

  /** {@code async def hello()}. */
  @Async
  static Coroutine<Void> hello(PrintStream out) {
    out.println("hello, world!");
    return done();
  }
}
