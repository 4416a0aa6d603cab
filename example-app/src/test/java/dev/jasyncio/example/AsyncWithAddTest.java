package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.TestEventLoop;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsyncWithAddTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final TestEventLoop loop = new TestEventLoop();

  @Test
  void printsTheSumAfterAenterSleptThenShowsAnExitThatSuppresses() throws Exception {
    VirtualRun run = VirtualRun.of(new AsyncWithAdd());
    assertEquals(
        List.of(
            "3",
            "",
            "The block raises; __aexit__ sees the exception and suppresses it:",
            "3",
            "__aexit__ saw java.lang.ArithmeticException: / by zero",
            "after the async with: the exception was suppressed"),
        run.lines());
    assertEquals(2.0, run.time());
    assertTrue(run.loops.get(0).isClosed());
  }

  @Test
  void theSeedsPartPrintsOnlyTheSumOneSecondLater() {
    loop.runUntilComplete(Async_AsyncWithAdd.main(out));
    assertEquals("3\n", bytes.toString(StandardCharsets.UTF_8));
    assertEquals(1.0, loop.time());
  }

  @Test
  void aenterProducesTheSumAfterOneSecond() {
    assertEquals(42, loop.runUntilComplete(new Async_AsyncWithAdd_AsyncAdd(40, 2).aenter()));
    assertEquals(1.0, loop.time());
  }

  @Test
  void theSeedsAexitSuppressesNothingSoTheBlocksExceptionPropagates() {
    ArithmeticException e =
        assertThrows(
            ArithmeticException.class,
            () ->
                loop.runUntilComplete(
                    Async_AsyncWithAdd.failInside(out, new Async_AsyncWithAdd_AsyncAdd(1, 2))));
    assertEquals("/ by zero", e.getMessage());
    assertEquals("3\n", bytes.toString(StandardCharsets.UTF_8)); // nothing after the async with
    assertEquals(1.0, loop.time());
  }

  @Test
  void aexitIsGivenNullWhenTheBlockFinishes() {
    AsyncWithAdd.ForgivingAsyncAdd manager = new Async_AsyncWithAdd_ForgivingAsyncAdd(out, 1, 2);
    assertEquals(3, loop.runUntilComplete(manager.aenter()));
    assertEquals(true, loop.runUntilComplete(manager.aexit(null)));
    assertEquals("__aexit__ saw null\n", bytes.toString(StandardCharsets.UTF_8));
  }
}
