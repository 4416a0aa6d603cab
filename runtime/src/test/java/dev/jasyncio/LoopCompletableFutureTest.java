package dev.jasyncio;

import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Tests of {@link LoopCompletableFuture}, the {@link CompletableFuture} face of a loop {@link
 * Future} given by {@link Future#toCompletableFuture()} and {@link
 * EventLoop#runCoroutineThreadsafe}: it completes with the loop future, cancelling it cancels the
 * loop future (at once on the loop's thread, through {@code callSoonThreadsafe} from others), and
 * blocking on it from the loop's own thread while it is pending throws instead of hanging, also in
 * dependent stages.
 */
class LoopCompletableFutureTest {
  private static final long BOUND_SECONDS = 30;

  private final TestEventLoop loop = new TestEventLoop();

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

  /** Runs one loop iteration and whatever it schedules for the next one. */
  private void runBriefly() {
    loop.runUntilComplete(sleep(0));
  }

  /** Runs {@code action} on a new thread and waits for it; returns what it threw (or null). */
  private static Throwable onAnotherThread(Executable action) {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                action.execute();
              } catch (Throwable e) {
                thrown.set(e);
              }
            },
            "outsider");
    t.start();
    try {
      t.join(TimeUnit.SECONDS.toMillis(BOUND_SECONDS));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    assertFalse(t.isAlive(), "the other thread did not finish");
    return thrown.get();
  }

  private static void assertWouldBlock(String method, Executable call) {
    IllegalStateException e = assertThrows(IllegalStateException.class, call);
    assertTrue(
        e.getMessage().startsWith(method + "() on the event loop's own thread"), e.getMessage());
    assertTrue(e.getMessage().contains("would block it forever"), e.getMessage());
  }

  // ---- outcomes ----

  @Test
  void completesWithTheLoopFuturesResult() throws Exception {
    Future<String> f = loop.createFuture();
    CompletableFuture<String> cf = f.toCompletableFuture();

    f.setResult("r");
    assertFalse(cf.isDone(), "completed inside setResult instead of through the loop");
    runBriefly();

    assertEquals("r", cf.get(BOUND_SECONDS, TimeUnit.SECONDS));
    assertEquals("r", cf.join());
  }

  @Test
  void completesExceptionallyWithTheSameExceptionWhichCountsAsRetrieved() {
    Future<String> f = loop.createFuture();
    CompletableFuture<String> cf = f.toCompletableFuture();
    IllegalStateException boom = new IllegalStateException("boom");

    f.setException(boom);
    runBriefly();

    assertSame(boom, assertThrows(ExecutionException.class, cf::get).getCause());
    assertSame(boom, assertThrows(CompletionException.class, cf::join).getCause());
    loop.close();
    assertEquals(List.of(), errors, "the failure handed to the CompletableFuture was reported");
  }

  @Test
  void isCancelledWhenTheLoopFutureIsCancelled() {
    Future<String> f = loop.createFuture();
    CompletableFuture<String> cf = f.toCompletableFuture();

    f.cancel("stop");
    runBriefly();

    assertTrue(cf.isCancelled());
    assertThrows(CancellationException.class, cf::get);
  }

  @Test
  void cancellingADoneFaceReturnsFalseAndChangesNothing() {
    Future<String> f = loop.createFuture();
    CompletableFuture<String> cf = f.toCompletableFuture();
    f.setResult("kept");
    runBriefly();

    assertFalse(cf.cancel(true));

    assertEquals("kept", cf.join());
    assertEquals("kept", f.result());
  }

  // ---- cancelling the face ----

  @Test
  void cancellingTheFaceOnTheLoopThreadCancelsTheLoopFutureAtOnce() {
    Future<String> f = loop.createFuture();
    List<Object> seen =
        loop.runUntilComplete(
            co(
                () -> {
                  CompletableFuture<String> cf = f.toCompletableFuture();
                  boolean cancelled = cf.cancel(false);
                  boolean loopFutureCancelledAtOnce = f.cancelled();
                  return await(
                      f,
                      (v, e) -> ret(List.of(cancelled, loopFutureCancelledAtOnce, e.getClass())));
                }));

    assertEquals(List.of(true, true, CancelledError.class), seen);
  }

  @Test
  void cancellingTheFaceFromAnotherThreadCancelsTheLoopFutureThroughTheLoop() {
    Future<String> f = loop.createFuture();
    List<Object> seen =
        loop.runUntilComplete(
            co(
                () -> {
                  CompletableFuture<String> cf = f.toCompletableFuture();
                  AtomicReference<Boolean> cancelled = new AtomicReference<>();
                  assertNull(onAnotherThread(() -> cancelled.set(cf.cancel(false))));
                  // The loop thread was busy here: the cancellation waits for the next iteration.
                  boolean doneAtOnce = f.done();
                  return await(
                      f, (v, e) -> ret(List.of(cancelled.get(), doneAtOnce, e.getClass())));
                }));

    assertEquals(List.of(true, false, CancelledError.class), seen);
    assertTrue(f.cancelled());
  }

  @Test
  void cancellingTheFaceAfterTheLoopClosedIsQuiet() {
    Future<String> f = loop.createFuture();
    CompletableFuture<String> cf = f.toCompletableFuture();
    loop.close();

    assertTrue(cf.cancel(false));

    assertTrue(cf.isCancelled());
    assertFalse(f.done(), "nothing is left to cancel the loop future");
  }

  // ---- blocking on the loop thread ----

  @Test
  void getJoinAndTimedGetOnTheLoopThreadWhilePendingThrowAndLeaveTheFuturePending() {
    Future<String> f = loop.createFuture();
    String result =
        loop.runUntilComplete(
            co(
                () -> {
                  CompletableFuture<String> cf = f.toCompletableFuture();
                  assertWouldBlock("get", cf::get);
                  assertWouldBlock("get", () -> cf.get(1, TimeUnit.SECONDS));
                  assertWouldBlock("join", cf::join);
                  assertFalse(f.done());
                  assertFalse(cf.isDone());
                  loop.callLater(1, () -> f.setResult("later"));
                  return await(
                      f,
                      v ->
                          await(
                              sleep(0),
                              w ->
                                  ret(
                                      cf.get()
                                          + "/"
                                          + cf.join()
                                          + "/"
                                          + cf.get(1, TimeUnit.SECONDS))));
                }));

    assertEquals("later/later/later", result, "a done face must not refuse get() on the loop");
  }

  @Test
  void dependentStagesKeepTheBlockingGuard() {
    Future<String> f = loop.createFuture();
    String result =
        loop.runUntilComplete(
            co(
                () -> {
                  CompletableFuture<String> cf = f.toCompletableFuture();
                  CompletableFuture<String> applied = cf.thenApply(s -> s + "!");
                  CompletableFuture<String> composed =
                      applied.thenCompose(s -> CompletableFuture.completedFuture(s + "?"));
                  assertInstanceOf(LoopCompletableFuture.class, applied);
                  assertInstanceOf(LoopCompletableFuture.class, composed);
                  assertWouldBlock("join", applied::join);
                  assertWouldBlock("get", composed::get);
                  f.setResult("r");
                  return await(sleep(0), v -> ret(composed.join()));
                }));

    assertEquals("r!?", result);
  }

  @Test
  void cancellingADependentStageLeavesTheLoopFutureAlone() {
    Future<String> f = loop.createFuture();
    CompletableFuture<String> applied = f.toCompletableFuture().thenApply(s -> s + "!");

    assertTrue(applied.cancel(false));
    runBriefly();

    assertFalse(f.done());
  }

  @Test
  void blockingOnTheFaceFromAnotherThreadWaitsForTheLoop() {
    Future<String> f = loop.createFuture();
    CompletableFuture<String> cf = f.toCompletableFuture();
    AtomicReference<String> got = new AtomicReference<>();
    String result =
        loop.runUntilComplete(
            co(
                () -> {
                  Future<Object> waiter =
                      loop.runInExecutor(
                          null,
                          () -> {
                            got.set(cf.get(BOUND_SECONDS, TimeUnit.SECONDS));
                            return null;
                          });
                  f.setResult("seen elsewhere");
                  return await(waiter, v -> ret(got.get()));
                }));

    assertEquals("seen elsewhere", result);
  }

  @Test
  void awaitingTheFaceOnItsOwnLoopAwaitsTheLoopFutureItself() {
    Future<String> f = loop.createFuture();
    CompletableFuture<String> cf = f.toCompletableFuture();

    assertSame(f, loop.wrapStage(cf));
    loop.callLater(2, () -> f.setResult("direct"));
    String result = loop.runUntilComplete(co(() -> await(cf, v -> ret(v + "@" + loop.time()))));

    assertEquals("direct@2.0", result);
  }

  // ---- runCoroutineThreadsafe ----

  @Test
  void runCoroutineThreadsafeFromAnotherThreadCompletesWithTheResult() {
    String result =
        loop.runUntilComplete(
            loop.runInExecutor(
                null,
                () ->
                    loop.runCoroutineThreadsafe(
                            Coro.<String>co(() -> await(sleep(0), v -> ret("from the loop"))))
                        .get(BOUND_SECONDS, TimeUnit.SECONDS)));

    assertEquals("from the loop", result);
  }

  @Test
  void runCoroutineThreadsafeCompletesExceptionallyWithTheCoroutinesFailure() {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    Throwable result =
        loop.runUntilComplete(
            loop.runInExecutor(
                null,
                () -> {
                  CompletableFuture<Object> cf =
                      loop.runCoroutineThreadsafe(
                          co(
                              () -> {
                                throw boom;
                              }));
                  return assertThrows(
                          ExecutionException.class, () -> cf.get(BOUND_SECONDS, TimeUnit.SECONDS))
                      .getCause();
                }));

    assertSame(boom, result);
  }

  @Test
  void runCoroutineThreadsafeCancelledBeforeTheLoopTakesItNeverRunsTheCoroutine() {
    List<String> log = new ArrayList<>();
    Coroutine<String> coro =
        co(
            "submitted",
            () -> {
              log.add("ran");
              return ret("r");
            });
    AtomicReference<CompletableFuture<String>> cf = new AtomicReference<>();
    assertNull(onAnotherThread(() -> cf.set(loop.runCoroutineThreadsafe(coro))));

    assertTrue(cf.get().cancel(false));
    runBriefly();

    assertEquals(List.of(), log);
    assertTrue(cf.get().isCancelled());
    IllegalStateException closed = assertThrows(IllegalStateException.class, () -> coro.send(null));
    assertTrue(closed.getMessage().contains("cannot reuse"), closed.getMessage());
  }

  @Test
  void cancellingRunCoroutineThreadsafesFutureCancelsTheTask() {
    CompletableFuture<Void> onLoop = loop.runCoroutineThreadsafe(sleep(3600));
    CompletableFuture<Void> fromOutside = loop.runCoroutineThreadsafe(sleep(3600));
    runBriefly(); // the loop takes the submissions and starts their tasks
    Task<?> a = (Task<?>) ((LoopCompletableFuture<Void>) onLoop).source;
    Task<?> b = (Task<?>) ((LoopCompletableFuture<Void>) fromOutside).source;

    List<Integer> cancellingAtOnce =
        loop.runUntilComplete(
            co(
                () -> {
                  assertWouldBlock("join", onLoop::join);
                  onLoop.cancel(false);
                  int aAtOnce = a.cancelling();
                  assertNull(onAnotherThread(() -> fromOutside.cancel(false)));
                  return ret(List.of(aAtOnce, b.cancelling()));
                }));
    loop.runUntilComplete(Asyncio.gatherReturnExceptions(a, b));

    assertEquals(List.of(1, 0), cancellingAtOnce, "from the loop at once, from outside later");
    assertTrue(a.cancelled());
    assertTrue(b.cancelled());
    assertTrue(onLoop.isCancelled());
    assertTrue(fromOutside.isCancelled());
    assertEquals(0.0, loop.time(), "a task slept to its end instead of being cancelled");
  }

  @Test
  void runCoroutineThreadsafeWithACoroutineThatCannotBecomeATaskFailsTheFuture() {
    Coroutine<Void> busy = sleep(10);
    loop.createTask(busy);
    CompletableFuture<Void> cf = loop.runCoroutineThreadsafe(busy);

    runBriefly();

    CompletionException e = assertThrows(CompletionException.class, cf::join);
    IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
    assertTrue(cause.getMessage().contains("being awaited already"), cause.getMessage());
    assertEquals(1, errors.size(), () -> "errors: " + errors);
    assertSame(cause, errors.remove(0).exception());
  }

  @Test
  void runCoroutineThreadsafeRejectsAClosedLoopAndANullCoroutine() {
    NullPointerException npe =
        assertThrows(NullPointerException.class, () -> loop.runCoroutineThreadsafe(null));
    assertEquals("coro", npe.getMessage());
    loop.close();

    IllegalStateException closed =
        assertThrows(IllegalStateException.class, () -> loop.runCoroutineThreadsafe(sleep(0)));

    assertTrue(closed.getMessage().contains("Event loop is closed"), closed.getMessage());
  }
}
