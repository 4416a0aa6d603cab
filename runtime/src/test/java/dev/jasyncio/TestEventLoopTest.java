package dev.jasyncio;

import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link TestEventLoop}'s virtual clock: where it starts, how it jumps to timers, {@link
 * TestEventLoop#advanceTime}, outside work that takes no virtual time, and the deadlock report.
 */
class TestEventLoopTest {
  private final TestEventLoop loop = new TestEventLoop();

  /** What reached the loop's exception handler; a test that expects errors clears it. */
  private final List<ExceptionContext> errors = new ArrayList<>();

  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void captureErrors() {
    loop.setExceptionHandler((l, context) -> errors.add(context));
  }

  @AfterEach
  void closeAndCheckNoStrayErrors() {
    loop.close();
    if (!errors.isEmpty()) {
      AssertionError e = new AssertionError("unexpected errors on the loop: " + errors);
      errors.forEach(c -> e.addSuppressed(c.exception()));
      throw e;
    }
  }

  @Test
  @DisplayName("the virtual clock starts at 0")
  void timeStartsAtZero() {
    assertEquals(0.0, loop.time());
    loop.callSoon(
        () -> {
          log.add("first callback at " + loop.time());
          loop.stop();
        });

    loop.runForever();

    assertEquals(List.of("first callback at 0.0"), log);
  }

  @Test
  @DisplayName("with nothing ready the clock jumps straight to the next timer")
  void clockJumpsToTheNextTimer() {
    loop.callLater(3600, () -> log.add("hour@" + loop.time()));
    loop.callLater(2.5, () -> log.add("2.5@" + loop.time()));
    loop.callAt(7200, loop::stop);

    loop.runForever();

    assertEquals(List.of("2.5@2.5", "hour@3600.0"), log);
    assertEquals(7200.0, loop.time());
  }

  @Test
  @DisplayName("a timer runs at exactly its deadline on the virtual clock")
  void timerRunsAtExactlyItsDeadline() {
    TimerHandle at = loop.callAt(1.001, () -> log.add("callAt@" + loop.time()));
    TimerHandle later = loop.callLater(2.003, () -> log.add("callLater@" + loop.time()));
    loop.callLater(3, loop::stop);

    loop.runForever();

    assertEquals(1.001, at.when());
    assertEquals(2.003, later.when());
    assertEquals(List.of("callAt@1.001", "callLater@2.003"), log);
  }

  @Test
  @DisplayName("advanceTime moves the clock at once; timers now due run in the next iteration")
  void advanceTimeMovesTheClockAndDueTimersRunNextIteration() {
    loop.callLater(1, () -> log.add("timer1@" + loop.time()));
    loop.callLater(2, () -> log.add("timer2@" + loop.time()));
    loop.callSoon(
        () -> {
          loop.advanceTime(1.5);
          log.add("advanced to " + loop.time());
        });
    loop.callSoon(() -> log.add("sibling@" + loop.time()));
    loop.callLater(2, loop::stop);

    loop.runForever();

    assertEquals(
        List.of("advanced to 1.5", "sibling@1.5", "timer1@1.5", "timer2@2.0"),
        log,
        "timer1 must run late, at 1.5; timer2 still at its deadline");
  }

  @Test
  @DisplayName("advanceTime(0) changes nothing; before the loop runs it moves later deadlines")
  void advanceTimeZeroAndBeforeRunning() {
    loop.advanceTime(0);
    assertEquals(0.0, loop.time());

    loop.advanceTime(5);
    assertEquals(5.0, loop.time());
    TimerHandle t = loop.callLater(1, () -> log.add("timer@" + loop.time()));
    assertEquals(6.0, t.when());
    loop.callLater(1, loop::stop);

    loop.runForever();

    assertEquals(List.of("timer@6.0"), log);
  }

  @Test
  @DisplayName("advanceTime rejects a negative or NaN number of seconds")
  void advanceTimeRejectsNegativeAndNaN() {
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> loop.advanceTime(-1));
    assertTrue(negative.getMessage().contains("advanceTime"), negative.getMessage());
    assertTrue(negative.getMessage().contains("-1"), negative.getMessage());

    IllegalArgumentException nan =
        assertThrows(IllegalArgumentException.class, () -> loop.advanceTime(Double.NaN));
    assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());

    assertEquals(0.0, loop.time());
  }

  @Test
  @DisplayName("advanceTime from another thread while the loop runs → error")
  void advanceTimeFromAnotherThreadThrows() {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    loop.callSoon(
        () -> {
          Thread t =
              new Thread(
                  () -> {
                    try {
                      loop.advanceTime(1);
                    } catch (Throwable e) {
                      thrown.set(e);
                    }
                  });
          t.start();
          try {
            t.join(TimeUnit.SECONDS.toMillis(30));
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
          loop.stop();
        });

    loop.runForever();

    assertInstanceOf(IllegalStateException.class, thrown.get());
    assertTrue(thrown.get().getMessage().contains("advanceTime"), thrown.get().getMessage());
    assertEquals(0.0, loop.time());
  }

  @Test
  @DisplayName("runInExecutor work is waited for in real time without moving the clock")
  void runInExecutorWorkTakesNoVirtualTime() {
    loop.callLater(10, () -> log.add("timer@" + loop.time()));

    int result =
        loop.runUntilComplete(
            co(
                () ->
                    await(
                        loop.runInExecutor(null, () -> 42),
                        v -> {
                          log.add("result@" + loop.time());
                          return ret(v);
                        })));

    assertEquals(42, result);
    assertEquals(List.of("result@0.0"), log);
    assertEquals(0.0, loop.time());
    loop.shutdownDefaultExecutor(Duration.ofSeconds(30));
  }

  @Test
  @DisplayName("an awaited CompletionStage completed by another thread takes no virtual time")
  void awaitedCompletionStageTakesNoVirtualTime() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      loop.callLater(10, () -> log.add("timer@" + loop.time()));
      CompletableFuture<String> stage = new CompletableFuture<>();

      String result =
          loop.runUntilComplete(
              co(
                  () -> {
                    pool.execute(() -> stage.complete("from the pool"));
                    return await(stage, v -> ret(v + "@" + loop.time()));
                  }));

      assertEquals("from the pool@0.0", result);
      assertEquals(List.of(), log);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  @DisplayName("a coroutine awaiting a future nobody completes → \"deadlock\" instead of a hang")
  void deadlockIsReportedInsteadOfHanging() {
    loop.setIdleTimeout(Duration.ofMillis(50));
    Future<String> never = loop.createFuture();
    Task<String> stuck = loop.createTask(co(() -> await(never, v -> ret(v))), "stuck-task");

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(stuck));

    assertTrue(e.getMessage().contains("deadlock"), e.getMessage());
    assertTrue(e.getMessage().contains("stuck-task"), e.getMessage());
    assertFalse(stuck.done());
    assertFalse(loop.isRunning());
    assertEquals(0.0, loop.time());
  }

  @Test
  @DisplayName("a callSoonThreadsafe arriving within the idle timeout is not a deadlock")
  void threadsafeCallbackWithinTheIdleTimeoutIsNotADeadlock() {
    loop.setIdleTimeout(Duration.ofSeconds(30));
    Future<String> reply = loop.createFuture();

    String result =
        loop.runUntilComplete(
            co(
                () -> {
                  new Thread(() -> loop.callSoonThreadsafe(() -> reply.setResult("pong"))).start();
                  return await(reply, v -> ret(v));
                }));

    assertEquals("pong", result);
    assertEquals(0.0, loop.time());
  }

  @Test
  @DisplayName("the idle timeout must be a non-negative duration")
  void setIdleTimeoutRejectsNullAndNegative() {
    NullPointerException npe =
        assertThrows(NullPointerException.class, () -> loop.setIdleTimeout(null));
    assertEquals("timeout", npe.getMessage());

    IllegalArgumentException negative =
        assertThrows(
            IllegalArgumentException.class, () -> loop.setIdleTimeout(Duration.ofSeconds(-1)));
    assertTrue(negative.getMessage().contains("must not be negative"), negative.getMessage());
  }

  @Test
  @DisplayName("Asyncio.run with a TestEventLoop factory runs on the virtual clock")
  void asyncioRunUsesTheVirtualClock() {
    String result =
        Asyncio.run(co(() -> await(Asyncio.sleep(3600, "an hour"), v -> ret(v))), () -> loop);

    assertEquals("an hour", result);
    assertEquals(3600.0, loop.time());
    assertTrue(loop.isClosed());
  }
}
