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

class AsyncWithExpansionTest {
  @Test
  void showsTheThreeWaysThroughTheExpansion() throws Exception {
    VirtualRun run = VirtualRun.of(new AsyncWithExpansion());
    assertEquals(
        List.of(
            "1. The block finishes normally:",
            "  mgr = Logged('first')",
            "  VAR = await mgr.aenter() -> 'first'",
            "  BLOCK: working with first",
            "  else: await mgr.aexit(null) -> false, ignored",
            "after the async with",
            "",
            "2. The block raises and aexit returns false: the exception propagates:",
            "  mgr = Logged('second')",
            "  VAR = await mgr.aenter() -> 'second'",
            "  BLOCK: raises IllegalStateException: failed in the block",
            "  except: await mgr.aexit(IllegalStateException: failed in the block) -> false: raise",
            "the caller caught IllegalStateException: failed in the block",
            "",
            "3. The block raises and aexit returns true: the exception is suppressed:",
            "  mgr = Logged('third')",
            "  VAR = await mgr.aenter() -> 'third'",
            "  BLOCK: raises IllegalStateException: failed in the block",
            "  except: await mgr.aexit(IllegalStateException: failed in the block) -> true: suppressed",
            "after the async with"),
        run.lines());
    assertEquals(3.0, run.time()); // half a second in each aenter and each aexit
    assertTrue(run.loops.get(0).isClosed());
  }

  @Test
  void theBlockStartsWhenAenterHasFinishedAndTheCallerResumesWhenAexitHas() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    TestEventLoop loop = new TestEventLoop();
    AsyncWithExpansion.Logged mgr = new Async_AsyncWithExpansion_Logged(out, "m", false);
    loop.runUntilComplete(Async_AsyncWithExpansion.withBlock(out, mgr, false));
    assertEquals(1.0, loop.time());
    assertEquals(
        List.of(
            "  mgr = Logged('m')",
            "  VAR = await mgr.aenter() -> 'm'",
            "  BLOCK: working with m",
            "  else: await mgr.aexit(null) -> false, ignored",
            "after the async with"),
        List.of(bytes.toString(StandardCharsets.UTF_8).split("\n")));
  }

  @Test
  void anExceptionTheExitDoesNotSuppressReachesTheCallerUnchanged() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    TestEventLoop loop = new TestEventLoop();
    AsyncWithExpansion.Logged mgr = new Async_AsyncWithExpansion_Logged(out, "m", false);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> loop.runUntilComplete(Async_AsyncWithExpansion.withBlock(out, mgr, true)));
    assertEquals("failed in the block", e.getMessage());
    assertEquals(0, e.getSuppressed().length);
    assertTrue(bytes.toString(StandardCharsets.UTF_8).endsWith("-> false: raise\n"));
    assertEquals(1.0, loop.time()); // it propagates only once aexit has finished
  }
}
