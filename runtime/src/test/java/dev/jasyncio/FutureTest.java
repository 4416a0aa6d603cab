package dev.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link Future}: its states and their errors, completion and cancellation, done callbacks
 * (always deferred, in order, in the context of the add call, errors to the loop's handler), its
 * {@code toString} and its {@link CompletableFuture} view.
 */
class FutureTest {
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

  /** Runs exactly one iteration of the loop. */
  private void runOnce() {
    loop.stop();
    loop.runForever();
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

  // ---- states ----

  @Test
  @DisplayName("case 13 futureInvalidState: result() or exception() while pending → InvalidState")
  void case13_resultWhilePendingThrowsInvalidState() {
    Future<String> f = loop.createFuture();

    InvalidStateException result = assertThrows(InvalidStateException.class, f::result);
    assertTrue(result.getMessage().contains("Result is not ready"), result.getMessage());
    assertTrue(result.getMessage().contains(f.toString()), result.getMessage());

    InvalidStateException exception = assertThrows(InvalidStateException.class, f::exception);
    assertTrue(exception.getMessage().contains("Exception is not set"), exception.getMessage());
    assertTrue(exception.getMessage().contains(f.toString()), exception.getMessage());

    assertFalse(f.done());
  }

  @Test
  @DisplayName("case 13 futureInvalidState: setResult twice → InvalidState naming the future")
  void case13_setResultTwiceThrowsInvalidState() {
    Future<Integer> f = loop.createFuture();
    f.setResult(1);

    InvalidStateException e = assertThrows(InvalidStateException.class, () -> f.setResult(2));

    assertTrue(e.getMessage().contains("already done"), e.getMessage());
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertEquals(1, f.result());
    assertThrows(InvalidStateException.class, () -> f.setException(new IOException("late")));
    assertEquals(1, f.result());
  }

  @Test
  @DisplayName("setResult or setException on a cancelled future → InvalidState")
  void completingACancelledFutureThrowsInvalidState() {
    Future<Integer> f = loop.createFuture();
    f.cancel();

    InvalidStateException e = assertThrows(InvalidStateException.class, () -> f.setResult(2));
    assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
    assertThrows(InvalidStateException.class, () -> f.setException(new IOException("late")));
    assertTrue(f.cancelled());
  }

  @Test
  @DisplayName("trySetResult and trySetException return whether they completed the future")
  void trySetResultAndTrySetExceptionReportWhetherTheyCompleted() {
    Future<String> first = loop.createFuture();
    assertTrue(first.trySetResult("a"));
    assertFalse(first.trySetResult("b"));
    assertFalse(first.trySetException(new IOException("late")));
    assertEquals("a", first.result());

    Future<String> second = loop.createFuture();
    IOException io = new IOException("io");
    assertTrue(second.trySetException(io));
    assertFalse(second.trySetException(new IOException("late")));
    assertFalse(second.trySetResult("late"));
    assertSame(io, second.exception());

    Future<String> third = loop.createFuture();
    third.cancel();
    assertFalse(third.trySetResult("late"));
    assertFalse(third.trySetException(new IOException("late")));
    assertTrue(third.cancelled());
  }

  @Test
  @DisplayName("setException(StopIteration) is rejected and the future stays pending")
  void setExceptionRejectsStopIteration() {
    Future<String> f = loop.createFuture();

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> f.setException(new StopIteration(1)));
    assertTrue(e.getMessage().contains("StopIteration cannot be"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> f.trySetException(new StopIteration(1)));

    assertFalse(f.done());
  }

  @Test
  @DisplayName("setException(null) and addDoneCallback(null) are rejected")
  void nullExceptionsAndCallbacksAreRejected() {
    Future<String> f = loop.createFuture();

    NullPointerException exception =
        assertThrows(NullPointerException.class, () -> f.setException(null));
    assertEquals("exception", exception.getMessage());
    NullPointerException callback =
        assertThrows(NullPointerException.class, () -> f.addDoneCallback(null));
    assertEquals("callback", callback.getMessage());
    assertFalse(f.done());
  }

  @Test
  @DisplayName("result() rethrows a checked exception unchanged")
  void resultRethrowsACheckedExceptionUnchanged() {
    Future<String> f = loop.createFuture();
    IOException io = new IOException("disk on fire");
    f.setException(io);

    IOException thrown = assertThrows(IOException.class, f::result);

    assertSame(io, thrown);
    assertSame(io, f.exception());
    assertTrue(f.done());
    assertFalse(f.cancelled());
  }

  @Test
  @DisplayName("case 16 futureCancelMessage: cancel(\"m\") → true; exception() throws it")
  void case16_cancelWithAMessageIsDeliveredByExceptionAndResult() {
    Future<String> f = loop.createFuture();

    assertTrue(f.cancel("m"));

    assertTrue(f.cancelled());
    assertTrue(f.done());
    CancelledError fromException = assertThrows(CancelledError.class, f::exception);
    assertEquals("m", fromException.getMessage());
    CancelledError fromResult = assertThrows(CancelledError.class, f::result);
    assertEquals("m", fromResult.getMessage());
    assertFalse(f.cancel("again"));
    assertEquals("m", assertThrows(CancelledError.class, f::exception).getMessage());
  }

  @Test
  @DisplayName("case 16 futureCancelMessage: cancel() on a done future → false, result intact")
  void case16_cancelOnADoneFutureReturnsFalse() {
    Future<String> withResult = loop.createFuture();
    withResult.setResult("r");
    Future<String> withException = loop.createFuture();
    IOException io = new IOException("io");
    withException.setException(io);

    assertFalse(withResult.cancel());
    assertFalse(withResult.cancel("m"));
    assertFalse(withException.cancel());

    assertFalse(withResult.cancelled());
    assertEquals("r", withResult.result());
    assertFalse(withException.cancelled());
    assertSame(io, withException.exception());
  }

  @Test
  @DisplayName("toString shows each state")
  void toStringShowsEachState() {
    Future<String> f = loop.createFuture();
    assertEquals("<Future pending>", f.toString());

    f.setResult("pong");
    assertEquals("<Future finished result=pong>", f.toString());

    Future<String> failed = loop.createFuture();
    failed.setException(new IOException("io"));
    assertEquals("<Future finished exception=java.io.IOException: io>", failed.toString());
    failed.exception();

    Future<String> cancelled = loop.createFuture();
    cancelled.cancel("m");
    assertEquals("<Future cancelled>", cancelled.toString());
  }

  // ---- callbacks ----

  @Test
  @DisplayName(
      "case 14 callbacksNeverSynchronous: added to a done future → runs an iteration later")
  void case14_callbackAddedToADoneFutureRunsOnlyAfterAnIteration() {
    Future<String> f = loop.createFuture();
    f.setResult("r");
    List<Future<String>> seen = new ArrayList<>();

    f.addDoneCallback(seen::add);

    assertEquals(List.of(), seen, "the callback ran inside addDoneCallback");
    runOnce();
    assertEquals(1, seen.size());
    assertSame(f, seen.get(0));
  }

  @Test
  @DisplayName("case 14 callbacksNeverSynchronous: setResult does not run callbacks inside it")
  void case14_callbacksOfAFutureCompletedInACallbackRunAfterTheBatch() {
    Future<String> f = loop.createFuture();
    f.addDoneCallback(x -> log.add("done callback: " + x.result()));
    loop.callSoon(
        () -> {
          f.setResult("r");
          log.add("after setResult");
        });
    loop.callSoon(() -> log.add("same batch"));

    runOnce();
    assertEquals(List.of("after setResult", "same batch"), log);

    runOnce();
    assertEquals(List.of("after setResult", "same batch", "done callback: r"), log);
  }

  @Test
  @DisplayName("case 15 removeDoneCallbackCount: the same callback added twice → removal gives 2")
  void case15_removeDoneCallbackRemovesEveryRegistration() {
    Future<String> f = loop.createFuture();
    Consumer<Future<String>> twice = x -> log.add("twice");
    Consumer<Future<String>> other = x -> log.add("other");
    f.addDoneCallback(twice);
    f.addDoneCallback(other);
    f.addDoneCallback(twice);

    assertEquals(2, f.removeDoneCallback(twice));
    assertEquals(0, f.removeDoneCallback(twice));
    assertEquals(0, f.removeDoneCallback(x -> log.add("never added")));

    f.setResult("r");
    runOnce();
    assertEquals(List.of("other"), log);
    assertEquals(0, f.removeDoneCallback(other), "callbacks already run cannot be removed");
  }

  @Test
  @DisplayName("done callbacks run in registration order, each in the context of its add call")
  void doneCallbacksRunInOrderInTheContextOfTheirAddCall() {
    ContextVar<String> who = ContextVar.of("who");
    Future<String> f = loop.createFuture();
    Context adder = new Context();
    loop.callSoon(
        () -> {
          who.set("first");
          f.addDoneCallback(x -> log.add("cb1 sees " + who.get()));
          who.set("second");
          f.addDoneCallback(x -> log.add("cb2 sees " + who.get()));
          who.set("third");
          f.addDoneCallback(
              x -> {
                log.add("cb3 sees " + who.get());
                who.set("set by cb3");
              });
          who.set("fourth");
          f.setResult("r");
        },
        adder);

    runOnce();
    runOnce();

    assertEquals(List.of("cb1 sees first", "cb2 sees second", "cb3 sees third"), log);
    assertEquals("fourth", adder.run(() -> who.get()), "a callback's set leaked into its adder");
  }

  @Test
  @DisplayName("an exception in a done callback goes to the handler; the other callbacks run")
  void exceptionInADoneCallbackGoesToTheHandlerAndTheOthersStillRun() {
    Future<String> f = loop.createFuture();
    RuntimeException boom = new RuntimeException("boom");
    f.addDoneCallback(x -> log.add("before"));
    f.addDoneCallback(
        x -> {
          throw boom;
        });
    f.addDoneCallback(x -> log.add("after"));
    f.setResult("r");

    runOnce();

    assertEquals(List.of("before", "after"), log);
    assertEquals(1, errors.size(), () -> "errors: " + errors);
    ExceptionContext context = errors.remove(0);
    assertSame(boom, context.exception());
    assertSame(f, context.future());
    assertTrue(context.message().contains("Exception in done callback"), context.message());
  }

  @Test
  @DisplayName("callbacks of a cancelled future run and see it cancelled")
  void callbacksOfACancelledFutureRun() {
    Future<String> f = loop.createFuture();
    f.addDoneCallback(x -> log.add("cancelled=" + x.cancelled()));

    f.cancel();
    assertEquals(List.of(), log);

    runOnce();
    assertEquals(List.of("cancelled=true"), log);
  }

  // ---- CompletableFuture view ----

  @Test
  @DisplayName("toCompletableFuture completes with the future's result, after an iteration")
  void toCompletableFutureCompletesWithTheResult() throws Exception {
    Future<String> f = loop.createFuture();
    CompletableFuture<String> cf = f.toCompletableFuture();

    f.setResult("r");
    assertFalse(cf.isDone(), "completed synchronously");

    runOnce();
    assertEquals("r", cf.get());
  }

  @Test
  @DisplayName("toCompletableFuture completes exceptionally with the future's exception")
  void toCompletableFutureCompletesWithTheException() {
    Future<String> f = loop.createFuture();
    CompletableFuture<String> cf = f.toCompletableFuture();
    IOException io = new IOException("io");

    f.setException(io);
    runOnce();

    ExecutionException e = assertThrows(ExecutionException.class, cf::get);
    assertSame(io, e.getCause());
  }

  @Test
  @DisplayName("cancelling the future cancels its CompletableFuture, and the other way round")
  void cancellationCrossesBetweenTheFutureAndItsCompletableFuture() {
    Future<String> f = loop.createFuture();
    CompletableFuture<String> cf = f.toCompletableFuture();
    f.cancel();
    runOnce();
    assertTrue(cf.isCancelled());

    Future<String> g = loop.createFuture();
    AtomicReference<Boolean> cancelledAtOnce = new AtomicReference<>();
    loop.callSoon(
        () -> {
          CompletableFuture<String> view = g.toCompletableFuture();
          assertTrue(view.cancel(false));
          cancelledAtOnce.set(g.cancelled());
        });
    runOnce();
    assertEquals(true, cancelledAtOnce.get(), "cancelling the view did not cancel the future");
  }

  @Test
  @DisplayName("blocking on the CompletableFuture from the loop's own thread → error")
  void blockingOnTheCompletableFutureFromTheLoopThreadThrows() {
    Future<String> f = loop.createFuture();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    loop.callSoon(
        () -> {
          try {
            f.toCompletableFuture().join();
          } catch (Throwable t) {
            thrown.set(t);
          }
        });

    runOnce();

    assertInstanceOf(IllegalStateException.class, thrown.get());
    assertTrue(thrown.get().getMessage().contains("would block it forever"));
    assertFalse(f.done());
  }

  // ---- threads ----

  @Test
  @DisplayName("setting or cancelling a future from another thread while the loop runs → error")
  void futureMethodsFromAnotherThreadThrowWhileTheLoopRuns() {
    Future<String> f = loop.createFuture();
    Map<String, Supplier<Throwable>> attempts =
        Map.of(
            "Future.setResult", () -> thrownOnAnotherThread(() -> f.setResult("r")),
            "Future.setException",
                () -> thrownOnAnotherThread(() -> f.setException(new IOException("io"))),
            "Future.cancel", () -> thrownOnAnotherThread(f::cancel),
            "Future.addDoneCallback",
                () -> thrownOnAnotherThread(() -> f.addDoneCallback(x -> log.add("cb"))));
    List<String> problems = new ArrayList<>();
    loop.callSoon(
        () ->
            attempts.forEach(
                (name, attempt) -> {
                  Throwable t = attempt.get();
                  if (!(t instanceof IllegalStateException)
                      || !t.getMessage().contains(name)
                      || !t.getMessage().contains("callSoonThreadsafe")) {
                    problems.add(name + " threw " + t);
                  }
                }));

    runOnce();

    assertEquals(List.of(), problems);
    assertFalse(f.done());
    f.setResult("r");
    runOnce();
    assertEquals(List.of(), log);
  }

  @Test
  @DisplayName("a future knows its loop")
  void futureKnowsItsLoop() {
    assertSame(loop, loop.createFuture().getLoop());
    assertSame(loop, new Future<String>(loop).getLoop());
  }
}
