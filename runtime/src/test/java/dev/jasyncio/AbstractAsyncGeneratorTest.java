package dev.jasyncio;

import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.getRunningLoop;
import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.awaitAndReturn;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static dev.jasyncio.Gen.awaiting;
import static dev.jasyncio.Gen.emit;
import static dev.jasyncio.Gen.emitLast;
import static dev.jasyncio.Gen.end;
import static dev.jasyncio.Gen.gen;
import static dev.jasyncio.Gen.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link AbstractAsyncGenerator}, the driver of async generators: the items and the end of
 * the iteration, Python's rules for {@code asend}, {@code athrow} and {@code aclose}, requests
 * while the body runs, cancellation inside the body, and driving it by hand with {@link
 * Coroutine#send}. The generators are chains of lambdas built with {@link Gen}.
 */
class AbstractAsyncGeneratorTest {
  private static final double EPS = 1e-9;

  private final TestEventLoop loop = new TestEventLoop();
  private final List<Object> log = new ArrayList<>();

  private <T> T run(Coroutine<T> main) {
    return Asyncio.run(main, () -> loop);
  }

  /** Awaits {@code awaitable} and finishes with its outcome: its value or what it raised. */
  private static Coroutine<Object> outcome(Awaitable<?> awaitable) {
    return co(() -> await(awaitable, (v, e) -> ret(e != null ? e : v)));
  }

  /**
   * Awaits the requests one after the other, each made when its turn comes, and finishes with their
   * outcomes.
   */
  @SafeVarargs
  private static Coroutine<List<Object>> outcomes(Supplier<? extends Awaitable<?>>... requests) {
    List<Supplier<? extends Awaitable<?>>> all = new ArrayList<>();
    for (Supplier<? extends Awaitable<?>> request : requests) {
      all.add(request);
    }
    List<Object> into = new ArrayList<>();
    return co(() -> awaitEach(all, into));
  }

  private static Coro.Next awaitEach(
      List<Supplier<? extends Awaitable<?>>> requests, List<Object> into) {
    if (into.size() == requests.size()) {
      return ret(into);
    }
    return await(
        outcome(requests.get(into.size()).get()),
        o -> {
          into.add(o);
          return awaitEach(requests, into);
        });
  }

  private double now() {
    return getRunningLoop().time();
  }

  // ---- items and the end ----

  @Test
  void anextReturnsTheGeneratorItselfWhenItIsNotRunningSoThatItemsCostNoAllocation() {
    Gen.Generator<Integer> g = items("g", 1, 2);
    List<Object> requests = new ArrayList<>();
    Supplier<Coroutine<Integer>> anext =
        () -> {
          Coroutine<Integer> request = g.anext();
          requests.add(request);
          return request;
        };

    List<Object> got = run(outcomes(anext, anext, anext));

    assertEquals(1, got.get(0));
    assertEquals(2, got.get(1));
    assertInstanceOf(StopAsyncIteration.class, got.get(2));
    assertEquals(3, requests.size());
    for (Object request : requests) {
      assertSame(g, request, "unstarted, paused at an emit and finished: the generator itself");
    }
  }

  @Test
  void itemsComeInOrderThenEveryRequestRaisesStopAsyncIteration() {
    Gen.Generator<String> g = items("g", "a", "b");

    List<Object> got = run(outcomes(g::anext, g::anext, g::anext, g::anext));

    assertEquals("a", got.get(0));
    assertEquals("b", got.get(1));
    assertSame(StopAsyncIteration.EXHAUSTED, got.get(2));
    assertSame(StopAsyncIteration.EXHAUSTED, got.get(3));
    assertEquals(Arrays.asList(null, null), g.received, "anext() resumes each emit with null");
    assertEquals(3, g.steps, "a finished body is not run again");
  }

  @Test
  void itemsMayBeProducedAfterAwaitsOnTheVirtualClock() {
    Gen.Generator<Object> g =
        gen(
            "ticker",
            () ->
                awaiting(
                    sleep(1), v -> emit(now(), w -> awaiting(sleep(2), x -> emitLast(now())))));

    List<Object> got = run(outcomes(g::anext, g::anext, g::anext));

    assertEquals(1.0, (double) got.get(0), EPS);
    assertEquals(3.0, (double) got.get(1), EPS);
    assertInstanceOf(StopAsyncIteration.class, got.get(2));
    assertEquals(3.0, loop.time(), EPS);
  }

  @Test
  void theExhaustedGeneratorsStopAsyncIterationIsSharedStacklessAndImmutable() {
    Object first = run(outcome(Gen.<Integer>items("first").anext()));
    Object second = Asyncio.run(outcome(Gen.<Integer>items("second").anext()), TestEventLoop::new);

    StopAsyncIteration stop = assertInstanceOf(StopAsyncIteration.class, first);
    assertSame(stop, second, "one instance for every exhausted generator");
    assertEquals(0, stop.getStackTrace().length);
    stop.addSuppressed(new RuntimeException("would leak between generators"));
    assertEquals(0, stop.getSuppressed().length, "suppression is disabled");
    stop.setStackTrace(new StackTraceElement[] {new StackTraceElement("C", "m", "C.java", 1)});
    stop.fillInStackTrace();
    assertEquals(0, stop.getStackTrace().length, "the stack trace is not writable");
    assertThrows(IllegalStateException.class, () -> stop.initCause(new RuntimeException()));
    assertNull(stop.getCause());
  }

  @Test
  void isExhaustedOnlyOnceTheBodyHasEnded() {
    Gen.Generator<Integer> g = items("g", 1);
    assertFalse(g.isExhausted(), "not started");

    List<Object> got =
        run(
            outcomes(
                g::anext,
                () -> {
                  assertFalse(g.isExhausted(), "paused at an emit");
                  return g.anext();
                }));

    assertInstanceOf(StopAsyncIteration.class, got.get(1));
    assertTrue(g.isExhausted());
  }

  @Test
  void aBodyThatFailsRaisesItsExceptionAndIsFinished() {
    IllegalStateException boom = new IllegalStateException("boom");
    Gen.Generator<Integer> g =
        gen(
            "g",
            () ->
                emit(
                    1,
                    v -> {
                      throw boom;
                    }));

    List<Object> got = run(outcomes(g::anext, g::anext, g::anext));

    assertEquals(Arrays.asList(1, boom, StopAsyncIteration.EXHAUSTED), got);
    assertTrue(g.isExhausted());
  }

  @Test
  void stopAsyncIterationRaisedByTheBodyBecomesAnIllegalStateExceptionCausedByIt() {
    StopAsyncIteration stray = new StopAsyncIteration("from an inner iterator");
    Gen.Generator<Integer> g =
        gen(
            "leaky",
            () ->
                emit(
                    1,
                    v -> {
                      throw stray;
                    }));

    List<Object> got = run(outcomes(g::anext, g::anext, g::anext));

    assertEquals(1, got.get(0));
    IllegalStateException e = assertInstanceOf(IllegalStateException.class, got.get(1));
    assertSame(stray, e.getCause());
    assertEquals("async generator raised StopAsyncIteration: leaky", e.getMessage());
    assertSame(StopAsyncIteration.EXHAUSTED, got.get(2), "the generator is finished");
  }

  @Test
  void stopAsyncIterationRaisedByTheBodyWhileClosingIsAlsoAnIllegalStateException() {
    StopAsyncIteration stray = new StopAsyncIteration("from an inner iterator");
    Gen.Generator<Integer> g =
        gen(
            "leaky",
            () ->
                emit(
                    1,
                    (v, e) -> {
                      throw stray;
                    }));

    List<Object> got = run(outcomes(g::anext, g::aclose));

    IllegalStateException e = assertInstanceOf(IllegalStateException.class, got.get(1));
    assertSame(stray, e.getCause());
    assertTrue(g.isExhausted());
  }

  // ---- asend ----

  /** Emits {@code item}, records what is sent, and echoes it until "stop" is sent. */
  private static Gen.Next echo(Object item, List<Object> sent) {
    return emit(
        item,
        v -> {
          sent.add(v);
          return "stop".equals(v) ? end() : echo("got " + v, sent);
        });
  }

  @Test
  void asendDeliversTheValueAsTheResultOfTheEmit() {
    List<Object> sent = new ArrayList<>();
    Gen.Generator<Object> g = gen("echo", () -> echo("ready", sent));

    List<Object> got =
        run(
            outcomes(
                () -> g.asend(null),
                () -> g.asend("a"),
                () -> g.asend("b"),
                g::anext,
                () -> g.asend("stop")));

    assertEquals(
        Arrays.asList("ready", "got a", "got b", "got null", StopAsyncIteration.EXHAUSTED), got);
    assertEquals(Arrays.asList("a", "b", null, "stop"), sent);
  }

  @Test
  void asendOfAValueToAJustStartedGeneratorThrowsAndLeavesItUnstarted() {
    Gen.Generator<Integer> g = items("fresh", 1);

    List<Object> got =
        run(
            outcomes(
                () -> g.asend("too early"),
                () -> {
                  assertEquals(0, g.steps, "the body did not run");
                  return g.anext();
                }));

    IllegalArgumentException e = assertInstanceOf(IllegalArgumentException.class, got.get(0));
    assertEquals(
        "can't send non-null value to a just-started async generator: fresh", e.getMessage());
    assertEquals(1, got.get(1), "the generator can still be started");
  }

  // ---- athrow ----

  @Test
  void athrowThatTheBodyCatchesProducesTheNextItem() {
    RuntimeException boom = new RuntimeException("boom");
    Gen.Generator<Integer> g =
        gen(
            "g",
            () ->
                emit(
                    1,
                    (v, e) -> {
                      log.add(e);
                      return emitLast(2);
                    }));

    List<Object> got =
        run(
            outcomes(
                g::anext,
                () -> g.athrow(boom),
                () -> {
                  assertFalse(g.isExhausted(), "it caught the exception and went on");
                  return g.anext();
                }));

    assertEquals(Arrays.asList(1, 2, StopAsyncIteration.EXHAUSTED), got);
    assertEquals(List.of(boom), log, "the body saw the very exception thrown in");
  }

  @Test
  void athrowThatTheBodyCatchesBeforeEndingRaisesStopAsyncIteration() {
    Gen.Generator<Integer> g = gen("g", () -> emit(1, (v, e) -> end()));

    List<Object> got = run(outcomes(g::anext, () -> g.athrow(new RuntimeException("caught"))));

    assertSame(StopAsyncIteration.EXHAUSTED, got.get(1));
    assertTrue(g.isExhausted());
  }

  @Test
  void athrowThatTheBodyDoesNotCatchPropagatesAndFinishesTheGenerator() {
    RuntimeException boom = new RuntimeException("boom");
    Gen.Generator<Integer> g = items("g", 1, 2);

    List<Object> got = run(outcomes(g::anext, () -> g.athrow(boom), g::anext));

    assertEquals(Arrays.asList(1, boom, StopAsyncIteration.EXHAUSTED), got);
    assertEquals(List.of(boom, "finally"), g.received);
    assertTrue(g.isExhausted());
  }

  @Test
  void athrowIntoAnUnstartedGeneratorRaisesWithoutRunningTheBodyAndFinishesIt() {
    RuntimeException boom = new RuntimeException("boom");
    Gen.Generator<Integer> g = items("g", 1);

    List<Object> got = run(outcomes(() -> g.athrow(boom), g::anext));

    assertEquals(Arrays.asList(boom, StopAsyncIteration.EXHAUSTED), got);
    assertEquals(0, g.steps, "the body never ran");
    assertTrue(g.isExhausted());
  }

  @Test
  void athrowIntoAFinishedGeneratorRaisesStopAsyncIteration() {
    Gen.Generator<Integer> g = items("g");

    List<Object> got = run(outcomes(g::anext, () -> g.athrow(new RuntimeException("late"))));

    assertEquals(Arrays.asList(StopAsyncIteration.EXHAUSTED, StopAsyncIteration.EXHAUSTED), got);
    assertEquals(1, g.steps);
  }

  @Test
  void athrowRejectsNull() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> items("g", 1).athrow(null));
    assertEquals("athrow(null)", e.getMessage());
  }

  // ---- aclose ----

  @Test
  void acloseRaisesGeneratorExitAtTheEmitAndFinishesQuietly() {
    Gen.Generator<Integer> g = items("g", 1, 2);

    List<Object> got = run(outcomes(g::anext, g::aclose, g::anext));

    assertEquals(Arrays.asList(1, null, StopAsyncIteration.EXHAUSTED), got);
    assertInstanceOf(GeneratorExit.class, g.received.get(0));
    assertEquals("finally", g.received.get(1));
    assertTrue(g.isExhausted());
  }

  @Test
  void acloseWhoseCleanupAwaitsWaitsForIt() {
    Gen.Generator<Integer> g =
        gen(
            "g",
            () ->
                emit(
                    1,
                    (v, e) -> {
                      log.add("finally at " + now() + " after " + e.getClass().getSimpleName());
                      return awaiting(
                          sleep(1),
                          w -> {
                            log.add("cleaned up at " + now());
                            throw e;
                          });
                    }));

    List<Object> got =
        run(
            outcomes(
                g::anext,
                g::aclose,
                () -> {
                  log.add("closed at " + now());
                  return g.anext();
                }));

    assertEquals(Arrays.asList(1, null, StopAsyncIteration.EXHAUSTED), got);
    assertEquals(
        List.of("finally at 0.0 after GeneratorExit", "cleaned up at 1.0", "closed at 1.0"), log);
  }

  @Test
  void acloseOfABodyThatCatchesGeneratorExitAndReturnsFinishesQuietly() {
    Gen.Generator<Integer> g = gen("g", () -> emit(1, (v, e) -> awaiting(sleep(1), w -> end())));

    List<Object> got = run(outcomes(g::anext, g::aclose));

    assertEquals(Arrays.asList(1, null), got);
    assertTrue(g.isExhausted());
    assertEquals(1.0, loop.time(), EPS);
  }

  @Test
  void acloseSwallowsAGeneratorExitTheBodyRaisesOfItsOwn() {
    Gen.Generator<Integer> g =
        gen(
            "g",
            () ->
                emit(
                    1,
                    (v, e) -> {
                      throw new GeneratorExit();
                    }));

    List<Object> got = run(outcomes(g::anext, g::aclose));

    assertEquals(Arrays.asList(1, null), got);
    assertTrue(g.isExhausted());
  }

  @Test
  void generatorExitRaisedByTheBodyOutsideACloseIsNotSwallowed() {
    GeneratorExit exit = new GeneratorExit();
    Gen.Generator<Integer> g =
        gen(
            "g",
            () ->
                emit(
                    1,
                    v -> {
                      throw exit;
                    }));

    List<Object> got = run(outcomes(g::anext, g::anext));

    assertSame(exit, got.get(1));
    assertTrue(g.isExhausted());
  }

  @Test
  void acloseRaisesWhatTheCleanupRaises() {
    IllegalStateException broken = new IllegalStateException("cleanup failed");
    Gen.Generator<Integer> g =
        gen(
            "g",
            () ->
                emit(
                    1,
                    (v, e) ->
                        awaiting(
                            sleep(1),
                            w -> {
                              throw broken;
                            })));

    List<Object> got = run(outcomes(g::anext, g::aclose, g::anext));

    assertEquals(Arrays.asList(1, broken, StopAsyncIteration.EXHAUSTED), got);
  }

  @Test
  void emittingWhileClosingThrowsIgnoredGeneratorExitAndLoopShutdownClosesItAgain() {
    Gen.Generator<Integer> g =
        gen(
            "stubborn",
            () ->
                emit(
                    1,
                    (v, e) ->
                        emit(
                            2,
                            (w, e2) -> {
                              log.add(e2.getClass().getSimpleName());
                              return end();
                            })));

    List<Object> got = run(outcomes(g::anext, g::aclose, () -> Asyncio.done(g.isExhausted())));

    IllegalStateException e = assertInstanceOf(IllegalStateException.class, got.get(1));
    assertEquals("async generator ignored GeneratorExit: stubborn", e.getMessage());
    assertEquals(false, got.get(2), "the body was paused at its second emit");
    assertEquals(List.of("GeneratorExit"), log, "run() closed it at shutdown");
    assertTrue(g.isExhausted());
  }

  @Test
  void emittingAfterAnAwaitWhileClosingThrowsIgnoredGeneratorExitAndALaterCloseFinishesIt() {
    Gen.Generator<Integer> g =
        gen(
            "stubborn",
            () ->
                emit(
                    1,
                    (v, e) ->
                        awaiting(
                            sleep(1),
                            w ->
                                emit(
                                    2,
                                    (x, e2) -> {
                                      log.add(e2.getClass().getSimpleName());
                                      throw e2;
                                    }))));

    List<Object> got = run(outcomes(g::anext, g::aclose, g::aclose));

    IllegalStateException e = assertInstanceOf(IllegalStateException.class, got.get(1));
    assertTrue(e.getMessage().contains("async generator ignored GeneratorExit"), e.getMessage());
    assertNull(got.get(2));
    assertEquals(List.of("GeneratorExit"), log);
    assertTrue(g.isExhausted());
  }

  @Test
  void closingAnUnstartedGeneratorRunsNothingAndFinishesIt() {
    Gen.Generator<Integer> g = items("g", 1);

    List<Object> got = run(outcomes(g::aclose, g::anext));

    assertEquals(Arrays.asList(null, StopAsyncIteration.EXHAUSTED), got);
    assertEquals(0, g.steps);
    assertTrue(g.isExhausted());
  }

  @Test
  void closingAFinishedGeneratorDoesNothing() {
    Gen.Generator<Integer> g = items("g", 1);

    List<Object> got = run(outcomes(g::anext, g::anext, g::aclose, g::aclose));

    assertEquals(Arrays.asList(1, StopAsyncIteration.EXHAUSTED, null, null), got);
    assertEquals(2, g.steps);
    assertEquals(Arrays.asList((Object) null), g.received, "no GeneratorExit reached the body");
  }

  // ---- requests while the body runs ----

  @Test
  void everyRequestWhileTheBodyRunsInAnotherTaskIsRefused() {
    RuntimeException boom = new RuntimeException("never thrown in");
    Gen.Generator<String> busy =
        gen("busy", () -> awaiting(sleep(1), v -> emit("item", (w, e) -> end())));

    Object[] result =
        run(
            co(
                () -> {
                  Task<Object> first = createTask(outcome(busy.anext()));
                  return await(
                      sleep(0),
                      v -> {
                        assertNotSame(busy, busy.anext(), "a running generator is not its anext()");
                        return await(
                            outcomes(
                                busy::anext,
                                () -> busy.asend(null),
                                () -> busy.athrow(boom),
                                busy::aclose),
                            refused ->
                                await(
                                    first,
                                    item -> ret(new Object[] {refused, item, now(), busy.steps})));
                      });
                }));

    List<?> refused = (List<?>) result[0];
    String[] names = {"anext", "asend", "athrow", "aclose"};
    for (int i = 0; i < names.length; i++) {
      IllegalStateException e = assertInstanceOf(IllegalStateException.class, refused.get(i));
      assertEquals(
          names[i] + "(): asynchronous generator is already running: busy", e.getMessage());
    }
    assertEquals("item", result[1], "the running request was not disturbed");
    assertEquals(1.0, (double) result[2], EPS);
    assertEquals(2, result[3], "nothing but the first request reached the body");
  }

  @Test
  void aRequestRefusedBecauseATaskHoldsTheGeneratorLeavesNothingBehind() {
    RuntimeException boom = new RuntimeException("never thrown in");
    Gen.Generator<Integer> g = items("g", 1, 2);

    List<Object> got =
        run(
            co(
                () -> {
                  // anext() is the generator itself: the task will run it when it starts.
                  Task<Integer> first = createTask(g.anext());
                  return await(
                      outcomes(() -> g.athrow(boom), () -> g.asend("too early"), () -> first),
                      Coro::ret);
                }));

    for (Object refused : got.subList(0, 2)) {
      IllegalStateException e = assertInstanceOf(IllegalStateException.class, refused);
      assertTrue(e.getMessage().contains("is being awaited already: g"), e.getMessage());
    }
    assertEquals(1, got.get(2), "the task got the first item, as if nothing had been asked");
    assertInstanceOf(
        GeneratorExit.class, g.received.get(0), "only run() closing it reached the body later");
  }

  @Test
  void requestsNameThemselvesAndTheGenerator() {
    Gen.Generator<Integer> g = items("g", 1);

    assertEquals("asend() of g", g.asend(1).toString());
    assertEquals("athrow() of g", g.athrow(new RuntimeException()).toString());
    assertEquals("aclose() of g", g.aclose().toString());
  }

  // ---- cancellation ----

  @Test
  void cancellingTheTaskAwaitingAnItemRaisesCancelledErrorInTheBodyAndFinishesTheGenerator() {
    Gen.Generator<Integer> g =
        gen(
            "g",
            () ->
                emit(
                    1,
                    v ->
                        awaiting(
                            sleep(10),
                            (w, e) -> {
                              log.add(e);
                              throw e;
                            })));

    Object[] result =
        run(
            co(
                () ->
                    await(
                        g.anext(),
                        first -> {
                          Task<Object> t = createTask(co(() -> awaitAndReturn(g.anext())));
                          return await(
                              sleep(1),
                              v -> {
                                t.cancel("enough");
                                return await(
                                    outcome(t),
                                    raised ->
                                        await(
                                            outcome(g.anext()),
                                            after ->
                                                ret(
                                                    new Object[] {
                                                      raised, t.cancelled(), after, now()
                                                    })));
                              });
                        })));

    CancelledError seen = assertInstanceOf(CancelledError.class, log.get(0));
    assertEquals("enough", seen.getMessage());
    assertEquals("enough", assertInstanceOf(CancelledError.class, result[0]).getMessage());
    assertEquals(true, result[1]);
    assertSame(StopAsyncIteration.EXHAUSTED, result[2]);
    assertEquals(1.0, (double) result[3], EPS);
    assertTrue(g.isExhausted());
  }

  // ---- driven by hand ----

  @Test
  void aGeneratorDrivenBySendProducesItsItemsWithoutALoop() {
    Coroutine<String> inner =
        co("inner", () -> await(sleep(0), v -> await(sleep(0), w -> ret("inner done"))));
    Gen.Generator<Object> g =
        gen(
            "manual",
            () ->
                emit(
                    1,
                    v ->
                        awaiting(
                            inner,
                            r -> {
                              log.add(r);
                              return emitLast(2);
                            })));

    assertEquals(1, assertThrows(StopIteration.class, () -> g.send(null)).value());
    assertNull(g.send(null), "the inner coroutine's first sleep(0) is a plain yield");
    assertNull(g.send(null), "and so is its second");
    assertEquals(2, assertThrows(StopIteration.class, () -> g.send(null)).value());
    assertEquals(List.of("inner done"), log);
    assertSame(
        StopAsyncIteration.EXHAUSTED, assertThrows(StopAsyncIteration.class, () -> g.send(null)));
    assertTrue(g.isExhausted());
  }

  @Test
  void requestsOfAGeneratorDrivenBySendWorkWithoutALoop() {
    List<Object> sent = new ArrayList<>();
    Gen.Generator<Object> g = gen("echo", () -> echo("ready", sent));

    assertEquals(
        "ready", assertThrows(StopIteration.class, () -> g.asend(null).send(null)).value());
    assertEquals("got a", assertThrows(StopIteration.class, () -> g.asend("a").send(null)).value());
    assertNull(assertThrows(StopIteration.class, () -> g.aclose().send(null)).value());
    assertEquals(List.of("a"), sent);
    assertTrue(g.isExhausted());
  }

  @Test
  void aGeneratorDrivenBySendIsNotRegisteredWithTheRunningLoop() {
    Gen.Generator<Integer> manual = items("manual", 1, 2);
    Gen.Generator<Integer> onTheLoop = items("on the loop", 1, 2);

    run(
        co(
            () -> {
              assertEquals(1, assertThrows(StopIteration.class, () -> manual.send(null)).value());
              return awaitAndReturn(onTheLoop.anext());
            }));

    assertEquals(List.of(), manual.received, "run() did not close it: the loop never knew it");
    assertFalse(manual.isExhausted());
    assertInstanceOf(GeneratorExit.class, onTheLoop.received.get(0), "closed by run()");
    assertTrue(onTheLoop.isExhausted());
  }
}
