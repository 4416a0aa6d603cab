package dev.jasyncio.processor.generators;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jasyncio.Asyncio;
import dev.jasyncio.Coroutine;
import dev.jasyncio.TestEventLoop;
import dev.jasyncio.processor.AsyncCheckProcessor;
import dev.jasyncio.processor.AsyncProcessor;
import dev.jasyncio.processor.InMemoryClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Async generators, {@code async for} and {@code async with} as the processor compiles them: the
 * sources in {@code src/test/resources/generators} are compiled with the processor, and each test
 * runs one of their scenarios on a virtual clock and checks what it recorded, what it returned and
 * how much time passed.
 */
class GeneratorTest {
  private static final String PACKAGE = "dev.jasyncio.processor.generators";

  private static ClassLoader loader;

  @BeforeAll
  static void compileSources() throws Exception {
    Path dir = Path.of(GeneratorTest.class.getResource("/generators").toURI());
    List<JavaFileObject> sources = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        String file = f.getFileName().toString();
        String name = file.substring(0, file.length() - ".java".length());
        sources.add(
            JavaFileObjects.forSourceString(
                PACKAGE + "." + name, Files.readString(f, StandardCharsets.UTF_8)));
      }
    }
    Compilation compilation =
        javac().withProcessors(new AsyncCheckProcessor(), new AsyncProcessor()).compile(sources);
    if (compilation.status() != Compilation.Status.SUCCESS) {
      StringBuilder errors = new StringBuilder("the generator sources do not compile:\n");
      compilation
          .errors()
          .forEach(
              d ->
                  errors
                      .append(d.getSource() == null ? "" : d.getSource().getName())
                      .append(':')
                      .append(d.getLineNumber())
                      .append(": ")
                      .append(d.getMessage(Locale.ROOT))
                      .append('\n'));
      fail(errors.toString());
    }
    loader =
        new InMemoryClassLoader(compilation.generatedFiles(), GeneratorTest.class.getClassLoader());
  }

  /** What a scenario did: its trace, its result or failure, and the virtual time it took. */
  private record Run(List<String> trace, Object result, Throwable failure, double time) {
    Run returned(Object expected) {
      if (failure != null) {
        throw new AssertionError("the scenario failed instead of returning " + expected, failure);
      }
      assertEquals(expected, result);
      return this;
    }

    Run traced(String... expected) {
      assertEquals(Arrays.asList(expected), trace);
      return this;
    }

    Run took(double seconds) {
      assertEquals(seconds, time, 1e-9);
      return this;
    }
  }

  /** Runs scenario {@code method} of the generated subclass of {@code className} with run(). */
  private static Run run(String className, String method) throws Exception {
    GeneratorCase c =
        (GeneratorCase)
            loader
                .loadClass(PACKAGE + ".Async_" + className)
                .getDeclaredConstructor()
                .newInstance();
    Coroutine<?> scenario = (Coroutine<?>) c.getClass().getMethod(method).invoke(c);
    TestEventLoop loop = new TestEventLoop();
    Object result = null;
    Throwable failure = null;
    try {
      result = Asyncio.run(scenario, () -> loop);
    } catch (Throwable t) {
      failure = t;
    }
    return new Run(c.trace, result, failure, loop.time());
  }

  // ---------------------------------------------------------------- the generator protocol

  @Test
  void itemsComeOutThenStopAsyncIterationForEver() throws Exception {
    run("Generators", "itemsThenStop")
        .traced("0", "1", "stop after 2", "stop again")
        .returned("Generators.counter() done")
        .took(2.0);
  }

  @Test
  void asendValuesAreWhatEmitEvaluatesTo() throws Exception {
    run("Generators", "sendValues").traced("true", "ready", "got a", "got b", "stopped");
  }

  @Test
  void athrowRaisesAtTheEmitWhereTheBodyMayCatchIt() throws Exception {
    run("Generators", "throwIntoGenerator")
        .traced(
            "item after 0 errors",
            "caught first",
            "item after 1 errors",
            "caught second",
            "caught the second and ended",
            "item after 0 errors",
            "propagated not caught",
            "finished by the exception",
            "unstarted generator raised before start")
        .returned(9);
  }

  @Test
  void acloseRunsFinallyWithItsAwaitsOnce() throws Exception {
    run("Generators", "closeRunsFinally")
        .traced(
            "0",
            "1",
            "g cleanup starts",
            "g cleanup ends",
            "closed",
            "closed again",
            "exhausted after close",
            "closing an unstarted generator runs nothing")
        .took(0.5);
  }

  @Test
  void emitWhileClosingIsAnError() throws Exception {
    run("Generators", "emitDuringClose").traced("1", "true");
  }

  @Test
  void aRequestWhileTheGeneratorRunsIsAnError() throws Exception {
    run("Generators", "alreadyRunning")
        .traced(
            "slow starts",
            "anext(): asynchronous generator is already running",
            "asend(): asynchronous generator is already running",
            "aclose(): asynchronous generator is already running",
            "1")
        .took(1.0);
  }

  @Test
  void stopAsyncIterationEscapingTheBodyBecomesAnError() throws Exception {
    run("Generators", "stopAsyncIterationInBody")
        .traced("1", "async generator raised StopAsyncIteration", "true");
  }

  @Test
  void cancellingTheConsumerRunsTheGeneratorsFinally() throws Exception {
    run("Generators", "cancelWhileGeneratorAwaits")
        .traced("ticking cleanup", "consumer cancelled", "generator finished by the cancellation")
        .took(2.5);
  }

  @Test
  void staticGenericGeneratorsAndIteratorReturnTypes() throws Exception {
    run("Generators", "staticGenericAndIterator").returned(List.of("x", "x", "x", "a", "b"));
  }

  @Test
  void aMillionItemsThatNeverSuspendDoNotGrowTheStack() throws Exception {
    run("Generators", "millionItemsWithoutSuspending").returned(499_999_500_000L).took(0.0);
  }

  // ---------------------------------------------------------------- async for

  @Test
  void asyncForRunsToTheEnd() throws Exception {
    run("AsyncFors", "toTheEnd")
        .traced("g emits 0", "g emits 1", "g emits 2", "g exhausted", "g finally", "after the loop")
        .returned(List.of(0, 1, 2))
        .took(1.0);
  }

  @Test
  void breakClosesTheGeneratorBeforeTheLoopIsLeft() throws Exception {
    run("AsyncFors", "breakClosesAtOnce")
        .traced("g emits 0", "body 0", "g emits 1", "body 1", "g finally", "after the loop")
        .took(1.0);
  }

  @Test
  void returnClosesTheGeneratorFirst() throws Exception {
    run("AsyncFors", "returnClosesFirst")
        .traced("g emits 0", "g emits 1", "g emits 2", "returning", "g finally")
        .returned("returned 2");
  }

  @Test
  void anExceptionFromTheBodyClosesTheGeneratorFirst() throws Exception {
    run("AsyncFors", "exceptionClosesFirst")
        .traced("g emits 0", "g emits 1", "g finally", "caught body failed at 1");
  }

  @Test
  void continueGoesOnToTheNextItem() throws Exception {
    run("AsyncFors", "continueKeepsIterating")
        .traced(
            "g emits 0",
            "g emits 1",
            "g emits 2",
            "g emits 3",
            "g emits 4",
            "g exhausted",
            "g finally")
        .returned(List.of(1, 3))
        .took(1.5);
  }

  @Test
  void labeledJumpsCloseEveryLoopTheyLeave() throws Exception {
    run("AsyncFors", "labeledBreakClosesBoth")
        .traced(
            "outer emits 0",
            "inner0 emits 0",
            "pair 0,0",
            "inner0 emits 1",
            "pair 0,1",
            "inner0 finally",
            "outer emits 1",
            "inner1 emits 0",
            "pair 1,0",
            "inner1 emits 1",
            "pair 1,1",
            "inner1 finally",
            "outer finally",
            "after both loops")
        .took(3.0);
  }

  @Test
  void handWrittenIteratorsEndWithStopAsyncIterationAndCloseOnBreakOnly() throws Exception {
    run("AsyncFors", "handWrittenIterator")
        .traced("counter closed", "iterator failed: broken counter")
        .returned(List.of(0, 1, 2))
        .took(6.5);
  }

  @Test
  void theSourceIsEvaluatedOnce() throws Exception {
    run("AsyncFors", "sourceEvaluatedOnce")
        .traced("source evaluated", "g emits 0", "g emits 1", "g exhausted", "g finally")
        .returned(2);
  }

  @Test
  void theSourceMayAwaitAndTheLoopVariableMayWiden() throws Exception {
    run("AsyncFors", "awaitInsideTheSourceAndWideningLoopVariable").returned(3L).took(2.0);
  }

  @Test
  void lambdasCaptureEachTurnsLoopVariable() throws Exception {
    run("AsyncFors", "varLoopVariableCapturedByLambdas")
        .returned(List.of("item 0", "item 1", "item 2"));
  }

  // ---------------------------------------------------------------- async with

  @Test
  void asyncWithEntersRunsTheBlockAndExits() throws Exception {
    run("AsyncWiths", "enterBodyExit")
        .traced("enter a", "body with a resource", "exit a with null", "after")
        .took(1.5);
  }

  @Test
  void theExitSeesTheBlocksException() throws Exception {
    run("AsyncWiths", "exceptionReachesExitAndPropagates")
        .traced(
            "enter a",
            "exit a with java.lang.IllegalStateException: body failed",
            "caught body failed");
  }

  @Test
  void theExitMaySuppressTheException() throws Exception {
    run("AsyncWiths", "exitSuppresses")
        .traced(
            "enter a",
            "exit a with java.lang.IllegalArgumentException: suppressed 0",
            "after turn 0",
            "enter a",
            "turn 1",
            "exit a with null",
            "after turn 1")
        .took(3.0);
  }

  @Test
  void severalResourcesExitInReverseOrder() throws Exception {
    run("AsyncWiths", "severalExitInReverse")
        .traced(
            "enter a",
            "enter b",
            "body with a resource and b resource",
            "exit b with null",
            "close plain",
            "exit a with null")
        .took(3.0);
  }

  @Test
  void returnAndBreakExitWithoutAnException() throws Exception {
    run("AsyncWiths", "returnAndBreakExitWithNull")
        .traced(
            "enter loop",
            "exit loop with null",
            "enter loop",
            "exit loop with null",
            "enter return",
            "exit return with null")
        .returned("returned from return resource");
  }

  @Test
  void aManagerThatFailsToEnterIsNotExited() throws Exception {
    run("AsyncWiths", "enterFailsSoNoExit").traced("caught unavailable cannot be entered");
  }

  @Test
  void anExceptionFromTheExitReplacesTheBlocksAndKeepsIt() throws Exception {
    run("AsyncWiths", "exitExceptionReplacesKeepingTheOriginal")
        .traced(
            "enter failing exit",
            "exit failing exit with java.lang.IllegalStateException: body failed",
            "caught failing exit failed",
            "suppressed body failed");
  }

  @Test
  void catchAndFinallyClausesRunAfterTheExit() throws Exception {
    run("AsyncWiths", "catchAndFinallyAroundTheResource")
        .traced(
            "enter a",
            "exit a with java.lang.IllegalStateException: body failed",
            "catch runs after the exit: body failed",
            "finally runs last");
  }

  @Test
  void aGeneratedManagerRunsToItsEmitThenOnFromIt() throws Exception {
    run("AsyncWiths", "generatedManager")
        .traced(
            "open a",
            "body with a session",
            "body of a ended normally",
            "close a",
            "open b",
            "b handles b's problem",
            "close b",
            "after b")
        .took(3.0);
  }

  @Test
  void aGeneratedManagerLetsThroughOrReplacesWhatItDoesNotHandle() throws Exception {
    run("AsyncWiths", "generatedManagerPassesOrReplaces")
        .traced(
            "open c",
            "close c",
            "propagated not handled",
            "open d",
            "d replaces d's problem",
            "close d",
            "caught d replaced it");
  }

  @Test
  void aGeneratedManagerMustEmitExactlyOnce() throws Exception {
    run("AsyncWiths", "generatedManagerMisbehaves")
        .traced("generator didn't emit", "body with 0", "generator didn't stop");
  }

  @Test
  void timeoutAndTaskGroupAreResources() throws Exception {
    run("AsyncWiths", "timeoutAndTaskGroupAsResources").traced("timed out", "group done").took(3.0);
  }

  @Test
  void locksAndSemaphoresAreResources() throws Exception {
    run("AsyncWiths", "locksAndSemaphoresAsResources")
        .traced(
            "a holds the lock at 0.0",
            "b holds the lock at 1.0",
            "c holds the lock at 2.0",
            "x has a permit at 3.0",
            "y has a permit at 3.0",
            "z has a permit at 4.0")
        .returned("false false")
        .took(5.0);
  }

  // ---------------------------------------------------------------- shutdown and context

  @Test
  void runCancelsLeftoverTasksThenClosesUnfinishedGenerators() throws Exception {
    Run run =
        run("Shutdown", "abandonGenerators")
            .traced(
                "first item 0",
                "main returns",
                "leftover task cancelled",
                "started finally starts",
                "started finalized")
            .took(1.0);
    assertEquals("Shutdown.endless() not started", run.result());
  }

  @Test
  void aTaskRunsInACopyOfTheContextTakenWhenItWasCreated() throws Exception {
    run("Shutdown", "contextIsCopiedAtTaskCreation")
        .traced(
            "task sees alice",
            "task returned changed by task",
            "main sees bob",
            "direct sees bob",
            "awaited directly returned changed by direct",
            "main sees changed by direct");
  }

  /**
   * ASYNCIO_SEMANTICS case 62, asyncGenAndContext: asend/athrow/aclose; an emit in a finally block
   * during aclose is an error; a generator left unfinished is finalized by run(); a task's context
   * is a copy taken at its creation. One deliberate difference from CPython: leaving an async for
   * with break closes the generator at once (CPython waits for the loop's finalizer), so its
   * finally block runs before the code after the loop.
   */
  @Test
  void case62_asyncGenAndContext() throws Exception {
    run("Generators", "sendValues").traced("true", "ready", "got a", "got b", "stopped");
    assertEquals(
        List.of("item after 0 errors", "caught first", "item after 1 errors"),
        run("Generators", "throwIntoGenerator").trace().subList(0, 3));
    assertEquals(
        List.of("0", "1", "g cleanup starts", "g cleanup ends", "closed"),
        run("Generators", "closeRunsFinally").trace().subList(0, 5));
    run("Generators", "emitDuringClose").traced("1", "true");
    assertEquals(
        List.of("g finally", "after the loop"),
        run("AsyncFors", "breakClosesAtOnce").trace().subList(4, 6));
    Run shutdown = run("Shutdown", "abandonGenerators");
    assertNull(shutdown.failure());
    assertEquals(
        List.of("leftover task cancelled", "started finally starts", "started finalized"),
        shutdown.trace().subList(2, 5));
    assertEquals(
        List.of("task sees alice", "task returned changed by task", "main sees bob"),
        run("Shutdown", "contextIsCopiedAtTaskCreation").trace().subList(0, 3));
  }
}
