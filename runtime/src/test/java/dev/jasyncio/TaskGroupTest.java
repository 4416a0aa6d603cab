package dev.jasyncio;

import static dev.jasyncio.Asyncio.asyncWith;
import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.currentTask;
import static dev.jasyncio.Asyncio.done;
import static dev.jasyncio.Asyncio.getRunningLoop;
import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.awaitAndReturn;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link TaskGroup}: it waits for its tasks, aborts on the first failure and reports every
 * failure in an {@link ExceptionGroup}, lets outside cancellations and fatal errors through
 * unwrapped, keeps the parent's cancel count consistent, and refuses tasks outside its lifetime.
 */
class TaskGroupTest {
  private static final double EPS = 1e-9;
  private static final String GROUP_MESSAGE = "unhandled errors in a TaskGroup";

  private final TestEventLoop loop = new TestEventLoop();

  private <T> T run(Coroutine<T> main) {
    return Asyncio.run(main, () -> loop);
  }

  /** The port's counterpart of Python's {@code KeyboardInterrupt}: an Error, not a cancellation. */
  static final class FatalError extends Error {
    private static final long serialVersionUID = 1L;

    FatalError(String message) {
      super(message);
    }
  }

  /** Sleeps {@code seconds}; records the exception the sleep ends with, if any, and rethrows it. */
  private static Coroutine<Object> sleepRecording(double seconds, List<Throwable> seen) {
    return co(
        () ->
            await(
                sleep(seconds),
                (v, e) -> {
                  if (e != null) {
                    seen.add(e);
                    throw e;
                  }
                  return ret("slept " + seconds);
                }));
  }

  /** Sleeps {@code seconds}, then throws {@code error}. */
  private static Coroutine<Object> failAfter(double seconds, Throwable error) {
    return co(
        "failAfter(" + seconds + ")",
        () ->
            await(
                sleep(seconds),
                v -> {
                  throw error;
                }));
  }

  /** Sleeps {@code seconds}; when that sleep is cancelled, throws {@code error} instead. */
  private static Coroutine<Object> failInCleanup(double seconds, Throwable error) {
    return co(
        "failInCleanup",
        () ->
            await(
                sleep(seconds),
                (v, e) -> {
                  if (e instanceof CancelledError) {
                    throw error;
                  }
                  return ret("slept " + seconds);
                }));
  }

  /** Awaits {@code awaitable} and finishes with its outcome: its value or what it raised. */
  private static Coroutine<Object> outcome(Awaitable<?> awaitable) {
    return co(() -> await(awaitable, (v, e) -> ret(e != null ? e : v)));
  }

  /** A coroutine that records whether its body ran. */
  private static Coroutine<Object> flagging(AtomicBoolean ran) {
    return co(
        "flagging",
        () -> {
          ran.set(true);
          return ret("ran");
        });
  }

  /** Asserts that {@code coro} was closed without running: driving it again fails. */
  private static void assertClosedWithoutRunning(Coroutine<?> coro, AtomicBoolean ran) {
    assertFalse(ran.get(), "the coroutine's body never ran");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> coro.send(null));
    assertTrue(e.getMessage().contains("cannot reuse"), e.getMessage());
    assertFalse(ran.get(), "the coroutine's body never ran");
  }

  // ---- case 46 ----

  @Test
  @DisplayName("case 46 tgJoinsAll: two children: both results are available after the block")
  void case46_groupWaitsForAllChildrenAndTheirResultsAreAvailableAfter() {
    List<Task<?>> children = new ArrayList<>();
    List<Object> log = new ArrayList<>();

    Object result =
        run(
            co(
                () ->
                    await(
                        asyncWith(
                            new TaskGroup(),
                            tg -> {
                              children.add(tg.createTask(sleep(1, "a")));
                              children.add(tg.createTask(sleep(2, "b")));
                              log.add("body done at " + getRunningLoop().time());
                              return done("body result");
                            }),
                        bodyResult -> {
                          log.add("exited at " + getRunningLoop().time());
                          log.add(children.get(0).result());
                          log.add(children.get(1).result());
                          return ret(bodyResult);
                        })));

    assertEquals("body result", result);
    assertEquals(List.of("body done at 0.0", "exited at 2.0", "a", "b"), log);
  }

  // ---- case 47 ----

  @Test
  @DisplayName(
      "case 47 tgChildFailureAborts: a child fails: siblings and the body are cancelled; the"
          + " group holds all non-cancel errors")
  void case47_childFailureCancelsSiblingsAndBodyAndTheGroupHoldsEveryRealError() {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    IllegalStateException cleanup = new IllegalStateException("cleanup failed");
    List<Throwable> siblingSaw = new ArrayList<>();
    List<Throwable> bodySaw = new ArrayList<>();
    List<Task<?>> children = new ArrayList<>();
    List<Object> after = new ArrayList<>();

    ExceptionGroup eg =
        assertThrows(
            ExceptionGroup.class,
            () ->
                run(
                    co(
                        () ->
                            await(
                                asyncWith(
                                    new TaskGroup(),
                                    tg -> {
                                      children.add(tg.createTask(failAfter(1, boom)));
                                      children.add(tg.createTask(sleepRecording(10, siblingSaw)));
                                      children.add(tg.createTask(failInCleanup(10, cleanup)));
                                      return sleepRecording(10, bodySaw);
                                    }),
                                (v, e) -> {
                                  after.add(currentTask().cancelling());
                                  after.add(getRunningLoop().time());
                                  throw e;
                                }))));

    assertEquals(List.of(boom, cleanup), eg.exceptions());
    assertInstanceOf(CancelledError.class, siblingSaw.get(0));
    assertTrue(children.get(1).cancelled(), "the sibling is cancelled");
    assertSame(cleanup, children.get(2).exception());
    assertEquals(1, bodySaw.size());
    assertInstanceOf(CancelledError.class, bodySaw.get(0), "the body is cancelled");
    assertEquals(List.of(0, 1.0), after);
  }

  @Test
  @DisplayName("case 47 tgChildFailureAborts: children failing together are all in the group")
  void case47_childrenFailingInTheSameIterationAreAllInTheGroup() {
    RuntimeException first = new RuntimeException("first");
    RuntimeException second = new RuntimeException("second");

    ExceptionGroup eg =
        assertThrows(
            ExceptionGroup.class,
            () ->
                run(
                    co(
                        () ->
                            awaitAndReturn(
                                asyncWith(
                                    new TaskGroup(),
                                    tg -> {
                                      tg.createTask(failAfter(1, first));
                                      tg.createTask(failAfter(1, second));
                                      return done();
                                    })))));

    assertEquals(List.of(first, second), eg.exceptions());
    assertEquals(1.0, loop.time(), EPS);
  }

  @Test
  void exceptionGroupMessageCountsTheExceptionsAndKeepsTheOrderTheyWereRaised() {
    RuntimeException a = new RuntimeException("a fails first");
    RuntimeException b = new RuntimeException("b fails in cleanup");
    RuntimeException c = new RuntimeException("c fails in cleanup");
    RuntimeException body = new RuntimeException("the body fails in cleanup");

    ExceptionGroup eg =
        assertThrows(
            ExceptionGroup.class,
            () ->
                run(
                    co(
                        () ->
                            awaitAndReturn(
                                asyncWith(
                                    new TaskGroup(),
                                    tg -> {
                                      tg.createTask(failInCleanup(10, b));
                                      tg.createTask(failInCleanup(10, c));
                                      tg.createTask(failAfter(1, a));
                                      return failInCleanup(10, body);
                                    })))));

    assertEquals(List.of(a, b, c, body), eg.exceptions());
    assertEquals(GROUP_MESSAGE + " (4 sub-exceptions)", eg.getMessage());
    assertEquals(List.of(a, b, c, body), Arrays.asList(eg.getSuppressed()));

    ExceptionGroup single =
        assertThrows(
            ExceptionGroup.class,
            () ->
                Asyncio.run(
                    co(
                        () ->
                            awaitAndReturn(
                                asyncWith(
                                    new TaskGroup(),
                                    tg -> {
                                      tg.createTask(failAfter(1, a));
                                      return done();
                                    }))),
                    TestEventLoop::new));
    assertEquals(GROUP_MESSAGE + " (1 sub-exception)", single.getMessage());
  }

  // ---- case 48 ----

  @Test
  @DisplayName(
      "case 48 tgBodyErrorIncluded: the body throws: children are cancelled and the body's error"
          + " is in the group, after the children's errors")
  void case48_bodyErrorCancelsTheChildrenAndIsInTheGroup() {
    IllegalStateException bodyError = new IllegalStateException("body failed");
    IllegalArgumentException cleanup = new IllegalArgumentException("child cleanup failed");
    List<Throwable> childSaw = new ArrayList<>();
    List<Task<?>> children = new ArrayList<>();

    ExceptionGroup eg =
        assertThrows(
            ExceptionGroup.class,
            () ->
                run(
                    co(
                        () ->
                            awaitAndReturn(
                                asyncWith(
                                    new TaskGroup(),
                                    tg -> {
                                      children.add(tg.createTask(sleepRecording(10, childSaw)));
                                      children.add(tg.createTask(failInCleanup(10, cleanup)));
                                      return failAfter(0.5, bodyError);
                                    })))));

    assertEquals(List.of(cleanup, bodyError), eg.exceptions());
    assertInstanceOf(CancelledError.class, childSaw.get(0));
    assertTrue(children.get(0).cancelled());
    assertSame(cleanup, children.get(1).exception());
    assertEquals(0.5, loop.time(), EPS);
  }

  @Test
  @DisplayName(
      "case 48 tgBodyErrorIncluded: the body function throwing at once: the child is cancelled"
          + " before it starts")
  void case48_bodyFunctionThrowingAtOnceCancelsTheChildBeforeItStarts() {
    IllegalStateException bodyError = new IllegalStateException("body failed");
    AtomicBoolean ran = new AtomicBoolean();
    List<Task<?>> children = new ArrayList<>();

    ExceptionGroup eg =
        assertThrows(
            ExceptionGroup.class,
            () ->
                run(
                    co(
                        () ->
                            awaitAndReturn(
                                asyncWith(
                                    new TaskGroup(),
                                    tg -> {
                                      children.add(tg.createTask(flagging(ran)));
                                      throw bodyError;
                                    })))));

    assertEquals(List.of(bodyError), eg.exceptions());
    assertTrue(children.get(0).cancelled());
    assertFalse(ran.get(), "the child never ran");
    assertEquals(0.0, loop.time());
  }

  // ---- case 49 ----

  @Test
  @DisplayName(
      "case 49 tgExternalCancel: the parent is cancelled: children are cancelled and a plain"
          + " CancelledError propagates")
  void case49_cancellingTheParentCancelsTheChildrenAndPropagatesPlainCancelledError() {
    List<Throwable> childrenSaw = new ArrayList<>();
    List<Throwable> bodySaw = new ArrayList<>();
    List<Task<?>> children = new ArrayList<>();

    Object raised =
        run(
            co(
                () -> {
                  Task<Object> parent =
                      createTask(
                          asyncWith(
                              new TaskGroup(),
                              tg -> {
                                children.add(tg.createTask(sleepRecording(10, childrenSaw)));
                                children.add(tg.createTask(sleepRecording(20, childrenSaw)));
                                return sleepRecording(10, bodySaw);
                              }));
                  return await(
                      sleep(0.5),
                      v -> {
                        parent.cancel();
                        return await(
                            outcome(parent),
                            r -> {
                              assertTrue(parent.cancelled());
                              assertTrue(children.get(0).cancelled());
                              assertTrue(children.get(1).cancelled());
                              return ret(r);
                            });
                      });
                }));

    assertInstanceOf(CancelledError.class, raised);
    assertEquals(2, childrenSaw.size());
    childrenSaw.forEach(e -> assertInstanceOf(CancelledError.class, e));
    assertInstanceOf(CancelledError.class, bodySaw.get(0));
    assertEquals(0.5, loop.time(), EPS);
  }

  @Test
  @DisplayName(
      "case 49 tgExternalCancel: a cancel arriving while the group waits for its children at exit")
  void case49_cancellingTheParentWhileTheGroupWaitsAtExitPropagatesCancelledError() {
    List<Throwable> childrenSaw = new ArrayList<>();

    Object raised =
        run(
            co(
                () -> {
                  Task<Object> parent =
                      createTask(
                          asyncWith(
                              new TaskGroup(),
                              tg -> {
                                tg.createTask(sleepRecording(1, childrenSaw));
                                tg.createTask(sleepRecording(2, childrenSaw));
                                return done();
                              }));
                  return await(
                      sleep(0.05),
                      v -> {
                        parent.cancel();
                        return awaitAndReturn(outcome(parent));
                      });
                }));

    assertInstanceOf(CancelledError.class, raised);
    assertEquals(2, childrenSaw.size());
    assertEquals(0.05, loop.time(), EPS);
  }

  // ---- case 50 ----

  @Test
  @DisplayName("case 50 tgFatalUnwrapped: a child throws a fatal Error: it propagates unwrapped")
  void case50_fatalErrorFromAChildPropagatesUnwrapped() {
    FatalError fatal = new FatalError("shutting down");
    List<Throwable> siblingSaw = new ArrayList<>();
    List<Task<?>> children = new ArrayList<>();
    List<Object> after = new ArrayList<>();

    FatalError e =
        assertThrows(
            FatalError.class,
            () ->
                run(
                    co(
                        () ->
                            await(
                                asyncWith(
                                    new TaskGroup(),
                                    tg -> {
                                      children.add(tg.createTask(failAfter(1, fatal)));
                                      children.add(tg.createTask(sleepRecording(10, siblingSaw)));
                                      return sleep(10);
                                    }),
                                (v, err) -> {
                                  after.add(children.get(1).cancelled());
                                  throw err;
                                }))));

    assertSame(fatal, e);
    assertEquals(List.of(true), after, "the sibling was cancelled before the error propagated");
    assertInstanceOf(CancelledError.class, siblingSaw.get(0));
    assertEquals(1.0, loop.time(), EPS);
  }

  @Test
  @DisplayName(
      "case 50 tgFatalUnwrapped: a fatal Error from the body wins over a child's ordinary failure")
  void case50_fatalErrorFromTheBodyWinsOverAnOrdinaryChildFailure() {
    FatalError fatal = new FatalError("interrupted");

    FatalError e =
        assertThrows(
            FatalError.class,
            () ->
                run(
                    co(
                        () ->
                            awaitAndReturn(
                                asyncWith(
                                    new TaskGroup(),
                                    tg -> {
                                      tg.createTask(failAfter(0.1, new ArithmeticException("/0")));
                                      return failInCleanup(10, fatal);
                                    })))));

    assertSame(fatal, e);
  }

  // ---- case 51 ----

  @Test
  @DisplayName(
      "case 51 tgCancelLevelPreserved: after handling a child error, the parent's cancelling() is"
          + " 0")
  void case51_cancellingIsZeroAfterHandlingAChildError() {
    List<Object> log = new ArrayList<>();

    Object result =
        run(
            co(
                () ->
                    await(
                        outcome(
                            asyncWith(
                                new TaskGroup(),
                                tg -> {
                                  tg.createTask(failAfter(0, new RuntimeException("child")));
                                  return done();
                                })),
                        raised -> {
                          log.add(raised.getClass().getSimpleName());
                          log.add(currentTask().cancelling());
                          // The group's own cancellation must not leak out of it.
                          return await(sleep(1), v -> ret("not cancelled"));
                        })));

    assertEquals("not cancelled", result);
    assertEquals(List.of("ExceptionGroup", 0), log);
  }

  @Test
  @DisplayName(
      "case 51 tgCancelLevelPreserved: nested groups both cancelled keep the levels consistent")
  void case51_nestedGroupsBothCancelledKeepTheCancelLevelConsistent() {
    RuntimeException innerError = new RuntimeException("inner");
    IllegalArgumentException outerError = new IllegalArgumentException("outer");
    List<Object> log = new ArrayList<>();

    Object result =
        run(
            co(
                () ->
                    await(
                        outcome(
                            asyncWith(
                                new TaskGroup(),
                                outerTg ->
                                    co(
                                        () ->
                                            await(
                                                outcome(
                                                    asyncWith(
                                                        new TaskGroup(),
                                                        innerTg -> {
                                                          innerTg.createTask(
                                                              failAfter(0, innerError));
                                                          outerTg.createTask(
                                                              failAfter(0, outerError));
                                                          return done();
                                                        })),
                                                innerRaised -> {
                                                  log.add(
                                                      ((ExceptionGroup) innerRaised).exceptions());
                                                  log.add(currentTask().cancelling());
                                                  return ret();
                                                })))),
                        outerRaised -> {
                          log.add(((ExceptionGroup) outerRaised).exceptions());
                          log.add(currentTask().cancelling());
                          return await(sleep(1), v -> ret("not cancelled"));
                        })));

    assertEquals("not cancelled", result);
    assertEquals(List.of(List.of(innerError), 1, List.of(outerError), 0), log);
  }

  @Test
  @DisplayName(
      "case 51 tgCancelLevelPreserved: a child error plus an outside cancel: the outside cancel"
          + " still wins")
  void case51_childErrorTogetherWithAnOutsideCancelLeavesTheParentCancelled() {
    List<Object> log = new ArrayList<>();
    IllegalStateException childError = new IllegalStateException("child");

    Object result =
        run(
            co(
                () -> {
                  Future<Void> started = getRunningLoop().createFuture();
                  Coroutine<Object> raiseError =
                      co(
                          "raiseError",
                          () -> {
                            started.setResult(null);
                            return await(
                                sleep(0),
                                v -> {
                                  throw childError;
                                });
                          });
                  Coroutine<Object> inner =
                      co(
                          "inner",
                          () ->
                              await(
                                  outcome(
                                      asyncWith(
                                          new TaskGroup(),
                                          tg -> {
                                            tg.createTask(raiseError);
                                            return co(
                                                () ->
                                                    await(
                                                        sleep(1),
                                                        v -> {
                                                          log.add("slept in the group");
                                                          return ret();
                                                        }));
                                          })),
                                  raised -> {
                                    log.add(((ExceptionGroup) raised).exceptions());
                                    log.add(currentTask().cancelling());
                                    return await(
                                        sleep(1),
                                        v -> {
                                          log.add("slept after the group");
                                          return ret();
                                        });
                                  }));
                  Task<Object> t = createTask(inner);
                  return await(
                      started,
                      v -> {
                        log.add(t.cancelling());
                        t.cancel();
                        log.add(t.cancelling());
                        return await(
                            outcome(t),
                            r -> {
                              log.add(t.cancelled());
                              return ret(r);
                            });
                      });
                }));

    assertInstanceOf(CancelledError.class, result);
    assertEquals(List.of(0, 1, List.of(childError), 1, true), log);
    assertEquals(0.0, loop.time());
  }

  // ---- case 52 ----

  @Test
  @DisplayName("case 52 tgLifecycle: createTask before enter is an error and closes the coroutine")
  void case52_createTaskBeforeEnteringIsRejectedAndClosesTheCoroutine() {
    AtomicBoolean ran = new AtomicBoolean();
    Coroutine<Object> coro = flagging(ran);

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> new TaskGroup().createTask(coro));

    assertTrue(e.getMessage().contains("has not been entered"), e.getMessage());
    assertClosedWithoutRunning(coro, ran);
  }

  @Test
  @DisplayName(
      "case 52 tgLifecycle: createTask after the group finished is an error and closes the"
          + " coroutine")
  void case52_createTaskAfterTheGroupFinishedIsRejectedAndClosesTheCoroutine() {
    AtomicBoolean ran = new AtomicBoolean();
    Coroutine<Object> coro = flagging(ran);
    List<Throwable> errors = new ArrayList<>();

    run(
        co(
            () -> {
              TaskGroup group = new TaskGroup();
              return await(
                  asyncWith(group, tg -> sleep(0)),
                  v -> {
                    errors.add(assertThrows(Throwable.class, () -> group.createTask(coro)));
                    return ret();
                  });
            }));

    IllegalStateException e = assertInstanceOf(IllegalStateException.class, errors.get(0));
    assertTrue(e.getMessage().contains("is finished"), e.getMessage());
    assertClosedWithoutRunning(coro, ran);
  }

  @Test
  @DisplayName(
      "case 52 tgLifecycle: createTask while the group shuts down is an error and closes the"
          + " coroutine")
  void case52_createTaskWhileTheGroupIsShuttingDownIsRejectedAndClosesTheCoroutine() {
    AtomicBoolean ran = new AtomicBoolean();
    Coroutine<Object> late = flagging(ran);
    ArithmeticException crash = new ArithmeticException("/ by zero");
    List<Throwable> errors = new ArrayList<>();

    ExceptionGroup eg =
        assertThrows(
            ExceptionGroup.class,
            () ->
                run(
                    co(
                        () ->
                            awaitAndReturn(
                                asyncWith(
                                    new TaskGroup(),
                                    tg -> {
                                      tg.createTask(failAfter(0.001, crash));
                                      tg.createTask(
                                          co(
                                              () ->
                                                  await(
                                                      sleep(1),
                                                      (v, e) -> {
                                                        // Cancelled by the abort: too late now.
                                                        errors.add(
                                                            assertThrows(
                                                                Throwable.class,
                                                                () -> tg.createTask(late)));
                                                        return ret();
                                                      })));
                                      return done();
                                    })))));

    assertEquals(List.of(crash), eg.exceptions());
    IllegalStateException e = assertInstanceOf(IllegalStateException.class, errors.get(0));
    assertTrue(e.getMessage().contains("is shutting down"), e.getMessage());
    assertClosedWithoutRunning(late, ran);
  }

  @Test
  @DisplayName("case 52 tgLifecycle: entering a group twice (nested or again later) is an error")
  void case52_enteringAGroupTwiceIsRejected() {
    List<Object> log = new ArrayList<>();

    run(
        co(
            () -> {
              TaskGroup group = new TaskGroup();
              return await(
                  asyncWith(
                      group,
                      tg ->
                          co(
                              () ->
                                  await(
                                      outcome(asyncWith(tg, again -> sleep(0))),
                                      nested -> {
                                        log.add(nested);
                                        return ret();
                                      }))),
                  v ->
                      await(
                          outcome(asyncWith(group, again -> sleep(0))),
                          later -> {
                            log.add(later);
                            return ret();
                          }));
            }));

    assertEquals(2, log.size());
    for (Object o : log) {
      IllegalStateException e = assertInstanceOf(IllegalStateException.class, o);
      assertTrue(e.getMessage().contains("has already been entered"), e.getMessage());
    }
  }

  @Test
  @DisplayName("case 52 tgLifecycle: a child cancelled on its own is not an error")
  void case52_childCancelledOnItsOwnIsNotAnError() {
    List<Task<?>> children = new ArrayList<>();
    List<Throwable> cancelledSaw = new ArrayList<>();

    Object result =
        run(
            co(
                () ->
                    await(
                        asyncWith(
                            new TaskGroup(),
                            tg -> {
                              children.add(tg.createTask(sleepRecording(10, cancelledSaw)));
                              children.add(tg.createTask(sleep(2, "kept")));
                              children.add(
                                  tg.createTask(
                                      co(
                                          () ->
                                              await(
                                                  sleep(0.5),
                                                  v -> {
                                                    throw new CancelledError("cancels itself");
                                                  }))));
                              return co(
                                  () ->
                                      await(
                                          sleep(1),
                                          v -> {
                                            children.get(0).cancel();
                                            return ret("body");
                                          }));
                            }),
                        r -> ret(r + " " + children.get(1).result()))));

    assertEquals("body kept", result);
    assertTrue(children.get(0).cancelled());
    assertTrue(children.get(2).cancelled());
    assertInstanceOf(CancelledError.class, cancelledSaw.get(0));
    assertEquals(2.0, loop.time(), EPS);
  }

  @Test
  void enteringOutsideATaskIsRejected() {
    TaskGroup group = new TaskGroup();
    List<Throwable> errors = new ArrayList<>();

    run(
        co(
            () -> {
              getRunningLoop()
                  .callSoon(
                      () -> {
                        try {
                          group.aenter().send(null);
                        } catch (Throwable t) {
                          errors.add(t);
                        }
                      });
              return awaitAndReturn(sleep(0));
            }));

    IllegalStateException e = assertInstanceOf(IllegalStateException.class, errors.get(0));
    assertTrue(e.getMessage().contains("parent task"), e.getMessage());
    AtomicBoolean ran = new AtomicBoolean();
    Coroutine<Object> coro = flagging(ran);
    IllegalStateException notEntered =
        assertThrows(IllegalStateException.class, () -> group.createTask(coro));
    assertTrue(notEntered.getMessage().contains("has not been entered"), notEntered.getMessage());
    assertClosedWithoutRunning(coro, ran);
  }

  @Test
  void createTaskRejectsNullAndNamesTheTask() {
    List<Object> log = new ArrayList<>();

    run(
        co(
            () ->
                awaitAndReturn(
                    asyncWith(
                        new TaskGroup(),
                        tg -> {
                          NullPointerException e =
                              assertThrows(NullPointerException.class, () -> tg.createTask(null));
                          log.add(e.getMessage());
                          log.add(tg.createTask(sleep(0), "worker").getName());
                          return done();
                        }))));

    assertEquals(List.of("coro", "worker"), log);
  }

  // ---- eager tasks ----

  @Test
  void eagerChildThatFinishesAtOnceIsAccounted() {
    List<Object> log = new ArrayList<>();

    Object result =
        run(
            co(
                () -> {
                  getRunningLoop().setEagerTasks(true);
                  return await(
                      asyncWith(
                          new TaskGroup(),
                          tg -> {
                            Task<String> t = tg.createTask(done("at once"));
                            log.add(t.done());
                            log.add(t.result());
                            return sleep(1, "body");
                          }),
                      r -> ret(r));
                }));

    assertEquals("body", result);
    assertEquals(List.of(true, "at once"), log);
    assertEquals(1.0, loop.time(), EPS);
  }

  @Test
  void eagerChildThatFailsAtOnceAbortsTheGroupOnlyAfterCreateTaskReturns() {
    IllegalStateException crash = new IllegalStateException("eager crash");
    List<Object> log = new ArrayList<>();
    List<Throwable> siblingSaw = new ArrayList<>();
    List<Task<?>> children = new ArrayList<>();

    ExceptionGroup eg =
        assertThrows(
            ExceptionGroup.class,
            () ->
                run(
                    co(
                        () -> {
                          getRunningLoop().setEagerTasks(true);
                          return awaitAndReturn(
                              asyncWith(
                                  new TaskGroup(),
                                  tg -> {
                                    children.add(
                                        tg.createTask(
                                            co(
                                                () -> {
                                                  throw crash;
                                                })));
                                    log.add(children.get(0).done());
                                    // The group learns of the failure through a callback, as
                                    // asyncio does: creating another task is still allowed.
                                    children.add(
                                        tg.createTask(
                                            co(
                                                () -> {
                                                  log.add("sibling started");
                                                  return awaitAndReturn(
                                                      sleepRecording(10, siblingSaw));
                                                })));
                                    return sleep(10);
                                  }));
                        })));

    assertEquals(List.of(crash), eg.exceptions());
    assertEquals(List.of(true, "sibling started"), log);
    assertInstanceOf(CancelledError.class, siblingSaw.get(0));
    assertTrue(children.get(1).cancelled());
    assertEquals(0.0, loop.time());
  }

  @Test
  void taskCreatedDuringAnEagerSiblingsFirstStepIsCancelledWhenItFails() {
    // gh-128550: the failing task must cancel the sibling that created it, once it is registered.
    RuntimeException third = new RuntimeException("third task failed");
    List<Object> log = new ArrayList<>();

    ExceptionGroup eg =
        assertThrows(
            ExceptionGroup.class,
            () ->
                run(
                    co(
                        () -> {
                          getRunningLoop().setEagerTasks(true);
                          return awaitAndReturn(
                              asyncWith(
                                  new TaskGroup(),
                                  tg -> {
                                    tg.createTask(
                                        co(
                                            "second",
                                            () -> {
                                              tg.createTask(
                                                  co(
                                                      "third",
                                                      () -> {
                                                        throw third;
                                                      }));
                                              return await(
                                                  sleep(0),
                                                  (v, e) -> {
                                                    log.add(e);
                                                    if (e != null) {
                                                      return ret();
                                                    }
                                                    return await(
                                                        sleep(0),
                                                        (v2, e2) -> {
                                                          log.add(e2);
                                                          return ret();
                                                        });
                                                  });
                                            }));
                                    return done();
                                  }));
                        })));

    assertEquals(List.of(third), eg.exceptions());
    assertEquals(1, log.size(), () -> "log: " + log);
    assertInstanceOf(CancelledError.class, log.get(0), "the sibling was cancelled at its yield");
  }
}
