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
 * Seed program 12 (PEP 492 post): what {@code async with} does. The post gives its expansion:
 *
 * <pre>{@code
 * async with EXPR as VAR:
 *     BLOCK
 *
 * # is executed as
 * mgr = (EXPR)
 * aexit = type(mgr).__aexit__
 * aenter = type(mgr).__aenter__(mgr)
 *
 * VAR = await aenter
 * try:
 *     BLOCK
 * except:
 *     if not await aexit(mgr, *sys.exc_info()):
 *         raise
 * else:
 *     await aexit(mgr, None, None, None)
 * }</pre>
 *
 * <p>This program makes the expansion visible with a manager that reports each step, and runs the
 * three ways through it: the block finishes, so {@code aexit} gets no exception; the block raises
 * and {@code aexit} returns false, so the exception propagates to the caller; the block raises and
 * {@code aexit} returns true, so the exception is suppressed and the code after the {@code async
 * with} runs. In Python (which would print Python's names for the same steps):
 *
 * <pre>{@code
 * def describe(e):
 *     return f'{type(e).__name__}: {e}'
 *
 * class Logged:
 *     def __init__(self, name, suppress):
 *         print(f'  mgr = Logged({name!r})')
 *         self.name = name
 *         self.suppress = suppress
 *
 *     async def __aenter__(self):
 *         await asyncio.sleep(0.5)
 *         print(f'  VAR = await mgr.__aenter__() -> {self.name!r}')
 *         return self.name
 *
 *     async def __aexit__(self, exc_type, exc, tb):
 *         await asyncio.sleep(0.5)
 *         if exc is None:
 *             print(f'  else: await mgr.__aexit__(None, None, None) -> {self.suppress}, ignored')
 *         else:
 *             print(f'  except: await mgr.__aexit__({describe(exc)}) -> {self.suppress}: '
 *                   + ('suppressed' if self.suppress else 'raise'))
 *         return self.suppress
 *
 * async def with_block(mgr, fail):
 *     async with mgr as name:
 *         if fail:
 *             error = RuntimeError('failed in the block')
 *             print('  BLOCK: raises', describe(error))
 *             raise error
 *         print('  BLOCK: working with', name)
 *     print('after the async with')
 *
 * async def main():
 *     print('1. The block finishes normally:')
 *     await with_block(Logged('first', False), False)
 *     print()
 *     print('2. The block raises and aexit returns false: the exception propagates:')
 *     try:
 *         await with_block(Logged('second', False), True)
 *     except RuntimeError as e:
 *         print('the caller caught', describe(e))
 *     print()
 *     print('3. The block raises and aexit returns true: the exception is suppressed:')
 *     await with_block(Logged('third', True), True)
 * }</pre>
 *
 * <p>In Java {@code __aexit__}'s three arguments are one {@code Throwable}, null when the block
 * finished normally; {@code async with mgr as VAR} is {@code try (Entered<T> entered =
 * asyncWith(mgr))}. {@code aenter} and {@code aexit} each sleep half a second, so that the awaits
 * are real: the block starts only once {@code aenter} has finished.
 */
public final class AsyncWithExpansion implements Program {
  @Override
  public String name() {
    return "async-with";
  }

  @Override
  public String summary() {
    return "12: the async with expansion: aenter, the block, aexit with the exception, suppression";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    EventLoop loop = loops.get();
    loop.runUntilComplete(Async_AsyncWithExpansion.main(out));
    loop.close();
  }

  /** A manager that reports each step of the expansion it takes part in. */
  abstract static class Logged implements AsyncContextManager<String> {
    final PrintStream out;
    final String name;
    final boolean suppress;

    /** {@code mgr = (EXPR)}. */
    Logged(PrintStream out, String name, boolean suppress) {
      out.println("  mgr = Logged(" + Py.repr(name) + ")");
      this.out = out;
      this.name = name;
      this.suppress = suppress;
    }

    /** {@code VAR = await aenter}. */
    @Async
    @Override
    public Coroutine<String> aenter() {
      await(sleep(0.5));
      out.println("  VAR = await mgr.aenter() -> " + Py.repr(name));
      return done(name);
    }

    /** Both branches of the expansion's {@code try}: with the block's exception, or with null. */
    @Async
    @Override
    public Coroutine<Boolean> aexit(Throwable exception) {
      await(sleep(0.5));
      if (exception == null) {
        out.println("  else: await mgr.aexit(null) -> " + suppress + ", ignored");
      } else {
        out.println(
            "  except: await mgr.aexit("
                + describe(exception)
                + ") -> "
                + suppress
                + (suppress ? ": suppressed" : ": raise"));
      }
      return done(suppress);
    }
  }

  /** {@code async def main()}: the three ways through the expansion. */
  @Async
  static Coroutine<Void> main(PrintStream out) {
    out.println("1. The block finishes normally:");
    await(withBlock(out, new Async_AsyncWithExpansion_Logged(out, "first", false), false));

    out.println();
    out.println("2. The block raises and aexit returns false: the exception propagates:");
    try {
      await(withBlock(out, new Async_AsyncWithExpansion_Logged(out, "second", false), true));
    } catch (IllegalStateException e) {
      out.println("the caller caught " + describe(e));
    }

    out.println();
    out.println("3. The block raises and aexit returns true: the exception is suppressed:");
    await(withBlock(out, new Async_AsyncWithExpansion_Logged(out, "third", true), true));
    return done();
  }

  /** {@code async with mgr as VAR: BLOCK}, where the block raises if {@code fail}. */
  @Async
  static Coroutine<Void> withBlock(PrintStream out, Logged mgr, boolean fail) {
    try (Entered<String> entered = asyncWith(mgr)) {
      if (fail) {
        IllegalStateException error = new IllegalStateException("failed in the block");
        out.println("  BLOCK: raises " + describe(error));
        throw error;
      }
      out.println("  BLOCK: working with " + entered.get());
    }
    out.println("after the async with");
    return done();
  }

  /** An exception as the program prints it: its class's simple name and its message. */
  static String describe(Throwable e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
