package dev.jasyncio;

import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link Asyncio#sleep}: {@code sleep(0)} and negative delays yield once without moving
 * the clock, positive delays wake the task at exactly that virtual time, and bad delays are
 * rejected.
 */
class SleepTest {
  private final TestEventLoop loop = new TestEventLoop();
  private final List<String> log = new ArrayList<>();

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  /** A task body: logs {@code name + 1}, sleeps {@code delay}, logs {@code name + 2}. */
  private Coroutine<Object> stepSleepStep(String name, double delay) {
    return co(
        name,
        () -> {
          log.add(name + "1@" + loop.time());
          return await(
              sleep(delay),
              v -> {
                log.add(name + "2@" + loop.time());
                return ret();
              });
        });
  }

  /** Runs tasks a and b, each step/sleep(delay)/step, and waits for both. */
  private void runTwoTasks(double delay) {
    Asyncio.run(
        co(
            () -> {
              Task<Object> a = createTask(stepSleepStep("a", delay));
              Task<Object> b = createTask(stepSleepStep("b", delay));
              return await(a, x -> await(b, y -> ret()));
            }),
        () -> loop);
  }

  @Test
  @DisplayName("case 12 sleepZeroInterleaves: two tasks step, sleep(0), step → a1, b1, a2, b2")
  void case12_sleepZeroLetsTheOtherTaskRun() {
    runTwoTasks(0);

    assertEquals(List.of("a1@0.0", "b1@0.0", "a2@0.0", "b2@0.0"), log);
    assertEquals(0.0, loop.time());
  }

  @Test
  @DisplayName("case 12 sleepZeroInterleaves: sleep(-1) yields like sleep(0), clock unmoved")
  void case12_negativeSleepYieldsLikeSleepZeroWithoutMovingTheClock() {
    runTwoTasks(-1);

    assertEquals(List.of("a1@0.0", "b1@0.0", "a2@0.0", "b2@0.0"), log);
    assertEquals(0.0, loop.time());
  }

  @Test
  @DisplayName("case 12 sleepZeroInterleaves: sleep(NaN) → IllegalArgumentException")
  void case12_sleepNaNIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sleep(Double.NaN));
    assertTrue(e.getMessage().contains("sleep"), e.getMessage());
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());

    IllegalArgumentException withResult =
        assertThrows(IllegalArgumentException.class, () -> sleep(Double.NaN, "r"));
    assertTrue(withResult.getMessage().contains("NaN"), withResult.getMessage());
  }

  @Test
  @DisplayName("sleep(0) yields even with a timer due later: the timer still waits")
  void sleepZeroDoesNotRunLaterTimers() {
    loop.callLater(1, () -> log.add("timer@" + loop.time()));

    String result =
        loop.runUntilComplete(
            co(() -> await(sleep(0, "yielded"), v -> ret(v + "@" + loop.time()))));

    assertEquals("yielded@0.0", result);
    assertEquals(List.of(), log);
  }

  @Test
  @DisplayName("sleep(delay, result) produces result after the delay")
  void sleepWithResultReturnsTheResult() {
    String result =
        Asyncio.run(co(() -> await(sleep(2, "r"), v -> ret(v + "@" + loop.time()))), () -> loop);

    assertEquals("r@2.0", result);
  }

  @Test
  @DisplayName("sleep(Duration) sleeps that long; a null Duration is rejected")
  void sleepDurationSleepsThatLong() {
    Object result =
        Asyncio.run(co(() -> await(sleep(Duration.ofMillis(1500)), v -> ret(v))), () -> loop);

    assertEquals(null, result);
    assertEquals(1.5, loop.time());
    NullPointerException e = assertThrows(NullPointerException.class, () -> sleep((Duration) null));
    assertEquals("duration", e.getMessage());
  }

  @Test
  @DisplayName("a sleeping task wakes at exactly its delay on the virtual clock")
  void sleepingTaskWakesAtExactlyItsDelay() {
    Asyncio.run(
        co(
            () -> {
              Task<Object> slow = createTask(stepSleepStep("slow", 1.001));
              Task<Object> fast = createTask(stepSleepStep("fast", 0.3));
              return await(slow, x -> await(fast, y -> ret()));
            }),
        () -> loop);

    assertEquals(List.of("slow1@0.0", "fast1@0.0", "fast2@0.3", "slow2@1.001"), log);
    assertEquals(1.001, loop.time());
  }

  @Test
  @DisplayName("a sleep coroutine can be awaited only once")
  void sleepCannotBeAwaitedTwice() {
    Coroutine<Void> once = sleep(1);

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Asyncio.run(co(() -> await(once, v -> await(once, w -> ret()))), () -> loop));

    assertTrue(e.getMessage().contains("cannot reuse already awaited coroutine"), e.getMessage());
    assertEquals(1.0, loop.time());
  }

  @Test
  @DisplayName("a task cancelled out of a sleep and sleeping again wakes at its new deadline only")
  void cancelledSleepThenNewSleepIgnoresTheOldTimer() {
    Coroutine<Object> sleeper =
        co(
            "sleeper",
            () ->
                await(
                    sleep(5),
                    (v, e) -> {
                      log.add(
                          "first sleep ended by "
                              + e.getClass().getSimpleName()
                              + "@"
                              + loop.time());
                      return await(
                          sleep(10),
                          (v2, e2) -> {
                            log.add(
                                "second sleep ended"
                                    + (e2 == null ? "" : " by " + e2)
                                    + "@"
                                    + loop.time());
                            return ret();
                          });
                    }));
    Asyncio.run(
        co(
            () -> {
              Task<Object> t = createTask(sleeper);
              return await(
                  sleep(1),
                  v -> {
                    t.cancel("stop");
                    return await(t, x -> ret());
                  });
            }),
        () -> loop);

    // The first sleep's timer (due at 5) is still in the queue when the second sleep starts at 1;
    // it must not wake the task, which wakes at 11.
    assertEquals(
        List.of("first sleep ended by CancelledError@1.0", "second sleep ended@11.0"), log);
  }

  @Test
  @DisplayName("100,000 sleeping tasks cancelled leave no timers behind once purged")
  void cancelledSleepsArePurged() {
    List<Task<Object>> tasks = new ArrayList<>();
    Asyncio.run(
        co(
            () -> {
              for (int i = 0; i < 100_000; i++) {
                tasks.add(createTask(co(() -> await(sleep(100), v -> ret()))));
              }
              return await(
                  sleep(0),
                  v -> {
                    for (Task<Object> t : tasks) {
                      t.cancel();
                    }
                    return await(
                        sleep(0),
                        w -> {
                          log.add(loop.toString());
                          return ret();
                        });
                  });
            }),
        () -> loop);

    assertTrue(tasks.stream().allMatch(Task::cancelled));
    assertTrue(log.get(0).endsWith(" timers=0>"), log.get(0));
    assertEquals(0.0, loop.time(), "the cancelled sleeps must not move the clock");
  }
}
