package dev.jasyncio.processor.conformance;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jasyncio.Asyncio;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Future;
import dev.jasyncio.Task;
import dev.jasyncio.TestEventLoop;
import dev.jasyncio.processor.AsyncProcessor;
import dev.jasyncio.processor.InMemoryClassLoader;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TRANSFORM_NOTES case 24: cancellation reaching a generated coroutine where it is suspended — in a
 * catch or finally that awaits, in code that catches {@link CancelledError} itself, and at an await
 * whose future is already done — behaves as asyncio's does (ASYNCIO_SEMANTICS.md, rules 3 and 4).
 * There is no plain Java reference for a cancel, so each outcome is stated here.
 */
class CancellationConformanceTest {
  private static final String PACKAGE = "dev.jasyncio.processor.conformance";

  /** The coroutines under test, implemented by the generated class. */
  public interface Scenarios {
    List<String> trace();

    Coroutine<String> finallyAfterReturn();

    Coroutine<String> observe(Coroutine<String> inner);

    Coroutine<String> finallyAfterThrow();

    Coroutine<String> catchThatAwaits();

    Coroutine<String> swallowCancel();

    Coroutine<String> catchException();

    Coroutine<String> awaitFuture(Future<String> future);
  }

  private static final String SOURCE =
      """
      package dev.jasyncio.processor.conformance;

      import static dev.jasyncio.Asyncio.*;

      import dev.jasyncio.Async;
      import dev.jasyncio.CancelledError;
      import dev.jasyncio.Coroutine;
      import dev.jasyncio.Future;
      import java.util.ArrayList;
      import java.util.List;

      public abstract class Cancellation implements CancellationConformanceTest.Scenarios {
        final List<String> trace = new ArrayList<>();

        @Override
        public List<String> trace() {
          return trace;
        }

        @Async
        @Override
        public Coroutine<String> finallyAfterReturn() {
          try {
            trace.add("try");
            await(sleep(1));
            return done("body");
          } finally {
            trace.add("finally starts");
            await(sleep(10));
            trace.add("finally ends");
          }
        }

        @Async
        @Override
        public Coroutine<String> observe(Coroutine<String> inner) {
          try {
            return done(await(inner));
          } catch (IllegalStateException e) {
            trace.add("observed " + e.getMessage());
            throw e;
          } catch (CancelledError e) {
            trace.add("observed CancelledError " + e.getMessage());
            throw e;
          }
        }

        @Async
        @Override
        public Coroutine<String> finallyAfterThrow() {
          try {
            await(sleep(1));
            throw new IllegalStateException("pending");
          } finally {
            trace.add("finally starts");
            await(sleep(10));
            trace.add("finally ends");
          }
        }

        @Async
        @Override
        public Coroutine<String> catchThatAwaits() {
          try {
            await(sleep(1));
            throw new IllegalStateException("caught");
          } catch (IllegalStateException e) {
            trace.add("catch starts");
            await(sleep(10));
            trace.add("catch ends");
            return done("from catch");
          } finally {
            trace.add("finally starts");
            await(sleep(1));
            trace.add("finally ends");
          }
        }

        @Async
        @Override
        public Coroutine<String> swallowCancel() {
          try {
            await(sleep(10));
            trace.add("slept");
          } catch (CancelledError e) {
            trace.add("swallowed " + e.getMessage());
          }
          await(sleep(1));
          return done("after the cancel");
        }

        @Async
        @Override
        public Coroutine<String> catchException() {
          try {
            await(sleep(10));
          } catch (Exception e) {
            trace.add("caught as an Exception");
          } finally {
            trace.add("finally");
          }
          return done("not reached");
        }

        @Async
        @Override
        public Coroutine<String> awaitFuture(Future<String> future) {
          try {
            String value = await(future);
            trace.add("got " + value);
            return done(value);
          } catch (CancelledError e) {
            trace.add("cancelled at the await");
            throw e;
          }
        }
      }
      """;

  private static Class<?> generated;

  private TestEventLoop loop;
  private Scenarios s;

  @BeforeAll
  static void compile() throws Exception {
    Compilation compilation =
        javac()
            .withProcessors(new AsyncProcessor())
            .compile(JavaFileObjects.forSourceString(PACKAGE + ".Cancellation", SOURCE));
    assertThat(compilation).succeeded();
    generated =
        new InMemoryClassLoader(
                compilation.generatedFiles(), CancellationConformanceTest.class.getClassLoader())
            .loadClass(PACKAGE + ".Async_Cancellation");
  }

  @BeforeEach
  void newScenarios() throws Exception {
    loop = new TestEventLoop();
    s = (Scenarios) generated.getDeclaredConstructor().newInstance();
  }

  /** Runs the loop for {@code seconds} of virtual time. */
  private void runFor(double seconds) {
    loop.runUntilComplete(Asyncio.sleep(seconds));
  }

  @Test
  void cancelInAnAwaitingFinallyAfterReturnStopsTheFinallyAndCancelsTheTask() {
    Task<String> task = loop.createTask(s.finallyAfterReturn());
    runFor(1.5);
    assertEquals(List.of("try", "finally starts"), s.trace());

    assertTrue(task.cancel("stop"));
    CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));

    assertEquals("stop", e.getMessage());
    assertTrue(task.cancelled());
    assertEquals(List.of("try", "finally starts"), s.trace());
  }

  @Test
  void cancelInAnAwaitingFinallyReplacesThePendingException() {
    Task<String> task = loop.createTask(s.observe(s.finallyAfterThrow()));
    runFor(1.5);
    assertEquals(List.of("finally starts"), s.trace());

    task.cancel("stop");
    assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));

    // As a Java finally that throws: the CancelledError replaces the pending exception.
    assertEquals(List.of("finally starts", "observed CancelledError stop"), s.trace());
    assertTrue(task.cancelled());
  }

  @Test
  void cancelInAnAwaitingCatchRunsTheFinallyWhoseAwaitsStillWork() {
    Task<String> task = loop.createTask(s.catchThatAwaits());
    runFor(1.5);
    assertEquals(List.of("catch starts"), s.trace());

    task.cancel("stop");
    assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));

    // The request is delivered once: the finally's own await completes normally.
    assertEquals(List.of("catch starts", "finally starts", "finally ends"), s.trace());
    assertTrue(task.cancelled());
  }

  @Test
  void codeThatCatchesCancelledErrorSwallowsTheCancelAndTheTaskReturns() {
    Task<String> task = loop.createTask(s.swallowCancel());
    runFor(1);

    assertTrue(task.cancel("stop"));
    String result = loop.runUntilComplete(task);

    assertEquals("after the cancel", result);
    assertEquals(List.of("swallowed stop"), s.trace());
    assertFalse(task.cancelled());
    assertEquals(1, task.cancelling());
  }

  @Test
  void catchExceptionDoesNotCatchCancelledErrorBecauseItIsAnError() {
    Task<String> task = loop.createTask(s.catchException());
    runFor(1);

    task.cancel("stop");
    assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));

    assertEquals(List.of("finally"), s.trace());
    assertTrue(task.cancelled());
  }

  @Test
  void cancellingATaskWhoseAwaitedFutureIsAlreadyDoneDeliversTheCancelAtTheAwait() {
    Future<String> future = loop.createFuture();
    Task<String> task = loop.createTask(s.awaitFuture(future));
    runFor(0);
    assertFalse(task.done());

    // The future is done and the task's wake-up is scheduled, but the task has not run yet.
    future.setResult("value");
    assertTrue(task.cancel("late"));
    assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));

    // As in asyncio: the cancel wins over the value that was ready.
    assertEquals(List.of("cancelled at the await"), s.trace());
    assertTrue(task.cancelled());
    assertEquals("value", future.result());
  }
}
