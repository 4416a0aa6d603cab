package dev.jasyncio;

import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;

import java.util.ArrayList;
import java.util.List;

/**
 * Coroutines for the synchronization primitives' tests, written the way asyncio's own tests are: a
 * main coroutine whose steps are separated by {@code await asyncio.sleep(0)}, so that every task
 * that is ready gets one turn between two steps.
 *
 * <pre>{@code
 * run(steps(
 *     () -> t1 = createTask(acquire(lock, "t1", log)),    // then one iteration passes
 *     () -> lock.release(),                               // then one more
 *     () -> assertEquals(List.of("t1"), log)));
 * }</pre>
 *
 * <p>A step may instead return an awaitable: the next step runs once it is done (its failure is the
 * main coroutine's).
 */
final class Steps {
  private Steps() {}

  /** One step of the main coroutine. */
  @FunctionalInterface
  interface Step {
    void run() throws Throwable;
  }

  /** A step that hands back what to await before the next step. */
  @FunctionalInterface
  interface AwaitingStep {
    Awaitable<?> run() throws Throwable;
  }

  /** Runs {@code steps} in order, with one loop iteration between two of them. */
  static Coroutine<Object> steps(Step... steps) {
    AwaitingStep[] s = new AwaitingStep[steps.length];
    for (int i = 0; i < steps.length; i++) {
      Step step = steps[i];
      s[i] =
          () -> {
            step.run();
            return null;
          };
    }
    return awaitingSteps(s);
  }

  /**
   * Runs {@code steps} in order; after each, awaits what it returned, or sleeps 0 if it returned
   * null.
   */
  static Coroutine<Object> awaitingSteps(AwaitingStep... steps) {
    return co("steps", () -> next(steps, 0));
  }

  private static Coro.Next next(AwaitingStep[] steps, int i) throws Throwable {
    Awaitable<?> a = steps[i].run();
    if (i + 1 == steps.length) {
      return a == null ? ret() : await(a, Coro::ret);
    }
    return await(a != null ? a : Asyncio.sleep(0), v -> next(steps, i + 1));
  }

  /**
   * Awaits {@code awaitable}, then logs {@code name} and runs {@code after}; if the await raises,
   * logs {@code name + " raised " + simple class name} and rethrows.
   */
  static Coroutine<Object> logged(
      String name, Awaitable<?> awaitable, List<Object> log, Step after) {
    return co(
        name,
        () ->
            await(
                awaitable,
                (v, e) -> {
                  if (e != null) {
                    log.add(name + " raised " + e.getClass().getSimpleName());
                    throw e;
                  }
                  log.add(name);
                  after.run();
                  return ret(v);
                }));
  }

  /** Awaits {@code awaitable} and logs {@code name} (or what it raised). */
  static Coroutine<Object> logged(String name, Awaitable<?> awaitable, List<Object> log) {
    return logged(name, awaitable, log, () -> {});
  }

  /**
   * Runs {@code coro} by hand and returns its result; fails if it suspends. For acquiring a free
   * primitive in the middle of a step, as {@code await} does without suspending.
   */
  static Object finishNow(Coroutine<?> coro) {
    try {
      Object suspendedOn = coro.send(null);
      throw new AssertionError(coro + " suspended on " + suspendedOn + " instead of finishing");
    } catch (StopIteration finished) {
      return finished.value();
    }
  }

  /** Awaits {@code awaitable} and finishes with its outcome: its value, or what it raised. */
  static Coroutine<Object> outcome(Awaitable<?> awaitable) {
    return co(() -> await(awaitable, (v, e) -> ret(e != null ? e : v)));
  }

  /** Waits until every task is done, whatever their outcomes; produces those outcomes. */
  static Coroutine<List<Object>> settle(List<? extends Task<?>> tasks) {
    return Asyncio.gatherReturnExceptions(new ArrayList<>(tasks));
  }
}
