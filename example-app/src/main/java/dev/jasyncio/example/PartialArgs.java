package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Seed program 4 (dojang tutorial): {@code run_in_executor} passes positional arguments only, so a
 * function that needs keyword arguments goes in through {@code functools.partial}, which fixes some
 * arguments and leaves the rest to the call.
 *
 * <pre>{@code
 * async def hello(executor):
 *     await loop.run_in_executor(None, functools.partial(print, 'hello', 'python', end=' '))
 *
 * >>> hello = functools.partial(print, 'hello', 'python', end=' ')
 * >>> hello()
 * hello python
 * >>> hello('script', sep='-')
 * hello-python-script
 * }</pre>
 *
 * <p>In Java the executor takes a {@code Callable} with no arguments at all, and a lambda fixes
 * every argument, named or not; a partial that still takes arguments is a lambda with parameters.
 * Each call's {@code end=' '} leaves its line open; the program ends each line after the call.
 */
public final class PartialArgs implements Program {
  @Override
  public String name() {
    return "partial";
  }

  @Override
  public String summary() {
    return "4: functools.partial with run_in_executor, as a lambda";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    EventLoop loop = loops.get();
    loop.runUntilComplete(Async_PartialArgs.hello(out));
    loop.close();
    out.println();

    // the partial on its own: more positional arguments, and sep, given at the call
    PartialPrint hello = partialHelloPython(out);
    hello.call(" ");
    out.println();
    hello.call("-", "script");
    out.println();
  }

  /** {@code print(*values, sep=sep, end=end)} to {@code out}. */
  static void print(PrintStream out, String sep, String end, List<?> values) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        line.append(sep);
      }
      line.append(values.get(i));
    }
    out.print(line + end);
  }

  /** What {@code functools.partial(print, 'hello', 'python', end=' ')} still takes. */
  @FunctionalInterface
  interface PartialPrint {
    void call(String sep, Object... more);
  }

  /** {@code functools.partial(print, 'hello', 'python', end=' ')}. */
  static PartialPrint partialHelloPython(PrintStream out) {
    return (sep, more) -> {
      List<Object> values = new ArrayList<>(List.of("hello", "python"));
      values.addAll(Arrays.asList(more));
      print(out, sep, " ", values);
    };
  }

  @Async
  static Coroutine<Void> hello(PrintStream out) {
    EventLoop loop = getRunningLoop();
    // the lambda fixes the values and the keyword argument end=' '
    await(
        loop.runInExecutor(
            null,
            () -> {
              print(out, " ", " ", List.of("hello", "python"));
              return null;
            }));
    return done();
  }
}
