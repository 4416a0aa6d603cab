package dev.jasyncio;

import static dev.jasyncio.Asyncio.allTasks;
import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.currentTask;
import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.awaitAndReturn;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link Task}: lazy start, cancellation (requests, counting, delivery through await
 * chains, {@link CancelledError} not being an {@link Exception}), the current task and the set of
 * pending tasks, names and {@code toString}, reports of exceptions nobody retrieved, and eager
 * tasks. Cases 17–28 of ASYNCIO_SEMANTICS.md.
 */
class TaskTest {

  // ---- case 17: lazy start ----

  @Test
  @DisplayName("case 17 lazyStart: a created task runs only once its creator yields")
  void case17_createdTaskRunsOnlyOnceItsCreatorYields() {
    TestEventLoop loop = new TestEventLoop();
    Order order = new Order();
    String result =
        Asyncio.run(
            co(
                () -> {
                  order.expect(1);
                  Task<String> child =
                      createTask(
                          co(
                              () -> {
                                order.expect(3);
                                return ret("child ran");
                              }));
                  order.expect(2);
                  assertFalse(child.done(), "the child must not run inside createTask");
                  return await(
                      sleep(0),
                      v -> {
                        order.expect(4);
                        assertTrue(child.done());
                        return ret(child.result());
                      });
                }),
            () -> loop);
    order.finish(4);
    assertEquals("child ran", result);
  }

  @Test
  void taskCreatedBeforeTheLoopRunsStartsWhenTheLoopRuns() {
    try (TestEventLoop loop = new TestEventLoop()) {
      List<String> log = new ArrayList<>();
      Task<String> task =
          loop.createTask(
              co(
                  () -> {
                    log.add("body");
                    return ret("r");
                  }));
      assertEquals(List.of(), log);
      assertFalse(task.done());
      assertEquals("r", loop.runUntilComplete(task));
      assertEquals(List.of("body"), log);
    }
  }

  // ---- case 18: cancel before start ----

  @Test
  @DisplayName(
      "case 18 cancelBeforeStart: a task cancelled before its first step never runs its body")
  void case18_taskCancelledBeforeItsFirstStepNeverRunsItsBody() {
    try (TestEventLoop loop = new TestEventLoop()) {
      boolean[] ran = {false};
      Task<String> task =
          loop.createTask(
              co(
                  () -> {
                    ran[0] = true;
                    return ret("body ran");
                  }));
      assertTrue(task.cancel("stop it"));
      Throwable seen =
          loop.runUntilComplete(Coro.<Throwable>co(() -> await(task, (v, e) -> ret(e))));

      assertFalse(ran[0], "the body of a task cancelled before it started must not run");
      assertTrue(task.cancelled());
      CancelledError awaited = assertInstanceOf(CancelledError.class, seen);
      assertEquals("stop it", awaited.getMessage());
      CancelledError fromResult = assertThrows(CancelledError.class, task::result);
      assertEquals("stop it", fromResult.getMessage());
      CancelledError fromException = assertThrows(CancelledError.class, task::exception);
      assertEquals("stop it", fromException.getMessage());
    }
  }

  // ---- case 19: cancel during await ----

  @Test
  @DisplayName(
      "case 19 cancelDuringAwait: cancelling a sleeping task raises CancelledError at the await")
  void case19_cancellingASleepingTaskRaisesCancelledErrorAtTheAwaitAndRunsItsCleanup() {
    TestEventLoop loop = new TestEventLoop();
    List<String> log = new ArrayList<>();
    Object[] raisedAtAwait = {null};
    double[] cleanupTime = {-1};
    Task<?> sleeper =
        Asyncio.run(
            co(
                () -> {
                  Task<String> s =
                      createTask(
                          co(
                              () ->
                                  await(
                                      sleep(10),
                                      (v, e) -> {
                                        // The "finally" block around the await.
                                        raisedAtAwait[0] = e;
                                        cleanupTime[0] = loop.time();
                                        log.add("finally");
                                        if (e != null) {
                                          throw e;
                                        }
                                        return ret("slept");
                                      })));
                  return await(
                      sleep(1),
                      v -> {
                        assertTrue(s.cancel("enough"));
                        return await(
                            s,
                            (r, e) -> {
                              log.add("awaiter saw " + e);
                              return ret(s);
                            });
                      });
                }),
            () -> loop);

    CancelledError atAwait = assertInstanceOf(CancelledError.class, raisedAtAwait[0]);
    assertEquals("enough", atAwait.getMessage());
    assertEquals(1.0, cleanupTime[0], "the cancel is delivered at once, not when the sleep ends");
    assertEquals(List.of("finally", "awaiter saw " + atAwait), log);
    assertTrue(sleeper.cancelled());
    assertTrue(sleeper.done());
  }

  // ---- case 20: swallowed cancel ----

  @Test
  @DisplayName(
      "case 20 swallowedCancel: a task that catches the cancel and returns x is not cancelled")
  void case20_taskThatCatchesTheCancelAndReturnsAValueIsNotCancelled() {
    TestEventLoop loop = new TestEventLoop();
    Task<?> swallower =
        Asyncio.run(
            co(
                () -> {
                  Task<String> t =
                      createTask(
                          co(
                              () ->
                                  await(
                                      sleep(10),
                                      (v, e) -> ret(e instanceof CancelledError ? "x" : "slept"))));
                  return await(
                      sleep(1),
                      v -> {
                        t.cancel();
                        return await(t, (r, e) -> ret(t));
                      });
                }),
            () -> loop);

    assertEquals("x", swallower.result());
    assertFalse(swallower.cancelled());
    assertEquals(1, swallower.cancelling());
    assertEquals(1.0, loop.time());
  }

  // ---- case 21: cancel counting ----

  @Test
  @DisplayName(
      "case 21 cancelCounting: two cancels count 2, both return true, the first message wins")
  void case21_twoCancelsCountTwoAndTheFirstMessageIsDelivered() {
    TestEventLoop loop = new TestEventLoop();
    boolean[] returned = new boolean[2];
    int[] countAfterCancels = {-1};
    Task<?> victim =
        Asyncio.run(
            co(
                () -> {
                  Task<Void> t = createTask(sleep(10));
                  return await(
                      sleep(1),
                      v -> {
                        returned[0] = t.cancel("first");
                        returned[1] = t.cancel("second");
                        countAfterCancels[0] = t.cancelling();
                        return await(t, (r, e) -> ret(t));
                      });
                }),
            () -> loop);

    assertTrue(returned[0]);
    assertTrue(returned[1]);
    assertEquals(2, countAfterCancels[0]);
    assertEquals(2, victim.cancelling());
    assertTrue(victim.cancelled());
    assertEquals("first", assertThrows(CancelledError.class, victim::result).getMessage());
  }

  @Test
  @DisplayName(
      "case 21 cancelCounting: uncancel() reaching 0 clears the pending cancel; the task completes")
  void case21_uncancelReachingZeroClearsThePendingCancel() {
    try (TestEventLoop loop = new TestEventLoop()) {
      List<String> log = new ArrayList<>();
      Task<String> task =
          loop.createTask(
              co(
                  () -> {
                    log.add("started");
                    return await(sleep(1), v -> ret("completed"));
                  }));
      assertTrue(task.cancel());
      assertTrue(task.cancel());
      assertEquals(2, task.cancelling());
      assertEquals(1, task.uncancel());
      assertEquals(0, task.uncancel());

      assertEquals("completed", loop.runUntilComplete(task));
      assertEquals(List.of("started"), log);
      assertFalse(task.cancelled());
      assertEquals(0, task.cancelling());
      assertEquals(1.0, loop.time());
    }
  }

  @Test
  void uncancelNotReachingZeroKeepsThePendingCancel() {
    try (TestEventLoop loop = new TestEventLoop()) {
      boolean[] ran = {false};
      Task<String> task =
          loop.createTask(
              co(
                  () -> {
                    ran[0] = true;
                    return ret("ran");
                  }));
      task.cancel("one");
      task.cancel("two");
      assertEquals(1, task.uncancel());

      assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
      assertTrue(task.cancelled());
      assertFalse(ran[0]);
    }
  }

  @Test
  void taskThatCancelsAndUncancelsItselfRunsOn() {
    TestEventLoop loop = new TestEventLoop();
    String result =
        Asyncio.run(
            co(
                () -> {
                  Task<?> me = currentTask();
                  assertTrue(me.cancel());
                  assertTrue(me.cancel());
                  assertEquals(2, me.cancelling());
                  assertEquals(1, me.uncancel());
                  assertEquals(0, me.uncancel());
                  return await(sleep(1), v -> ret("still running"));
                }),
            () -> loop);
    assertEquals("still running", result);
    assertEquals(1.0, loop.time());
  }

  // ---- case 22: await self ----

  @Test
  @DisplayName("case 22 awaitSelf: a task that awaits itself gets an IllegalStateException")
  void case22_taskThatAwaitsItselfGetsAnIllegalStateException() {
    Throwable seen =
        Asyncio.run(
            Coro.<Throwable>co(() -> await(currentTask(), (v, e) -> ret(e))), TestEventLoop::new);
    IllegalStateException e = assertInstanceOf(IllegalStateException.class, seen);
    assertTrue(e.getMessage().contains("cannot await on itself"), e.getMessage());

    IllegalStateException uncaught =
        assertThrows(
            IllegalStateException.class,
            () -> Asyncio.run(co(() -> awaitAndReturn(currentTask())), TestEventLoop::new));
    assertTrue(uncaught.getMessage().contains("cannot await on itself"), uncaught.getMessage());
  }

  // ---- case 23: current task and all tasks ----

  @Test
  @DisplayName(
      "case 23 currentTaskAndAllTasks: currentTask() is the running task; allTasks() only pending")
  void case23_currentTaskIsTheRunningTaskAndAllTasksHoldsOnlyPendingOnes() {
    TestEventLoop loop = new TestEventLoop();
    Object[] seenInChild = {null};
    List<Set<Task<?>>> snapshots = new ArrayList<>();
    List<Task<?>> tasks = new ArrayList<>();
    Task<?> mainSeen =
        Asyncio.run(
            co(
                () -> {
                  Task<?> main = currentTask();
                  Task<String> child =
                      createTask(
                          co(
                              () -> {
                                seenInChild[0] = currentTask();
                                return await(sleep(1), v -> ret("c"));
                              }));
                  tasks.add(main);
                  tasks.add(child);
                  snapshots.add(allTasks());
                  return await(
                      child,
                      v -> {
                        snapshots.add(allTasks());
                        assertSame(main, currentTask(), "currentTask after an await");
                        return ret(main);
                      });
                }),
            () -> loop);

    Task<?> main = tasks.get(0);
    Task<?> child = tasks.get(1);
    assertSame(main, mainSeen);
    assertSame(child, seenInChild[0]);
    assertEquals(Set.of(main, child), snapshots.get(0));
    assertEquals(Set.of(main), snapshots.get(1), "a finished task is not in allTasks()");
  }

  @Test
  @DisplayName("allTasks() during an eager child's first step holds the child and its creator")
  void allTasksInsideAnEagerChildHoldsItsCreator() {
    List<Set<Task<?>>> snapshots = new ArrayList<>();
    List<Task<?>> tasks = new ArrayList<>();
    Asyncio.run(
        co(
            () -> {
              Task<?> main = currentTask();
              tasks.add(main);
              Asyncio.getRunningLoop().setEagerTasks(true);
              Task<Object> quick =
                  createTask(
                      co(
                          () -> {
                            snapshots.add(allTasks());
                            return ret();
                          }));
              assertTrue(quick.done(), "an eager task that never suspends is done at once");
              snapshots.add(allTasks());
              Task<Object> slow =
                  createTask(
                      co(
                          () -> {
                            snapshots.add(allTasks());
                            return await(sleep(1), v -> ret());
                          }));
              tasks.add(slow);
              snapshots.add(allTasks());
              return await(slow, v -> ret());
            }),
        TestEventLoop::new);

    Task<?> main = tasks.get(0);
    Task<?> slow = tasks.get(1);
    assertEquals(4, snapshots.size());
    assertTrue(snapshots.get(0).contains(main), "the creator, mid-step: " + snapshots.get(0));
    assertEquals(2, snapshots.get(0).size(), "the creator and the running child");
    assertEquals(Set.of(main), snapshots.get(1), "a task done in its first step is not listed");
    assertEquals(Set.of(main, slow), snapshots.get(2));
    assertEquals(Set.of(main, slow), snapshots.get(3));
  }

  @Test
  @DisplayName("allTasks() stays exact while thousands of tasks come and go in waves")
  void allTasksStaysExactAsTasksComeAndGoInWaves() {
    List<Task<?>> tasks = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    int[] checks = {0};
    Asyncio.run(
        co(
            () -> {
              Task<?> main = currentTask();
              Runnable check =
                  () -> {
                    Set<Task<?>> expected = new HashSet<>();
                    expected.add(main);
                    for (Task<?> t : tasks) {
                      if (!t.done()) {
                        expected.add(t);
                      }
                    }
                    Set<Task<?>> actual = allTasks();
                    checks[0]++;
                    if (!actual.equals(expected)) {
                      mismatches.add(
                          "check " + checks[0] + ": " + actual.size() + " vs " + expected.size());
                    }
                  };
              // Three waves of 1,500 tasks sleeping 1 to 9 s, eight seconds apart: when a wave is
              // listed most of the one before has finished, so the slots first grow, then are
              // squeezed; ten seconds after the last wave every task is done and they start over.
              return wave(tasks, check, 0);
            }),
        TestEventLoop::new);
    assertEquals(8 + 8 + 10, checks[0], "checks run");
    assertEquals(List.of(), mismatches);
    assertEquals(4500, tasks.size());
    assertTrue(tasks.stream().allMatch(Task::done));
  }

  /** Starts wave {@code w} of 1,500 sleeping tasks, then checks allTasks() once a second. */
  private static Coro.Next wave(List<Task<?>> tasks, Runnable check, int w) {
    for (int i = 0; i < 1500; i++) {
      double seconds = 1 + (i * 7919 % 9);
      tasks.add(createTask(co(() -> await(sleep(seconds), v -> ret()))));
    }
    return ticks(tasks, check, w, w < 2 ? 8 : 10);
  }

  private static Coro.Next ticks(List<Task<?>> tasks, Runnable check, int w, int left) {
    if (left == 0) {
      return w < 2 ? wave(tasks, check, w + 1) : ret();
    }
    return await(
        sleep(1),
        v -> {
          check.run();
          return ticks(tasks, check, w, left - 1);
        });
  }

  @Test
  @DisplayName("case 23 currentTaskAndAllTasks: with no running loop both throw")
  void case23_currentTaskAndAllTasksWithoutARunningLoopThrow() {
    IllegalStateException current = assertThrows(IllegalStateException.class, Asyncio::currentTask);
    assertTrue(current.getMessage().contains("no running event loop"), current.getMessage());
    IllegalStateException all = assertThrows(IllegalStateException.class, Asyncio::allTasks);
    assertTrue(all.getMessage().contains("no running event loop"), all.getMessage());
  }

  @Test
  void currentTaskInAPlainCallbackIsNull() {
    try (TestEventLoop loop = new TestEventLoop()) {
      Object[] seen = {"callback did not run"};
      loop.callSoon(() -> seen[0] = currentTask());
      loop.runUntilComplete(sleep(0));
      assertNull(seen[0]);
    }
  }

  // ---- case 24: exceptions never retrieved ----

  @Test
  @DisplayName(
      "case 24 neverRetrievedException: an unobserved failure is reported once when the loop"
          + " closes")
  void case24_unobservedTaskFailureIsReportedOnceWhenTheLoopCloses() {
    List<ExceptionContext> reports = new ArrayList<>();
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    Task<String> failing;
    try (TestEventLoop loop = new TestEventLoop()) {
      loop.setExceptionHandler((l, c) -> reports.add(c));
      failing =
          loop.createTask(
              co(
                  () ->
                      await(
                          sleep(1),
                          v -> {
                            throw boom;
                          })));
      loop.runUntilComplete(sleep(2));
      assertTrue(failing.done());
      assertEquals(List.of(), reports, "nothing is reported while the task may still be observed");
    }
    assertEquals(1, reports.size(), () -> "reports: " + reports);
    ExceptionContext report = reports.get(0);
    assertTrue(report.message().contains("never retrieved"), report.message());
    assertSame(boom, report.exception());
    assertSame(failing, report.task());
  }

  @Test
  @DisplayName(
      "case 24 neverRetrievedException: result(), exception() or awaiting retrieves it; no report")
  void case24_retrievedFailureIsNotReported() {
    List<ExceptionContext> reports = new ArrayList<>();
    try (TestEventLoop loop = new TestEventLoop()) {
      loop.setExceptionHandler((l, c) -> reports.add(c));
      Task<String> byResult = loop.createTask(failAfter(1, "by result"));
      Task<String> byException = loop.createTask(failAfter(1, "by exception"));
      Task<String> byAwait = loop.createTask(failAfter(1, "by await"));
      Throwable awaited =
          loop.runUntilComplete(Coro.<Throwable>co(() -> await(byAwait, (v, e) -> ret(e))));
      assertEquals("by await", awaited.getMessage());
      assertEquals(
          "by result", assertThrows(IllegalStateException.class, byResult::result).getMessage());
      assertEquals("by exception", byException.exception().getMessage());
    }
    assertEquals(List.of(), reports);
  }

  @Test
  void failedTaskRetrievedByRunUntilCompleteIsNotReported() {
    List<ExceptionContext> reports = new ArrayList<>();
    try (TestEventLoop loop = new TestEventLoop()) {
      loop.setExceptionHandler((l, c) -> reports.add(c));
      Task<String> task = loop.createTask(failAfter(1, "raised to the caller"));
      assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(task));
    }
    assertEquals(List.of(), reports);
  }

  @Test
  void neverRetrievedReportIsLoggedWhenNoHandlerIsSet() {
    try (LogCapture logs = LogCapture.start()) {
      TestEventLoop loop = new TestEventLoop();
      Task<String> task = loop.createTask(failAfter(0, "nobody looked"), "forgotten");
      loop.runUntilComplete(sleep(1));
      assertTrue(task.done());
      assertEquals(List.of(), logs.messages(java.util.logging.Level.SEVERE));
      loop.close();
      List<String> errors = logs.messages(java.util.logging.Level.SEVERE);
      assertEquals(1, errors.size(), () -> "logged: " + errors);
      assertTrue(errors.get(0).contains("Task exception was never retrieved"), errors.get(0));
      assertTrue(errors.get(0).contains("name='forgotten'"), errors.get(0));
      assertTrue(errors.get(0).contains("nobody looked"), errors.get(0));
    }
  }

  @Test
  void cancelledTaskIsNotReportedAsNeverRetrieved() {
    List<ExceptionContext> reports = new ArrayList<>();
    try (TestEventLoop loop = new TestEventLoop()) {
      loop.setExceptionHandler((l, c) -> reports.add(c));
      Task<Void> task = loop.createTask(sleep(10));
      loop.runUntilComplete(sleep(1));
      task.cancel();
      loop.runUntilComplete(sleep(1));
      assertTrue(task.cancelled());
    }
    assertEquals(List.of(), reports);
  }

  @Test
  @DisplayName(
      "case 24 neverRetrievedException: an unreachable failed future is reported once by the"
          + " cleaner")
  void case24_unreachableFailedFutureIsReportedOnceByTheCleaner() throws Exception {
    List<ExceptionContext> reports = new CopyOnWriteArrayList<>();
    CompletableFuture<Thread> reported = new CompletableFuture<>();
    RuntimeException lost = new RuntimeException("lost and found");
    TestEventLoop loop = new TestEventLoop();
    try {
      loop.setExceptionHandler(
          (l, c) -> {
            reports.add(c);
            reported.complete(Thread.currentThread());
          });
      failAndDrop(loop, lost);

      // The cleaner thread reports through callSoonThreadsafe. Keep the loop running (it waits
      // in real time for the outside work) while another thread collects garbage until the report
      // has arrived, for at most 10 seconds.
      Thread loopThread = Thread.currentThread();
      boolean arrived = loop.runUntilComplete(loop.runInExecutor(null, () -> gcUntil(reported)));
      assertTrue(arrived, "the cleaner did not report the unreachable failed future within 10 s");
      assertEquals(1, reports.size(), () -> "reports: " + reports);
      assertSame(loopThread, reported.get(), "the handler runs on the loop's thread");
      ExceptionContext report = reports.get(0);
      assertTrue(report.message().contains("never retrieved"), report.message());
      assertSame(lost, report.exception());
    } finally {
      loop.close();
    }
    assertEquals(1, reports.size(), "closing the loop must not report the failure again");
  }

  /** Fails a new future on {@code loop} and keeps no reference to it. */
  private static void failAndDrop(EventLoop loop, Throwable error) {
    loop.createFuture().setException(error);
  }

  /** Runs the garbage collector until {@code done} completes; false after 10 seconds. */
  private static boolean gcUntil(CompletableFuture<?> done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.isDone() && System.nanoTime() < deadline) {
      System.gc();
      try {
        done.get(50, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException | ExecutionException notYet) {
        // Collect again.
      }
    }
    return done.isDone();
  }

  private static Coroutine<String> failAfter(double delay, String message) {
    return co(
        () ->
            await(
                sleep(delay),
                v -> {
                  throw new IllegalStateException(message);
                }));
  }

  // ---- case 25: names ----

  @Test
  @DisplayName("case 25 taskNames: default names are Task-N and increase; setName shows")
  void case25_defaultNamesIncreaseAndSetNameShowsInToString() {
    try (TestEventLoop loop = new TestEventLoop()) {
      Task<Void> first = loop.createTask(sleep(0));
      Task<Void> second = loop.createTask(sleep(0));
      Task<Void> named = loop.createTask(sleep(0), "fetcher");
      Task<Void> third = loop.createTask(sleep(0));
      assertEquals("Task-1", first.getName());
      assertEquals("Task-2", second.getName());
      assertEquals("fetcher", named.getName());
      assertEquals("Task-4", third.getName(), "a named task still takes a number");
      assertTrue(first.toString().contains("name='Task-1'"), first.toString());

      second.setName("renamed");
      assertEquals("renamed", second.getName());
      assertTrue(second.toString().contains("name='renamed'"), second.toString());
      assertFalse(second.toString().contains("Task-2"), second.toString());

      NullPointerException npe =
          assertThrows(NullPointerException.class, () -> first.setName(null));
      assertTrue(npe.getMessage().contains("name"), npe.getMessage());
      loop.runUntilComplete(sleep(0));
    }
  }

  // ---- case 26–28: eager tasks ----

  @Test
  @DisplayName(
      "case 26 eagerCompletion: with eager tasks, a coroutine that never suspends is done at once")
  void case26_eagerTaskThatNeverSuspendsIsDoneWhenCreateTaskReturns() {
    TestEventLoop loop = new TestEventLoop();
    Order order = new Order();
    Asyncio.run(
        co(
            () -> {
              loop.setEagerTasks(true);
              order.expect(1);
              Task<Integer> t =
                  loop.createTask(
                      co(
                          () -> {
                            order.expect(2);
                            return ret(42);
                          }));
              order.expect(3);
              assertTrue(t.done(), "an eager task that never suspends is done at once");
              assertEquals(42, t.result());
              assertFalse(t.cancel(), "cancel() after eager completion");
              assertFalse(t.cancelled());
              assertEquals(0, t.cancelling());
              assertEquals(42, t.result(), "the result is intact after cancel()");
              assertFalse(allTasks().contains(t));

              // Done callbacks are deferred even for a task that was done at once.
              t.addDoneCallback(f -> order.expect(5));
              order.expect(4);
              return await(
                  sleep(0),
                  v -> {
                    order.expect(6);
                    return ret();
                  });
            }),
        () -> loop);
    order.finish(6);
  }

  @Test
  @DisplayName("case 26 eagerCompletion: createTask(coro, name, context, eagerStart=true)")
  void case26_eagerStartArgumentRunsTheCoroutineInsideCreateTask() {
    TestEventLoop loop = new TestEventLoop();
    Asyncio.run(
        co(
            () -> {
              assertFalse(loop.isEagerTasks());
              Task<String> eager = loop.createTask(co(() -> ret("now")), "eager", null, true);
              assertTrue(eager.done());
              assertEquals("now", eager.result());
              assertFalse(eager.cancel());
              assertEquals("now", eager.result());

              Task<String> lazy = loop.createTask(co(() -> ret("later")));
              assertFalse(lazy.done(), "without eagerStart the loop's default (lazy) applies");
              return awaitAndReturn(lazy);
            }),
        () -> loop);
  }

  @Test
  void eagerTaskThatFailsAtOnceIsDoneWithItsException() {
    TestEventLoop loop = new TestEventLoop();
    IllegalStateException boom = new IllegalStateException("failed eagerly");
    Throwable seen =
        Asyncio.run(
            Coro.<Throwable>co(
                () -> {
                  Task<?> me = currentTask();
                  Task<String> t =
                      loop.createTask(
                          co(
                              () -> {
                                throw boom;
                              }),
                          null,
                          null,
                          true);
                  assertTrue(t.done());
                  assertSame(me, currentTask(), "the creator is current again");
                  return ret(t.exception());
                }),
            () -> loop);
    assertSame(boom, seen);
  }

  @Test
  @DisplayName(
      "case 27 eagerThenBlock: an eager task that suspends is pending; currentTask() is the task")
  void case27_eagerTaskThatSuspendsIsPendingAndIsTheCurrentTaskDuringItsFirstStep() {
    TestEventLoop loop = new TestEventLoop();
    Order order = new Order();
    Object[] currentInEagerStep = {null};
    List<Task<?>> created = new ArrayList<>();
    Task<?> creator =
        Asyncio.run(
            co(
                () -> {
                  Task<?> me = currentTask();
                  order.expect(1);
                  Task<String> t =
                      loop.createTask(
                          co(
                              () -> {
                                order.expect(2);
                                currentInEagerStep[0] = currentTask();
                                return await(
                                    sleep(1),
                                    v -> {
                                      order.expect(5);
                                      // Scheduled before the task completes: runs before its
                                      // done callbacks, which go through the ready queue too.
                                      loop.callSoon(() -> order.expect(6));
                                      return ret("blocked then done");
                                    });
                              }),
                          null,
                          null,
                          true);
                  created.add(t);
                  order.expect(3);
                  assertFalse(t.done(), "an eager task that suspends is still pending");
                  assertSame(me, currentTask(), "the creator is current again after createTask");
                  assertTrue(allTasks().contains(t));
                  t.addDoneCallback(f -> order.expect(7));
                  order.expect(4);
                  return await(
                      t,
                      v -> {
                        order.expect(8);
                        assertEquals("blocked then done", v);
                        return ret(me);
                      });
                }),
            () -> loop);
    order.finish(8);
    assertSame(created.get(0), currentInEagerStep[0]);
    assertFalse(created.get(0) == creator);
  }

  @Test
  @DisplayName(
      "case 28 eagerContext: the eager first step sees the creator's value; its writes stay inside")
  void case28_eagerStepSeesTheCreatorsValueAndItsWritesStayInTheTask() {
    ContextVar<String> var = ContextVar.of("var", "default");
    TestEventLoop loop = new TestEventLoop();
    List<String> log = new ArrayList<>();
    Asyncio.run(
        co(
            () -> {
              loop.setEagerTasks(true);
              var.set("creator");
              Task<String> t =
                  createTask(
                      co(
                          () -> {
                            log.add("eager step sees " + var.get());
                            var.set("task");
                            log.add("eager step wrote " + var.get());
                            return await(
                                sleep(1),
                                v -> {
                                  log.add("after sleep sees " + var.get());
                                  return ret(var.get());
                                });
                          }));
              log.add("creator after createTask sees " + var.get());
              Task<String> done =
                  createTask(
                      co(
                          () -> {
                            var.set("never suspends");
                            return ret(var.get());
                          }));
              assertTrue(done.done());
              log.add("creator after a finished eager task sees " + var.get());
              return await(
                  t,
                  v -> {
                    log.add("creator after await sees " + var.get());
                    assertEquals("task", t.getContext().run(() -> var.get()));
                    return ret(v);
                  });
            }),
        () -> loop);
    assertEquals(
        List.of(
            "eager step sees creator",
            "eager step wrote task",
            "creator after createTask sees creator",
            "creator after a finished eager task sees creator",
            "after sleep sees task",
            "creator after await sees creator"),
        log);
  }

  @Test
  void eagerTaskCreatedOnALoopThatIsNotRunningStartsWhenTheLoopRuns() {
    // As in CPython, which starts a task eagerly only when the loop is running: there is no
    // running loop (no current task, no task context) to run its first step in.
    try (TestEventLoop loop = new TestEventLoop()) {
      loop.setEagerTasks(true);
      Object[] current = {"not run"};
      Task<String> task =
          loop.createTask(
              co(
                  () -> {
                    current[0] = currentTask();
                    return ret("ran");
                  }));
      assertFalse(task.done());
      assertEquals("not run", current[0]);
      assertEquals("ran", loop.runUntilComplete(task));
      assertSame(task, current[0]);
    }
  }

  // ---- cancellation beyond the numbered cases ----

  @Test
  void cancellationIsNotCaughtByCatchException() {
    TestEventLoop loop = new TestEventLoop();
    List<String> log = new ArrayList<>();
    Throwable seen =
        Asyncio.run(
            Coro.<Throwable>co(
                () -> {
                  Task<String> t =
                      createTask(
                          co(
                              () ->
                                  await(
                                      sleep(10),
                                      (v, e) -> {
                                        try {
                                          try {
                                            if (e != null) {
                                              throw e;
                                            }
                                            return ret("slept");
                                          } catch (Exception ex) {
                                            log.add("catch (Exception) swallowed " + ex);
                                            return ret("swallowed");
                                          }
                                        } catch (CancelledError c) {
                                          log.add("catch (CancelledError) cleans up");
                                          throw c;
                                        }
                                      })));
                  return await(
                      sleep(1),
                      v -> {
                        t.cancel();
                        return await(
                            t,
                            (r, e) -> {
                              assertTrue(t.cancelled(), "the task ends cancelled");
                              return ret(e);
                            });
                      });
                }),
            () -> loop);
    assertInstanceOf(CancelledError.class, seen);
    assertFalse(seen instanceof Exception, "CancelledError must not be an Exception");
    assertEquals(List.of("catch (CancelledError) cleans up"), log);
  }

  @Test
  void cancelReachesTheInnermostAwaitOfADeepChainAndCleanupRunsInnermostFirst() {
    TestEventLoop loop = new TestEventLoop();
    List<String> log = new ArrayList<>();
    Coroutine<String> c = co("C", () -> await(sleep(10), cleanup(log, "C")));
    Coroutine<String> b = co("B", () -> await(c, cleanup(log, "B")));
    Coroutine<String> a = co("A", () -> await(b, cleanup(log, "A")));
    Task<?> task =
        Asyncio.run(
            co(
                () -> {
                  Task<String> t = createTask(a);
                  return await(
                      sleep(1),
                      v -> {
                        t.cancel("deep");
                        return await(t, (r, e) -> ret(t));
                      });
                }),
            () -> loop);
    assertEquals(
        List.of(
            "C cleanup after CancelledError: deep",
            "B cleanup after CancelledError: deep",
            "A cleanup after CancelledError: deep"),
        log);
    assertTrue(task.cancelled());
    assertEquals(1.0, loop.time());
  }

  /** A step that logs like a {@code finally} block, then lets the outcome through. */
  private static Coro.Step cleanup(List<String> log, String who) {
    return (v, e) -> {
      log.add(
          who
              + " cleanup after "
              + (e == null ? "success" : e.getClass().getSimpleName() + ": " + e.getMessage()));
      if (e != null) {
        throw e;
      }
      return ret(v);
    };
  }

  @Test
  void taskAwaitingACancelledTaskGetsCancelledErrorButIsNotCancelledItself() {
    TestEventLoop loop = new TestEventLoop();
    List<Task<?>> tasks = new ArrayList<>();
    Asyncio.run(
        co(
            () -> {
              Task<String> inner = createTask(sleep(10, "inner"));
              Task<String> catcher =
                  createTask(
                      co(
                          () ->
                              await(
                                  inner,
                                  (v, e) ->
                                      ret(e instanceof CancelledError ? "saw the cancel" : v))));
              Task<String> propagator = createTask(co(() -> awaitAndReturn(inner)));
              tasks.add(inner);
              tasks.add(catcher);
              tasks.add(propagator);
              return await(
                  sleep(1),
                  v -> {
                    inner.cancel();
                    return await(sleep(0), w -> await(sleep(0), x -> ret()));
                  });
            }),
        () -> loop);
    Task<?> inner = tasks.get(0);
    Task<?> catcher = tasks.get(1);
    Task<?> propagator = tasks.get(2);
    assertTrue(inner.cancelled());
    assertEquals("saw the cancel", catcher.result());
    assertFalse(catcher.cancelled());
    assertEquals(0, catcher.cancelling(), "nobody asked to cancel the awaiting task");
    assertTrue(propagator.cancelled(), "a task that lets the CancelledError out ends cancelled");
    assertEquals(0, propagator.cancelling());
  }

  @Test
  void cancellingATaskThatAwaitsAnotherTaskCancelsTheAwaitedTask() {
    TestEventLoop loop = new TestEventLoop();
    List<Task<?>> tasks = new ArrayList<>();
    Asyncio.run(
        co(
            () -> {
              Task<String> inner = createTask(sleep(10, "inner"));
              Task<String> outer = createTask(co(() -> awaitAndReturn(inner)));
              tasks.add(inner);
              tasks.add(outer);
              return await(
                  sleep(1),
                  v -> {
                    outer.cancel("from outside");
                    return await(outer, (r, e) -> ret());
                  });
            }),
        () -> loop);
    Task<?> inner = tasks.get(0);
    Task<?> outer = tasks.get(1);
    assertTrue(inner.cancelled());
    assertTrue(outer.cancelled());
    assertEquals("from outside", assertThrows(CancelledError.class, inner::result).getMessage());
    assertEquals(1.0, loop.time());
  }

  @Test
  void taskThatCancelsItselfGetsCancelledErrorAtItsNextAwait() {
    TestEventLoop loop = new TestEventLoop();
    List<Object> log = new ArrayList<>();
    Task<?> task =
        Asyncio.run(
            co(
                () -> {
                  Task<String> t =
                      createTask(
                          co(
                              () -> {
                                assertTrue(currentTask().cancel("self"));
                                log.add("still running after cancel()");
                                return await(
                                    sleep(5),
                                    (v, e) -> {
                                      log.add(e);
                                      log.add(loop.time());
                                      throw e;
                                    });
                              }));
                  return await(t, (v, e) -> ret(t));
                }),
            () -> loop);
    assertEquals("still running after cancel()", log.get(0));
    assertEquals("self", assertInstanceOf(CancelledError.class, log.get(1)).getMessage());
    assertEquals(0.0, log.get(2), "the cancel is delivered at the next await, without sleeping");
    assertTrue(task.cancelled());
  }

  @Test
  void taskCancelledInTheStepWhereItReturnsEndsCancelled() {
    try (TestEventLoop loop = new TestEventLoop()) {
      Task<String> task =
          loop.createTask(
              co(
                  () -> {
                    currentTask().cancel("too late to deliver");
                    return ret("returned anyway");
                  }));
      CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
      assertEquals("too late to deliver", e.getMessage());
      assertTrue(task.cancelled());
    }
  }

  @Test
  void setResultAndSetExceptionOnATaskAreRejected() {
    try (TestEventLoop loop = new TestEventLoop()) {
      Task<String> task =
          loop.createTask(co(() -> await(sleep(1), v -> ret("from the coroutine"))));
      UnsupportedOperationException r =
          assertThrows(UnsupportedOperationException.class, () -> task.setResult("forged"));
      assertTrue(r.getMessage().contains("setResult"), r.getMessage());
      assertThrows(UnsupportedOperationException.class, () -> task.trySetResult("forged"));
      UnsupportedOperationException x =
          assertThrows(
              UnsupportedOperationException.class,
              () -> task.setException(new RuntimeException("forged")));
      assertTrue(x.getMessage().contains("setException"), x.getMessage());
      assertThrows(
          UnsupportedOperationException.class,
          () -> task.trySetException(new RuntimeException("forged")));
      assertFalse(task.done());
      assertEquals("from the coroutine", loop.runUntilComplete(task));
    }
  }

  @Test
  void cancelOnADoneTaskReturnsFalseAndChangesNothing() {
    try (TestEventLoop loop = new TestEventLoop()) {
      Task<String> ok = loop.createTask(co(() -> ret("r")));
      Task<String> failed = loop.createTask(failAfter(0, "failed"));
      loop.runUntilComplete(sleep(1));

      assertFalse(ok.cancel());
      assertFalse(ok.cancel("again"));
      assertEquals("r", ok.result());
      assertFalse(ok.cancelled());
      assertEquals(0, ok.cancelling());

      assertFalse(failed.cancel());
      assertEquals("failed", failed.exception().getMessage());
      assertFalse(failed.cancelled());
      assertEquals(0, failed.cancelling());
    }
  }

  @Test
  void uncancelWithNothingPendingStaysAtZero() {
    try (TestEventLoop loop = new TestEventLoop()) {
      Task<Void> task = loop.createTask(sleep(1));
      assertEquals(0, task.uncancel());
      assertEquals(0, task.uncancel());
      assertEquals(0, task.cancelling());
      assertTrue(task.cancel());
      assertEquals(1, task.cancelling(), "uncancel() must not have gone below zero");
      assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
    }
  }

  // ---- the loop holds pending tasks ----

  @Test
  void loopKeepsAPendingTaskNobodyReferencesAlive() throws InterruptedException {
    try (TestEventLoop loop = new TestEventLoop()) {
      List<String> log = new ArrayList<>();
      // The task waits on a future that only the task itself references: nothing but the loop's
      // list of pending tasks keeps either alive.
      WeakReference<Future<String>> future = startOrphan(loop, log);
      loop.runUntilComplete(sleep(0));
      assertEquals(List.of("waiting"), log);

      WeakReference<Object> control = new WeakReference<>(new Object());
      assertTrue(
          gcUntil(() -> control.get() == null), "the garbage collector did not run within 10 s");
      Future<String> stillThere = future.get();
      assertNotNull(stillThere, "the loop let a pending task (and what it awaits) be collected");
      assertEquals(1, loop.allTasks().size());

      stillThere.setResult("go");
      loop.runUntilComplete(sleep(0));
      assertEquals(List.of("waiting", "completed with go"), log);
      assertEquals(Set.of(), loop.allTasks());
    }
  }

  private static WeakReference<Future<String>> startOrphan(EventLoop loop, List<String> log) {
    Future<String> f = loop.createFuture();
    loop.createTask(
        co(
            () -> {
              log.add("waiting");
              return await(
                  f,
                  v -> {
                    log.add("completed with " + v);
                    return ret();
                  });
            }));
    return new WeakReference<>(f);
  }

  private static boolean gcUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      System.gc();
      Thread.sleep(10); // wait for the collector's thread, not for the loop
    }
    return true;
  }

  // ---- toString and bad input ----

  @Test
  void toStringShowsStateNameCoroutineAndWhatTheTaskWaitsFor() {
    try (TestEventLoop loop = new TestEventLoop()) {
      Future<String> gate = loop.createFuture();
      Task<String> waiter = loop.createTask(co("waiterCoro", () -> awaitAndReturn(gate)), "waiter");
      Task<Void> sleeper = loop.createTask(sleep(5), "sleeper");
      Task<String> failer = loop.createTask(failAfter(0, "kaput"), "failer");
      Task<Void> canceled = loop.createTask(sleep(5), "canceled");

      String unstarted = waiter.toString();
      assertTrue(unstarted.startsWith("<Task pending"), unstarted);
      assertTrue(unstarted.contains("name='waiter'"), unstarted);
      assertTrue(unstarted.contains("coro=waiterCoro"), unstarted);
      assertFalse(unstarted.contains("wait_for="), unstarted);

      loop.runUntilComplete(sleep(1));
      canceled.cancel();
      String waiting = waiter.toString();
      assertTrue(waiting.contains("pending"), waiting);
      assertTrue(waiting.contains("wait_for=" + gate), waiting);
      String sleeping = sleeper.toString();
      assertTrue(sleeping.contains("coro=sleep(5.0)"), sleeping);
      assertTrue(sleeping.contains("wait_for=<sleep>"), sleeping);

      gate.setResult("opened");
      loop.runUntilComplete(sleep(0));
      String finished = waiter.toString();
      assertTrue(finished.contains("finished result=opened"), finished);
      assertFalse(finished.contains("wait_for="), finished);
      String failed = failer.toString();
      assertTrue(failed.contains("finished exception="), failed);
      assertTrue(failed.contains("kaput"), failed);
      assertTrue(
          canceled.toString().startsWith("<Task cancelled name='canceled'"), canceled.toString());
      failer.exception();
    }
  }

  @Test
  void createTaskRejectsNullAndAClosedLoop() {
    TestEventLoop loop = new TestEventLoop();
    NullPointerException npe =
        assertThrows(NullPointerException.class, () -> loop.createTask(null));
    assertTrue(npe.getMessage().contains("coro"), npe.getMessage());
    loop.close();
    IllegalStateException closed =
        assertThrows(IllegalStateException.class, () -> loop.createTask(sleep(0)));
    assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
  }
}
