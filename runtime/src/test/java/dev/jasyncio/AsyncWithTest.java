package dev.jasyncio;

import static dev.jasyncio.Asyncio.asyncWith;
import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.done;
import static dev.jasyncio.Asyncio.getRunningLoop;
import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.awaitAndReturn;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link Asyncio#asyncWith}, Python's {@code async with}: enter, body, then exit with the
 * body's exception, which the exit may suppress or replace.
 */
class AsyncWithTest {
  private static final double EPS = 1e-9;

  private final TestEventLoop loop = new TestEventLoop();

  private <T> T run(Coroutine<T> main) {
    return Asyncio.run(main, () -> loop);
  }

  /** Awaits {@code awaitable} and finishes with its outcome: its value or what it raised. */
  private static Coroutine<Object> outcome(Awaitable<?> awaitable) {
    return co(() -> await(awaitable, (v, e) -> ret(e != null ? e : v)));
  }

  /**
   * A context manager that logs its calls and can sleep, fail or suppress. Entering produces {@code
   * "resource"}.
   */
  private static final class Manager implements AsyncContextManager<String> {
    final List<Object> log = new ArrayList<>();
    double enterDelay;
    double exitDelay;
    RuntimeException enterError;
    RuntimeException exitError;
    boolean suppress;

    /** What aexit received; a one-element array so that a null exception is recorded too. */
    Throwable[] exitSaw;

    @Override
    public Coroutine<String> aenter() {
      return co(
          "aenter",
          () -> {
            log.add("enter");
            return afterDelay(
                enterDelay,
                () -> {
                  log.add("entered");
                  if (enterError != null) {
                    throw enterError;
                  }
                  return ret("resource");
                });
          });
    }

    @Override
    public Coroutine<Boolean> aexit(Throwable exception) {
      return co(
          "aexit",
          () -> {
            log.add("exit");
            exitSaw = new Throwable[] {exception};
            return afterDelay(
                exitDelay,
                () -> {
                  log.add("exited");
                  if (exitError != null) {
                    throw exitError;
                  }
                  return ret(suppress);
                });
          });
    }

    private static Coro.Next afterDelay(double delay, Coro.Start then) throws Throwable {
      if (delay > 0) {
        return await(sleep(delay), v -> then.apply());
      }
      return then.apply();
    }
  }

  /** A body that logs, sleeps {@code seconds} and then produces {@code result}. */
  private static Function<String, Coroutine<Object>> body(
      List<Object> log, double seconds, Object result) {
    return r ->
        co(
            "body",
            () -> {
              log.add("body got " + r);
              return await(
                  sleep(seconds),
                  v -> {
                    log.add("body done");
                    return ret(result);
                  });
            });
  }

  @Test
  void enteredValueIsPassedToTheBodyAndTheBodysResultIsReturned() {
    Manager m = new Manager();

    Object result = run(asyncWith(m, body(m.log, 1, "result")));

    assertEquals("result", result);
    assertEquals(
        List.of("enter", "entered", "body got resource", "body done", "exit", "exited"), m.log);
    assertNull(m.exitSaw[0], "a normal exit receives no exception");
  }

  @Test
  void exitReceivesTheBodysExceptionWhichThenPropagates() {
    Manager m = new Manager();
    IllegalArgumentException boom = new IllegalArgumentException("boom");

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                run(
                    asyncWith(
                        m,
                        r ->
                            co(
                                () ->
                                    await(
                                        sleep(1),
                                        v -> {
                                          throw boom;
                                        })))));

    assertSame(boom, e);
    assertSame(boom, m.exitSaw[0]);
    assertEquals(List.of("enter", "entered", "exit", "exited"), m.log);
  }

  @Test
  void exitReturningTrueSuppressesTheBodysException() {
    Manager m = new Manager();
    m.suppress = true;
    IllegalArgumentException boom = new IllegalArgumentException("boom");

    Object result =
        run(
            co(
                () ->
                    await(
                        asyncWith(
                            m,
                            r ->
                                co(
                                    () -> {
                                      throw boom;
                                    })),
                        v -> ret(Arrays.asList("after", v)))));

    assertEquals(Arrays.asList("after", null), result, "the suppressed block produces null");
    assertSame(boom, m.exitSaw[0]);
  }

  @Test
  void exitReturningTrueWithoutAnExceptionKeepsTheResult() {
    Manager m = new Manager();
    m.suppress = true;

    assertEquals("result", run(asyncWith(m, body(m.log, 0, "result"))));
  }

  @Test
  void exitThrowingReplacesTheBodysException() {
    Manager m = new Manager();
    m.exitError = new IllegalStateException("exit failed");
    IllegalArgumentException boom = new IllegalArgumentException("boom");

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                run(
                    asyncWith(
                        m,
                        r ->
                            co(
                                () -> {
                                  throw boom;
                                }))));

    assertSame(m.exitError, e);
    assertSame(boom, m.exitSaw[0], "the exit saw the body's exception");
  }

  @Test
  void exitThrowingAfterANormalBodyFailsTheBlock() {
    Manager m = new Manager();
    m.exitDelay = 1;
    m.exitError = new IllegalStateException("exit failed");

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> run(asyncWith(m, body(m.log, 1, "result"))));

    assertSame(m.exitError, e);
    assertEquals(2.0, loop.time(), EPS);
  }

  @Test
  void failingEnterRunsNeitherBodyNorExit() {
    Manager m = new Manager();
    m.enterError = new IllegalStateException("cannot enter");

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> run(asyncWith(m, body(m.log, 1, "x"))));

    assertSame(m.enterError, e);
    assertEquals(List.of("enter", "entered"), m.log);
    assertNull(m.exitSaw, "exit never ran");
  }

  @Test
  void enterFailingAfterItSuspendedRunsNeitherBodyNorExit() {
    Manager m = new Manager();
    m.enterDelay = 1;
    m.enterError = new IllegalStateException("cannot enter");

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> run(asyncWith(m, body(m.log, 1, "x"))));

    assertSame(m.enterError, e);
    assertEquals(List.of("enter", "entered"), m.log);
    assertNull(m.exitSaw, "exit never ran");
    assertEquals(1.0, loop.time(), EPS);
  }

  @Test
  void bodyFunctionThrowingSynchronouslyIsTheBodysException() {
    Manager m = new Manager();
    IllegalArgumentException boom = new IllegalArgumentException("thrown by the body function");

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                run(
                    asyncWith(
                        m,
                        r -> {
                          throw boom;
                        })));

    assertSame(boom, e);
    assertSame(boom, m.exitSaw[0]);
    assertEquals(List.of("enter", "entered", "exit", "exited"), m.log);
  }

  @Test
  void bodyReturningNullIsReportedToExitAsTheBodysException() {
    Manager m = new Manager();

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> run(asyncWith(m, r -> null)));

    assertTrue(e.getMessage().contains("body returned null"), e.getMessage());
    assertSame(e, m.exitSaw[0]);
  }

  @Test
  void cancellationDuringTheBodyReachesExitAsCancelledError() {
    Manager m = new Manager();

    Object raised =
        run(
            co(
                () -> {
                  Task<Object> t = createTask(asyncWith(m, body(m.log, 10, "never")));
                  return await(
                      sleep(1),
                      v -> {
                        t.cancel();
                        return await(
                            outcome(t),
                            r -> {
                              assertTrue(t.cancelled());
                              return ret(r);
                            });
                      });
                }));

    assertInstanceOf(CancelledError.class, raised);
    assertInstanceOf(CancelledError.class, m.exitSaw[0]);
    assertEquals(List.of("enter", "entered", "body got resource", "exit", "exited"), m.log);
    assertEquals(1.0, loop.time(), EPS);
  }

  @Test
  void exitSuppressingACancellationLetsTheTaskContinue() {
    Manager m = new Manager();
    m.suppress = true;

    Object result =
        run(
            co(
                () -> {
                  Task<Object> t =
                      createTask(
                          co(
                              () ->
                                  await(
                                      asyncWith(m, body(m.log, 10, "never")),
                                      v -> await(sleep(1), v2 -> ret("continued after " + v)))));
                  return await(
                      sleep(1),
                      v -> {
                        t.cancel();
                        return awaitAndReturn(t);
                      });
                }));

    assertEquals("continued after null", result);
    assertInstanceOf(CancelledError.class, m.exitSaw[0]);
    assertEquals(2.0, loop.time(), EPS);
  }

  @Test
  void cancellationWhileEnteringSkipsBodyAndExit() {
    Manager m = new Manager();
    m.enterDelay = 5;

    Object raised =
        run(
            co(
                () -> {
                  Task<Object> t = createTask(asyncWith(m, body(m.log, 1, "never")));
                  return await(
                      sleep(1),
                      v -> {
                        t.cancel();
                        return awaitAndReturn(outcome(t));
                      });
                }));

    assertInstanceOf(CancelledError.class, raised);
    assertEquals(List.of("enter"), m.log);
    assertNull(m.exitSaw, "exit never ran");
  }

  @Test
  void cancellationWhileExitingPropagatesFromTheExit() {
    Manager m = new Manager();
    m.exitDelay = 5;

    Object raised =
        run(
            co(
                () -> {
                  Task<Object> t = createTask(asyncWith(m, body(m.log, 1, "result")));
                  return await(
                      sleep(2),
                      v -> {
                        t.cancel();
                        return awaitAndReturn(outcome(t));
                      });
                }));

    assertInstanceOf(CancelledError.class, raised);
    assertNull(m.exitSaw[0], "the body finished normally");
    assertEquals(List.of("enter", "entered", "body got resource", "body done", "exit"), m.log);
    assertEquals(2.0, loop.time(), EPS);
  }

  @Test
  void managerThatSleepsInEnterAndExitRunsOnTheVirtualClock() {
    Manager m = new Manager();
    m.enterDelay = 1;
    m.exitDelay = 3;
    List<Object> times = new ArrayList<>();

    Object result =
        run(
            asyncWith(
                m,
                r ->
                    co(
                        () -> {
                          times.add(getRunningLoop().time());
                          return await(
                              sleep(2),
                              v -> {
                                times.add(getRunningLoop().time());
                                return ret(r);
                              });
                        })));

    assertEquals("resource", result);
    assertEquals(List.of(1.0, 3.0), times);
    assertEquals(6.0, loop.time(), EPS);
    assertEquals(
        List.of("enter", "entered", "exit", "exited"), m.log, "enter, body, exit in order");
  }

  @Test
  void nullArgumentsAreRejected() {
    NullPointerException noManager =
        assertThrows(NullPointerException.class, () -> asyncWith(null, r -> done()));
    assertTrue(noManager.getMessage().contains("manager"), noManager.getMessage());
    NullPointerException noBody =
        assertThrows(NullPointerException.class, () -> asyncWith(new Manager(), null));
    assertTrue(noBody.getMessage().contains("body"), noBody.getMessage());
  }

  @Test
  void exitProducingNoCoroutineIsRejected() {
    AsyncContextManager<String> broken =
        new AsyncContextManager<>() {
          @Override
          public Coroutine<String> aenter() {
            return done("resource");
          }

          @Override
          public Coroutine<Boolean> aexit(Throwable exception) {
            return null;
          }
        };

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> run(asyncWith(broken, r -> done(r))));
    assertTrue(e.getMessage().contains("aexit returned null"), e.getMessage());
  }

  @Test
  void blockCannotBeAwaitedTwice() {
    Manager m = new Manager();
    Coroutine<Object> block = asyncWith(m, body(m.log, 0, "once"));

    Object raised = run(co(() -> await(block, v -> awaitAndReturn(outcome(block)))));

    IllegalStateException e = assertInstanceOf(IllegalStateException.class, raised);
    assertTrue(e.getMessage().contains("cannot reuse"), e.getMessage());
    assertEquals(1, m.log.stream().filter("enter"::equals).count(), "entered once");
  }
}
