package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import dev.jasyncio.StopIteration;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Seed program 11 (PEP 492 post): the smallest event loop, a round-robin scheduler that resumes
 * each coroutine in turn with {@code send(None)} and drops it when it raises {@code
 * StopIteration}. First with generators, whose bare {@code yield} hands control back; then with
 * {@code async def}, where a {@code switch()} awaitable that yields once does the same.
 *
 * <pre>{@code
 * def coro1():
 *     print('C1: Start')
 *     yield
 *     print('C1: a')
 *     yield
 *     print('C1: b')
 *     yield
 *     print('C1: end')
 *
 * def run(coros):
 *     coros = list(coros)
 *     while coros:
 *         for coro in list(coros):
 *             try:
 *                 coro.send(None)
 *             except StopIteration:
 *                 coros.remove(coro)
 *
 * @types.coroutine
 * def switch():
 *     yield
 *
 * async def coro1():
 *     print('C1: Start')
 *     await switch()
 *     print('C1: a')
 *     ...
 * }</pre>
 *
 * <p>No event loop is involved: the scheduler drives the coroutines itself through their public
 * {@link Coroutine#send}. Java has no generators, so the first version writes each one out by hand
 * as the resumable object a generator is.
 */
public final class RoundRobin implements Program {
  @Override
  public String name() {
    return "round-robin";
  }

  @Override
  public String summary() {
    return "11: a round-robin scheduler driving coroutines with send(null)";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    out.println("With generators:");
    run(List.of(generator(out, "C1"), generator(out, "C2")));

    out.println();
    out.println("With async def and switch():");
    Coroutine<Void> c1 = Async_RoundRobin.coro1(out);
    Coroutine<Void> c2 = Async_RoundRobin.coro2(out);
    run(List.of(c1::send, c2::send));
  }

  /** What the scheduler needs of a coroutine: Python's {@code send}. */
  @FunctionalInterface
  interface Sendable {
    /** Runs to the next yield; throws {@link StopIteration} when the body has ended. */
    Object send(Object value);
  }

  /** {@code run(coros)}: round-robin until every coroutine has finished. */
  static void run(List<Sendable> coroutines) {
    List<Sendable> coros = new ArrayList<>(coroutines);
    while (!coros.isEmpty()) {
      for (Sendable coro : new ArrayList<>(coros)) {
        try {
          coro.send(null);
        } catch (StopIteration e) {
          coros.remove(coro);
        }
      }
    }
  }

  /**
   * A generator like the seed's {@code coro1}, written out: each {@code send} runs the body from
   * one {@code yield} to the next and the last one raises {@link StopIteration}.
   */
  static Sendable generator(PrintStream out, String name) {
    return new Sendable() {
      private int resumed; // how many yields the body has passed

      @Override
      public Object send(Object value) {
        switch (resumed++) {
          case 0:
            out.println(name + ": Start");
            return null; // yield
          case 1:
            out.println(name + ": a");
            return null; // yield
          case 2:
            out.println(name + ": b");
            return null; // yield
          case 3:
            out.println(name + ": end");
            throw new StopIteration(null); // the body returned
          default:
            throw new StopIteration(null); // an exhausted generator
        }
      }
    };
  }

  /** {@code @types.coroutine def switch(): yield}: suspends once, whoever drives the coroutine. */
  static Coroutine<Void> switchOnce() {
    return sleep(0);
  }

  @Async
  static Coroutine<Void> coro1(PrintStream out) {
    out.println("C1: Start");
    await(switchOnce());
    out.println("C1: a");
    await(switchOnce());
    out.println("C1: b");
    await(switchOnce());
    out.println("C1: end");
    return done();
  }

  @Async
  static Coroutine<Void> coro2(PrintStream out) {
    out.println("C2: Start");
    await(switchOnce());
    out.println("C2: a");
    await(switchOnce());
    out.println("C2: b");
    await(switchOnce());
    out.println("C2: end");
    return done();
  }
}
