package dev.jasyncio;

import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link ExceptionContext}: {@code task()} is the future when it is a {@link Task}, and
 * {@code toString()} has one line each for the message, handle, future or task, and exception.
 */
class ExceptionContextTest {
  private final TestEventLoop loop = new TestEventLoop();

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  private static Runnable named(String name) {
    return new Runnable() {
      @Override
      public void run() {}

      @Override
      public String toString() {
        return name;
      }
    };
  }

  // ---- task() ----

  @Test
  void taskIsTheFutureWhenItIsATask() {
    Task<Object> task = loop.createTask(co(() -> ret("r")));

    ExceptionContext context = new ExceptionContext("m", null, null, task);

    assertSame(task, context.task());
    assertSame(task, context.future());
    loop.runUntilComplete(task);
  }

  @Test
  void taskIsNullForAPlainFutureOrNoFuture() {
    Future<String> future = loop.createFuture();

    assertNull(new ExceptionContext("m", null, null, future).task());
    assertNull(new ExceptionContext("m", null, null, null).task());
  }

  // ---- toString ----

  @Test
  void toStringOfAMessageAloneIsTheMessage() {
    assertEquals("just this", new ExceptionContext("just this", null, null, null).toString());
  }

  @Test
  void toStringHasALineForTheHandleTheFutureAndTheExceptionInThatOrder() {
    Handle handle = loop.callSoon(named("cb"));
    Future<String> future = loop.createFuture();
    RuntimeException boom = new RuntimeException("boom");

    ExceptionContext context = new ExceptionContext("what happened", boom, handle, future);

    assertEquals(
        "what happened\n"
            + "handle: <Handle cb>\n"
            + "future: <Future pending>\n"
            + "exception: java.lang.RuntimeException: boom",
        context.toString());
  }

  @Test
  void toStringCallsATaskATask() {
    Task<Object> task = loop.createTask(co("the-coro", () -> ret("r")), "worker");

    String text = new ExceptionContext("failed", null, null, task).toString();

    assertEquals("failed\ntask: <Task pending name='worker' coro=the-coro>", text);
    loop.runUntilComplete(task);
  }

  @Test
  void toStringLeavesOutTheLinesThatAreNull() {
    IllegalStateException boom = new IllegalStateException("boom");
    TimerHandle timer = loop.callLater(2, named("t"));

    assertEquals(
        "m\nexception: java.lang.IllegalStateException: boom",
        new ExceptionContext("m", boom, null, null).toString());
    assertEquals(
        "m\nhandle: <TimerHandle when=2.0>",
        new ExceptionContext("m", null, timer, null).toString());
  }

  @Test
  void aNullMessageIsRejected() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> new ExceptionContext(null, new RuntimeException(), null, null));

    assertTrue(e.getMessage().contains("message"), e.getMessage());
  }

  // ---- as the runtime fills it in ----

  @Test
  void aFailingDoneCallbackOfATaskIsReportedWithTheTask() {
    List<ExceptionContext> reports = new ArrayList<>();
    loop.setExceptionHandler((l, c) -> reports.add(c));
    Task<Object> task = loop.createTask(co(() -> ret("r")), "reported");
    RuntimeException boom = new RuntimeException("callback failed");
    task.addDoneCallback(
        t -> {
          throw boom;
        });

    loop.runUntilComplete(task);
    loop.runUntilComplete(Asyncio.sleep(0));

    assertEquals(1, reports.size(), () -> "reports: " + reports);
    ExceptionContext report = reports.get(0);
    assertTrue(report.message().startsWith("Exception in done callback "), report.message());
    assertSame(task, report.task());
    assertSame(task, report.future());
    assertNull(report.handle());
    assertSame(boom, report.exception());
    assertTrue(report.toString().contains("\ntask: <Task finished"), report.toString());
  }

  @Test
  void theDefaultHandlerLogsToStringWithTheException() {
    RuntimeException boom = new RuntimeException("logged");
    ExceptionContext context =
        new ExceptionContext("something failed", boom, null, loop.createFuture());
    try (LogCapture logs = LogCapture.start()) {
      loop.callExceptionHandler(context);

      List<LogRecord> records = logs.records();
      assertEquals(1, records.size());
      assertEquals(Level.SEVERE, records.get(0).getLevel());
      assertEquals(context.toString(), records.get(0).getMessage());
      assertSame(boom, records.get(0).getThrown());
    }
  }
}
