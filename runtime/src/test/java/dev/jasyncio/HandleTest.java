package dev.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link Handle} and {@link TimerHandle}: cancelling before and after the callback runs,
 * {@code cancelled()}, {@code when()}, {@code toString()}, the loop-thread check of {@code
 * cancel()}, the context a callback runs in, and what happens when a callback throws.
 */
class HandleTest {
  private final TestEventLoop loop = new TestEventLoop();
  private final List<String> log = new ArrayList<>();

  /** What reached the loop's exception handler; a test that expects errors clears it. */
  private final List<ExceptionContext> errors = new ArrayList<>();

  @BeforeEach
  void captureErrors() {
    loop.setExceptionHandler((l, context) -> errors.add(context));
  }

  @AfterEach
  void closeAndCheckNoStrayErrors() {
    loop.close();
    assertEquals(List.of(), errors, "unexpected errors on the loop");
  }

  /** Runs the loop until every callback and timer scheduled so far (and since) has run. */
  private void runUntilIdle(double seconds) {
    loop.runUntilComplete(Asyncio.sleep(seconds));
  }

  /** A callback whose {@code toString()} is {@code name}, that logs {@code name}. */
  private Runnable named(String name) {
    return new Runnable() {
      @Override
      public void run() {
        log.add(name);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  // ---- Handle ----

  @Test
  void cancellingAHandleBeforeItRunsPreventsTheCallback() {
    Handle first = loop.callSoon(named("first"));
    Handle second = loop.callSoon(named("second"));
    assertFalse(first.cancelled());

    first.cancel();

    assertTrue(first.cancelled());
    assertFalse(second.cancelled());
    runUntilIdle(0);
    assertEquals(List.of("second"), log);
  }

  @Test
  void cancellingAHandleAfterItRanChangesNothingButTheFlag() {
    Handle h = loop.callSoon(named("ran"));
    runUntilIdle(0);
    assertEquals(List.of("ran"), log);

    h.cancel();
    h.cancel(); // twice: still nothing

    assertTrue(h.cancelled());
    runUntilIdle(1);
    assertEquals(List.of("ran"), log, "the callback ran again or the cancel undid something");
  }

  @Test
  void aCallbackCanCancelAHandleLaterInTheSameBatch() {
    AtomicReference<Handle> victim = new AtomicReference<>();
    loop.callSoon(
        () -> {
          log.add("canceller");
          victim.get().cancel();
        });
    victim.set(loop.callSoon(named("victim")));
    loop.callSoon(named("bystander"));

    runUntilIdle(0);

    assertEquals(List.of("canceller", "bystander"), log);
    assertTrue(victim.get().cancelled());
  }

  @Test
  void handleToStringShowsTheCallbackAndWhetherItIsCancelled() {
    Handle h = loop.callSoon(named("greet"));
    assertEquals("<Handle greet>", h.toString());

    h.cancel();

    assertEquals("<Handle cancelled greet>", h.toString());
  }

  @Test
  @DisplayName("cancel() from another thread while the loop runs → error naming callSoonThreadsafe")
  void cancelFromAnotherThreadWhileTheLoopRunsThrows() {
    Handle soon = loop.callSoon(named("soon"));
    TimerHandle later = loop.callLater(5, named("later"));
    AtomicReference<Throwable> fromSoon = new AtomicReference<>();
    AtomicReference<Throwable> fromLater = new AtomicReference<>();
    loop.callLater(
        1,
        () -> {
          fromSoon.set(thrownOnAnotherThread(soon::cancel));
          fromLater.set(thrownOnAnotherThread(later::cancel));
        });

    runUntilIdle(10);

    for (Throwable t : List.of(fromSoon.get(), fromLater.get())) {
      IllegalStateException e = assertInstanceOf(IllegalStateException.class, t);
      assertTrue(e.getMessage().contains("Handle.cancel"), e.getMessage());
      assertTrue(e.getMessage().contains("'intruder'"), e.getMessage());
      assertTrue(e.getMessage().contains("callSoonThreadsafe"), e.getMessage());
    }
    assertFalse(later.cancelled(), "the refused cancel still cancelled the timer");
    assertEquals(List.of("soon", "later"), log);
  }

  @Test
  void cancelFromAnotherThreadWhileTheLoopIsNotRunningIsAllowed() {
    Handle h = loop.callSoon(named("never"));

    assertNull(thrownOnAnotherThread(h::cancel));

    assertTrue(h.cancelled());
    runUntilIdle(0);
    assertEquals(List.of(), log);
  }

  /** Runs {@code action} on a new thread, waits for it, and returns what it threw (or null). */
  private static Throwable thrownOnAnotherThread(Runnable action) {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                action.run();
              } catch (Throwable e) {
                thrown.set(e);
              }
            },
            "intruder");
    t.start();
    try {
      t.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    assertFalse(t.isAlive(), "the other thread did not finish");
    return thrown.get();
  }

  // ---- contexts ----

  @Test
  void aCallbackRunsInACopyOfTheContextCapturedWhenItWasScheduled() {
    ContextVar<String> var = ContextVar.of("var", "default");
    Context scheduler = new Context();
    scheduler.run(
        () -> {
          var.set("at scheduling");
          loop.callSoon(
              () -> {
                log.add("soon sees " + var.get());
                var.set("written by soon");
              });
          loop.callLater(
              1,
              () -> {
                log.add("later sees " + var.get());
                var.set("written by later");
              });
          var.set("after scheduling");
        });

    runUntilIdle(2);

    assertEquals(List.of("soon sees at scheduling", "later sees at scheduling"), log);
    assertEquals(
        "after scheduling", scheduler.run(() -> var.get()), "a callback's write leaked back");
  }

  @Test
  void aCallbackGivenAContextRunsInThatContextItself() {
    ContextVar<String> var = ContextVar.of("var");
    Context given = new Context();
    given.run(() -> var.set("given"));
    loop.callSoon(
        () -> {
          log.add("soon sees " + var.get());
          var.set("written by soon");
        },
        given);
    loop.callLater(1, () -> log.add("later sees " + var.get()), given);

    runUntilIdle(2);

    assertEquals(List.of("soon sees given", "later sees written by soon"), log);
    assertEquals("written by soon", given.run(() -> var.get()));
  }

  @Test
  void aThreadsafeCallbackRunsInTheContextOfTheThreadThatScheduledIt() {
    ContextVar<String> var = ContextVar.of("var", "loop default");
    AtomicReference<Handle> handle = new AtomicReference<>();
    assertNull(
        thrownOnAnotherThread(
            () -> {
              var.set("set on the other thread");
              handle.set(loop.callSoonThreadsafe(() -> log.add("sees " + var.get())));
              var.set("changed after scheduling");
            }));

    runUntilIdle(0);

    assertEquals(List.of("sees set on the other thread"), log);
    assertEquals("loop default", var.get(), "the other thread's value leaked into this thread");
  }

  // ---- errors ----

  @Test
  void aCallbackThatThrowsGoesToTheExceptionHandlerAndTheLoopGoesOn() {
    IllegalStateException boom = new IllegalStateException("boom");
    Runnable failing =
        new Runnable() {
          @Override
          public void run() {
            throw boom;
          }

          @Override
          public String toString() {
            return "failing";
          }
        };
    Handle h = loop.callSoon(failing);
    loop.callSoon(named("next"));

    runUntilIdle(0);

    assertEquals(List.of("next"), log);
    assertEquals(1, errors.size(), () -> "errors: " + errors);
    ExceptionContext report = errors.remove(0);
    assertEquals("Exception in callback <Handle failing>", report.message());
    assertSame(boom, report.exception());
    assertSame(h, report.handle());
    assertNull(report.future());
  }

  // ---- TimerHandle ----

  @Test
  void timerWhenIsItsDeadlineOnTheLoopsClock() {
    TimerHandle later = loop.callLater(2.5, named("later"));
    TimerHandle at = loop.callAt(7, named("at"));
    assertEquals(2.5, later.when());
    assertEquals(7.0, at.when());

    AtomicReference<TimerHandle> fromCallback = new AtomicReference<>();
    loop.callLater(1.25, () -> fromCallback.set(loop.callLater(0.5, named("nested"))));
    runUntilIdle(10);

    assertEquals(1.75, fromCallback.get().when(), "callLater counts from the time of the call");
    assertEquals(List.of("nested", "later", "at"), log);
  }

  @Test
  void cancellingATimerBeforeItIsDuePreventsItAndTheClockDoesNotStopThere() {
    TimerHandle cancelled = loop.callLater(1, named("cancelled"));
    loop.callLater(2, named("kept"));
    List<Double> times = new ArrayList<>();
    loop.callLater(3, () -> times.add(loop.time()));

    cancelled.cancel();

    assertTrue(cancelled.cancelled());
    runUntilIdle(3);
    assertEquals(List.of("kept"), log);
    assertEquals(List.of(3.0), times);
  }

  @Test
  void cancellingATimerFromAnEarlierCallbackInTheSameIterationStillPreventsIt() {
    AtomicReference<TimerHandle> second = new AtomicReference<>();
    loop.callLater(
        1,
        () -> {
          log.add("first");
          second.get().cancel();
        });
    second.set(loop.callLater(1, named("second")));

    runUntilIdle(2);

    assertEquals(List.of("first"), log);
    assertTrue(second.get().cancelled());
  }

  @Test
  void cancellingATimerAfterItRanOnlySetsTheFlag() {
    TimerHandle h = loop.callLater(1, named("ran"));
    runUntilIdle(2);

    h.cancel();

    assertTrue(h.cancelled());
    assertEquals(List.of("ran"), log);
    assertEquals(1.0, h.when(), "cancelling moved the deadline");
  }

  @Test
  void timerToStringShowsTheDeadlineAndWhetherItIsCancelled() {
    TimerHandle h = loop.callLater(1.5, named("t"));
    assertEquals("<TimerHandle when=1.5>", h.toString());

    h.cancel();

    assertEquals("<TimerHandle cancelled when=1.5>", h.toString());
  }

  @Test
  void aTimerThatThrowsIsReportedWithItsHandle() {
    RuntimeException boom = new RuntimeException("timer boom");
    TimerHandle h =
        loop.callLater(
            1,
            () -> {
              throw boom;
            });

    runUntilIdle(2);

    assertEquals(1, errors.size(), () -> "errors: " + errors);
    ExceptionContext report = errors.remove(0);
    assertEquals("Exception in callback <TimerHandle when=1.0>", report.message());
    assertSame(h, report.handle());
    assertSame(boom, report.exception());
  }
}
