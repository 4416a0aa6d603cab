package dev.jasyncio;

import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link UnretrievedFailure}, the report owed for a failure nobody retrieved: it is made
 * exactly once, when the loop closes, to the loop's exception handler with the future in the
 * context; retrieving the exception in any way settles it without a report; a cancellation is never
 * reported. (The garbage-collection path is tested in {@code TaskTest}.)
 */
class UnretrievedFailureTest {
  private final TestEventLoop loop = new TestEventLoop();
  private final List<ExceptionContext> reports = new ArrayList<>();

  UnretrievedFailureTest() {
    loop.setExceptionHandler((l, context) -> reports.add(context));
  }

  private Coroutine<String> failAfter(double delay, RuntimeException error) {
    return co(
        "fails-" + error.getMessage(),
        () ->
            await(
                sleep(delay),
                v -> {
                  throw error;
                }));
  }

  @Test
  void aFailedFutureIsReportedExactlyOnceWhenItsLoopCloses() {
    Future<String> f = loop.createFuture();
    IllegalStateException boom = new IllegalStateException("boom");
    f.setException(boom);
    loop.runUntilComplete(sleep(5));
    assertEquals(List.of(), reports, "reported while the future could still be retrieved");

    loop.close();
    loop.close();

    assertEquals(1, reports.size(), () -> "reports: " + reports);
    ExceptionContext report = reports.get(0);
    assertEquals(
        "Future exception was never retrieved: <Future finished exception=" + boom + ">",
        report.message());
    assertSame(boom, report.exception());
    assertSame(f, report.future());
    assertNull(report.task());
    assertNull(report.handle());
  }

  @Test
  void aFailureReadsTheSameBeforeAndAfterItIsRetrieved() {
    Future<String> f = loop.createFuture();
    IllegalStateException boom = new IllegalStateException("boom");
    f.setException(boom);
    String described = "<Future finished exception=" + boom + ">";

    assertEquals(described, f.toString(), "before it is retrieved");
    assertSame(boom, f.exception());
    assertEquals(described, f.toString(), "after it is retrieved");
    assertSame(boom, f.exception());
    assertSame(boom, assertThrows(IllegalStateException.class, f::result));
    loop.close();

    assertEquals(List.of(), reports);
  }

  @Test
  void aFailedTaskIsReportedAsATaskWithTheTaskInTheContext() {
    RuntimeException boom = new RuntimeException("task boom");
    Task<String> task = loop.createTask(failAfter(1, boom), "careless");
    loop.runUntilComplete(sleep(2));

    loop.close();

    assertEquals(1, reports.size(), () -> "reports: " + reports);
    ExceptionContext report = reports.get(0);
    assertTrue(
        report.message().startsWith("Task exception was never retrieved: <Task finished"),
        report.message());
    assertTrue(report.message().contains("name='careless'"), report.message());
    assertSame(task, report.task());
    assertSame(boom, report.exception());
  }

  @Test
  void everyUnretrievedFailureIsReportedOnce() {
    Future<String> a = loop.createFuture();
    Future<String> b = loop.createFuture();
    a.setException(new RuntimeException("a"));
    b.setException(new RuntimeException("b"));

    loop.close();

    assertEquals(2, reports.size(), () -> "reports: " + reports);
    assertEquals(Set.of(a, b), Set.of(reports.get(0).future(), reports.get(1).future()));
  }

  @Test
  void resultRetrievesTheFailure() {
    Future<String> f = loop.createFuture();
    f.setException(new IllegalArgumentException("seen"));

    assertThrows(IllegalArgumentException.class, f::result);
    loop.close();

    assertEquals(List.of(), reports);
  }

  @Test
  void exceptionRetrievesTheFailure() {
    Future<String> f = loop.createFuture();
    IllegalArgumentException seen = new IllegalArgumentException("seen");
    f.setException(seen);

    assertSame(seen, f.exception());
    loop.close();

    assertEquals(List.of(), reports);
  }

  @Test
  void awaitingRetrievesTheFailureOfAFutureAndOfATask() {
    Future<String> f = loop.createFuture();
    Task<String> task = loop.createTask(failAfter(1, new RuntimeException("task")));
    loop.callLater(2, () -> f.setException(new RuntimeException("future")));

    String caught =
        loop.runUntilComplete(
            co(
                () ->
                    await(
                        task,
                        (v, e1) ->
                            await(f, (w, e2) -> ret(e1.getMessage() + "+" + e2.getMessage())))));
    loop.close();

    assertEquals("task+future", caught);
    assertEquals(List.of(), reports);
  }

  @Test
  void awaitingAFutureThatFailedBeforehandRetrievesIt() {
    Future<String> f = loop.createFuture();
    f.setException(new RuntimeException("already failed"));

    String caught = loop.runUntilComplete(co(() -> await(f, (v, e) -> ret(e.getMessage()))));
    loop.close();

    assertEquals("already failed", caught);
    assertEquals(List.of(), reports);
  }

  @Test
  void aDoneCallbackThatLooksAtTheExceptionRetrievesIt() {
    Future<String> f = loop.createFuture();
    List<String> seen = new ArrayList<>();
    f.addDoneCallback(done -> seen.add(done.exception().getMessage()));
    f.setException(new RuntimeException("in callback"));

    loop.runUntilComplete(sleep(0));
    loop.close();

    assertEquals(List.of("in callback"), seen);
    assertEquals(List.of(), reports);
  }

  @Test
  void aDoneCallbackThatOnlyChecksDoneDoesNotRetrieveIt() {
    Future<String> f = loop.createFuture();
    List<Boolean> seen = new ArrayList<>();
    f.addDoneCallback(done -> seen.add(done.done()));
    f.setException(new RuntimeException("ignored"));

    loop.runUntilComplete(sleep(0));
    loop.close();

    assertEquals(List.of(true), seen);
    assertEquals(1, reports.size(), () -> "reports: " + reports);
  }

  @Test
  void aFailureRetrievedAfterTheLoopClosedWasReportedAnyway() {
    Future<String> f = loop.createFuture();
    RuntimeException late = new RuntimeException("late");
    f.setException(late);
    loop.close();

    assertSame(late, f.exception());

    assertEquals(1, reports.size(), () -> "reports: " + reports);
  }

  @Test
  void cancellingAFutureOrATaskIsNeverReported() {
    Future<String> f = loop.createFuture();
    f.cancel("not a failure");
    Task<Void> cancelledTask = loop.createTask(sleep(10));
    Task<Object> raisesCancelledError =
        loop.createTask(
            co(
                () ->
                    await(
                        sleep(1),
                        v -> {
                          throw new CancelledError("raised by the coroutine");
                        })));
    loop.runUntilComplete(sleep(0));
    cancelledTask.cancel();
    loop.runUntilComplete(sleep(2));

    loop.close();

    assertTrue(f.cancelled());
    assertTrue(cancelledTask.cancelled());
    assertTrue(raisesCancelledError.cancelled());
    assertEquals(List.of(), reports);
  }

  @Test
  void theReportGoesToTheDefaultHandlerWhenNoneIsSet() {
    loop.setExceptionHandler(null);
    Future<String> f = loop.createFuture();
    f.setException(new RuntimeException("logged"));
    try (LogCapture logs = LogCapture.start()) {
      loop.close();

      List<String> errors = logs.messages(Level.SEVERE);
      assertEquals(1, errors.size(), () -> "logged: " + errors);
      assertTrue(errors.get(0).startsWith("Future exception was never retrieved"), errors.get(0));
      assertTrue(errors.get(0).contains("logged"), errors.get(0));
    }
  }
}
