package dev.jasyncio.example;

import static dev.jasyncio.AsyncIterables.*;
import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncIterables;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * Seed program 8: asynchronous comprehensions. A list comprehension with {@code async for} collects
 * what an asynchronous iterator produces (program 6's {@code AsyncCounter}); one with {@code await}
 * in its expression awaits a coroutine per element.
 *
 * <pre>{@code
 * async def main():
 *     a = [i async for i in AsyncCounter(3)]
 *     print(a)
 *
 * async def async_one():
 *     return 1
 *
 * async def main():
 *     coroutines = [async_one, async_one, async_one]
 *     a = [await co() for co in coroutines]
 *     print(a)  # [1, 1, 1]
 * }</pre>
 *
 * <p>Java has no comprehensions: {@link AsyncIterables} has them as coroutines. {@code
 * toList(source)} is {@code [i async for i in source]}: the loop {@code for (int i :
 * asyncFor(source)) a.add(i);} in one call. {@code awaitEach(coroutines)} awaits the coroutines one
 * after another, in order, as {@code [await co() for co in coroutines]} does (unlike {@code
 * gather}, which runs them at once). The seed shows the two {@code main}s one after the other; this
 * program runs them in that order on one loop, the first taking three seconds, the second none.
 */
public final class Comprehensions implements Program {
  @Override
  public String name() {
    return "comprehensions";
  }

  @Override
  public String summary() {
    return "8: async comprehensions: [i async for i in AsyncCounter(3)], [await co() for co in ...]";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    EventLoop loop = loops.get();
    loop.runUntilComplete(Async_Comprehensions.asyncForComprehension(out));
    loop.runUntilComplete(Async_Comprehensions.awaitComprehension(out));
    loop.close();
  }

  /** The first {@code main}: {@code a = [i async for i in AsyncCounter(3)]}. */
  @Async
  static Coroutine<Void> asyncForComprehension(PrintStream out) {
    List<Integer> a = await(toList(new Async_AsyncForCounter_AsyncCounter(3)));
    out.println(Py.repr(a));
    return done();
  }

  /** {@code async def async_one()}. */
  @Async
  static Coroutine<Integer> asyncOne() {
    return done(1);
  }

  /** The second {@code main}: {@code a = [await co() for co in coroutines]}. */
  @Async
  static Coroutine<Void> awaitComprehension(PrintStream out) {
    // async_one itself: in an @Async body the reference means the generated method, which
    // returns a new coroutine at each call
    List<Supplier<Coroutine<Integer>>> coroutines =
        List.of(Comprehensions::asyncOne, Comprehensions::asyncOne, Comprehensions::asyncOne);
    List<Integer> a = await(awaitEach(coroutines.stream().map(Supplier::get).toList()));
    out.println(Py.repr(a)); // [1, 1, 1]
    return done();
  }
}
