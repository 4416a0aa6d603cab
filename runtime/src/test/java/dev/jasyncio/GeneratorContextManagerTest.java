package dev.jasyncio;

import static dev.jasyncio.Asyncio.asyncWith;
import static dev.jasyncio.Asyncio.getRunningLoop;
import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static dev.jasyncio.Gen.awaiting;
import static dev.jasyncio.Gen.emit;
import static dev.jasyncio.Gen.emitLast;
import static dev.jasyncio.Gen.end;
import static dev.jasyncio.Gen.gen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tests the context manager of {@link AsyncContextManager#fromGenerator}, Python's {@code
 * contextlib.asynccontextmanager}: entering runs the generator to its emit; exiting resumes it and
 * decides from how it ends whether the body's exception is suppressed.
 */
class GeneratorContextManagerTest {
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

  /** Enters {@code manager}, then exits it with {@code exception}: the two outcomes. */
  private static Coroutine<List<Object>> enterThenExit(
      AsyncContextManager<?> manager, Throwable exception) {
    return co(
        () ->
            await(
                outcome(manager.aenter()),
                entered ->
                    await(
                        outcome(manager.aexit(exception)),
                        exited -> ret(Arrays.asList(entered, exited)))));
  }

  /**
   * A generator that logs, sleeps a second, emits "resource", and at the emit logs what it got and
   * passes it to {@code atEmit}.
   */
  private Gen.Generator<String> resource(Gen.Step atEmit) {
    return gen(
        "resource",
        () -> {
          log.add("setup");
          return awaiting(
              sleep(1),
              v ->
                  emit(
                      "resource",
                      (w, e) -> {
                        log.add("resumed with " + (e == null ? w : e.getMessage()));
                        return atEmit.apply(w, e);
                      }));
        });
  }

  @Test
  void enterProducesTheEmittedItemAndANormalExitLetsTheGeneratorFinish() {
    Gen.Generator<String> g =
        resource(
            (v, e) -> {
              if (e != null) {
                throw e;
              }
              return awaiting(
                  sleep(2),
                  w -> {
                    log.add("teardown at " + getRunningLoop().time());
                    return end();
                  });
            });

    List<Object> got = run(enterThenExit(AsyncContextManager.fromGenerator(g), null));

    assertEquals(Arrays.asList("resource", false), got);
    assertEquals(List.of("setup", "resumed with null", "teardown at 3.0"), log);
    assertTrue(g.isExhausted());
    assertEquals(3.0, loop.time(), EPS);
  }

  @Test
  void normalExitOfAGeneratorThatEmitsAgainThrowsGeneratorDidntStop() {
    Gen.Generator<String> g = resource((v, e) -> emitLast("again"));

    List<Object> got = run(enterThenExit(AsyncContextManager.fromGenerator(g), null));

    IllegalStateException e = assertInstanceOf(IllegalStateException.class, got.get(1));
    assertEquals("generator didn't stop: resource", e.getMessage());
    assertTrue(g.isExhausted(), "the generator that did not stop is closed");
  }

  @Test
  void exceptionTheGeneratorCatchesBeforeFinishingIsSuppressed() {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    List<Object> seen = new ArrayList<>();
    Gen.Generator<String> g =
        resource(
            (v, e) -> {
              seen.add(e);
              return end();
            });

    List<Object> got = run(enterThenExit(AsyncContextManager.fromGenerator(g), boom));

    assertEquals(Arrays.asList("resource", true), got);
    assertEquals(List.of(boom), seen, "the exception was raised at the emit");
    assertTrue(g.isExhausted());
  }

  @Test
  void exceptionTheGeneratorLetsThroughIsNotSuppressed() {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    Gen.Generator<String> g =
        resource(
            (v, e) -> {
              log.add("finally");
              throw e;
            });

    List<Object> got = run(enterThenExit(AsyncContextManager.fromGenerator(g), boom));

    assertEquals(Arrays.asList("resource", false), got);
    assertEquals(List.of("setup", "resumed with boom", "finally"), log);
    assertTrue(g.isExhausted());
  }

  @Test
  void exceptionTheGeneratorRaisesInsteadPropagatesFromTheExit() {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    IllegalStateException replaced = new IllegalStateException("replaced", boom);
    Gen.Generator<String> g =
        resource(
            (v, e) -> {
              throw replaced;
            });

    List<Object> got = run(enterThenExit(AsyncContextManager.fromGenerator(g), boom));

    assertSame(replaced, got.get(1));
  }

  @Test
  void exceptionAfterWhichTheGeneratorEmitsAgainThrowsGeneratorDidntStopAfterAthrow() {
    Gen.Generator<String> g = resource((v, e) -> emitLast("again"));

    List<Object> got =
        run(enterThenExit(AsyncContextManager.fromGenerator(g), new RuntimeException("boom")));

    IllegalStateException e = assertInstanceOf(IllegalStateException.class, got.get(1));
    assertEquals("generator didn't stop after athrow(): resource", e.getMessage());
    assertTrue(g.isExhausted(), "the generator that did not stop is closed");
  }

  @Test
  void bodysStopAsyncIterationWrappedByTheGeneratorOnItsWayOutIsNotSuppressed() {
    StopAsyncIteration fromBody = new StopAsyncIteration("from the body");
    Gen.Generator<String> g =
        resource(
            (v, e) -> {
              throw e;
            });

    List<Object> got = run(enterThenExit(AsyncContextManager.fromGenerator(g), fromBody));

    assertEquals(
        Arrays.asList("resource", false),
        got,
        "the generator's IllegalStateException caused by it means it was let through");
  }

  @Test
  void bodysStopAsyncIterationCaughtByTheGeneratorIsSuppressed() {
    StopAsyncIteration fromBody = new StopAsyncIteration("from the body");
    Gen.Generator<String> g = resource((v, e) -> end());

    List<Object> got = run(enterThenExit(AsyncContextManager.fromGenerator(g), fromBody));

    assertEquals(Arrays.asList("resource", true), got);
  }

  @Test
  void generatorThatEndsBeforeEmittingThrowsGeneratorDidntEmit() {
    Gen.Generator<String> g = gen("empty", () -> awaiting(sleep(1), v -> end()));

    Object entered = run(outcome(AsyncContextManager.fromGenerator(g).aenter()));

    IllegalStateException e = assertInstanceOf(IllegalStateException.class, entered);
    assertEquals("generator didn't emit: empty", e.getMessage());
  }

  @Test
  void generatorThatFailsBeforeEmittingRaisesItsExceptionFromEnter() {
    IllegalStateException broken = new IllegalStateException("cannot acquire");
    Gen.Generator<String> g =
        gen(
            "broken",
            () ->
                awaiting(
                    sleep(1),
                    v -> {
                      throw broken;
                    }));

    assertSame(broken, run(outcome(AsyncContextManager.fromGenerator(g).aenter())));
  }

  @Test
  void asyncWithSuppressingTheBodysExceptionProducesNull() {
    Gen.Generator<String> g = resource((v, e) -> end());
    AsyncContextManager<String> cm = AsyncContextManager.fromGenerator(g);

    Object result =
        run(
            co(
                () ->
                    await(
                        asyncWith(
                            cm,
                            r ->
                                co(
                                    () -> {
                                      log.add("body got " + r);
                                      throw new IllegalArgumentException("boom");
                                    })),
                        v -> ret(Arrays.asList("after", v)))));

    assertEquals(Arrays.asList("after", null), result);
    assertEquals(List.of("setup", "body got resource", "resumed with boom"), log);
  }

  @Test
  void toStringNamesTheGeneratorAndEachStep() {
    Gen.Generator<String> g = gen("res", () -> emitLast("x"));
    AsyncContextManager<String> cm = AsyncContextManager.fromGenerator(g);

    assertEquals("asynccontextmanager(res)", cm.toString());
    assertEquals("aenter() of res", cm.aenter().toString());
    assertEquals("aexit(null) of res", cm.aexit(null).toString());
    assertEquals(
        "aexit(java.lang.RuntimeException: x) of res",
        cm.aexit(new RuntimeException("x")).toString());
  }

  @Test
  void fromGeneratorRejectsNull() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> AsyncContextManager.fromGenerator(null));
    assertEquals("generator", e.getMessage());
  }
}
