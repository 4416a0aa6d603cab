package dev.jasyncio;

import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.awaitAndReturn;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Tests of {@link ManualTask}, the driver behind {@link Coroutine#send}, {@link Coroutine#throwIn}
 * and {@link Coroutine#close}: what {@code send()} hands back, what the coroutine receives on the
 * next call (the outcome of the future it awaited, never the value sent), who may drive a
 * coroutine, and how {@code close()} ends one.
 */
class ManualTaskTest {
  private final TestEventLoop loop = new TestEventLoop();
  private final List<ExceptionContext> reports = new ArrayList<>();

  ManualTaskTest() {
    loop.setExceptionHandler((l, context) -> reports.add(context));
  }

  @AfterEach
  void closeAndCheckNoReports() {
    loop.close();
    assertEquals(List.of(), reports, "unexpected reports on the loop");
  }

  /** A coroutine that awaits {@code awaitable} and finishes with what it got: value or error. */
  private static Coroutine<Object> outcomeOf(String name, Awaitable<?> awaitable) {
    return co(name, () -> await(awaitable, (v, e) -> ret(e != null ? e : "got " + v)));
  }

  private static Object finishedWith(Executable call) {
    return assertThrows(StopIteration.class, call).value();
  }

  // ---- what send() hands back and what the coroutine receives ----

  @Test
  void aCoroutineAwaitingAPendingFutureYieldsThatFutureFromSend() {
    Future<String> f = loop.createFuture();
    Coroutine<Object> c = outcomeOf("c", f);

    assertSame(f, c.send(null));
    assertFalse(f.done(), "send() must not wait for the future or change it");
  }

  @Test
  void theNextSendGivesTheCoroutineTheFuturesResultNotTheValueSent() {
    Future<String> f = loop.createFuture();
    Coroutine<Object> c = outcomeOf("c", f);
    c.send(null);

    f.setResult("the future's result");

    assertEquals("got the future's result", finishedWith(() -> c.send("the value sent")));
  }

  @Test
  void theNextSendRaisesTheFuturesExceptionInTheCoroutineAndRetrievesIt() {
    Future<String> f = loop.createFuture();
    Coroutine<Object> c = outcomeOf("c", f);
    c.send(null);
    IllegalStateException boom = new IllegalStateException("boom");

    f.setException(boom);

    assertSame(boom, finishedWith(() -> c.send(null)));
    // closeAndCheckNoReports: the failure was retrieved, so closing the loop reports nothing.
  }

  @Test
  void theNextSendRaisesTheCancellationOfACancelledFuture() {
    Future<String> f = loop.createFuture();
    Coroutine<Object> c = outcomeOf("c", f);
    c.send(null);

    f.cancel("called off");

    CancelledError e = assertInstanceOf(CancelledError.class, finishedWith(() -> c.send(null)));
    assertEquals("called off", e.getMessage());
  }

  @Test
  void sendWhileTheAwaitedFutureIsStillPendingRaisesInsideTheCoroutine() {
    Future<String> f = loop.createFuture();
    Coroutine<Object> catches = outcomeOf("catches", f);
    catches.send(null);

    IllegalStateException caught =
        assertInstanceOf(IllegalStateException.class, finishedWith(() -> catches.send("x")));

    assertEquals("await wasn't used with future <Future pending>", caught.getMessage());

    Coroutine<Object> letsItOut = co("letsItOut", () -> awaitAndReturn(f));
    letsItOut.send(null);
    IllegalStateException thrown =
        assertThrows(IllegalStateException.class, () -> letsItOut.send(null));
    assertTrue(thrown.getMessage().contains("await wasn't used with future"), thrown.getMessage());
  }

  @Test
  void throwInWhileSuspendedOnAFutureRaisesTheGivenErrorAndLeavesTheFutureAlone() {
    Future<String> f = loop.createFuture();
    Coroutine<Object> c = outcomeOf("c", f);
    c.send(null);
    UnsupportedOperationException thrown = new UnsupportedOperationException("thrown in");

    assertSame(thrown, finishedWith(() -> c.throwIn(thrown)));
    assertFalse(f.done());
  }

  @Test
  void aCoroutineAwaitingAFutureThatIsAlreadyDoneDoesNotSuspend() {
    Future<String> f = loop.createFuture();
    f.setResult("ready");

    assertEquals("got ready", finishedWith(() -> outcomeOf("c", f).send(null)));
  }

  @Test
  void aPlainYieldHandsBackNullAndTheValueSentIsIgnored() {
    Coroutine<Object> c = outcomeOf("c", sleep(0, "slept"));

    assertNull(c.send(null));
    assertEquals("got slept", finishedWith(() -> c.send("ignored")));
  }

  @Test
  void theDriverResumesTheInnermostSuspendedCoroutineAndPassesItsResultOutwards() {
    Future<String> f = loop.createFuture();
    List<String> log = new ArrayList<>();
    Coroutine<Object> inner =
        co(
            "inner",
            () ->
                await(
                    f,
                    v -> {
                      log.add("inner got " + v);
                      return ret("inner:" + v);
                    }));
    Coroutine<Object> outer =
        co(
            "outer",
            () ->
                await(
                    sleep(0),
                    v ->
                        await(
                            inner,
                            w -> {
                              log.add("outer got " + w);
                              return ret("outer:" + w);
                            })));

    assertNull(outer.send(null));
    assertSame(f, outer.send(null), "the inner coroutine's future is what the outer one yields");
    f.setResult("r");

    assertEquals("outer:inner:r", finishedWith(() -> outer.send(null)));
    assertEquals(List.of("inner got r", "outer got inner:r"), log);
  }

  @Test
  void sendingANonNullValueToAJustStartedCoroutineIsRejected() {
    List<String> log = new ArrayList<>();
    Coroutine<Object> c =
        co(
            "fresh",
            () -> {
              log.add("started");
              return ret("r");
            });

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.send(1));

    assertTrue(e.getMessage().contains("can't send non-null value"), e.getMessage());
    assertTrue(e.getMessage().contains("fresh"), e.getMessage());
    assertEquals(List.of(), log);
    assertEquals("r", finishedWith(() -> c.send(null)));
  }

  @Test
  void throwInBeforeTheCoroutineStartedRaisesWithoutRunningTheBody() {
    List<String> log = new ArrayList<>();
    Coroutine<Object> c =
        co(
            "fresh",
            () -> {
              log.add("started");
              return ret("r");
            });
    IllegalStateException boom = new IllegalStateException("boom");

    assertSame(boom, assertThrows(IllegalStateException.class, () -> c.throwIn(boom)));

    assertEquals(List.of(), log);
  }

  @Test
  void sendAfterTheCoroutineFinishedIsAReuseError() {
    Coroutine<Object> c = co("once", () -> ret("r"));
    assertEquals("r", finishedWith(() -> c.send(null)));

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.send(null));

    assertEquals("cannot reuse already awaited coroutine: once", e.getMessage());
  }

  // ---- who may drive a coroutine ----

  @Test
  void aCoroutineAwaitedByAnotherCannotBeDrivenBySend() {
    Coroutine<Object> inner = co("inner", () -> awaitAndReturn(sleep(0)));
    Coroutine<Object> outer = co("outer", () -> awaitAndReturn(inner));
    assertNull(outer.send(null));

    for (Executable drive :
        List.<Executable>of(
            () -> inner.send(null), () -> inner.throwIn(new RuntimeException()), inner::close)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, drive);
      assertEquals(
          "coroutine inner is awaited by outer; it cannot also be driven by send()",
          e.getMessage());
    }
    StopIteration stop = assertThrows(StopIteration.class, () -> outer.send(null));
    assertNull(stop.value(), "the refused calls disturbed the coroutines");
  }

  @Test
  void aCoroutineCannotDriveItselfWhileItRuns() {
    AtomicReference<Coroutine<Object>> self = new AtomicReference<>();
    List<Throwable> caught = new ArrayList<>();
    Coroutine<Object> c =
        co(
            "selfish",
            () ->
                await(
                    sleep(0),
                    v -> {
                      for (Executable drive :
                          List.<Executable>of(
                              () -> self.get().send(null),
                              () -> self.get().throwIn(new RuntimeException("into myself")),
                              () -> self.get().close())) {
                        caught.add(assertThrows(IllegalStateException.class, drive));
                      }
                      return ret("finished normally");
                    }));
    self.set(c);
    assertNull(c.send(null));

    assertEquals("finished normally", finishedWith(() -> c.send(null)));
    assertEquals(3, caught.size());
    for (Throwable e : caught) {
      assertEquals("coroutine selfish is already executing", e.getMessage());
    }
  }

  @Test
  void aTasksCoroutineCannotBeDrivenBySend() {
    Coroutine<Void> root = sleep(10);
    loop.createTask(root);
    loop.runUntilComplete(sleep(1));

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> root.send(null));

    assertTrue(e.getMessage().contains("is awaited by a task"), e.getMessage());
  }

  @Test
  void aCoroutineDrivenBySendCannotAlsoRunAsATaskOrBeAwaited() {
    Coroutine<Object> driven = co("driven", () -> awaitAndReturn(sleep(0)));
    driven.send(null);

    IllegalStateException asTask =
        assertThrows(IllegalStateException.class, () -> loop.createTask(driven));
    assertTrue(asTask.getMessage().contains("runs in the send() driver"), asTask.getMessage());

    Throwable awaited =
        loop.runUntilComplete(Coro.<Throwable>co(() -> await(driven, (v, e) -> ret(e))));
    assertInstanceOf(IllegalStateException.class, awaited);
    assertTrue(awaited.getMessage().contains("being awaited already"), awaited.getMessage());
  }

  @Test
  void aCoroutineFinishedByATaskGivesAReuseErrorToSendAndIgnoresClose() {
    Coroutine<Object> c = co("finished", () -> ret("r"));
    assertEquals("r", loop.runUntilComplete(c));

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.send(null));
    assertTrue(e.getMessage().contains("cannot reuse already awaited coroutine"), e.getMessage());
    c.close();
  }

  // ---- close() ----

  @Test
  void closeOnACoroutineThatSuspendsAgainRaisesIgnoredGeneratorExit() {
    Coroutine<Object> stubborn =
        co("stubborn", () -> await(sleep(0), (v, e) -> awaitAndReturn(sleep(0))));
    stubborn.send(null);

    IllegalStateException e = assertThrows(IllegalStateException.class, stubborn::close);

    assertEquals("coroutine ignored GeneratorExit: stubborn", e.getMessage());
  }

  @Test
  void closeRaisesGeneratorExitAtTheSuspensionPoint() {
    List<Throwable> seen = new ArrayList<>();
    Coroutine<Object> c =
        co(
            "c",
            () ->
                await(
                    sleep(0),
                    (v, e) -> {
                      seen.add(e);
                      throw e;
                    }));
    c.send(null);

    c.close();

    assertEquals(1, seen.size());
    assertInstanceOf(GeneratorExit.class, seen.get(0));
  }

  @Test
  void closeOnACoroutineThatReturnsInsteadIsQuiet() {
    Coroutine<Object> returns = co("returns", () -> await(sleep(0), (v, e) -> ret("cleaned up")));
    returns.send(null);

    returns.close();

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> returns.send(null));
    assertTrue(e.getMessage().contains("cannot reuse"), e.getMessage());
  }

  @Test
  void closeLetsAnotherExceptionFromTheCoroutineOut() {
    IllegalStateException fromCleanup = new IllegalStateException("cleanup failed");
    Coroutine<Object> c =
        co(
            "c",
            () ->
                await(
                    sleep(0),
                    (v, e) -> {
                      throw fromCleanup;
                    }));
    c.send(null);

    assertSame(fromCleanup, assertThrows(IllegalStateException.class, c::close));
  }

  @Test
  void closeBeforeTheCoroutineStartedRunsNothing() {
    List<String> log = new ArrayList<>();
    Coroutine<Object> c =
        co(
            "c",
            () -> {
              log.add("started");
              return ret();
            });

    c.close();
    c.close();

    assertEquals(List.of(), log);
  }

  // ---- the driver is not a task on a loop ----

  /** Records the task it is resumed with and finishes at once. */
  private static final class Probe extends Coroutine<Object> {
    Task<?> task;

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) {
      this.task = task;
      return "probed";
    }

    @Override
    public String toString() {
      return "probe";
    }
  }

  @Test
  void theDriverCannotBeCancelledAndNamesTheCoroutine() {
    Probe probe = new Probe();
    assertEquals("probed", finishedWith(() -> probe.send(null)));
    Task<?> driver = probe.task;

    assertEquals("<send() driver of probe>", driver.toString());
    for (Executable cancel : List.<Executable>of(driver::cancel, () -> driver.cancel("msg"))) {
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, cancel);
      assertTrue(e.getMessage().contains("throwIn(new CancelledError())"), e.getMessage());
    }
  }

  @Test
  void aCoroutineDrivenBySendCannotSleepForAPositiveTime() {
    Coroutine<Object> sleeper = co("sleeper", () -> awaitAndReturn(sleep(0.5)));

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> sleeper.send(null));

    assertTrue(e.getMessage().startsWith("sleep(0.5) needs a running event loop"), e.getMessage());
  }

  @Test
  void aCoroutineDrivenBySendCannotAwaitACompletionStage() {
    CompletableFuture<String> stage = new CompletableFuture<>();
    Coroutine<Object> c = co("c", () -> await(stage, v -> ret(v)));

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.send(null));

    assertTrue(e.getMessage().contains("cannot await a CompletionStage"), e.getMessage());
  }
}
