package dev.jasyncio;

import static dev.jasyncio.Asyncio.asyncWith;
import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.currentTask;
import static dev.jasyncio.Asyncio.getRunningLoop;
import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Asyncio.timeout;
import static dev.jasyncio.Asyncio.timeoutAt;
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

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link Timeout}, {@link Asyncio#timeout} and {@link Asyncio#timeoutAt}: expiry turns the
 * timeout's own cancellation into a {@link TimeoutException}, other cancellations stay {@link
 * CancelledError}s, and the deadline can be moved while the timeout is active.
 */
class TimeoutTest {
  private static final double EPS = 1e-9;

  private final TestEventLoop loop = new TestEventLoop();

  private <T> T run(Coroutine<T> main) {
    return Asyncio.run(main, () -> loop);
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
                  return ret("slept");
                }));
  }

  /** Awaits {@code awaitable} and finishes with its outcome: its value or what it raised. */
  private static Coroutine<Object> outcome(Awaitable<?> awaitable) {
    return co(() -> await(awaitable, (v, e) -> ret(e != null ? e : v)));
  }

  // ---- case 40 ----

  @Test
  @DisplayName(
      "case 40 timeoutBasic: timeout(10 ms) around sleep(1 s) raises TimeoutException caused by"
          + " the CancelledError")
  void case40_timeoutAroundALongerSleepRaisesTimeoutExceptionCausedByTheCancellation() {
    AtomicReference<Timeout> cm = new AtomicReference<>();
    List<Throwable> bodySaw = new ArrayList<>();

    TimeoutException e =
        assertThrows(
            TimeoutException.class,
            () ->
                run(
                    co(
                        () -> {
                          cm.set(timeout(0.01));
                          return awaitAndReturn(
                              asyncWith(cm.get(), t -> sleepRecording(1, bodySaw)));
                        })));

    assertInstanceOf(CancelledError.class, e.getCause());
    assertEquals(1, bodySaw.size());
    assertSame(bodySaw.get(0), e.getCause(), "the cause is the cancellation the body received");
    assertTrue(cm.get().expired());
    assertEquals(0.01, loop.time(), EPS);
    assertTrue(e.getMessage().contains("expired"), e.getMessage());
  }

  @Test
  void expiredTimeoutLeavesTheTaskNotCancelled() {
    List<Object> log = new ArrayList<>();

    Object result =
        run(
            co(
                () ->
                    await(
                        outcome(asyncWith(timeout(0.01), t -> sleep(1))),
                        raised -> {
                          log.add(raised.getClass().getSimpleName());
                          log.add(currentTask().cancelling());
                          return await(sleep(1), v -> ret("finished"));
                        })));

    assertEquals("finished", result);
    assertEquals(List.of("TimeoutException", 0), log);
    assertEquals(1.01, loop.time(), EPS);
  }

  @Test
  void timeoutZeroAroundSleepZeroRaisesTimeoutException() {
    AtomicReference<Timeout> cm = new AtomicReference<>();

    assertThrows(
        TimeoutException.class,
        () ->
            run(
                co(
                    () -> {
                      cm.set(timeout(0));
                      return awaitAndReturn(asyncWith(cm.get(), t -> sleep(0)));
                    })));

    assertTrue(cm.get().expired());
    assertEquals(0.0, cm.get().when());
    assertEquals(0.0, loop.time());
  }

  @Test
  void negativeDelayExpiresAtTheFirstAwait() {
    AtomicReference<Timeout> cm = new AtomicReference<>();

    assertThrows(
        TimeoutException.class,
        () ->
            run(
                co(
                    () -> {
                      cm.set(timeout(-11));
                      return awaitAndReturn(asyncWith(cm.get(), t -> sleep(0)));
                    })));

    assertTrue(cm.get().expired());
    assertEquals(-11.0, cm.get().when());
    assertEquals(0.0, loop.time());
  }

  @Test
  void bodyFinishingBeforeTheDeadlineIsNotAffected() {
    AtomicReference<Timeout> cm = new AtomicReference<>();

    Object result =
        run(
            co(
                () -> {
                  cm.set(timeout(10));
                  return awaitAndReturn(asyncWith(cm.get(), t -> sleep(0.01, "done")));
                }));

    assertEquals("done", result);
    assertFalse(cm.get().expired());
    assertEquals(10.0, cm.get().when());
    assertEquals(0.01, loop.time(), EPS);
  }

  @Test
  void foreignExceptionPassesThroughUnchanged() {
    AtomicReference<Timeout> cm = new AtomicReference<>();
    IllegalArgumentException boom = new IllegalArgumentException("boom");

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                run(
                    co(
                        () -> {
                          cm.set(timeout(0.01));
                          return awaitAndReturn(
                              asyncWith(
                                  cm.get(),
                                  t ->
                                      co(
                                          () -> {
                                            throw boom;
                                          })));
                        })));

    assertSame(boom, e);
    assertEquals(0, e.getSuppressed().length);
    assertFalse(cm.get().expired());
  }

  @Test
  void exceptionRaisedWhileCleaningUpAfterExpiryPropagatesWithTheTimeoutAttached() {
    ArithmeticException crash = new ArithmeticException("crash in cleanup");

    ArithmeticException e =
        assertThrows(
            ArithmeticException.class,
            () ->
                run(
                    co(
                        () ->
                            awaitAndReturn(
                                asyncWith(
                                    timeout(0.01),
                                    t ->
                                        co(
                                            () ->
                                                await(
                                                    sleep(1),
                                                    (v, err) -> {
                                                      throw crash;
                                                    })))))));

    assertSame(crash, e);
    assertTrue(
        Arrays.stream(e.getSuppressed()).anyMatch(s -> s instanceof TimeoutException),
        () -> "suppressed: " + Arrays.toString(e.getSuppressed()));
    assertEquals(0.01, loop.time(), EPS);
  }

  // ---- case 41 ----

  @Test
  @DisplayName(
      "case 41 nestedTimeouts: outer 10 ms around inner 1 s: the outer raises, inner.expired() is"
          + " false")
  void case41_outerTimeoutExpiringFirstRaisesAndTheInnerOneDoesNot() {
    AtomicReference<Timeout> outer = new AtomicReference<>();
    AtomicReference<Timeout> inner = new AtomicReference<>();
    List<Object> innerRaised = new ArrayList<>();

    assertThrows(
        TimeoutException.class,
        () ->
            run(
                co(
                    () -> {
                      outer.set(timeout(0.01));
                      inner.set(timeout(1));
                      return awaitAndReturn(
                          asyncWith(
                              outer.get(),
                              o ->
                                  co(
                                      () ->
                                          await(
                                              asyncWith(inner.get(), i -> sleep(10)),
                                              (v, e) -> {
                                                innerRaised.add(e);
                                                throw e;
                                              }))));
                    })));

    assertEquals(1, innerRaised.size());
    assertInstanceOf(CancelledError.class, innerRaised.get(0), "the inner timeout passes it on");
    assertTrue(outer.get().expired());
    assertFalse(inner.get().expired());
    assertEquals(0.01, loop.time(), EPS);
  }

  @Test
  void nestedTimeoutsWithTheSameDeadlineOnlyTheOutermostRaises() {
    AtomicReference<Timeout> outer = new AtomicReference<>();
    AtomicReference<Timeout> inner = new AtomicReference<>();
    List<Object> innerRaised = new ArrayList<>();

    assertThrows(
        TimeoutException.class,
        () ->
            run(
                co(
                    () -> {
                      double deadline = getRunningLoop().time() + 0.01;
                      outer.set(timeoutAt(deadline));
                      inner.set(timeoutAt(deadline));
                      return awaitAndReturn(
                          asyncWith(
                              outer.get(),
                              o ->
                                  co(
                                      () ->
                                          await(
                                              asyncWith(inner.get(), i -> sleep(10)),
                                              (v, e) -> {
                                                innerRaised.add(e);
                                                throw e;
                                              }))));
                    })));

    assertInstanceOf(CancelledError.class, innerRaised.get(0));
    assertTrue(outer.get().expired());
    assertTrue(inner.get().expired());
  }

  @Test
  void innerTimeoutExpiringFirstRaisesInsideTheOuterOne() {
    AtomicReference<Timeout> outer = new AtomicReference<>();
    AtomicReference<Timeout> inner = new AtomicReference<>();

    Object result =
        run(
            co(
                () -> {
                  outer.set(timeout(1));
                  inner.set(timeout(0.01));
                  return awaitAndReturn(
                      asyncWith(
                          outer.get(),
                          o ->
                              co(
                                  () ->
                                      await(
                                          outcome(asyncWith(inner.get(), i -> sleep(10))),
                                          raised ->
                                              await(
                                                  sleep(0.5),
                                                  v -> ret(raised.getClass().getSimpleName()))))));
                }));

    assertEquals("TimeoutException", result);
    assertTrue(inner.get().expired());
    assertFalse(outer.get().expired());
    assertEquals(0.51, loop.time(), EPS);
  }

  // ---- case 42 ----

  @Test
  @DisplayName(
      "case 42 externalCancelNotConverted: an outside cancel inside timeout(1 s) stays a"
          + " CancelledError")
  void case42_cancellationFromAnotherTaskStaysCancelledError() {
    AtomicReference<Timeout> cm = new AtomicReference<>();
    List<Throwable> bodySaw = new ArrayList<>();

    Object raised =
        run(
            co(
                () -> {
                  Task<Object> child =
                      createTask(
                          co(
                              () -> {
                                cm.set(timeout(1));
                                return awaitAndReturn(
                                    asyncWith(cm.get(), t -> sleepRecording(10, bodySaw)));
                              }));
                  return await(
                      sleep(0.5),
                      v -> {
                        child.cancel();
                        return await(
                            outcome(child),
                            r -> {
                              assertTrue(child.cancelled());
                              return ret(r);
                            });
                      });
                }));

    assertInstanceOf(CancelledError.class, raised);
    assertInstanceOf(CancelledError.class, bodySaw.get(0));
    assertFalse(cm.get().expired());
    assertEquals(0.5, loop.time(), EPS);
  }

  @Test
  @DisplayName("case 42 externalCancelNotConverted: the task cancelling itself inside a timeout")
  void case42_taskCancellingItselfInsideATimeoutGetsCancelledError() {
    AtomicReference<Timeout> cm = new AtomicReference<>();

    Object raised =
        run(
            co(
                () -> {
                  cm.set(timeout(10));
                  return awaitAndReturn(
                      outcome(
                          asyncWith(
                              cm.get(),
                              t ->
                                  co(
                                      () -> {
                                        currentTask().cancel();
                                        return awaitAndReturn(sleep(10));
                                      }))));
                }));

    assertInstanceOf(CancelledError.class, raised);
    assertFalse(cm.get().expired());
    assertEquals(0.0, loop.time());
  }

  @Test
  @DisplayName(
      "case 42 externalCancelNotConverted: an outside cancel arriving with the expiry still wins")
  void case42_outsideCancellationArrivingTogetherWithTheExpiryIsNotConverted() {
    AtomicReference<Timeout> cm = new AtomicReference<>();

    Object raised =
        run(
            co(
                () -> {
                  Task<?> me = currentTask();
                  cm.set(timeout(1));
                  // The same deadline as the timeout's: both run in one batch.
                  getRunningLoop().callAt(1.0, me::cancel);
                  return awaitAndReturn(outcome(asyncWith(cm.get(), t -> sleep(10))));
                }));

    assertInstanceOf(CancelledError.class, raised);
    assertTrue(cm.get().expired(), "the timeout did expire");
    assertEquals(1.0, loop.time(), EPS);
  }

  // ---- case 43 ----

  @Test
  @DisplayName(
      "case 43 bodySwallowsCancel: the body catches the cancel: no exception, cancelling() back"
          + " to its pre-entry value")
  void case43_bodySwallowingTheCancellationEndsNormallyAndRestoresTheCancelLevel() {
    AtomicReference<Timeout> cm = new AtomicReference<>();
    List<Object> log = new ArrayList<>();

    Object result =
        run(
            co(
                () -> {
                  Task<?> me = currentTask();
                  log.add(me.cancelling());
                  cm.set(timeout(1));
                  return await(
                      asyncWith(
                          cm.get(),
                          t ->
                              co(
                                  () ->
                                      await(
                                          sleep(10),
                                          (v, e) -> {
                                            log.add(e.getClass().getSimpleName());
                                            log.add(me.cancelling());
                                            return ret("swallowed");
                                          }))),
                      r -> {
                        log.add(r);
                        log.add(me.cancelling());
                        // Nothing is pending any more: this sleep is not cancelled.
                        return await(sleep(1), v -> ret("finished"));
                      });
                }));

    assertEquals("finished", result);
    assertEquals(List.of(0, "CancelledError", 1, "swallowed", 0), log);
    assertTrue(cm.get().expired());
    assertEquals(2.0, loop.time(), EPS);
  }

  @Test
  @DisplayName(
      "case 43 bodySwallowsCancel: a non-zero pre-entry cancel level is restored, not reset to 0")
  void case43_bodySwallowingTheCancellationRestoresANonZeroPreEntryLevel() {
    List<Object> log = new ArrayList<>();

    Object result =
        run(
            co(
                () -> {
                  Task<?> me = currentTask();
                  me.cancel();
                  return await(
                      sleep(0),
                      (v0, e0) -> {
                        // Swallowed an earlier cancellation: the count stays at 1.
                        log.add(me.cancelling());
                        return await(
                            asyncWith(
                                timeout(1),
                                t ->
                                    co(
                                        () ->
                                            await(
                                                sleep(10),
                                                (v, e) -> {
                                                  log.add(me.cancelling());
                                                  return ret("swallowed");
                                                }))),
                            r -> {
                              log.add(r);
                              log.add(me.cancelling());
                              return ret(me.cancelling());
                            });
                      });
                }));

    assertEquals(1, result);
    assertEquals(List.of(1, 2, "swallowed", 1), log);
  }

  @Test
  void timeoutAfterASwallowedCancellationStillRaisesTimeoutException() {
    Object raised =
        run(
            co(
                () -> {
                  currentTask().cancel();
                  return await(
                      sleep(1),
                      (v0, e0) -> awaitAndReturn(outcome(asyncWith(timeout(0), t -> sleep(1)))));
                }));

    assertInstanceOf(TimeoutException.class, raised);
    assertEquals(0.0, loop.time());
  }

  // ---- case 44 ----

  @Test
  @DisplayName("case 44 timeoutReschedule: reschedule(null) disables the timeout")
  void case44_rescheduleToNullDisablesTheTimeout() {
    AtomicReference<Timeout> cm = new AtomicReference<>();

    Object result =
        run(
            co(
                () -> {
                  cm.set(timeout(1));
                  return awaitAndReturn(
                      asyncWith(
                          cm.get(),
                          t ->
                              co(
                                  () -> {
                                    t.reschedule(null);
                                    assertNull(t.when());
                                    return awaitAndReturn(sleep(10, "slept"));
                                  })));
                }));

    assertEquals("slept", result);
    assertFalse(cm.get().expired());
    assertNull(cm.get().when());
    assertEquals(10.0, loop.time(), EPS);
  }

  @Test
  @DisplayName("case 44 timeoutReschedule: a deadline in the past fires on the next iteration")
  void case44_deadlineInThePastFiresOnTheNextIteration() {
    AtomicReference<Timeout> cm = new AtomicReference<>();
    List<Object> log = new ArrayList<>();

    assertThrows(
        TimeoutException.class,
        () ->
            run(
                co(
                    () -> {
                      cm.set(timeout(100));
                      return awaitAndReturn(
                          asyncWith(
                              cm.get(),
                              t ->
                                  co(
                                      () -> {
                                        t.reschedule(getRunningLoop().time() - 1);
                                        log.add("expired now: " + t.expired());
                                        // Queued after the expiry: runs in the same iteration.
                                        getRunningLoop()
                                            .callSoon(
                                                () -> log.add("next iteration: " + t.expired()));
                                        return await(
                                            sleep(10),
                                            (v, e) -> {
                                              log.add(e.getClass().getSimpleName());
                                              throw e;
                                            });
                                      })));
                    })));

    assertEquals(List.of("expired now: false", "next iteration: true", "CancelledError"), log);
    assertTrue(cm.get().expired());
    assertEquals(-1.0, cm.get().when());
    assertEquals(0.0, loop.time(), "no virtual time passed");
  }

  @Test
  @DisplayName("case 44 timeoutReschedule: moving the deadline later or earlier takes effect")
  void case44_rescheduleMovesTheDeadline() {
    List<Object> log = new ArrayList<>();

    run(
        co(
            () ->
                await(
                    outcome(
                        asyncWith(
                            timeout(1),
                            t ->
                                co(
                                    () -> {
                                      t.reschedule(5.0);
                                      log.add(t.when());
                                      return awaitAndReturn(sleep(3));
                                    }))),
                    first -> {
                      log.add(first);
                      log.add(getRunningLoop().time());
                      return await(
                          outcome(
                              asyncWith(
                                  timeout(100),
                                  t ->
                                      co(
                                          () -> {
                                            t.reschedule(getRunningLoop().time() + 2);
                                            return awaitAndReturn(sleep(10));
                                          }))),
                          second -> {
                            log.add(second.getClass().getSimpleName());
                            log.add(getRunningLoop().time());
                            return ret();
                          });
                    })));

    assertEquals(Arrays.asList(5.0, null, 3.0, "TimeoutException", 5.0), log);
  }

  @Test
  @DisplayName(
      "case 44 timeoutReschedule: entering a timeout twice (nested or again later) is an error")
  void case44_enteringATimeoutTwiceIsRejected() {
    List<Object> log = new ArrayList<>();

    run(
        co(
            () -> {
              Timeout cm = timeout(10);
              return await(
                  asyncWith(
                      cm,
                      t ->
                          co(
                              () ->
                                  await(
                                      outcome(asyncWith(t, again -> sleep(0))),
                                      nested -> {
                                        log.add(nested);
                                        return ret();
                                      }))),
                  v ->
                      await(
                          outcome(asyncWith(cm, again -> sleep(0))),
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
  @DisplayName("case 44 timeoutReschedule: entering outside a task is an error")
  void case44_enteringOutsideATaskIsRejected() {
    Timeout cm = timeoutAt(1.0);
    List<Throwable> errors = new ArrayList<>();

    run(
        co(
            () -> {
              getRunningLoop()
                  .callSoon(
                      () -> {
                        try {
                          cm.aenter().send(null);
                        } catch (Throwable t) {
                          errors.add(t);
                        }
                      });
              return awaitAndReturn(sleep(0));
            }));

    assertEquals(1, errors.size());
    IllegalStateException e = assertInstanceOf(IllegalStateException.class, errors.get(0));
    assertTrue(e.getMessage().contains("inside a task"), e.getMessage());
    IllegalStateException notEntered =
        assertThrows(IllegalStateException.class, () -> cm.reschedule(2.0));
    assertTrue(notEntered.getMessage().contains("has not been entered"), notEntered.getMessage());
  }

  @Test
  void enteringWithoutARunningLoopIsRejected() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> timeoutAt(1.0).aenter().send(null));
    assertTrue(e.getMessage().contains("no running event loop"), e.getMessage());
  }

  @Test
  @DisplayName(
      "case 44 timeoutReschedule: reschedule while expiring, after expiry or after exit is an"
          + " error")
  void case44_rescheduleOnceExpiringOrFinishedIsRejected() {
    List<String> messages = new ArrayList<>();
    AtomicReference<Timeout> expired = new AtomicReference<>();
    AtomicReference<Timeout> exited = new AtomicReference<>();

    run(
        co(
            () -> {
              expired.set(timeout(0.01));
              exited.set(timeout(10));
              return await(
                  outcome(
                      asyncWith(
                          expired.get(),
                          t ->
                              co(
                                  () ->
                                      await(
                                          sleep(1),
                                          (v, e) -> {
                                            messages.add(rescheduleError(t));
                                            throw e;
                                          })))),
                  r -> awaitAndReturn(asyncWith(exited.get(), t -> sleep(0))));
            }));

    messages.add(rescheduleError(expired.get()));
    messages.add(rescheduleError(exited.get()));
    assertEquals(3, messages.size());
    assertTrue(messages.get(0).contains("expiring"), messages.get(0));
    assertTrue(messages.get(1).contains("expired"), messages.get(1));
    assertTrue(messages.get(2).contains("exited"), messages.get(2));
  }

  private static String rescheduleError(Timeout t) {
    return assertThrows(IllegalStateException.class, () -> t.reschedule(100.0)).getMessage();
  }

  // ---- case 45 ----

  @Test
  @DisplayName(
      "case 45 timeoutAroundTaskGroup: a child fails during cleanup: ExceptionGroup with the"
          + " TimeoutException attached")
  void case45_timeoutAroundATaskGroupWhoseChildFailsInCleanupRaisesTheGroup() {
    AtomicReference<Timeout> cm = new AtomicReference<>();
    ArithmeticException crash = new ArithmeticException("crash in cleanup");
    List<Object> after = new ArrayList<>();

    ExceptionGroup eg =
        assertThrows(
            ExceptionGroup.class,
            () ->
                run(
                    co(
                        () -> {
                          cm.set(timeout(0.01));
                          Coroutine<Object> withTimeout =
                              asyncWith(
                                  cm.get(),
                                  t ->
                                      asyncWith(
                                          new TaskGroup(),
                                          tg -> {
                                            tg.createTask(
                                                co(
                                                    () ->
                                                        await(
                                                            sleep(2),
                                                            (v, e) -> {
                                                              throw crash;
                                                            })));
                                            return sleep(1);
                                          }));
                          return await(
                              withTimeout,
                              (v, e) -> {
                                after.add(currentTask().cancelling());
                                throw e;
                              });
                        })));

    assertEquals(List.of(crash), eg.exceptions());
    assertTrue(
        Arrays.stream(eg.getSuppressed()).anyMatch(s -> s instanceof TimeoutException),
        () -> "suppressed: " + Arrays.toString(eg.getSuppressed()));
    assertTrue(cm.get().expired());
    assertEquals(List.of(0), after, "the task is not left cancelled");
    assertEquals(0.01, loop.time(), EPS);
  }

  // ---- when(), timeoutAt(null), Duration, bad input ----

  @Test
  void whenReportsTheDeadlineOnTheLoopClock() {
    List<Object> log = new ArrayList<>();

    run(
        co(
            () ->
                await(
                    sleep(2),
                    v -> {
                      log.add(timeout(5).when());
                      log.add(timeoutAt(3.5).when());
                      log.add(timeoutAt(null).when());
                      Timeout cm = timeout(5);
                      return await(
                          asyncWith(
                              cm,
                              t ->
                                  co(
                                      () -> {
                                        t.reschedule(9.0);
                                        log.add(t.when());
                                        return ret();
                                      })),
                          r -> {
                            log.add(cm.when());
                            return ret();
                          });
                    })));

    assertEquals(Arrays.asList(7.0, 3.5, null, 9.0, 9.0), log);
  }

  @Test
  void rescheduleBeforeEnteringIsRejected() {
    Timeout cm = timeoutAt(1.0);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> cm.reschedule(2.0));
    assertTrue(e.getMessage().contains("has not been entered"), e.getMessage());
    assertEquals(1.0, cm.when(), "the deadline is unchanged");
  }

  @Test
  void timeoutAtNullNeverExpiresUntilRescheduled() {
    AtomicReference<Timeout> never = new AtomicReference<>();
    AtomicReference<Timeout> later = new AtomicReference<>();

    Object raised =
        run(
            co(
                () -> {
                  never.set(timeoutAt(null));
                  later.set(timeoutAt(null));
                  return await(
                      asyncWith(never.get(), t -> sleep(100)),
                      v ->
                          awaitAndReturn(
                              outcome(
                                  asyncWith(
                                      later.get(),
                                      t ->
                                          co(
                                              () ->
                                                  await(
                                                      sleep(50),
                                                      v2 -> {
                                                        t.reschedule(getRunningLoop().time() + 1);
                                                        return awaitAndReturn(sleep(100));
                                                      }))))));
                }));

    assertFalse(never.get().expired());
    assertNull(never.get().when());
    assertInstanceOf(TimeoutException.class, raised);
    assertTrue(later.get().expired());
    assertEquals(151.0, loop.time(), EPS);
  }

  @Test
  void durationOverloadSetsTheSameDeadline() {
    AtomicReference<Timeout> cm = new AtomicReference<>();

    assertThrows(
        TimeoutException.class,
        () ->
            run(
                co(
                    () -> {
                      cm.set(timeout(Duration.ofMillis(250)));
                      return awaitAndReturn(asyncWith(cm.get(), t -> sleep(1)));
                    })));

    assertEquals(0.25, cm.get().when(), EPS);
    assertEquals(0.25, loop.time(), EPS);
  }

  @Test
  void nanDeadlinesAreRejected() {
    IllegalArgumentException delay =
        assertThrows(IllegalArgumentException.class, () -> timeout(Double.NaN));
    assertTrue(delay.getMessage().contains("NaN"), delay.getMessage());
    IllegalArgumentException at =
        assertThrows(IllegalArgumentException.class, () -> timeoutAt(Double.NaN));
    assertTrue(at.getMessage().contains("NaN"), at.getMessage());
    NullPointerException nullDuration =
        assertThrows(NullPointerException.class, () -> timeout((Duration) null));
    assertTrue(nullDuration.getMessage().contains("delay"), nullDuration.getMessage());

    List<Object> log = new ArrayList<>();
    run(
        co(
            () ->
                awaitAndReturn(
                    asyncWith(
                        timeout(1),
                        t ->
                            co(
                                () -> {
                                  IllegalArgumentException e =
                                      assertThrows(
                                          IllegalArgumentException.class,
                                          () -> t.reschedule(Double.NaN));
                                  log.add(e.getMessage());
                                  log.add(t.when());
                                  return ret();
                                })))));
    assertTrue(((String) log.get(0)).contains("NaN"), (String) log.get(0));
    assertEquals(1.0, log.get(1), "the deadline is unchanged");
  }

  @Test
  void timeoutOutsideARunningLoopIsRejected() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> timeout(1));
    assertTrue(e.getMessage().contains("no running event loop"), e.getMessage());
  }
}
