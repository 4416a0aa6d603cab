package dev.jasyncio;

import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.currentTask;
import static dev.jasyncio.Asyncio.shield;
import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Asyncio.waitFor;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link Asyncio#shield}: cancelling the outer await leaves the inner task running, a timeout
 * around a shield, cancellation of the inner task reaching the outer await, already-done
 * awaitables, and the argument checks.
 */
class ShieldTest {
  private static final double EPS = 1e-9;

  private final TestEventLoop loop = new TestEventLoop();

  /** What the shielded work did: its name and when it finished. */
  private final List<String> log = new ArrayList<>();

  private final List<Double> times = new ArrayList<>();

  /** What the awaiting coroutine saw. */
  private Object value;

  private Throwable error;
  private double at;

  private Coroutine<String> after(double seconds, String v) {
    return co(
        v,
        () ->
            await(
                sleep(seconds),
                x -> {
                  log.add(v);
                  times.add(loop.time());
                  return ret(v);
                }));
  }

  /** Awaits {@code awaitable}, records its outcome and the time, and rethrows a failure. */
  private Coroutine<Object> record(Awaitable<?> awaitable) {
    return co(
        "record",
        () ->
            await(
                awaitable,
                (v, e) -> {
                  value = v;
                  error = e;
                  at = loop.time();
                  if (e != null) {
                    throw e;
                  }
                  return ret(v);
                }));
  }

  @Test
  @DisplayName(
      "case 39 shieldSemantics: outer cancel raises in the caller, the inner task completes")
  void case39_cancellingTheOuterAwaitLeavesTheInnerTaskRunning() {
    List<Task<String>> inner = new ArrayList<>();
    List<Task<Object>> waiter = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              Task<String> t = createTask(after(1, "inner"));
              Task<Object> w = createTask(record(shield(t)));
              inner.add(t);
              waiter.add(w);
              loop.callLater(0.5, () -> w.cancel("outer"));
              return await(w, (v, e) -> await(sleep(2), x -> ret(null)));
            });

    Asyncio.run(main, () -> loop);

    CancelledError ce = assertInstanceOf(CancelledError.class, error);
    assertEquals("outer", ce.getMessage());
    assertEquals(0.5, at, EPS, "the caller is cancelled at once");
    assertTrue(waiter.get(0).cancelled());
    assertFalse(inner.get(0).cancelled(), "the inner task is not cancelled");
    assertEquals("inner", inner.get(0).result());
    assertEquals(List.of(1.0), times, "it ran to its end");
  }

  @Test
  @DisplayName("case 39 shieldSemantics: a shielded coroutine runs on after the outer cancel")
  void case39_shieldedCoroutineRunsOnAfterTheOuterCancel() {
    List<Task<Object>> waiter = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              Task<Object> w = createTask(record(shield(after(1, "inner"))));
              waiter.add(w);
              loop.callLater(0.5, w::cancel);
              return await(w, (v, e) -> await(sleep(2), x -> ret(null)));
            });

    Asyncio.run(main, () -> loop);

    assertInstanceOf(CancelledError.class, error);
    assertTrue(waiter.get(0).cancelled());
    assertEquals(List.of("inner"), log, "the task made for the coroutine finished");
    assertEquals(List.of(1.0), times);
  }

  @Test
  @DisplayName("case 39 shieldSemantics: waitFor(shield(t), 10 ms) times out and t still completes")
  void case39_waitForAroundShieldTimesOutAndTheTaskStillCompletes() {
    List<Task<String>> inner = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              Task<String> t = createTask(after(1, "inner"));
              inner.add(t);
              return await(
                  record(waitFor(shield(t), 0.01)),
                  (v, e) -> {
                    assertFalse(t.done(), "t runs on after the timeout");
                    return await(t, Coro::ret);
                  });
            });

    Object result = Asyncio.run(main, () -> loop);

    TimeoutException te = assertInstanceOf(TimeoutException.class, error);
    assertInstanceOf(CancelledError.class, te.getCause());
    assertEquals(0.01, at, EPS);
    assertEquals("inner", result);
    assertFalse(inner.get(0).cancelled());
    assertEquals(List.of(1.0), times);
  }

  @Test
  @DisplayName("case 39 shieldSemantics: cancelling the inner task cancels the outer await")
  void case39_cancellingTheInnerTaskCancelsTheOuterAwait() {
    int[] cancelling = new int[1];
    Coroutine<Object> main =
        co(
            () -> {
              Task<?> me = currentTask();
              Task<String> t = createTask(after(1, "inner"));
              loop.callLater(0.5, t::cancel);
              return await(
                  record(shield(t)),
                  (v, e) -> {
                    cancelling[0] = me.cancelling();
                    return ret(null);
                  });
            });

    Asyncio.run(main, () -> loop);

    assertInstanceOf(CancelledError.class, error);
    assertEquals(0.5, at, EPS);
    assertEquals(0, cancelling[0], "nobody cancelled the awaiting task itself");
    assertEquals(List.of(), log);
  }

  @Test
  void innerFailureReachesTheOuterAwait() {
    IllegalStateException boom = new IllegalStateException("boom");
    Coroutine<Object> main =
        co(
            () -> {
              Task<String> t =
                  createTask(
                      co(
                          () ->
                              await(
                                  sleep(1),
                                  v -> {
                                    throw boom;
                                  })));
              return await(record(shield(t)), (v, e) -> ret(null));
            });

    Asyncio.run(main, () -> loop);

    assertSame(boom, error);
    assertEquals(1.0, at, EPS);
  }

  @Test
  void shieldOfADoneFutureGivesItsResultWithoutSuspending() {
    Order order = new Order();
    Coroutine<Object> main =
        co(
            () -> {
              Future<String> f = loop.createFuture();
              f.setResult("ready");
              order.expect(1);
              createTask(
                  co(
                      () -> {
                        order.expect(3);
                        return ret(null);
                      }));
              return await(
                  record(shield(f)),
                  v -> {
                    order.expect(2); // before the other task had a chance to run
                    return await(sleep(0), x -> ret(null));
                  });
            });

    Asyncio.run(main, () -> loop);

    order.finish(3);
    assertEquals("ready", value);
    assertNull(error);
    assertEquals(0.0, at, EPS);
  }

  @Test
  void shieldOfAFailedFutureRaisesItsException() {
    RuntimeException boom = new RuntimeException("boom");
    Coroutine<Object> main =
        co(
            () -> {
              Future<String> f = loop.createFuture();
              f.setException(boom);
              return await(record(shield(f)), (v, e) -> ret(null));
            });

    Asyncio.run(main, () -> loop);

    assertSame(boom, error);
  }

  @Test
  void nullAwaitableIsRejected() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> shield(null));

    assertTrue(e.getMessage().contains("awaitable"), e.getMessage());
  }

  @Test
  void shieldOfACoroutineOutsideARunningLoopIsRejected() {
    Coroutine<String> c = after(1, "never");

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> shield(c));

    assertTrue(e.getMessage().contains("no running event loop"), e.getMessage());
  }
}
