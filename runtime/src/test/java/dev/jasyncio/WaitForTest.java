package dev.jasyncio;

import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.currentTask;
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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link Asyncio#waitFor} ({@code asyncio.wait_for}): the timeout waits for the inner cleanup
 * before raising, timeouts of zero, a swallowed cancellation giving the inner value, an outer
 * cancellation never lost (gh-86296), and the argument checks.
 */
class WaitForTest {
  private static final double EPS = 1e-9;

  private final TestEventLoop loop = new TestEventLoop();
  private final Order order = new Order();

  /** What the awaiting coroutine saw: the value or the error, and when. */
  private Object value;

  private Throwable error;
  private double at;

  private Coroutine<String> after(double seconds, String v) {
    return co(v, () -> await(sleep(seconds), x -> ret(v)));
  }

  /**
   * Awaits {@code awaitable}, records its outcome and the time into the fields, and passes the
   * outcome on (a failure is rethrown).
   */
  private Coroutine<Object> record(Awaitable<?> awaitable) {
    return co(
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

  /** {@link #record}, then finishes normally whatever the outcome: a main for {@code run}. */
  private Coroutine<Object> recordQuietly(Awaitable<?> awaitable) {
    return co(() -> await(record(awaitable), (v, e) -> ret(null)));
  }

  /**
   * Sleeps 1 s; on a cancellation runs a cleanup that itself takes 0.5 s (steps 1 and 2), then
   * rethrows the cancellation.
   */
  private Coroutine<String> slowWithCleanup() {
    return co(
        "slowWithCleanup",
        () ->
            await(
                sleep(1),
                (v, e) -> {
                  if (e == null) {
                    return ret("slept");
                  }
                  order.expect(1);
                  assertEquals(0.01, loop.time(), EPS, "cancelled at the deadline");
                  return await(
                      sleep(0.5),
                      w -> {
                        order.expect(2);
                        throw e;
                      });
                }));
  }

  @Test
  @DisplayName(
      "case 35 waitForTimeoutWaitsCleanup: TimeoutException only after the inner task's cleanup")
  void case35_timeoutIsRaisedOnlyAfterTheInnerTaskCleanedUp() {
    List<Task<String>> inner = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              inner.add(createTask(slowWithCleanup()));
              return await(
                  waitFor(inner.get(0), 0.01),
                  (v, e) -> {
                    order.expect(3);
                    error = e;
                    at = loop.time();
                    return ret(null);
                  });
            });

    Asyncio.run(main, () -> loop);

    order.finish(3);
    TimeoutException te = assertInstanceOf(TimeoutException.class, error);
    assertInstanceOf(CancelledError.class, te.getCause(), "caused by the cancellation it made");
    assertEquals(0.51, at, EPS, "raised once the cleanup was over, past the deadline");
    assertTrue(inner.get(0).cancelled());
  }

  @Test
  @DisplayName("case 35 waitForTimeoutWaitsCleanup: same with a coroutine awaited in place")
  void case35_timeoutIsRaisedOnlyAfterTheInnerCoroutineCleanedUp() {
    Coroutine<Object> main =
        co(
            () ->
                await(
                    waitFor(slowWithCleanup(), 0.01),
                    (v, e) -> {
                      order.expect(3);
                      error = e;
                      at = loop.time();
                      return ret(null);
                    }));

    Asyncio.run(main, () -> loop);

    order.finish(3);
    assertInstanceOf(TimeoutException.class, error);
    assertEquals(0.51, at, EPS);
  }

  @Test
  @DisplayName("case 36 waitForZero: timeout 0 on an unstarted coroutine: it never runs")
  void case36_zeroTimeoutOnAnUnstartedCoroutineNeverRunsIt() {
    boolean[] ran = new boolean[2];
    Throwable[] errors = new Throwable[2];
    Coroutine<Object> main =
        co(
            () -> {
              Coroutine<String> first =
                  co(
                      () -> {
                        ran[0] = true;
                        return ret("ran");
                      });
              Coroutine<String> second =
                  co(
                      () -> {
                        ran[1] = true;
                        return ret("ran");
                      });
              return await(
                  waitFor(first, 0),
                  (v, e) -> {
                    errors[0] = e;
                    return await(
                        waitFor(second, -1),
                        (w, e2) -> {
                          errors[1] = e2;
                          at = loop.time();
                          return ret(null);
                        });
                  });
            });

    Asyncio.run(main, () -> loop);

    assertFalse(ran[0], "the coroutine never ran");
    assertFalse(ran[1], "nor with a negative timeout");
    for (Throwable e : errors) {
      TimeoutException te = assertInstanceOf(TimeoutException.class, e);
      assertInstanceOf(CancelledError.class, te.getCause());
    }
    assertEquals(0.0, at, EPS);
  }

  @Test
  @DisplayName("case 36 waitForZero: timeout 0 on a done future gives its result")
  void case36_zeroTimeoutOnADoneFutureGivesItsResult() {
    Coroutine<Object> main =
        co(
            () -> {
              Future<String> f = loop.createFuture();
              f.setResult("ready");
              return await(recordQuietly(waitFor(f, 0)), v -> ret(null));
            });

    Asyncio.run(main, () -> loop);

    assertEquals("ready", value);
    assertNull(error);
  }

  @Test
  void zeroTimeoutOnAFailedFutureRaisesItsException() {
    RuntimeException boom = new RuntimeException("boom");
    Coroutine<Object> main =
        co(
            () -> {
              Future<String> f = loop.createFuture();
              f.setException(boom);
              return await(recordQuietly(waitFor(f, 0)), v -> ret(null));
            });

    Asyncio.run(main, () -> loop);

    assertSame(boom, error);
  }

  @Test
  void zeroTimeoutOnAPendingFutureCancelsItAndRaisesTimeout() {
    List<Future<String>> pending = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              Future<String> f = loop.createFuture();
              pending.add(f);
              return await(recordQuietly(waitFor(f, 0)), v -> ret(null));
            });

    Asyncio.run(main, () -> loop);

    assertInstanceOf(TimeoutException.class, error);
    assertTrue(pending.get(0).cancelled());
  }

  @Test
  void zeroTimeoutWaitsForTheCleanupOfAStartedTaskAndGivesTheValueItReturns() {
    List<Task<Integer>> inner = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              inner.add(
                  createTask(
                      co(
                          () ->
                              await(
                                  sleep(10),
                                  (v, e) -> {
                                    assertInstanceOf(CancelledError.class, e);
                                    return await(sleep(0.5), w -> ret(42));
                                  }))));
              return await(
                  sleep(1), v -> await(recordQuietly(waitFor(inner.get(0), 0)), w -> ret(null)));
            });

    Asyncio.run(main, () -> loop);

    assertEquals(42, value);
    assertNull(error);
    assertEquals(1.5, at, EPS, "after the inner task's cleanup");
  }

  @Test
  @DisplayName(
      "case 37 waitForSuppressedCancel: the inner coroutine swallows the cancel and returns 42")
  void case37_innerCoroutineSwallowingTheCancelGivesItsValue() {
    int[] cancelling = new int[1];
    Coroutine<Object> main =
        co(
            () -> {
              Task<?> me = currentTask();
              Coroutine<Integer> return42 =
                  co(
                      () ->
                          await(
                              sleep(10),
                              (v, e) -> {
                                assertInstanceOf(CancelledError.class, e);
                                return ret(42);
                              }));
              return await(
                  record(waitFor(return42, 0.1)),
                  v -> {
                    cancelling[0] = me.cancelling();
                    return ret(null);
                  });
            });

    Asyncio.run(main, () -> loop);

    assertEquals(42, value);
    assertNull(error);
    assertEquals(0.1, at, EPS);
    assertEquals(0, cancelling[0], "the timeout withdrew its cancellation request");
  }

  @Test
  @DisplayName("case 37 waitForSuppressedCancel: an inner task that swallows the cancel gives 42")
  void case37_innerTaskSwallowingTheCancelGivesItsValue() {
    List<Task<Integer>> inner = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              inner.add(
                  createTask(
                      co(
                          () ->
                              await(
                                  sleep(10),
                                  (v, e) -> {
                                    assertInstanceOf(CancelledError.class, e);
                                    return ret(42);
                                  }))));
              return await(record(waitFor(inner.get(0), 0.1)), v -> ret(null));
            });

    Asyncio.run(main, () -> loop);

    assertEquals(42, value);
    assertNull(error);
    assertFalse(inner.get(0).cancelled());
  }

  @Test
  @DisplayName(
      "case 38 waitForNoSwallow: inner task done in the iteration of an outer cancel: outer is"
          + " cancelled")
  void case38_outerCancelInTheIterationTheInnerTaskFinishesIsNotLost() {
    // The interleaving, one loop iteration ("batch") per line:
    //   A: main creates inner and waiter, then yields (sleep(0)).
    //   B: inner runs up to its sleep(0); waiter enters waitFor and suspends on inner (pending);
    //      main yields again.
    //   C: inner finishes (step 3); this schedules waiter's wake-up for batch D. main, later in
    //      the same batch, cancels waiter (step 4): inner is already done, so the cancellation
    //      cannot be forwarded to it and stays pending on waiter.
    //   D: waiter wakes with inner's result and the pending cancellation.
    // A callSoon made by inner in its last step runs only in batch D (step 5), which proves that
    // steps 3 and 4 ran in the same batch. CPython 3.11's wait_for returned inner's result here and
    // lost the cancellation (gh-86296); the waiter must instead be cancelled.
    boolean[] cancelReturned = new boolean[1];
    boolean[] reachedEnd = new boolean[1];
    List<Task<String>> inner = new ArrayList<>();
    List<Task<Object>> waiter = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              Task<String> in =
                  createTask(
                      co(
                          "inner",
                          () ->
                              await(
                                  sleep(0),
                                  v -> {
                                    order.expect(3);
                                    loop.callSoon(() -> order.expect(5));
                                    return ret("done");
                                  })));
              Task<Object> w =
                  createTask(
                      co(
                          "waiter",
                          () ->
                              await(
                                  waitFor(in, 100),
                                  (v, e) -> {
                                    order.expect(6);
                                    value = v;
                                    error = e;
                                    if (e != null) {
                                      throw e;
                                    }
                                    return await(
                                        sleep(1),
                                        x -> {
                                          reachedEnd[0] = true;
                                          return ret(v);
                                        });
                                  })));
              inner.add(in);
              waiter.add(w);
              order.expect(1);
              return await(
                  sleep(0),
                  v -> {
                    order.expect(2);
                    return await(
                        sleep(0),
                        v2 -> {
                          order.expect(4);
                          assertTrue(in.done(), "inner finished earlier in this batch");
                          assertFalse(w.done());
                          cancelReturned[0] = w.cancel();
                          return await(w, (x, e) -> ret(e));
                        });
                  });
            });

    Object waiterOutcome = Asyncio.run(main, () -> loop);

    order.finish(6);
    assertTrue(cancelReturned[0]);
    assertEquals("done", inner.get(0).result());
    assertInstanceOf(CancelledError.class, error, "waitFor raised the cancellation");
    assertNull(value, "instead of returning inner's result");
    assertTrue(waiter.get(0).cancelled(), "the waiting task is cancelled");
    assertInstanceOf(CancelledError.class, waiterOutcome);
    assertFalse(reachedEnd[0]);
  }

  @Test
  @DisplayName("case 38 waitForNoSwallow: future completed and waiter cancelled by one callback")
  void case38_outerCancelInTheCallbackThatCompletesTheFutureIsNotLost() {
    // One callback completes the awaited future and then cancels the waiting task: the waiter's
    // wake-up (scheduled by setResult) runs in the next iteration, with the cancellation pending.
    List<Task<Object>> waiter = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              Future<String> f = loop.createFuture();
              Task<Object> w = createTask(record(waitFor(f, 100)));
              waiter.add(w);
              loop.callLater(
                  1,
                  () -> {
                    f.setResult("done");
                    w.cancel();
                  });
              return await(w, (x, e) -> ret(null));
            });

    Asyncio.run(main, () -> loop);

    assertInstanceOf(CancelledError.class, error);
    assertEquals(1.0, at, EPS);
    assertTrue(waiter.get(0).cancelled());
  }

  @Test
  void coroutineFinishingInTimeGivesItsValueAndLeavesNoCancellation() {
    int[] cancelling = new int[1];
    boolean[] sleptPastDeadline = new boolean[1];
    Coroutine<Object> main =
        co(
            () -> {
              Task<?> me = currentTask();
              return await(
                  record(waitFor(after(0.5, "quick"), 1)),
                  v -> {
                    cancelling[0] = me.cancelling();
                    // Sleep past the deadline: the timeout must not fire any more.
                    return await(
                        sleep(2),
                        w -> {
                          sleptPastDeadline[0] = true;
                          return ret(null);
                        });
                  });
            });

    Asyncio.run(main, () -> loop);

    assertEquals("quick", value);
    assertNull(error);
    assertEquals(0.5, at, EPS, "returned when the coroutine finished, not at the deadline");
    assertEquals(0, cancelling[0]);
    assertTrue(sleptPastDeadline[0]);
  }

  @Test
  void innerFailureBeforeTheDeadlinePropagatesUnchanged() {
    IllegalStateException boom = new IllegalStateException("boom");
    Coroutine<String> fails =
        co(
            () ->
                await(
                    sleep(0.5),
                    v -> {
                      throw boom;
                    }));

    Asyncio.run(recordQuietly(waitFor(fails, 1)), () -> loop);

    assertSame(boom, error);
    assertEquals(0.5, at, EPS);
  }

  @Test
  void outsideCancellationStaysACancelledError() {
    List<Task<Object>> waiter = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              Task<Object> w = createTask(record(waitFor(after(10, "slow"), 5)));
              waiter.add(w);
              loop.callLater(1, () -> w.cancel("outside"));
              return await(w, (x, e) -> ret(null));
            });

    Asyncio.run(main, () -> loop);

    CancelledError ce = assertInstanceOf(CancelledError.class, error);
    assertEquals("outside", ce.getMessage());
    assertEquals(1.0, at, EPS);
    assertTrue(waiter.get(0).cancelled());
  }

  @Test
  void durationTimeoutExpires() {
    Asyncio.run(recordQuietly(waitFor(after(2, "slow"), Duration.ofMillis(1500))), () -> loop);

    assertInstanceOf(TimeoutException.class, error);
    assertEquals(1.5, at, EPS);
  }

  @Test
  void durationTimeoutLetsAQuickCoroutineFinish() {
    Asyncio.run(recordQuietly(waitFor(after(1, "quick"), Duration.ofSeconds(2))), () -> loop);

    assertEquals("quick", value);
    assertEquals(1.0, at, EPS);
  }

  @Test
  void infiniteTimeoutNeverExpires() {
    Asyncio.run(recordQuietly(waitFor(after(1e6, "late"), Double.POSITIVE_INFINITY)), () -> loop);

    assertEquals("late", value);
    assertEquals(1e6, at, 1e-3);
  }

  @Test
  void nanTimeoutIsRejected() {
    Coroutine<String> c = after(1, "x");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> waitFor(c, Double.NaN));

    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
  }

  @Test
  void nullArgumentsAreRejected() {
    Coroutine<String> c = after(1, "x");

    NullPointerException nullAwaitable =
        assertThrows(NullPointerException.class, () -> waitFor(null, 1.0));
    NullPointerException nullDuration =
        assertThrows(NullPointerException.class, () -> waitFor(c, (Duration) null));

    assertTrue(nullAwaitable.getMessage().contains("awaitable"), nullAwaitable.getMessage());
    assertTrue(nullDuration.getMessage().contains("timeout"), nullDuration.getMessage());
  }
}
