package dev.jasyncio;

import static dev.jasyncio.Asyncio.asyncWith;
import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.getRunningLoop;
import static dev.jasyncio.Asyncio.sleep;
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
 * Tests {@link Semaphore}: permits, FIFO hand-over with {@code locked()} true while tasks wait,
 * cancellation before and after a waiter is handed a permit, over-release, async with and {@code
 * toString}.
 */
class SemaphoreTest {
  private final TestEventLoop loop = new TestEventLoop();
  private final List<ExceptionContext> errors = new ArrayList<>();
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

  private void acquirer(Semaphore sem, String name) {
    tasks.add(createTask(logged(name, sem.acquire(), log)));
  }

  // ---- case 60 ----

  @Test
  @DisplayName(
      "case 60 semaphoreAndBarrier: locked() is true while waiters are queued, even with a free"
          + " permit")
  void case60_lockedWhileWaitersAreQueuedEvenWithAFreePermit() {
    Semaphore sem = new Semaphore(0);
    run(
        steps(
            () -> {
              assertTrue(sem.locked(), "no permit");
              acquirer(sem, "a");
            },
            () -> {
              sem.release(); // handed to a, which has not run yet
              sem.release(); // free, but a is still in line
              assertEquals(1, sem.value);
              assertTrue(sem.locked());
              assertEquals("<Semaphore [locked, waiters:1]>", sem.toString());
              tasks.add(
                  getRunningLoop().createTask(logged("b", sem.acquire(), log), "b", null, true));
              assertFalse(tasks.get(1).done(), "b queued behind a instead of taking the permit");
            },
            () -> {
              assertEquals(List.of("a"), log);
              assertEquals(0, sem.value, "a, once it ran, handed the free permit to b");
              assertEquals("<Semaphore [locked, waiters:1]>", sem.toString());
            },
            () -> {
              assertEquals(List.of("a", "b"), log);
              assertEquals("<Semaphore [locked]>", sem.toString());
            }));
  }

  @Test
  void permitsFreedWhileTheFirstWaiterIsWokenGoToTheWaitersBehindIt() {
    // CPython's test_acquire_fifo_order_4
    Semaphore sem = new Semaphore(0);
    run(
        awaitingSteps(
            () -> {
              acquirer(sem, "1");
              tasks.add(
                  createTask(
                      co(
                          () -> {
                            sem.release();
                            sem.release();
                            sem.release();
                            assertEquals(2, sem.value);
                            assertTrue(sem.locked(), "1 has not run yet");
                            return await(logged("2", sem.acquire(), log), Coro::ret);
                          })));
              acquirer(sem, "3");
              return null;
            },
            () -> {
              assertEquals(2, sem.value);
              assertEquals("<Semaphore [locked, waiters:3]>", sem.toString());
              return settle(tasks);
            }));

    assertEquals(List.of("1", "2", "3"), log);
    assertEquals(0, sem.value);
  }

  // ---- permits ----

  @Test
  void acquiringTakesPermitsUntilNoneAreLeft() {
    // CPython's test_acquire
    Semaphore sem = new Semaphore(3);
    run(
        awaitingSteps(
            sem::acquire,
            sem::acquire,
            () -> {
              assertFalse(sem.locked());
              acquirer(sem, "1");
              acquirer(sem, "2");
              acquirer(sem, "3");
              return null;
            },
            () -> {
              assertEquals(List.of("1"), log);
              assertTrue(sem.locked());
              assertEquals("<Semaphore [locked, waiters:2]>", sem.toString());
              acquirer(sem, "4");
              sem.release();
              sem.release();
              assertEquals(0, sem.value, "both permits are handed to waiters");
              return null;
            },
            () -> {
              assertEquals(List.of("1", "2", "3"), log);
              assertTrue(sem.locked());
              assertEquals("<Semaphore [locked, waiters:1]>", sem.toString());
              sem.release();
              return settle(tasks);
            }));

    assertEquals(List.of("1", "2", "3", "4"), log);
  }

  @Test
  void tasksTakeTurnsInTheOrderTheyAsked() {
    // CPython's test_acquire_fifo_order
    Semaphore sem = new Semaphore(1);
    List<Task<?>> group = new ArrayList<>();
    run(
        awaitingSteps(
            () -> {
              for (String tag : List.of("c1", "c2", "c3")) {
                group.add(createTask(twice(sem, tag)));
              }
              return settle(group);
            }));

    assertEquals(List.of("c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"), log);
    assertEquals(0.06, loop.time(), 1e-9);
  }

  /** Acquires, logs, sleeps and releases, twice. */
  private Coroutine<Object> twice(Semaphore sem, String tag) {
    return co(() -> await(once(sem, tag + "_1"), v -> await(once(sem, tag + "_2"), Coro::ret)));
  }

  private Coroutine<Object> once(Semaphore sem, String entry) {
    return co(
        () ->
            await(
                sem.acquire(),
                v -> {
                  log.add(entry);
                  return await(
                      sleep(0.01),
                      w -> {
                        sem.release();
                        return ret();
                      });
                }));
  }

  @Test
  void releasingMoreOftenThanAcquiringAddsPermits() {
    Semaphore sem = new Semaphore(1);

    sem.release();

    assertEquals("<Semaphore [unlocked, value:2]>", sem.toString());
    assertEquals(true, finishNow(sem.acquire()));
    assertEquals(true, finishNow(sem.acquire()));
    assertEquals("<Semaphore [locked]>", sem.toString());
  }

  @Test
  void theDefaultSemaphoreHasOnePermit() {
    Semaphore sem = new Semaphore();

    assertEquals("<Semaphore [unlocked, value:1]>", sem.toString());
    Coroutine<Boolean> acquire = sem.acquire();
    assertFalse(sem.locked(), "acquire() does nothing until awaited");
    assertEquals(true, finishNow(acquire));
    assertTrue(sem.locked());
  }

  @Test
  void negativeInitialValueIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));

    assertEquals("Semaphore initial value must be >= 0, not -1", e.getMessage());
  }

  // ---- cancellation ----

  @Test
  void waitersCancelledBeforeAReleaseLeaveAndThePermitGoesToTheNext() {
    // CPython's test_acquire_cancel_before_awoken
    Semaphore sem = new Semaphore(0);
    run(
        steps(
            () -> {
              for (String name : List.of("t1", "t2", "t3", "t4")) {
                acquirer(sem, name);
              }
            },
            () -> {
              tasks.get(0).cancel();
              tasks.get(1).cancel();
              sem.release();
            },
            () -> {},
            () -> {
              assertEquals(
                  List.of("t1 raised CancelledError", "t2 raised CancelledError", "t3"), log);
              assertFalse(tasks.get(3).done());
              assertEquals("<Semaphore [locked, waiters:1]>", sem.toString());
            }));
  }

  @Test
  void waiterCancelledAfterItWasHandedAPermitPassesItOn() {
    Semaphore sem = new Semaphore(0);
    run(
        steps(
            () -> {
              acquirer(sem, "t1");
              acquirer(sem, "t2");
            },
            () -> {
              sem.release(); // handed to t1
              assertEquals(0, sem.value);
              assertTrue(tasks.get(0).cancel(), "t1 is woken but has not run");
            },
            () -> {
              assertEquals(List.of("t1 raised CancelledError"), log);
              assertEquals(0, sem.value, "t1 gave the permit back and it went to t2");
              assertEquals("<Semaphore [locked, waiters:1]>", sem.toString());
            },
            () -> {
              assertEquals(List.of("t1 raised CancelledError", "t2"), log);
              assertEquals("<Semaphore [locked]>", sem.toString());
            }));
  }

  @Test
  void waiterCancelledBeforeTheReleaseDoesNotHangTheNext() {
    // CPython's test_acquire_hang
    Semaphore sem = new Semaphore(0);
    run(
        steps(
            () -> {
              acquirer(sem, "t1");
              acquirer(sem, "t2");
            },
            () -> {
              tasks.get(0).cancel();
              sem.release();
            },
            () -> {},
            () -> {
              assertTrue(sem.locked());
              assertTrue(tasks.get(1).done());
            }));
  }

  @Test
  void cancellingAWaiterFromInsideTheHolderLeavesTheSemaphoreUsable() {
    // CPython's test_acquire_no_hang
    Semaphore sem = new Semaphore(1);
    Task<?>[] t2 = new Task<?>[1];
    List<Object> outcomes =
        run(
            co(
                () -> {
                  Task<Object> t1 =
                      createTask(
                          asyncWith(
                              sem,
                              entered ->
                                  co(
                                      () ->
                                          await(
                                              sleep(0),
                                              v -> {
                                                t2[0].cancel();
                                                return ret("t1");
                                              }))));
                  t2[0] = createTask(asyncWith(sem, entered -> Asyncio.done("t2")));
                  return await(
                      Steps.settle(List.of(t1, t2[0])),
                      results -> await(waitFor(sem.acquire(), 1.0), v -> ret(results)));
                }));

    assertEquals("t1", outcomes.get(0));
    assertInstanceOf(CancelledError.class, outcomes.get(1));
    assertEquals(0.0, loop.time());
  }

  // ---- async with ----

  @Test
  void asyncWithHoldsAPermitForTheBodyAndReleasesItWhenTheBodyFails() {
    Semaphore sem = new Semaphore(2);
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    Object outcome =
        run(
            outcome(
                asyncWith(
                    sem,
                    entered -> {
                      assertNull(entered);
                      assertEquals(1, sem.value);
                      return co(
                          () -> {
                            throw boom;
                          });
                    })));

    assertSame(boom, outcome);
    assertEquals("<Semaphore [unlocked, value:2]>", sem.toString());
  }

  @Test
  void asyncWithWaitsForAPermit() {
    Semaphore sem = new Semaphore(1);
    run(
        awaitingSteps(
            sem::acquire,
            () -> {
              tasks.add(
                  createTask(
                      asyncWith(
                          sem,
                          entered -> {
                            log.add("body at " + getRunningLoop().time());
                            return Asyncio.done();
                          })));
              getRunningLoop().callLater(4, sem::release);
              return tasks.get(0);
            }));

    assertEquals(List.of("body at 4.0"), log);
    assertEquals("<Semaphore [unlocked, value:1]>", sem.toString());
  }

  @Test
  void acquireCoroutineNamesTheSemaphore() {
    Semaphore sem = new Semaphore(3);

    assertEquals("acquire(<Semaphore [unlocked, value:3]>)", sem.acquire().toString());
  }
}
