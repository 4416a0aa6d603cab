package dev.jasyncio;

import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.ensureFuture;
import static dev.jasyncio.Asyncio.gather;
import static dev.jasyncio.Asyncio.gatherReturnExceptions;
import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.awaitAndReturn;
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
 * Tests {@link Asyncio#gather} and {@link Asyncio#gatherReturnExceptions}: results in argument
 * order, the first failure propagating without cancelling the siblings, exceptions in place,
 * cancellation in both directions, and the argument checks.
 */
class GatherTest {
  private static final double EPS = 1e-9;

  private final TestEventLoop loop = new TestEventLoop();

  /** What the children did, as "name@time" or "name saw CancelledError". */
  private final List<String> log = new ArrayList<>();

  private final List<Double> times = new ArrayList<>();

  /** Sleeps {@code seconds}, logs {@code value} and the time, and returns {@code value}. */
  private Coroutine<String> after(double seconds, String value) {
    return co(
        value,
        () ->
            await(
                sleep(seconds),
                v -> {
                  log.add(value);
                  times.add(loop.time());
                  return ret(value);
                }));
  }

  /** Sleeps {@code seconds}, then throws {@code error}. */
  private Coroutine<String> failAfter(double seconds, Throwable error) {
    return co(
        "fail",
        () ->
            await(
                sleep(seconds),
                v -> {
                  throw error;
                }));
  }

  /** Sleeps 10 s; logs a cancellation it receives and rethrows it. */
  private Coroutine<String> logsCancel(String name) {
    return co(
        name,
        () ->
            await(
                sleep(10),
                (v, e) -> {
                  if (e != null) {
                    log.add(
                        name + " saw " + e.getClass().getSimpleName() + "(" + e.getMessage() + ")");
                    throw e;
                  }
                  return ret(name);
                }));
  }

  /** Sleeps 10 s; catches a cancellation and returns {@code name} anyway. */
  private Coroutine<String> swallowsCancel(String name) {
    return co(
        name,
        () ->
            await(
                sleep(10),
                (v, e) -> {
                  log.add(name + (e instanceof CancelledError ? " swallowed" : " slept"));
                  return ret(name);
                }));
  }

  @Test
  @DisplayName(
      "case 29 gatherOrder: children finishing at 30/10/20 ms give results in argument order")
  void case29_resultsComeBackInArgumentOrderWhateverTheFinishingOrder() {
    double[] endedAt = new double[1];
    Coroutine<List<String>> main =
        co(
            () ->
                await(
                    gather(after(0.03, "a"), after(0.01, "b"), after(0.02, "c")),
                    v -> {
                      endedAt[0] = loop.time();
                      return ret(v);
                    }));

    List<String> results = Asyncio.run(main, () -> loop);

    assertEquals(List.of("a", "b", "c"), results);
    assertEquals(List.of("b", "c", "a"), log, "the children finished in their own order");
    assertEquals(0.03, endedAt[0], EPS, "the gather ends when its last child does");
  }

  @Test
  @DisplayName(
      "case 30 gatherFailFastNoCancel: a failing child fails the gather, the sibling runs on")
  void case30_firstFailurePropagatesWhileTheSiblingRunsToCompletion() {
    RuntimeException boom = new RuntimeException("boom");
    Throwable[] caught = new Throwable[1];
    double[] failedAt = new double[1];
    List<Task<String>> sibling = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              sibling.add(createTask(after(0.03, "sibling")));
              return await(
                  gather(failAfter(0.01, boom), sibling.get(0)),
                  (v, e) -> {
                    caught[0] = e;
                    failedAt[0] = loop.time();
                    assertFalse(sibling.get(0).done(), "the sibling is still running");
                    return await(sleep(1), w -> ret(null));
                  });
            });

    Asyncio.run(main, () -> loop);

    assertSame(boom, caught[0], "the gather raises the child's own exception");
    assertEquals(0.01, failedAt[0], EPS, "at once, not when the sibling is done");
    assertEquals(List.of("sibling"), log);
    assertEquals(0.03, times.get(0), EPS, "the sibling ran to its end");
    assertFalse(sibling.get(0).cancelled());
    assertEquals("sibling", sibling.get(0).result());
  }

  @Test
  @DisplayName(
      "case 31 gatherReturnExceptions: a failure and a cancellation sit in place in the results")
  void case31_returnExceptionsPutsFailuresAndCancellationsInPlace() {
    IllegalStateException boom = new IllegalStateException("boom");
    List<Task<String>> cancelledChild = new ArrayList<>();
    double[] endedAt = new double[1];
    Coroutine<List<Object>> main =
        co(
            () -> {
              Task<String> c = createTask(logsCancel("victim"));
              cancelledChild.add(c);
              loop.callLater(0.02, () -> c.cancel("alone"));
              return await(
                  gatherReturnExceptions(
                      after(0.01, "a"), failAfter(0.03, boom), c, after(0.04, "d")),
                  v -> {
                    endedAt[0] = loop.time();
                    return ret(v);
                  });
            });

    List<Object> results = Asyncio.run(main, () -> loop);

    assertEquals(4, results.size());
    assertEquals("a", results.get(0));
    assertSame(boom, results.get(1), "the failure sits in its place");
    CancelledError ce = assertInstanceOf(CancelledError.class, results.get(2));
    assertEquals("alone", ce.getMessage());
    assertEquals("d", results.get(3));
    assertTrue(cancelledChild.get(0).cancelled());
    assertEquals(0.04, endedAt[0], EPS, "the gather waits for every child");
  }

  @Test
  @DisplayName("case 32 gatherCancelPropagates: cancelling the awaiting task cancels every child")
  void case32_cancellingTheAwaitingTaskCancelsEveryChild() {
    Throwable[] seen = new Throwable[1];
    double[] seenAt = new double[1];
    boolean[] cancelReturned = new boolean[1];
    List<Task<Object>> waiter = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              Task<Object> w =
                  createTask(
                      co(
                          "waiter",
                          () ->
                              await(
                                  gather(logsCancel("x"), logsCancel("y")),
                                  (v, e) -> {
                                    seen[0] = e;
                                    seenAt[0] = loop.time();
                                    if (e != null) {
                                      throw e;
                                    }
                                    return ret(v);
                                  })));
              waiter.add(w);
              loop.callLater(1, () -> cancelReturned[0] = w.cancel("stop"));
              return await(w, (v, e) -> ret(e));
            });

    Object outcome = Asyncio.run(main, () -> loop);

    assertEquals(
        List.of("x saw CancelledError(stop)", "y saw CancelledError(stop)"),
        log,
        "every child received the cancellation and its message");
    CancelledError ce = assertInstanceOf(CancelledError.class, seen[0]);
    assertEquals("stop", ce.getMessage());
    assertEquals(1.0, seenAt[0], EPS);
    assertTrue(cancelReturned[0]);
    assertTrue(waiter.get(0).cancelled());
    assertInstanceOf(CancelledError.class, outcome);
  }

  @Test
  @DisplayName(
      "case 32 gatherCancelPropagates: cancelling the gather's own future cancels every child")
  void case32_cancellingTheGatherFutureCancelsEveryChild() {
    Throwable[] seen = new Throwable[1];
    boolean[] cancelReturned = new boolean[1];
    List<Task<String>> children = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              children.add(createTask(logsCancel("x")));
              children.add(createTask(logsCancel("y")));
              Coroutine<List<String>> g = gather(children.get(0), children.get(1));
              loop.callLater(1, () -> cancelReturned[0] = ensureFuture(g).cancel());
              return await(
                  g,
                  (v, e) -> {
                    seen[0] = e;
                    return ret(null);
                  });
            });

    Asyncio.run(main, () -> loop);

    assertEquals(List.of("x saw CancelledError(null)", "y saw CancelledError(null)"), log);
    assertTrue(cancelReturned[0]);
    assertInstanceOf(CancelledError.class, seen[0], "awaiting the cancelled gather raises");
    assertTrue(children.get(0).cancelled());
    assertTrue(children.get(1).cancelled());
  }

  @Test
  @DisplayName(
      "case 32 gatherCancelPropagates: a child cancelled on its own makes the gather raise")
  void case32_childCancelledOnItsOwnMakesTheGatherRaiseCancelledError() {
    Throwable[] seen = new Throwable[1];
    double[] seenAt = new double[1];
    int[] cancellingOfAwaiter = new int[1];
    List<Task<String>> sibling = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              Task<String> victim = createTask(logsCancel("victim"));
              sibling.add(createTask(after(2, "sibling")));
              loop.callLater(1, () -> victim.cancel("alone"));
              Task<?> me = Asyncio.currentTask();
              return await(
                  gather(victim, sibling.get(0)),
                  (v, e) -> {
                    seen[0] = e;
                    seenAt[0] = loop.time();
                    cancellingOfAwaiter[0] = me.cancelling();
                    return await(sleep(5), w -> ret(null));
                  });
            });

    Asyncio.run(main, () -> loop);

    CancelledError ce = assertInstanceOf(CancelledError.class, seen[0]);
    assertEquals("alone", ce.getMessage());
    assertEquals(1.0, seenAt[0], EPS, "the gather raises as soon as the child is cancelled");
    assertEquals(0, cancellingOfAwaiter[0], "nobody asked to cancel the awaiting task");
    assertEquals("sibling", sibling.get(0).result(), "the sibling was not cancelled");
  }

  @Test
  void cancelledGatherRaisesEvenWhenTheChildrenSwallowTheCancellation() {
    Throwable[] seen = new Throwable[1];
    boolean[] cancelReturned = new boolean[1];
    Coroutine<Object> main =
        co(
            () -> {
              Coroutine<List<String>> g = gather(swallowsCancel("x"), swallowsCancel("y"));
              loop.callLater(1, () -> cancelReturned[0] = ensureFuture(g).cancel());
              return await(
                  g,
                  (v, e) -> {
                    seen[0] = e;
                    return ret(v);
                  });
            });

    Object result = Asyncio.run(main, () -> loop);

    assertTrue(cancelReturned[0]);
    assertEquals(List.of("x swallowed", "y swallowed"), log);
    assertInstanceOf(CancelledError.class, seen[0]);
    assertNull(result);
  }

  @Test
  void cancelledGatherWithReturnExceptionsRaisesTheCancellationInsteadOfAList() {
    Throwable[] seen = new Throwable[1];
    Coroutine<Object> main =
        co(
            () -> {
              Task<Object> w =
                  createTask(
                      co(
                          "waiter",
                          () ->
                              await(
                                  gatherReturnExceptions(after(0.5, "quick"), logsCancel("slow")),
                                  (v, e) -> {
                                    seen[0] = e;
                                    return ret(v);
                                  })));
              loop.callLater(1, () -> w.cancel("stop"));
              return await(w, Coro::ret);
            });

    Object result = Asyncio.run(main, () -> loop);

    assertEquals(List.of("quick", "slow saw CancelledError(stop)"), log);
    CancelledError ce = assertInstanceOf(CancelledError.class, seen[0], "not a list of results");
    assertEquals("stop", ce.getMessage());
    assertNull(result);
  }

  // ---- when the gather completes, counted in loop iterations ----

  /** Counts loop iterations: appends 1, 2, 3... once per iteration until it has {@code max}. */
  private static Coroutine<Object> ticker(List<Integer> ticks, int max) {
    return co(
        "ticker",
        () -> {
          ticks.add(ticks.size() + 1);
          return ticks.size() >= max
              ? ret()
              : await(sleep(0), v -> awaitAndReturn(ticker(ticks, max)));
        });
  }

  /**
   * How many iterations the awaiting task saw go by. In asyncio: iteration 1 runs the ticker and
   * the two children; each child's done callback runs in iteration 2, where the last one completes
   * the gather; its awaiter wakes in iteration 3, after the ticker's third tick.
   */
  private int iterationsUntilTheGatherReturns(Coroutine<Object> a, Coroutine<Object> b) {
    return iterationsUntilTheGatherReturns(a, b, true);
  }

  private int iterationsUntilTheGatherReturns(
      Coroutine<Object> a, Coroutine<Object> b, boolean returnExceptions) {
    List<Integer> ticks = new ArrayList<>();
    int[] seen = {-1};
    Asyncio.run(
        co(
            () -> {
              createTask(ticker(ticks, 10));
              Task<Object> first = createTask(a);
              Task<Object> second = createTask(b);
              return await(
                  returnExceptions ? gatherReturnExceptions(first, second) : gather(first, second),
                  (v, e) -> {
                    seen[0] = ticks.size();
                    return ret();
                  });
            }),
        TestEventLoop::new);
    return seen[0];
  }

  @Test
  @DisplayName(
      "a gather of children done in their first step returns in iteration 3, as in asyncio")
  void gatherReturnsInTheIterationAsyncioDoes() {
    assertEquals(3, iterationsUntilTheGatherReturns(co(() -> ret("a")), co(() -> ret("b"))));
  }

  @Test
  @DisplayName("the same when a child fails, or when a child has another done callback too")
  void gatherReturnsInTheSameIterationWhenAChildFailsOrHasOtherCallbacks() {
    assertEquals(
        3,
        iterationsUntilTheGatherReturns(
            co(() -> ret("a")),
            co(
                () -> {
                  throw new IllegalStateException("b failed");
                }),
            false));
    List<String> called = new ArrayList<>();
    assertEquals(
        3,
        iterationsUntilTheGatherReturns(
            co(
                () -> {
                  Asyncio.currentTask().addDoneCallback(f -> called.add("a's own callback"));
                  return ret("a");
                }),
            co(() -> ret("b"))));
    assertEquals(List.of("a's own callback"), called);
  }

  @Test
  void laterFailuresAfterTheGatherFailedAreNotReportedAsNeverRetrieved() {
    RuntimeException first = new RuntimeException("first");
    RuntimeException second = new RuntimeException("second");
    Throwable[] seen = new Throwable[1];
    Coroutine<Object> main =
        co(
            () ->
                await(
                    gather(failAfter(1, first), failAfter(2, second)),
                    (v, e) -> {
                      seen[0] = e;
                      return await(sleep(5), w -> ret(null));
                    }));

    try (LogCapture logs = LogCapture.start()) {
      Asyncio.run(main, () -> loop);

      assertSame(first, seen[0]);
      assertEquals(
          List.of(), logs.records(), "the gather retrieved the second failure, as asyncio does");
    }
  }

  @Test
  void gatherOfDoneFuturesCompletesThroughTheLoopNotInline() {
    // asyncio adds gather's done callback to every child, and a done callback always runs through
    // callSoon, even on a done future: awaiting the gather yields once, letting the ready task run.
    Order order = new Order();
    Coroutine<List<String>> main =
        co(
            () -> {
              Future<String> f = loop.createFuture();
              f.setResult("ready");
              order.expect(1);
              createTask(
                  co(
                      () -> {
                        order.expect(2);
                        return ret(null);
                      }));
              return await(
                  gather(f, f),
                  v -> {
                    order.expect(3);
                    return ret(v);
                  });
            });

    List<String> results = Asyncio.run(main, () -> loop);

    assertEquals(List.of("ready", "ready"), results);
    order.finish(3);
  }

  @Test
  void gatherWithNoArgumentsGivesAnEmptyList() {
    List<String> results =
        Asyncio.run(co(() -> await(Asyncio.<String>gather(), Coro::ret)), () -> loop);

    assertEquals(List.of(), results);
  }

  @Test
  void sameCoroutinePassedTwiceRunsOnceAndItsResultAppearsTwice() {
    Coroutine<List<String>> main =
        co(
            () -> {
              Coroutine<String> once = after(0.01, "x");
              return await(gather(once, after(0.02, "y"), once), Coro::ret);
            });

    List<String> results = Asyncio.run(main, () -> loop);

    assertEquals(List.of("x", "y", "x"), results);
    assertEquals(List.of("x", "y"), log, "x ran once");
  }

  @Test
  void sameTaskPassedTwiceGivesItsResultTwice() {
    Coroutine<List<String>> main =
        co(
            () -> {
              Task<String> t = createTask(after(0.01, "t"));
              return await(gatherReturnExceptions(t, t), Coro::ret);
            });

    List<String> results = Asyncio.run(main, () -> loop);

    assertEquals(List.of("t", "t"), results);
    assertEquals(List.of("t"), log);
  }

  @Test
  @DisplayName("two gathers and a done callback on the same tasks are told in registration order")
  void twoGathersAndADoneCallbackOnTheSameTasksAreToldInRegistrationOrder() {
    List<String> order = new ArrayList<>();
    List<List<String>> results = new ArrayList<>();
    Asyncio.run(
        co(
            () -> {
              Task<String> a = createTask(after(0.1, "a"));
              Task<String> b = createTask(after(0.2, "b"));
              // The first gather is each task's only callback; the second and the done callback
              // are added to tasks that already have one.
              Future<List<String>> first = ensureFuture(gather(a, b));
              Future<List<String>> second = ensureFuture(gather(b, a));
              b.addDoneCallback(f -> order.add("b's callback"));
              first.addDoneCallback(f -> order.add("first gather done"));
              second.addDoneCallback(f -> order.add("second gather done"));
              return await(
                  first,
                  r1 ->
                      await(
                          second,
                          r2 -> {
                            results.add((List<String>) r1);
                            results.add((List<String>) r2);
                            return ret();
                          }));
            }),
        () -> loop);

    assertEquals(List.of(List.of("a", "b"), List.of("b", "a")), results);
    // As in asyncio: b's three callbacks run in one iteration in the order they were added, and
    // the gathers they complete schedule their own callbacks after b's last one.
    assertEquals(List.of("b's callback", "first gather done", "second gather done"), order);
  }

  @Test
  void coroutinesPassedToGatherStartBeforeTheGatherIsAwaited() {
    Order order = new Order();
    Coroutine<List<String>> main =
        co(
            () -> {
              order.expect(1);
              Coroutine<List<String>> g =
                  gather(
                      co(
                          () -> {
                            order.expect(3);
                            return ret("child");
                          }));
              order.expect(2);
              return await(
                  sleep(0),
                  v -> {
                    order.expect(4); // the child ran while this task yielded, before any await(g)
                    return await(g, Coro::ret);
                  });
            });

    List<String> results = Asyncio.run(main, () -> loop);

    assertEquals(List.of("child"), results);
    order.finish(4);
  }

  @Test
  void gatherOfFuturesOnlyCanBeMadeBeforeTheLoopRuns() {
    Future<String> a = loop.createFuture();
    Future<String> b = loop.createFuture();
    loop.callLater(2, () -> a.setResult("a"));
    loop.callLater(1, () -> b.setResult("b"));

    List<String> results = loop.runUntilComplete(gather(a, b));

    assertEquals(List.of("a", "b"), results);
    assertEquals(2.0, loop.time(), EPS);
    loop.close();
  }

  @Test
  void gatherOfCoroutinesOutsideARunningLoopIsRejected() {
    Coroutine<String> c = after(1, "never");

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> gather(c));

    assertTrue(e.getMessage().contains("no running event loop"), e.getMessage());
  }

  @Test
  void nullAwaitableIsRejectedWithItsPosition() {
    NullPointerException[] caught = new NullPointerException[2];
    Coroutine<Object> main =
        co(
            () -> {
              caught[0] =
                  assertThrows(NullPointerException.class, () -> gather(sleep(0, "a"), null));
              caught[1] =
                  assertThrows(
                      NullPointerException.class,
                      () -> gatherReturnExceptions(new Awaitable<?>[] {null}));
              return ret(null);
            });

    Asyncio.run(main, () -> loop);

    assertTrue(caught[0].getMessage().contains("#1 is null"), caught[0].getMessage());
    assertTrue(caught[1].getMessage().contains("#0 is null"), caught[1].getMessage());
  }

  @Test
  void nullCollectionIsRejected() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> gather((java.util.Collection<Awaitable<String>>) null));

    assertTrue(e.getMessage().contains("awaitables"), e.getMessage());
  }
}
