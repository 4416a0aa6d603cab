package dev.jasyncio;

import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.getRunningLoop;
import static dev.jasyncio.Steps.finishNow;
import static dev.jasyncio.Steps.logged;
import static dev.jasyncio.Steps.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link Event}: {@code set} wakes every waiter, waiting on a set event returns at once,
 * {@code clear}, cancellation before and after a waiter is woken, and {@code toString}.
 */
class EventTest {
  private final TestEventLoop loop = new TestEventLoop();
  private final List<ExceptionContext> errors = new ArrayList<>();
  private final Event event = new Event();
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

  private void waiter(String name) {
    tasks.add(createTask(logged(name, event.waitEvent(), log)));
  }

  @Test
  void setWakesEveryWaiterAndATaskStartedAfterIsNotBlocked() {
    // CPython's test_wait: t3 starts after the set and runs before the woken t1 and t2
    run(
        steps(
            () -> {
              assertFalse(event.isSet());
              waiter("t1");
              waiter("t2");
            },
            () -> {
              assertEquals(List.of(), log);
              waiter("t3");
              event.set();
              assertTrue(event.isSet());
            },
            () -> assertEquals(List.of("t3", "t1", "t2"), log)));

    for (Task<?> t : tasks) {
      assertEquals(true, t.result());
    }
  }

  @Test
  void waitingOnASetEventReturnsTrueAtOnceWithoutAnyLoop() {
    event.set();

    assertEquals(true, finishNow(event.waitEvent()));
  }

  @Test
  void waitEventDoesNothingUntilAwaited() {
    Coroutine<Boolean> wait = event.waitEvent();

    assertEquals("<Event [unset]>", event.toString());
    assertEquals("waitEvent(<Event [unset]>)", wait.toString());
  }

  @Test
  void clearMakesLaterWaitersBlockButTasksAlreadyWokenStillReturn() {
    // CPython's test_clear_with_waiters
    run(
        steps(
            () -> waiter("t"),
            () -> {
              event.set();
              event.clear();
              assertFalse(event.isSet());
              event.set();
              event.set();
              assertEquals("<Event [set, waiters:1]>", event.toString(), "woken, not run yet");
            },
            () -> {
              assertEquals(List.of("t"), log);
              assertEquals("<Event [set]>", event.toString());
              event.clear();
              waiter("late");
            },
            () -> {
              assertEquals(List.of("t"), log, "a waiter after clear() blocks");
              event.set();
            },
            () -> assertEquals(List.of("t", "late"), log)));
  }

  @Test
  void waiterCancelledBeforeTheSetLeavesAndTheOthersAreWoken() {
    run(
        steps(
            () -> {
              waiter("a");
              waiter("b");
            },
            () -> {
              tasks.get(0).cancel();
              assertEquals("<Event [unset, waiters:1]>", event.toString());
              event.set();
            },
            () -> {
              assertEquals(List.of("a raised CancelledError", "b"), log);
              assertEquals("<Event [set]>", event.toString());
            }));
  }

  @Test
  void wokenWaiterCancelledBeforeItRunsRaisesAndTheOthersReturn() {
    run(
        steps(
            () -> {
              waiter("a");
              waiter("b");
            },
            () -> {
              event.set();
              assertTrue(tasks.get(0).cancel());
            },
            () -> {
              assertEquals(List.of("a raised CancelledError", "b"), log);
              assertTrue(tasks.get(0).cancelled());
              assertEquals(true, tasks.get(1).result());
              assertEquals("<Event [set]>", event.toString());
            }));
  }

  @Test
  void waiterCancelledByATimeoutLeavesTheQueue() {
    Object outcome = run(Steps.outcome(Asyncio.waitFor(event.waitEvent(), 2)));

    assertTrue(outcome instanceof TimeoutException, String.valueOf(outcome));
    assertEquals(2.0, loop.time());
    assertEquals("<Event [unset]>", event.toString());
  }

  @Test
  void setFromACallbackWakesTheWaiterAtThatTime() {
    run(
        Steps.awaitingSteps(
            () -> {
              waiter("w");
              getRunningLoop().callLater(3, event::set);
              return tasks.get(0);
            },
            () -> {
              assertEquals(List.of("w"), log);
              assertEquals(3.0, getRunningLoop().time());
              return null;
            }));
  }

  @Test
  void waitingWithoutARunningLoopThrows() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> event.waitEvent().send(null));

    assertTrue(e.getMessage().contains("needs a running event loop"), e.getMessage());
    assertEquals("<Event [unset]>", event.toString());
  }
}
