package dev.jasyncio;

import static dev.jasyncio.Asyncio.asyncWith;
import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static dev.jasyncio.Steps.awaitingSteps;
import static dev.jasyncio.Steps.finishNow;
import static dev.jasyncio.Steps.outcome;
import static dev.jasyncio.Steps.settle;
import static dev.jasyncio.Steps.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link Barrier}: indices, rounds and draining, {@code abort} and {@code reset},
 * cancellation while filling, after release and while blocked, async with, and {@code toString}.
 */
class BarrierTest {
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

  /** A task that waits on the barrier and logs {@code name=index}, or what it raised. */
  private void party(Barrier barrier, String name) {
    tasks.add(createTask(waitLogged(barrier, name)));
  }

  private Coroutine<Object> waitLogged(Barrier barrier, String name) {
    return co(
        name,
        () ->
            await(
                barrier.waitBarrier(),
                (v, e) -> {
                  log.add(name + (e != null ? " raised " + e.getClass().getSimpleName() : "=" + v));
                  if (e != null) {
                    throw e;
                  }
                  return ret(v);
                }));
  }

  /** A task that passes the barrier twice, logging each round. */
  private void twoRounds(Barrier barrier, String name) {
    tasks.add(
        createTask(
            co(
                () ->
                    await(
                        waitLogged(barrier, name + " r1"),
                        v -> await(waitLogged(barrier, name + " r2"), Coro::ret)))));
  }

  private Set<Object> indices() {
    Set<Object> s = new TreeSet<>();
    for (Task<?> t : tasks) {
      s.add(t.result());
    }
    return s;
  }

  // ---- case 60 ----

  @Test
  @DisplayName(
      "case 60 semaphoreAndBarrier: the tasks of a round get distinct indices 0..n-1, in arrival"
          + " order")
  void case60_tasksOfARoundGetDistinctIndicesInArrivalOrder() {
    Barrier barrier = new Barrier(3);
    run(
        awaitingSteps(
            () -> {
              party(barrier, "a");
              party(barrier, "b");
              return null;
            },
            () -> {
              assertEquals(2, barrier.nWaiting());
              assertEquals("<Barrier [filling, waiters:2/3]>", barrier.toString());
              party(barrier, "c");
              return settle(tasks);
            }));

    assertEquals(List.of("c=2", "a=0", "b=1"), log);
    assertEquals(0, barrier.nWaiting());
    assertEquals("<Barrier [filling, waiters:0/3]>", barrier.toString());
  }

  @Test
  @DisplayName(
      "case 60 semaphoreAndBarrier: abort breaks the waiting tasks and every later one with"
          + " BrokenBarrierException")
  void case60_abortBreaksWaitersAndLaterArrivals() {
    Barrier barrier = new Barrier(3);
    Object later =
        run(
            awaitingSteps(
                () -> {
                  party(barrier, "a");
                  party(barrier, "b");
                  return null;
                },
                () -> {
                  barrier.abort();
                  assertTrue(barrier.broken());
                  assertEquals("<Barrier [broken]>", barrier.toString());
                  assertEquals(0, barrier.nWaiting());
                  return settle(tasks);
                },
                () -> outcome(barrier.waitBarrier())));

    assertEquals(
        List.of("a raised BrokenBarrierException", "b raised BrokenBarrierException"), log);
    BrokenBarrierException e =
        assertThrows(BrokenBarrierException.class, () -> tasks.get(0).result());
    assertEquals("Barrier aborted or reset: <Barrier [broken]>", e.getMessage());
    BrokenBarrierException l = assertInstanceOf(BrokenBarrierException.class, later);
    assertEquals("Barrier aborted: <Barrier [broken]>", l.getMessage());
  }

  // ---- reset ----

  @Test
  void resetBreaksTheWaitingTasksAndTheBarrierCanBeUsedAgain() {
    // CPython's test_reset_barrier_while_tasks_waiting, then a full round
    Barrier barrier = new Barrier(3);
    run(
        awaitingSteps(
            () -> {
              party(barrier, "a");
              party(barrier, "b");
              return null;
            },
            () -> {
              barrier.reset();
              assertEquals("<Barrier [resetting, waiters:0/3]>", barrier.toString());
              assertFalse(barrier.broken());
              return settle(tasks);
            },
            () -> {
              assertEquals("<Barrier [filling, waiters:0/3]>", barrier.toString());
              tasks.clear();
              party(barrier, "x");
              party(barrier, "y");
              party(barrier, "z");
              return settle(tasks);
            }));

    assertEquals(
        List.of(
            "a raised BrokenBarrierException",
            "b raised BrokenBarrierException",
            "z=2",
            "x=0",
            "y=1"),
        log);
  }

  @Test
  void resetRepairsAnAbortedBarrier() {
    // CPython's test_reset_barrier: with nobody inside, reset() fills again at once
    Barrier barrier = new Barrier(1);
    barrier.abort();

    barrier.reset();

    assertFalse(barrier.broken());
    assertEquals("<Barrier [filling, waiters:0/1]>", barrier.toString());
    assertEquals(0, finishNow(barrier.waitBarrier()));
  }

  @Test
  void resetRightAfterAReleaseBreaksTheReleasedTasksThatHaveNotRunYet() {
    // CPython's test_reset_barrier_when_tasks_half_draining
    Barrier barrier = new Barrier(3);
    run(
        awaitingSteps(
            () -> {
              party(barrier, "a");
              party(barrier, "b");
              tasks.add(
                  createTask(
                      co(
                          () ->
                              await(
                                  barrier.waitBarrier(),
                                  index -> {
                                    log.add("c=" + index);
                                    barrier.reset(); // a and b are released but have not run
                                    return ret(index);
                                  }))));
              return settle(tasks);
            }));

    assertEquals(
        List.of("c=2", "a raised BrokenBarrierException", "b raised BrokenBarrierException"), log);
    assertFalse(barrier.broken());
    assertEquals("<Barrier [filling, waiters:0/3]>", barrier.toString());
  }

  // ---- rounds ----

  @Test
  void taskArrivingWhileTheBarrierDrainsWaitsUntilTheReleasedTasksHaveRun() {
    Barrier barrier = new Barrier(2);
    run(
        awaitingSteps(
            () -> {
              twoRounds(barrier, "a");
              twoRounds(barrier, "b");
              return null;
            },
            () -> {
              // b released the first round and came back at once; a has not run yet
              assertEquals(List.of("b r1=1"), log);
              assertEquals("<Barrier [draining, waiters:0/2]>", barrier.toString());
              assertEquals(0, barrier.nWaiting());
              return settle(tasks);
            }));

    assertEquals(List.of("b r1=1", "a r1=0", "b r2=1", "a r2=0"), log);
    assertEquals("<Barrier [filling, waiters:0/2]>", barrier.toString());
  }

  @Test
  void barrierOfOnePassesEveryTaskAtOnce() {
    Barrier barrier = new Barrier(1);

    assertEquals(0, finishNow(barrier.waitBarrier()));
    assertEquals(0, finishNow(barrier.waitBarrier()));
    assertEquals("<Barrier [filling, waiters:0/1]>", barrier.toString());
  }

  // ---- cancellation ----

  @Test
  void waiterCancelledWhileFillingLeavesAndTheNextRoundStillGetsDistinctIndices() {
    // CPython's test_filling_tasks_cancel_one; CPython would give t2 and t3 the same index 1
    Barrier barrier = new Barrier(3);
    run(
        steps(
            () -> party(barrier, "t1"),
            () -> party(barrier, "t2"),
            () -> {
              assertEquals(2, barrier.nWaiting());
              tasks.get(0).cancel();
            },
            () -> {
              assertEquals(1, barrier.nWaiting());
              assertTrue(tasks.get(0).cancelled());
              party(barrier, "t3");
            },
            () -> {
              assertEquals(2, barrier.nWaiting());
              party(barrier, "t4");
            },
            () -> {}));

    assertEquals(List.of("t1 raised CancelledError", "t4=2", "t2=0", "t3=1"), log);
    assertEquals(0, barrier.nWaiting());
    assertFalse(barrier.broken());
  }

  @Test
  void releasedTaskCancelledBeforeItRunsRaisesWhileTheOthersPass() {
    Barrier barrier = new Barrier(3);
    run(
        steps(
            () -> {
              party(barrier, "a");
              party(barrier, "b");
            },
            () -> {
              party(barrier, "c");
            },
            () -> {
              assertEquals(List.of("c=2"), log);
              assertTrue(tasks.get(0).cancel(), "a is released but has not run");
            },
            () -> {
              assertEquals(List.of("c=2", "a raised CancelledError", "b=1"), log);
              assertEquals("<Barrier [filling, waiters:0/3]>", barrier.toString());
            }));
  }

  @Test
  void taskCancelledWhileBlockedByDrainingLeavesWithoutEntering() {
    Barrier barrier = new Barrier(2);
    run(
        steps(
            () -> {
              party(barrier, "a");
              twoRounds(barrier, "b");
            },
            () -> {
              assertEquals("<Barrier [draining, waiters:0/2]>", barrier.toString());
              tasks.get(1).cancel(); // b waits to enter the next round
            },
            () -> {
              assertEquals(List.of("b r1=1", "a=0", "b r2 raised CancelledError"), log);
              assertTrue(tasks.get(1).cancelled());
              assertEquals("<Barrier [filling, waiters:0/2]>", barrier.toString());
            }));
  }

  @Test
  void taskCancelledAfterDrainingLetItInLeavesWithoutEntering() {
    Barrier barrier = new Barrier(2);
    run(
        steps(
            () -> {
              party(barrier, "a");
              twoRounds(barrier, "b");
            },
            () -> assertEquals(List.of("b r1=1"), log),
            () -> {
              // a ran and left: draining is over and b has been woken to enter
              assertEquals(List.of("b r1=1", "a=0"), log);
              assertEquals("<Barrier [filling, waiters:0/2]>", barrier.toString());
              assertTrue(tasks.get(1).cancel());
            },
            () -> {
              assertEquals(List.of("b r1=1", "a=0", "b r2 raised CancelledError"), log);
              assertEquals("<Barrier [filling, waiters:0/2]>", barrier.toString());
            }));
  }

  // ---- async with ----

  @Test
  void asyncWithWaitsOnTheBarrierAndProducesTheIndex() {
    // CPython's test_context_manager
    Barrier barrier = new Barrier(3);
    run(
        awaitingSteps(
            () -> {
              for (int i = 0; i < 3; i++) {
                tasks.add(
                    createTask(
                        asyncWith(
                            barrier,
                            index -> {
                              log.add(index);
                              return Asyncio.done(index);
                            })));
              }
              return settle(tasks);
            }));

    assertEquals(Set.of(0, 1, 2), indices());
    assertEquals(0, barrier.nWaiting());
    assertFalse(barrier.broken());
  }

  // ---- construction ----

  @Test
  void fewerThanOnePartyIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Barrier(0));

    assertEquals("parties must be >= 1, not 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Barrier(-4));
    assertEquals(5, new Barrier(5).parties());
  }

  @Test
  void waitBarrierNamesTheBarrier() {
    assertEquals(
        "waitBarrier(<Barrier [filling, waiters:0/2]>)", new Barrier(2).waitBarrier().toString());
  }
}
