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
import static dev.jasyncio.Steps.settle;
import static dev.jasyncio.Steps.steps;
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
 * Tests {@link Lock}: FIFO hand-over without barging, no reentrancy, cancellation before and after
 * a waiter is woken, async with, the loop binding, and its messages.
 */
class LockTest {
  private final TestEventLoop loop = new TestEventLoop();
  private final List<ExceptionContext> errors = new ArrayList<>();
  private final Lock lock = new Lock();
  private final List<Object> log = new ArrayList<>();
  private final List<Task<?>> tasks = new ArrayList<>();

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

  /** A task that acquires the lock, logs {@code name}, and keeps the lock. */
  private void acquirer(String name) {
    tasks.add(createTask(logged(name, lock.acquire(), log)));
  }

  // ---- case 58 ----

  @Test
  @DisplayName("case 58 lockFairnessAndCancel: waiters get the lock in the order they asked")
  void case58_waitersGetTheLockInTheOrderTheyAsked() {
    run(
        awaitingSteps(
            lock::acquire,
            () -> {
              acquirer("t1");
              acquirer("t2");
              return null;
            },
            () -> {
              assertEquals(List.of(), log);
              assertEquals("<Lock [locked, waiters:2]>", lock.toString());
              lock.release();
              return null;
            },
            () -> {
              assertEquals(List.of("t1"), log);
              assertTrue(lock.locked());
              return null;
            },
            () -> {
              assertEquals(List.of("t1"), log, "t2 waits while t1 holds the lock");
              acquirer("t3");
              lock.release();
              return null;
            },
            () -> {
              assertEquals(List.of("t1", "t2"), log);
              lock.release();
              return null;
            },
            () -> {
              assertEquals(List.of("t1", "t2", "t3"), log);
              assertEquals("<Lock [locked]>", lock.toString());
              return settle(tasks);
            }));

    for (Task<?> t : tasks) {
      assertEquals(true, t.result());
    }
  }

  @Test
  @DisplayName(
      "case 58 lockFairnessAndCancel: a woken waiter cancelled before it runs hands the lock to the"
          + " next waiter")
  void case58_wokenWaiterCancelledBeforeItRunsHandsTheLockToTheNext() {
    run(
        steps(
            () -> {
              finishNow(lock.acquire());
              acquirer("b");
              acquirer("c");
            },
            () -> {
              lock.release(); // wakes b
              assertTrue(tasks.get(0).cancel("too late"), "b has been woken but has not run");
            },
            () -> {
              assertTrue(tasks.get(0).cancelled());
              assertEquals(List.of("b raised CancelledError"), log);
              assertFalse(lock.locked(), "c is woken and takes the lock when it runs");
              assertEquals("<Lock [unlocked, waiters:1]>", lock.toString());
            },
            () -> {
              assertEquals(List.of("b raised CancelledError", "c"), log);
              assertEquals("<Lock [locked]>", lock.toString());
            }));
  }

  @Test
  @DisplayName(
      "case 58 lockFairnessAndCancel: re-acquiring from the same task blocks: the lock is not"
          + " reentrant")
  void case58_acquiringAgainFromTheHoldingTaskBlocks() {
    Object second =
        run(
            co(
                () ->
                    await(
                        lock.acquire(),
                        first -> {
                          assertEquals(true, first);
                          return await(outcome(waitFor(lock.acquire(), 5)), Coro::ret);
                        })));

    assertInstanceOf(TimeoutException.class, second);
    assertEquals(5.0, loop.time());
    assertEquals("<Lock [locked]>", lock.toString(), "the timed-out waiter left the queue");
  }

  // ---- fairness ----

  @Test
  void newAcquirerQueuesBehindAWokenWaiterInsteadOfTakingTheFreeLock() {
    run(
        steps(
            () -> {
              finishNow(lock.acquire());
              acquirer("a");
            },
            () -> {
              lock.release(); // wakes a, which has not run yet
              assertFalse(lock.locked());
              // b starts at once and finds the lock free, but a is in line before it
              tasks.add(
                  getRunningLoop().createTask(logged("b", lock.acquire(), log), "b", null, true));
              assertFalse(tasks.get(1).done(), "b did not barge in");
              assertEquals("<Lock [unlocked, waiters:2]>", lock.toString());
            },
            () -> {
              assertEquals(List.of("a"), log);
              lock.release();
            },
            () -> assertEquals(List.of("a", "b"), log)));
  }

  @Test
  void acquiringAFreeLockFinishesWithoutSuspendingOrAnyLoop() {
    Coroutine<Boolean> acquire = lock.acquire();
    assertFalse(lock.locked(), "acquire() does nothing until awaited");

    StopIteration done = assertThrows(StopIteration.class, () -> acquire.send(null));

    assertEquals(true, done.value());
    assertTrue(lock.locked());
  }

  // ---- cancellation ----

  @Test
  void waiterCancelledBeforeItIsWokenLeavesTheLineAtOnce() {
    run(
        steps(
            () -> {
              finishNow(lock.acquire());
              acquirer("b");
              acquirer("c");
            },
            () -> {
              tasks.get(0).cancel();
              assertEquals("<Lock [locked, waiters:1]>", lock.toString());
              lock.release(); // the lock goes to c: b is no longer in line
            },
            () -> {
              assertEquals(List.of("b raised CancelledError", "c"), log);
              assertTrue(tasks.get(0).cancelled());
              assertEquals("<Lock [locked]>", lock.toString());
            }));
  }

  @Test
  void cancellingAWaiterAndReleasingInOneCallbackLetsExactlyOneTaskIn() {
    // CPython's test_cancel_release_race (bpo-32734)
    run(
        steps(
            () -> {
              finishNow(lock.acquire());
              acquirer("t1");
              acquirer("t2");
              acquirer("t3");
            },
            () ->
                getRunningLoop()
                    .callSoon(
                        () -> {
                          tasks.get(0).cancel();
                          lock.release();
                        }),
            () -> {},
            () -> {
              assertEquals(List.of("t1 raised CancelledError", "t2"), log);
              assertTrue(lock.locked());
              assertEquals("<Lock [locked, waiters:1]>", lock.toString(), "t3 still waits");
            }));
    assertTrue(tasks.get(2).cancelled(), "run() cancelled the waiter left over");
  }

  @Test
  void taskCancelledBeforeItsAcquireRunsNeverTouchesTheLock() {
    run(
        steps(
            () -> {
              tasks.add(createTask(lock.acquire()));
              tasks.get(0).cancel();
            },
            () -> {
              assertTrue(tasks.get(0).cancelled());
              assertEquals("<Lock [unlocked]>", lock.toString());
            }));
  }

  @Test
  void waiterLeftByTheLoopShutdownDoesNotKeepTheLock() {
    run(
        steps(
            () -> {
              finishNow(lock.acquire());
              acquirer("a");
            },
            () -> {}));

    assertTrue(tasks.get(0).cancelled());
    assertEquals("<Lock [locked]>", lock.toString());
    lock.release();
    assertEquals("<Lock [unlocked]>", lock.toString());
  }

  // ---- release ----

  @Test
  void releasingALockThatIsNotHeldThrowsNamingIt() {
    IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);

    assertEquals("Lock is not acquired: <Lock [unlocked]>", e.getMessage());
  }

  @Test
  void anyTaskMayReleaseTheLock() {
    run(
        steps(
            () -> tasks.add(createTask(lock.acquire())),
            () -> {
              assertTrue(lock.locked());
              lock.release();
              assertFalse(lock.locked());
            }));
  }

  // ---- async with ----

  @Test
  void asyncWithHoldsTheLockForTheBodyAndEnteringProducesNull() {
    Object result =
        run(
            asyncWith(
                lock,
                entered -> {
                  assertNull(entered);
                  assertTrue(lock.locked());
                  return Asyncio.done("body");
                }));

    assertEquals("body", result);
    assertFalse(lock.locked());
  }

  @Test
  void asyncWithReleasesWhenTheBodyFailsAndDoesNotSuppress() {
    IllegalArgumentException boom = new IllegalArgumentException("boom");

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                run(
                    asyncWith(
                        lock,
                        entered ->
                            co(
                                () -> {
                                  throw boom;
                                }))));

    assertSame(boom, e);
    assertFalse(lock.locked());
  }

  @Test
  void asyncWithWaitsForTheLockBeforeRunningTheBody() {
    run(
        awaitingSteps(
            () -> {
              finishNow(lock.acquire());
              tasks.add(
                  createTask(
                      asyncWith(
                          lock,
                          entered ->
                              co(
                                  () -> {
                                    log.add("body at " + getRunningLoop().time());
                                    return await(Asyncio.sleep(1), v -> ret());
                                  }))));
              return null;
            },
            () -> {
              assertEquals(List.of(), log);
              getRunningLoop().callLater(2, lock::release);
              return tasks.get(0);
            }));

    assertEquals(List.of("body at 2.0"), log);
    assertEquals(3.0, loop.time());
    assertFalse(lock.locked());
  }

  @Test
  void aexitReleasesWhenCalledAndNeverSuppresses() {
    finishNow(lock.acquire());

    Coroutine<Boolean> exit = lock.aexit(new IllegalArgumentException("from the body"));

    assertFalse(lock.locked(), "released by the call, before any await");
    assertEquals(false, finishNow(exit));
  }

  @Test
  void exitingAnAsyncWithWhoseLockIsNotHeldThrows() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> lock.aexit(null));

    assertTrue(e.getMessage().startsWith("Lock is not acquired"), e.getMessage());
  }

  // ---- loops ----

  @Test
  void waitingFromATaskOfAnotherLoopThrows() {
    run(
        steps(
            () -> {
              finishNow(lock.acquire());
              acquirer("on the first loop");
            },
            lock::release,
            lock::release));
    assertEquals(List.of("on the first loop"), log);

    TestEventLoop second = new TestEventLoop();
    second.setExceptionHandler((l, context) -> errors.add(context));
    Object outcome =
        Asyncio.run(
            co(() -> await(lock.acquire(), v -> await(outcome(lock.acquire()), Coro::ret))),
            () -> second);

    IllegalStateException e = assertInstanceOf(IllegalStateException.class, outcome);
    assertTrue(e.getMessage().contains("is bound to a different event loop"), e.getMessage());
    assertEquals("<Lock [locked]>", lock.toString(), "nothing was queued");
  }

  @Test
  void releasingFromAnotherThreadThrowsOnceATaskHasWaited() {
    Throwable[] caught = new Throwable[1];
    run(
        steps(
            () -> {
              finishNow(lock.acquire());
              acquirer("a");
            },
            () -> {
              Thread other =
                  new Thread(
                      () -> caught[0] = assertThrows(IllegalStateException.class, lock::release),
                      "other");
              other.start();
              other.join();
              assertTrue(lock.locked(), "the refused release changed nothing");
            }));

    assertTrue(caught[0].getMessage().startsWith("Lock.release was called on thread 'other'"));
  }

  @Test
  void waitingWithoutARunningLoopThrowsAndQueuesNothing() {
    finishNow(lock.acquire());

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> lock.acquire().send(null));

    assertTrue(e.getMessage().contains("needs a running event loop"), e.getMessage());
    assertEquals("<Lock [locked]>", lock.toString());
  }

  // ---- toString ----

  @Test
  void toStringShowsTheStateAndTheNumberOfWaiters() {
    assertEquals("<Lock [unlocked]>", lock.toString());
    run(
        steps(
            () -> {
              finishNow(lock.acquire());
              assertEquals("<Lock [locked]>", lock.toString());
              acquirer("a");
              acquirer("b");
            },
            () -> {
              assertEquals("<Lock [locked, waiters:2]>", lock.toString());
              assertTrue(
                  tasks.get(0).toString().contains("wait_for=<waiter pending in <Lock"),
                  tasks.get(0).toString());
              assertEquals("acquire(<Lock [locked, waiters:2]>)", lock.acquire().toString());
            }));
  }
}
