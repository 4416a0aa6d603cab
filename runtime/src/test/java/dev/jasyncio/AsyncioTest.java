package dev.jasyncio;

import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static dev.jasyncio.Gen.awaiting;
import static dev.jasyncio.Gen.emit;
import static dev.jasyncio.Gen.gen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The module-level entry points: {@code run} (asyncio.run) and the bridges to threads and to {@link
 * java.util.concurrent.CompletionStage}s. Tests that cross threads use real loops and wait with
 * generous bounds; they never assert how long anything took.
 */
class AsyncioTest {
  private static final long BOUND_SECONDS = 30;

  @Test
  void runReturnsTheResultAndClosesItsLoop() {
    AtomicReference<EventLoop> used = new AtomicReference<>();
    String result =
        Asyncio.run(
            co(() -> ret("ok")),
            () -> {
              TestEventLoop loop = new TestEventLoop();
              used.set(loop);
              return loop;
            });
    assertEquals("ok", result);
    assertTrue(used.get().isClosed());
  }

  @Test
  void runThrowsTheCoroutinesCheckedExceptionUnchanged() {
    IOException failure = new IOException("disk on fire");
    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                Asyncio.run(
                    co(
                        () -> {
                          throw failure;
                        }),
                    TestEventLoop::new));
    assertSame(failure, thrown);
  }

  @Test
  void runCancelsLeftoverTasksAndLetsThemCleanUpBeforeClosing() {
    List<String> log = new ArrayList<>();
    Asyncio.run(
        co(
            () -> {
              Asyncio.createTask(
                  co(
                      "leftover",
                      () ->
                          await(
                              Asyncio.sleep(100),
                              (v, e) -> {
                                log.add("leftover saw " + e.getClass().getSimpleName());
                                return await(
                                    Asyncio.sleep(1),
                                    v2 -> {
                                      log.add("leftover cleaned up");
                                      throw e;
                                    });
                              })));
              return await(Asyncio.sleep(0), v -> ret("main done"));
            }),
        TestEventLoop::new);
    assertEquals(List.of("leftover saw CancelledError", "leftover cleaned up"), log);
  }

  @Test
  void runReportsALeftoverTaskThatFailsWhileBeingCancelled() {
    List<ExceptionContext> reports = new ArrayList<>();
    IllegalStateException failure = new IllegalStateException("broken cleanup");
    Asyncio.run(
        co(
            () -> {
              Asyncio.createTask(
                  co(
                      "leftover",
                      () ->
                          await(
                              Asyncio.sleep(100),
                              (v, e) -> {
                                throw failure;
                              })));
              return await(Asyncio.sleep(0), v -> ret());
            }),
        () -> {
          TestEventLoop loop = new TestEventLoop();
          loop.setExceptionHandler((l, context) -> reports.add(context));
          return loop;
        });
    assertEquals(1, reports.size(), reports.toString());
    assertTrue(reports.get(0).message().contains("during run() shutdown"), reports.toString());
    assertSame(failure, reports.get(0).exception());
  }

  @Test
  void runClosesUnfinishedGeneratorsAfterTheLeftoverTasksHaveFinishedCancelling() {
    List<String> log = new ArrayList<>();
    TestEventLoop loop = new TestEventLoop();
    Gen.Generator<Integer> paused =
        gen(
            "paused",
            () ->
                emit(
                    1,
                    (v, e) -> {
                      log.add("paused closing at " + loop.time());
                      return awaiting(
                          Asyncio.sleep(1),
                          w -> {
                            log.add("paused closed at " + loop.time());
                            throw e;
                          });
                    }));
    Gen.Generator<Integer> iterated =
        gen(
            "iterated",
            () ->
                emit(
                    1,
                    v ->
                        awaiting(
                            Asyncio.sleep(100),
                            (w, e) -> {
                              log.add("iterated got " + e.getClass().getSimpleName());
                              return awaiting(
                                  Asyncio.sleep(1),
                                  x -> {
                                    log.add("iterated cleaned up at " + loop.time());
                                    throw e;
                                  });
                            })));

    Asyncio.run(
        co(
            () ->
                await(
                    paused.anext(),
                    p -> {
                      Asyncio.createTask(
                          co(
                              "leftover",
                              () ->
                                  await(
                                      iterated.anext(), i -> await(iterated.anext(), Coro::ret))));
                      return await(Asyncio.sleep(0), v -> ret());
                    })),
        () -> loop);

    assertEquals(
        List.of(
            "iterated got CancelledError",
            "iterated cleaned up at 1.0",
            "paused closing at 1.0",
            "paused closed at 2.0"),
        log);
    assertTrue(paused.isExhausted());
    assertTrue(iterated.isExhausted());
    assertTrue(loop.isClosed());
  }

  @Test
  void runInsideARunningLoopIsAnErrorNamingTheFix() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                Asyncio.run(
                    co(() -> ret(Asyncio.run(co(() -> ret(1)), TestEventLoop::new))),
                    TestEventLoop::new));
    assertTrue(
        e.getMessage().contains("cannot be called from a running event loop"), e.getMessage());
  }

  @Test
  void awaitingACompletedCompletableFutureGivesItsValueWithoutSuspending() {
    Order order = new Order();
    String value =
        Asyncio.run(
            co(
                () -> {
                  order.expect(1);
                  Asyncio.getRunningLoop().callSoon(() -> order.expect(3));
                  return await(
                      CompletableFuture.completedFuture("cf"),
                      v -> {
                        order.expect(2);
                        return ret(v);
                      });
                }),
            TestEventLoop::new);
    assertEquals("cf", value);
  }

  @Test
  void awaitingAFailedCompletableFutureRaisesTheUnwrappedCause() {
    IOException cause = new IOException("no route");
    CompletableFuture<String> failed = new CompletableFuture<>();
    failed.completeExceptionally(cause);
    IOException thrown =
        assertThrows(
            IOException.class,
            () -> Asyncio.run(co(() -> await(failed, v -> ret(v))), TestEventLoop::new));
    assertSame(cause, thrown);
  }

  @Test
  void awaitingACompletionStageCompletedByAnotherThreadResumesOnTheLoopThread() throws Exception {
    CompletableFuture<Integer> cf = new CompletableFuture<>();
    AtomicReference<Thread> resumedOn = new AtomicReference<>();
    Thread completer =
        new Thread(
            () -> {
              cf.complete(42);
            });
    int value =
        Asyncio.run(
            co(
                () -> {
                  completer.start();
                  return await(
                      cf.thenApply(x -> x),
                      v -> {
                        resumedOn.set(Thread.currentThread());
                        return ret(v);
                      });
                }));
    completer.join(TimeUnit.SECONDS.toMillis(BOUND_SECONDS));
    assertEquals(42, value);
    assertSame(Thread.currentThread(), resumedOn.get());
  }

  @Test
  void cancellingATaskThatAwaitsACompletableFutureCancelsTheCompletableFuture() {
    CompletableFuture<String> never = new CompletableFuture<>();
    TestEventLoop loop = new TestEventLoop();
    loop.setIdleTimeout(java.time.Duration.ofMillis(20)); // the future never completes: don't wait
    Task<Object> waiter = loop.createTask(co(() -> await(never, v -> ret(v))));
    loop.callLater(1, waiter::cancel);
    assertThrows(CancelledError.class, () -> loop.runUntilComplete(waiter));
    assertTrue(never.isCancelled());
    loop.close();
  }

  @Test
  void toThreadRunsBlockingWorkOffTheLoopThreadInACopyOfTheContext() {
    ContextVar<String> user = ContextVar.of("user");
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    String seen =
        Asyncio.run(
            co(
                () -> {
                  user.set("ana");
                  return await(
                      Asyncio.toThread(
                          () -> {
                            ranOn.set(Thread.currentThread());
                            return user.get();
                          }),
                      Coro::ret);
                }),
            TestEventLoop::new);
    assertEquals("ana", seen);
    assertFalse(ranOn.get() == Thread.currentThread(), "toThread ran on the loop thread");
  }

  @Test
  void runInExecutorDeliversTheJobsExceptionUnchanged() {
    IOException cause = new IOException("blocked");
    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                Asyncio.run(
                    co(
                        () ->
                            await(
                                Asyncio.getRunningLoop()
                                    .runInExecutor(
                                        null,
                                        () -> {
                                          throw cause;
                                        }),
                                Coro::ret)),
                    TestEventLoop::new));
    assertSame(cause, thrown);
  }

  @Test
  void cancellingARunInExecutorFutureBeforeItsJobStartsMeansTheJobNeverRuns() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<String> ran = new ArrayList<>();
    java.util.concurrent.ExecutorService single =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      TestEventLoop loop = new TestEventLoop();
      Future<String> blocker =
          loop.runInExecutor(
              single,
              () -> {
                release.await(BOUND_SECONDS, TimeUnit.SECONDS);
                return "blocker";
              });
      Future<String> queued =
          loop.runInExecutor(
              single,
              () -> {
                synchronized (ran) {
                  ran.add("queued");
                }
                return "queued";
              });
      assertTrue(queued.cancel());
      release.countDown();
      assertEquals("blocker", loop.runUntilComplete(blocker));
      loop.close();
    } finally {
      single.shutdown();
      assertTrue(single.awaitTermination(BOUND_SECONDS, TimeUnit.SECONDS));
    }
    synchronized (ran) {
      assertEquals(List.of(), ran);
    }
  }

  @Test
  void runCoroutineThreadsafeRunsTheCoroutineOnTheLoopAndCompletesTheFuture() throws Exception {
    EventLoop loop = new EventLoop();
    CompletableFuture<Void> started = new CompletableFuture<>();
    Thread loopThread =
        new Thread(
            () -> {
              loop.callSoon(() -> started.complete(null));
              loop.runForever();
            });
    loopThread.start();
    started.get(BOUND_SECONDS, TimeUnit.SECONDS);
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    CompletableFuture<String> result =
        loop.runCoroutineThreadsafe(
            co(
                () -> {
                  ranOn.set(Thread.currentThread());
                  return await(Asyncio.sleep(0.001), v -> ret("from the loop"));
                }));
    assertEquals("from the loop", result.get(BOUND_SECONDS, TimeUnit.SECONDS));
    assertSame(loopThread, ranOn.get());

    CompletableFuture<String> forever =
        Asyncio.runCoroutineThreadsafe(
            co(() -> await(Asyncio.sleep(3600), v -> ret("late"))), loop);
    assertTrue(forever.cancel(true));
    CompletableFuture<Boolean> taskCancelled = new CompletableFuture<>();
    loop.callSoonThreadsafe(
        () -> {
          // The cancellation reaches the loop through callSoonThreadsafe, before this callback.
          taskCancelled.complete(loop.allTasks().stream().allMatch(t -> t.cancelling() > 0));
        });
    assertTrue(taskCancelled.get(BOUND_SECONDS, TimeUnit.SECONDS));

    loop.callSoonThreadsafe(loop::stop);
    loopThread.join(TimeUnit.SECONDS.toMillis(BOUND_SECONDS));
    assertFalse(loopThread.isAlive());
    loop.close();
  }

  @Test
  void blockingOnATasksCompletableFutureFromTheLoopThreadThrowsInsteadOfHanging() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                Asyncio.run(
                    co(
                        () -> {
                          Task<String> t =
                              Asyncio.createTask(co(() -> await(Asyncio.sleep(1), v -> ret("x"))));
                          return ret(t.toCompletableFuture().join());
                        }),
                    TestEventLoop::new));
    assertTrue(e.getMessage().contains("would block it forever"), e.getMessage());
  }

  @Test
  void aTasksCompletableFutureCompletesWithTheTask() throws Exception {
    AtomicReference<CompletableFuture<String>> cf = new AtomicReference<>();
    Asyncio.run(
        co(
            () -> {
              Task<String> t = Asyncio.createTask(co(() -> await(Asyncio.sleep(1), v -> ret("x"))));
              cf.set(t.toCompletableFuture());
              return await(t, Coro::ret);
            }),
        TestEventLoop::new);
    assertEquals("x", cf.get().get(BOUND_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void ensureFutureReturnsFuturesThemselvesAndTheFutureBehindAGather() {
    Asyncio.run(
        co(
            () -> {
              Future<String> f = Asyncio.getRunningLoop().createFuture();
              assertSame(f, Asyncio.ensureFuture(f));
              Coroutine<List<String>> g = Asyncio.gather(f);
              Future<List<String>> behind = Asyncio.ensureFuture(g);
              assertSame(behind, Asyncio.ensureFuture(g));
              f.setResult("v");
              return await(
                  g,
                  v -> {
                    assertEquals(List.of("v"), v);
                    return ret();
                  });
            }),
        TestEventLoop::new);
  }

  @Test
  void awaitCalledAsOrdinaryCodeFailsFastNamingTheAnnotation() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Asyncio.await(Asyncio.sleep(1)));
    assertTrue(e.getMessage().contains("@Async"), e.getMessage());
    IllegalStateException e2 =
        assertThrows(
            IllegalStateException.class, () -> Asyncio.await(CompletableFuture.completedFuture(1)));
    assertTrue(e2.getMessage().contains("annotation processor"), e2.getMessage());
  }

  @Test
  void generatorAndAsyncForAndAsyncWithMarkersCalledAsOrdinaryCodeFailFastNamingTheFix() {
    List<IllegalStateException> failures =
        List.of(
            assertThrows(IllegalStateException.class, () -> Asyncio.emit(1)),
            assertThrows(IllegalStateException.class, Asyncio::endGenerator),
            assertThrows(
                IllegalStateException.class,
                () -> Asyncio.asyncFor(AsyncIterables.fromIterable(List.of(1)))),
            assertThrows(
                IllegalStateException.class,
                () -> Asyncio.asyncWith(AsyncContextManager.fromGenerator(Gen.items("g", 1)))));
    List<String> markers =
        List.of("emit(...)", "endGenerator()", "asyncFor(...)", "asyncWith(manager)");
    List<String> wheres =
        List.of(
            "an @Async method that returns AsyncGenerator<T> or AsyncContextManager<T>",
            "an @Async method that returns AsyncGenerator<T> or AsyncContextManager<T>",
            "the source of a for loop in an @Async method",
            "the initializer of a try-with-resources in an @Async method");
    for (int i = 0; i < markers.size(); i++) {
      String message = failures.get(i).getMessage();
      assertTrue(message.startsWith(markers.get(i) + " ran as ordinary code"), message);
      assertTrue(message.contains("it only works in " + wheres.get(i)), message);
      assertTrue(
          message.contains("make sure jasyncio-processor is on the annotation processor path"),
          message);
      assertTrue(message.contains("call the generated class (Async_<YourClass>)"), message);
    }
  }

  @Test
  void runOnAFailedCompletableFutureGetThrowsExecutionExceptionForThreads() throws Exception {
    // The CompletableFuture face of a failed task reports the failure the way java.util.concurrent
    // does.
    AtomicReference<CompletableFuture<String>> cf = new AtomicReference<>();
    IOException cause = new IOException("x");
    assertThrows(
        IOException.class,
        () ->
            Asyncio.run(
                co(
                    () -> {
                      Task<String> t =
                          Asyncio.createTask(
                              co(
                                  () -> {
                                    throw cause;
                                  }));
                      cf.set(t.toCompletableFuture());
                      return await(t, Coro::ret);
                    }),
                TestEventLoop::new));
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> cf.get().get(BOUND_SECONDS, TimeUnit.SECONDS));
    assertSame(cause, e.getCause());
  }
}
