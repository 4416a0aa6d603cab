package dev.jasyncio;

import static dev.jasyncio.Asyncio.asyncWith;
import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.getRunningLoop;
import static dev.jasyncio.Asyncio.waitFor;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static dev.jasyncio.Steps.awaitingSteps;
import static dev.jasyncio.Steps.finishNow;
import static dev.jasyncio.Steps.logged;
import static dev.jasyncio.Steps.outcome;
import static dev.jasyncio.Steps.steps;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link Condition}: waiting releases the lock and returns with it held again, notifications
 * wake waiters in order, {@code waitFor}, the lock must be held, and cancellation while waiting,
 * after a notification and while re-acquiring the lock.
 */
class ConditionTest {
  private final TestEventLoop loop = new TestEventLoop();
  private final List<ExceptionContext> errors = new ArrayList<>();
  private final Lock lock = new Lock();
  private final Condition cond = new Condition(lock);
  private final List<Object> log = new ArrayList<>();
  private final List<Task<?>> tasks = new ArrayList<>();

  /** The shared state of the consumer tests: items available, or negative to stop. */
  private int items;

  @BeforeEach
  void captureErrors() {
    loop.setExceptionHandler((l, context) -> errors.add(context));
  }

  @AfterEach
  void noStrayErrors() {
    assertEquals(List.of(), errors, "unexpected errors on the loop");
  }

  private <T> T run(Coroutine<T> main) {
    return Asyncio.run(main, () -> loop);
  }

  /** A task that acquires the condition, waits once, logs {@code name} and keeps the lock. */
  private void waiter(String name) {
    tasks.add(
        createTask(
            co(
                name,
                () ->
                    await(
                        cond.acquire(),
                        v -> await(logged(name, cond.waitCondition(), log), Coro::ret)))));
  }

  /** Like {@link #waiter}, but releases the lock after logging. */
  private void releasingWaiter(String name) {
    tasks.add(
        createTask(
            co(
                name,
                () ->
                    await(
                        cond.acquire(),
                        v ->
                            await(
                                logged(name, cond.waitCondition(), log, cond::release),
                                Coro::ret)))));
  }

  /** Inside the condition: waits for an item and takes it, until {@link #items} is negative. */
  private Coroutine<Object> consumer() {
    return asyncWith(cond, entered -> consumeLoop());
  }

  private Coroutine<Object> consumeLoop() {
    return co(
        () ->
            await(
                cond.waitFor(() -> items != 0),
                v -> {
                  if (items < 0) {
                    return ret();
                  }
                  items--;
                  return await(consumeLoop(), Coro::ret);
                }));
  }

  // ---- case 59 ----

  @Test
  @DisplayName("case 59 conditionSemantics: waiting or notifying without the lock throws")
  void case59_waitingOrNotifyingWithoutTheLockThrows() {
    List<Object> outcomes =
        run(
            co(
                () ->
                    await(
                        outcome(cond.waitCondition()),
                        waited ->
                            await(
                                outcome(cond.waitFor(() -> false)),
                                waitedFor -> ret(List.of(waited, waitedFor))))));
    Object waited = outcomes.get(0);
    Object waitedFor = outcomes.get(1);

    IllegalStateException e = assertInstanceOf(IllegalStateException.class, waited);
    assertEquals("cannot wait on un-acquired lock: <Condition [unlocked]>", e.getMessage());
    assertInstanceOf(IllegalStateException.class, waitedFor);
    IllegalStateException n =
        assertThrows(IllegalStateException.class, () -> cond.notifyWaiters(1));
    assertEquals("cannot notify on un-acquired lock: <Condition [unlocked]>", n.getMessage());
    assertThrows(IllegalStateException.class, cond::notifyAllWaiters);
    assertEquals("<Condition [unlocked]>", cond.toString());
  }

  @Test
  @DisplayName("case 59 conditionSemantics: waitFor returns once the predicate holds")
  void case59_waitForReturnsOnceThePredicateHolds() {
    // CPython's test_wait_for
    boolean[] ready = {false};
    run(
        awaitingSteps(
            () -> {
              tasks.add(
                  createTask(
                      co(
                          () ->
                              await(
                                  cond.acquire(),
                                  v ->
                                      await(
                                          logged(
                                              "t",
                                              cond.waitFor(() -> ready[0]),
                                              log,
                                              cond::release),
                                          Coro::ret)))));
              return null;
            },
            cond::acquire,
            () -> {
              cond.notifyWaiters(1);
              cond.release();
              return null;
            },
            () -> {
              assertEquals(List.of(), log, "woken, but the predicate is still false");
              ready[0] = true;
              return cond.acquire();
            },
            () -> {
              cond.notifyWaiters(1);
              cond.release();
              return null;
            },
            () -> {
              assertEquals(List.of("t"), log);
              assertEquals(true, tasks.get(0).result());
              assertFalse(cond.locked());
              return null;
            }));
  }

  @Test
  @DisplayName(
      "case 59 conditionSemantics: waitFor with a predicate already true returns at once, lock or"
          + " not")
  void case59_waitForWithAPredicateAlreadyTrueReturnsAtOnceWithoutTheLock() {
    assertEquals(true, finishNow(cond.waitFor(() -> true)));
    assertFalse(cond.locked());
  }

  @Test
  @DisplayName(
      "case 59 conditionSemantics: a cancelled wait re-acquires the lock and rethrows the same"
          + " CancelledError")
  void case59_cancelledWaitReacquiresTheLockAndRethrowsTheSameInstance() {
    // CPython's test_cancelled_error_wakeup
    CancelledError[] raised = new CancelledError[1];
    boolean[] heldWhenRaised = new boolean[1];
    run(
        steps(
            () ->
                tasks.add(
                    createTask(
                        asyncWith(
                            cond,
                            entered ->
                                co(
                                    () ->
                                        await(
                                            cond.waitFor(() -> false),
                                            (v, e) -> {
                                              raised[0] = (CancelledError) e;
                                              heldWhenRaised[0] = cond.locked();
                                              throw e;
                                            }))))),
            () -> assertTrue(tasks.get(0).cancel("foo")),
            () -> {}));

    CancelledError e = assertThrows(CancelledError.class, () -> tasks.get(0).result());
    assertEquals("foo", e.getMessage());
    assertSame(raised[0], e, "the task ends with the instance the wait raised");
    assertTrue(heldWhenRaised[0], "the lock was held again when the cancellation arrived");
    assertEquals("<Condition [unlocked]>", cond.toString());
  }

  @Test
  @DisplayName(
      "case 59 conditionSemantics: a cancellation while re-acquiring the lock is raised once it is"
          + " held")
  void case59_cancellationWhileReacquiringIsRaisedOnceTheLockIsHeld() {
    // CPython's test_cancelled_error_re_aquire
    boolean[] wake = {false};
    CancelledError[] raised = new CancelledError[1];
    boolean[] heldWhenRaised = new boolean[1];
    run(
        awaitingSteps(
            () -> {
              tasks.add(
                  createTask(
                      asyncWith(
                          cond,
                          entered ->
                              co(
                                  () ->
                                      await(
                                          cond.waitFor(() -> wake[0]),
                                          (v, e) -> {
                                            raised[0] = (CancelledError) e;
                                            heldWhenRaised[0] = cond.locked();
                                            throw e;
                                          })))));
              return null;
            },
            cond::acquire,
            () -> {
              wake[0] = true;
              cond.notifyWaiters(1);
              return null;
            },
            () -> {
              // the task now waits for the lock, which this task holds
              assertEquals("<Lock [locked, waiters:1]>", lock.toString());
              tasks.get(0).cancel("foo");
              cond.release();
              return outcome(tasks.get(0));
            }));

    CancelledError e = assertThrows(CancelledError.class, () -> tasks.get(0).result());
    assertEquals("foo", e.getMessage());
    assertSame(raised[0], e);
    assertTrue(heldWhenRaised[0]);
  }

  // ---- notifications ----

  @Test
  void waitReleasesTheLockAndNotifiedTasksReturnOneAtATimeHoldingIt() {
    // CPython's test_wait: the waiters keep the lock once they have it
    run(
        awaitingSteps(
            () -> {
              waiter("t1");
              waiter("t2");
              waiter("t3");
              return null;
            },
            () -> {
              assertEquals(List.of(), log);
              assertFalse(cond.locked(), "every waiter released the lock");
              return cond.acquire();
            },
            () -> {
              cond.notifyWaiters(1);
              return null;
            },
            () -> {
              assertEquals(List.of(), log, "t1 is notified but waits for the lock");
              assertTrue(cond.locked());
              cond.release();
              return null;
            },
            () -> {
              assertEquals(List.of("t1"), log);
              assertTrue(cond.locked(), "t1 holds the lock");
              cond.notifyWaiters(2);
              return null;
            },
            () -> {
              assertEquals(List.of("t1"), log);
              cond.release();
              return null;
            },
            () -> {
              assertEquals(List.of("t1", "t2"), log);
              cond.release();
              return null;
            },
            () -> {
              assertEquals(List.of("t1", "t2", "t3"), log);
              assertTrue(cond.locked());
              return null;
            }));

    for (Task<?> t : tasks) {
      assertEquals(true, t.result());
    }
  }

  @Test
  void notifyWakesAtMostNWaitersLongestWaitingFirst() {
    // CPython's test_notify
    run(
        awaitingSteps(
            () -> {
              releasingWaiter("t1");
              releasingWaiter("t2");
              releasingWaiter("t3");
              return null;
            },
            cond::acquire,
            () -> {
              cond.notifyWaiters(1);
              cond.release();
              return null;
            },
            () -> {
              assertEquals(List.of("t1"), log);
              return cond.acquire();
            },
            () -> {
              cond.notifyWaiters(0);
              cond.notifyWaiters(-1);
              cond.notifyWaiters(1);
              cond.notifyWaiters(2048);
              assertEquals("<Condition [locked, waiters:2]>", cond.toString());
              cond.release();
              return null;
            },
            () -> {
              assertEquals(List.of("t1", "t2", "t3"), log);
              return null;
            }));
  }

  @Test
  void notifyAllWakesEveryWaiter() {
    run(
        awaitingSteps(
            () -> {
              releasingWaiter("t1");
              releasingWaiter("t2");
              return null;
            },
            cond::acquire,
            () -> {
              cond.notifyAllWaiters();
              cond.release();
              return null;
            },
            () -> {
              assertEquals(List.of("t1", "t2"), log);
              assertEquals("<Condition [unlocked]>", cond.toString());
              return null;
            }));
  }

  // ---- cancellation ----

  @Test
  void waitCancelledBeforeANotificationLeavesAndHoldsTheLockAgain() {
    // CPython's test_wait_cancel
    Object outcome =
        run(
            awaitingSteps(
                cond::acquire,
                () -> {
                  tasks.add(createTask(cond.waitCondition()));
                  getRunningLoop().callSoon(() -> tasks.get(0).cancel());
                  return outcome(tasks.get(0));
                }));

    assertInstanceOf(CancelledError.class, outcome);
    assertTrue(cond.locked(), "the cancelled wait took the lock back");
    assertEquals("<Condition [locked]>", cond.toString(), "and left the queue");
  }

  @Test
  void waitCancelledWithoutANotificationWakesNobodyElse() {
    run(
        steps(
            () -> {
              releasingWaiter("a");
              releasingWaiter("b");
            },
            () -> tasks.get(0).cancel(),
            () -> {},
            () -> {
              assertEquals(List.of("a raised CancelledError"), log);
              assertFalse(tasks.get(1).done(), "b got no spurious wake-up");
              assertEquals(
                  "<Condition [locked, waiters:1]>",
                  cond.toString(),
                  "a took the lock back and ended without releasing it");
              cond.release();
            }));
  }

  @Test
  void notifiedWaitCancelledWhileTheLockIsContestedEndsHoldingTheLock() {
    // CPython's test_wait_cancel_contested
    run(
        awaitingSteps(
            cond::acquire,
            () -> {
              tasks.add(createTask(cond.waitCondition()));
              return null;
            },
            () -> {
              assertFalse(cond.locked());
              return cond.acquire();
            },
            () -> {
              cond.notifyWaiters(1);
              getRunningLoop().callSoon(() -> tasks.get(0).cancel());
              getRunningLoop().callSoon(cond::release);
              return outcome(tasks.get(0));
            }));

    assertTrue(cond.locked(), "the cancelled task took the lock back");
  }

  @Test
  void notifiedWaiterCancelledBeforeItRunsPassesTheNotificationOn() {
    // CPython's test_cancelled_wakeup: no notification is lost to a cancellation
    run(
        awaitingSteps(
            () -> {
              tasks.add(createTask(consumer()));
              tasks.add(createTask(consumer()));
              return null;
            },
            cond::acquire,
            () -> {
              items++;
              cond.notifyWaiters(1);
              tasks.get(0).cancel(); // woken, not run yet
              return outcome(waitFor(cond.waitFor(() -> items == 0), 0.01));
            },
            () -> {
              assertEquals(0, items, "the other consumer took the item");
              items = -1;
              cond.notifyAllWaiters();
              cond.release();
              return tasks.get(1);
            }));

    assertTrue(tasks.get(0).cancelled());
  }

  @Test
  void notifiedWaiterCancelledWhileReacquiringPassesTheNotificationOn() {
    // CPython's test_cancelled_wakeup_relock
    run(
        awaitingSteps(
            () -> {
              tasks.add(createTask(consumer()));
              tasks.add(createTask(consumer()));
              return null;
            },
            cond::acquire,
            () -> {
              items++;
              cond.notifyWaiters(1);
              return null; // the first consumer wakes and queues for the lock
            },
            () -> {
              assertEquals("<Lock [locked, waiters:1]>", lock.toString());
              tasks.get(0).cancel();
              return outcome(waitFor(cond.waitFor(() -> items == 0), 0.01));
            },
            () -> {
              assertEquals(0, items, "the other consumer took the item");
              items = -1;
              cond.notifyAllWaiters();
              cond.release();
              return tasks.get(1);
            }));

    assertTrue(tasks.get(0).cancelled());
  }

  @Test
  void waiterCancelledAfterTheLockWasHandedToItTakesItBackAndPassesTheNotificationOn() {
    boolean[] heldWhenRaised = new boolean[1];
    run(
        awaitingSteps(
            () -> {
              tasks.add(
                  createTask(
                      asyncWith(
                          cond,
                          entered ->
                              co(
                                  () ->
                                      await(
                                          cond.waitCondition(),
                                          (v, e) -> {
                                            heldWhenRaised[0] = cond.locked();
                                            throw e;
                                          })))));
              releasingWaiter("u");
              return null;
            },
            cond::acquire,
            () -> {
              cond.notifyWaiters(1);
              return null;
            },
            () -> {
              assertEquals("<Lock [locked, waiters:1]>", lock.toString());
              cond.release(); // hands the lock to the notified task, which has not run yet
              assertTrue(tasks.get(0).cancel());
              return null;
            },
            () -> {
              assertTrue(tasks.get(0).cancelled());
              assertTrue(heldWhenRaised[0]);
              return null;
            },
            () -> {
              assertEquals(List.of("u"), log, "u got the notification instead");
              assertEquals("<Condition [unlocked]>", cond.toString());
              return null;
            }));
  }

  @Test
  void cancelledAgainWhileReacquiringKeepsTryingAndRaisesTheLatestWithTheLockHeld() {
    Throwable[] raised = new Throwable[1];
    boolean[] heldWhenRaised = new boolean[1];
    run(
        awaitingSteps(
            () -> {
              tasks.add(
                  createTask(
                      asyncWith(
                          cond,
                          entered ->
                              co(
                                  () ->
                                      await(
                                          cond.waitCondition(),
                                          (v, e) -> {
                                            raised[0] = e;
                                            heldWhenRaised[0] = cond.locked();
                                            throw e;
                                          })))));
              return null;
            },
            cond::acquire,
            () -> {
              tasks.get(0).cancel("first");
              return null;
            },
            () -> {
              assertEquals("<Lock [locked, waiters:1]>", lock.toString());
              tasks.get(0).cancel("second");
              return null;
            },
            () -> {
              assertEquals(
                  "<Lock [locked, waiters:1]>",
                  lock.toString(),
                  "cancelled again, it queues for the lock again");
              assertFalse(tasks.get(0).done());
              cond.release();
              return outcome(tasks.get(0));
            }));

    CancelledError e = assertThrows(CancelledError.class, () -> tasks.get(0).result());
    assertSame(raised[0], e);
    assertEquals("second", e.getMessage());
    assertEquals(1, e.getSuppressed().length);
    assertEquals("first", e.getSuppressed()[0].getMessage());
    assertTrue(heldWhenRaised[0]);
    assertFalse(cond.locked(), "async with released it");
  }

  @Test
  void waitForPredicateFailureEndsTheWaitWithTheLockHeld() {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    int[] calls = {0};
    Object outcome =
        run(
            awaitingSteps(
                cond::acquire,
                () -> {
                  tasks.add(
                      createTask(
                          cond.waitFor(
                              () -> {
                                if (++calls[0] == 2) {
                                  throw boom;
                                }
                                return false;
                              })));
                  return null;
                },
                cond::acquire,
                () -> {
                  cond.notifyWaiters(1);
                  cond.release();
                  return outcome(tasks.get(0));
                }));

    assertSame(boom, outcome);
    assertTrue(cond.locked(), "the failed wait holds the lock");
  }

  // ---- the lock ----

  @Test
  void conditionOverASharedLockSeesTheLocksState() {
    // CPython's test_explicit_lock
    Lock other = new Lock();
    Condition shared = new Condition(other);
    boolean[] seen = new boolean[4];
    run(
        awaitingSteps(
            () ->
                asyncWith(
                    shared,
                    entered -> {
                      assertNull(entered);
                      seen[0] = other.locked();
                      seen[1] = shared.locked();
                      return Asyncio.done();
                    }),
            () ->
                asyncWith(
                    other,
                    entered -> {
                      seen[2] = other.locked();
                      seen[3] = shared.locked();
                      return Asyncio.done();
                    })));

    assertArrayEquals(new boolean[] {true, true, true, true}, seen);
    assertFalse(other.locked());
    assertFalse(shared.locked());
  }

  @Test
  void acquireAndReleaseGoToTheLock() {
    assertEquals(true, finishNow(cond.acquire()));
    assertTrue(cond.locked());
    assertEquals("<Condition [locked]>", cond.toString());

    cond.release();

    assertFalse(cond.locked());
    IllegalStateException e = assertThrows(IllegalStateException.class, cond::release);
    assertTrue(e.getMessage().startsWith("Lock is not acquired"), e.getMessage());
  }

  @Test
  void toStringShowsTheLockAndTheWaiters() {
    run(
        steps(
            () -> waiter("a"),
            () -> {
              assertEquals("<Condition [unlocked, waiters:1]>", cond.toString());
              assertEquals(
                  "waitFor(<Condition [unlocked, waiters:1]>)",
                  cond.waitFor(() -> true).toString());
              assertEquals(
                  "waitCondition(<Condition [unlocked, waiters:1]>)",
                  cond.waitCondition().toString());
            }));
  }
}
