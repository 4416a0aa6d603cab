package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncContextManager;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Entered;
import dev.jasyncio.EventLoop;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Seed program 5: {@code AsyncAdd}, a class-based asynchronous context manager. Its {@code
 * __aenter__} sleeps one second and returns {@code a + b}, which {@code as} binds; its {@code
 * __aexit__} does nothing.
 *
 * <pre>{@code
 * class AsyncAdd:
 *     def __init__(self, a, b):
 *         self.a = a
 *         self.b = b
 *
 *     async def __aenter__(self):
 *         await asyncio.sleep(1.0)
 *         return self.a + self.b
 *
 *     async def __aexit__(self, exc_type, exc_val, exc_tb):
 *         pass
 *
 * async def main():
 *     async with AsyncAdd(1, 2) as result:
 *         print(result)
 *
 * loop = asyncio.get_event_loop()
 * loop.run_until_complete(main())
 * loop.close()
 * }</pre>
 *
 * <p>In Java the manager is an abstract class implementing {@link AsyncContextManager} with
 * {@code @Async} {@code aenter} and {@code aexit}; {@code async with ... as result} is a
 * try-with-resources over {@code asyncWith(...)}, and {@code result.get()} is the value {@code
 * aenter} produced. Python's three exception arguments of {@code __aexit__} are one {@code
 * Throwable}, null when the block finished normally.
 *
 * <p>The seed's output is the first line, {@code 3}. A second part, not in the seed, shows what
 * {@code __aexit__} is for: it sees the exception the block raised and may suppress it by returning
 * a true value, as this variant does:
 *
 * <pre>{@code
 * class ForgivingAsyncAdd(AsyncAdd):
 *     async def __aexit__(self, exc_type, exc_val, exc_tb):
 *         print('__aexit__ saw', repr(exc_val))
 *         return True
 *
 * async def fail_inside(manager):
 *     async with manager as result:
 *         print(result)
 *         print(6 // (result - 3))  # ZeroDivisionError
 *     print('after the async with: the exception was suppressed')
 * }</pre>
 *
 * <p>The seed's {@code AsyncAdd} returns {@code None} from {@code __aexit__}, which is false: with
 * it, {@code fail_inside} raises the block's exception after {@code __aexit__} has run.
 */
public final class AsyncWithAdd implements Program {
  @Override
  public String name() {
    return "async-add";
  }

  @Override
  public String summary() {
    return "5: AsyncAdd, an async context manager whose aenter sleeps and returns a + b";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    EventLoop loop = loops.get();
    loop.runUntilComplete(Async_AsyncWithAdd.main(out));

    out.println();
    out.println("The block raises; __aexit__ sees the exception and suppresses it:");
    loop.runUntilComplete(
        Async_AsyncWithAdd.failInside(out, new Async_AsyncWithAdd_ForgivingAsyncAdd(out, 1, 2)));
    loop.close();
  }

  /** {@code class AsyncAdd}: entering sleeps one second and produces {@code a + b}. */
  abstract static class AsyncAdd implements AsyncContextManager<Integer> {
    final int a;
    final int b;

    AsyncAdd(int a, int b) {
      this.a = a;
      this.b = b;
    }

    @Async
    @Override
    public Coroutine<Integer> aenter() {
      await(sleep(1.0));
      return done(a + b); // what aenter produces is what `as` binds
    }

    /** {@code pass}: returns None, which is false, so an exception from the block propagates. */
    @Async
    @Override
    public Coroutine<Boolean> aexit(Throwable exception) {
      return done(false);
    }
  }

  /**
   * The second part's manager: adds like {@code AsyncAdd}, but suppresses what the block raises.
   */
  abstract static class ForgivingAsyncAdd extends AsyncAdd {
    final PrintStream out;

    ForgivingAsyncAdd(PrintStream out, int a, int b) {
      super(a, b);
      this.out = out;
    }

    @Async
    @Override
    public Coroutine<Boolean> aexit(Throwable exception) {
      out.println("__aexit__ saw " + exception);
      return done(true); // suppress it
    }
  }

  /** {@code async def main()}. */
  @Async
  static Coroutine<Void> main(PrintStream out) {
    try (Entered<Integer> result = asyncWith(new Async_AsyncWithAdd_AsyncAdd(1, 2))) {
      out.println(result.get());
    }
    return done();
  }

  /**
   * {@code async def fail_inside(manager)}: the block raises after printing the sum. (It divides by
   * zero rather than {@code throw}ing: after a block that always throws, Java rejects the statement
   * that follows as unreachable, not knowing that the manager may suppress the exception.)
   */
  @Async
  static Coroutine<Void> failInside(PrintStream out, AsyncContextManager<Integer> manager) {
    try (Entered<Integer> result = asyncWith(manager)) {
      out.println(result.get());
      out.println(6 / (result.get() - 3)); // 3 - 3 is 0: ArithmeticException
    }
    out.println("after the async with: the exception was suppressed");
    return done();
  }
}
