package dev.jasyncio;

import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.gather;
import static dev.jasyncio.Asyncio.shield;
import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link AwaitFuture}, the coroutine view of the future behind {@code gather} and {@code
 * shield}: it holds no state of its own, so several tasks can await it at once and again after it
 * is done, {@code ensureFuture} returns the future behind it, and it also works as a task's own
 * coroutine.
 */
class AwaitFutureTest {
  private final TestEventLoop loop = new TestEventLoop();

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  /** A coroutine that awaits {@code view} and finishes with its value and the time. */
  private Coroutine<Object> awaitAndStamp(Coroutine<?> view) {
    return co(() -> await(view, v -> ret(v + "@" + loop.time())));
  }

  @Test
  void severalTasksCanAwaitTheSameGatherAtOnce() {
    List<Object> results =
        loop.runUntilComplete(
            co(
                () -> {
                  Coroutine<List<String>> both = gather(sleep(1, "a"), sleep(2, "b"));
                  Task<Object> first = createTask(awaitAndStamp(both));
                  Task<Object> second = createTask(awaitAndStamp(both));
                  return await(
                      both,
                      mine ->
                          await(
                              first,
                              x ->
                                  await(
                                      second, y -> ret(List.of(mine + "@" + loop.time(), x, y)))));
                }));

    assertEquals(List.of("[a, b]@2.0", "[a, b]@2.0", "[a, b]@2.0"), results);
  }

  @Test
  void aViewCanBeAwaitedAgainAfterItIsDoneAndGivesTheSameOutcome() {
    IllegalStateException boom = new IllegalStateException("boom");
    List<Object> seen =
        loop.runUntilComplete(
            co(
                () -> {
                  Coroutine<List<Object>> ok = gather(sleep(1, "x"));
                  Coroutine<List<Object>> failing =
                      gather(
                          co(
                              () -> {
                                throw boom;
                              }));
                  return await(
                      ok,
                      a ->
                          await(
                              ok,
                              b ->
                                  await(
                                      failing,
                                      (c, e1) ->
                                          await(failing, (d, e2) -> ret(List.of(a, b, e1, e2))))));
                }));

    assertEquals(List.of(List.of("x"), List.of("x"), boom, boom), seen);
  }

  @Test
  void ensureFutureReturnsTheFutureBehindTheView() {
    loop.runUntilComplete(
        co(
            () -> {
              Coroutine<List<String>> gathered = gather(sleep(1, "g"));
              Future<List<String>> behind = Asyncio.ensureFuture(gathered);
              assertSame(behind, Asyncio.ensureFuture(gathered));
              assertSame(behind, loop.ensureFuture(gathered));
              assertInstanceOf(Gather.class, behind);

              Future<String> inner = loop.createFuture();
              Coroutine<String> shielded = shield(inner);
              Future<String> outer = Asyncio.ensureFuture(shielded);
              assertSame(outer, loop.ensureFuture(shielded));
              assertTrue(outer != inner, "a pending inner future gets an outer one");
              inner.setResult("s");
              return await(shielded, s -> await(gathered, g -> ret()));
            }));
  }

  @Test
  void runUntilCompleteOfAViewWaitsForTheFutureBehindIt() {
    AtomicReference<Coroutine<List<String>>> view = new AtomicReference<>();
    loop.runUntilComplete(
        co(
            () -> {
              view.set(gather(sleep(3, "late")));
              return ret();
            }));

    assertEquals(List.of("late"), loop.runUntilComplete(view.get()));
    assertEquals(3.0, loop.time());
  }

  @Test
  void cancellingOneTaskAwaitingAShieldViewCancelsTheViewForEveryAwaiterButNotTheInnerTask() {
    List<String> log = new ArrayList<>();
    loop.runUntilComplete(
        co(
            () -> {
              Task<String> inner = createTask(sleep(5, "inner done"));
              Coroutine<String> shielded = shield(inner);
              Task<Object> cancelled = createTask(awaitAndStamp(shielded));
              Task<Object> bystander = createTask(awaitAndStamp(shielded));
              return await(
                  sleep(1),
                  v -> {
                    cancelled.cancel();
                    return await(
                        Asyncio.gatherReturnExceptions(cancelled, bystander),
                        outcomes ->
                            await(
                                inner,
                                r -> {
                                  for (Object o : (List<?>) outcomes) {
                                    log.add(o.getClass().getSimpleName());
                                  }
                                  log.add(r + "@" + loop.time());
                                  return ret();
                                }));
                  });
            }));

    // Like awaiting one Python future from two tasks: cancelling one awaiter cancels the future.
    assertEquals(List.of("CancelledError", "CancelledError", "inner done@5.0"), log);
  }

  @Test
  void aViewCanBeATasksOwnCoroutine() {
    List<Object> results =
        loop.runUntilComplete(
            co(
                () -> {
                  Task<List<String>> t = createTask(gather(sleep(1, "a"), sleep(2, "b")));
                  return await(t, v -> ret(List.of(v, loop.time())));
                }));

    assertEquals(List.of(List.of("a", "b"), 2.0), results);
  }

  @Test
  void cancellingATaskRunningAViewCancelsTheFutureBehindIt() {
    List<Object> seen =
        loop.runUntilComplete(
            co(
                () -> {
                  Task<String> child = createTask(sleep(10, "never"));
                  Coroutine<List<String>> view = gather(child);
                  Task<List<String>> t = createTask(view);
                  return await(
                      sleep(1),
                      v -> {
                        t.cancel();
                        Future<List<String>> behind = Asyncio.ensureFuture(view);
                        return await(
                            t,
                            (w, e) ->
                                ret(
                                    List.of(
                                        t.cancelled(),
                                        child.cancelled(),
                                        // As asyncio's gather: it ends with a CancelledError.
                                        behind.exception().getClass())));
                      });
                }));

    assertEquals(List.of(true, true, CancelledError.class), seen);
  }

  @Test
  void toStringIsTheFuturesToString() {
    loop.runUntilComplete(
        co(
            () -> {
              Future<String> f = loop.createFuture();
              Coroutine<String> view = shield(f);
              assertEquals(Asyncio.ensureFuture(view).toString(), view.toString());
              f.setResult("r");
              return await(view, v -> ret());
            }));
  }
}
