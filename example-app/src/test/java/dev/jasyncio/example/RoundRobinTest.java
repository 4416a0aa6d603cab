package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jasyncio.Coroutine;
import dev.jasyncio.StopIteration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundRobinTest {
  static final List<String> INTERLEAVED =
      List.of("C1: Start", "C2: Start", "C1: a", "C2: a", "C1: b", "C2: b", "C1: end", "C2: end");

  @Test
  void generatorsAndCoroutinesInterleaveTheSameWayWithoutAnyEventLoop() throws Exception {
    VirtualRun run = VirtualRun.of(new RoundRobin());
    List<String> lines = run.lines();
    assertEquals("With generators:", lines.get(0));
    assertEquals(INTERLEAVED, lines.subList(1, 9));
    assertEquals("", lines.get(9));
    assertEquals("With async def and switch():", lines.get(10));
    assertEquals(INTERLEAVED, lines.subList(11, 19));
    assertEquals(19, lines.size());
    assertEquals(0, run.loops.size());
  }

  @Test
  void aCoroutineDrivenBySendYieldsNothingAtEachSwitchThenRaisesStopIteration() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Coroutine<Void> c1 = Async_RoundRobin.coro1(out);
    assertNull(c1.send(null)); // a plain yield: nothing to wait for
    assertNull(c1.send(null));
    assertNull(c1.send(null));
    StopIteration end = assertThrows(StopIteration.class, () -> c1.send(null));
    assertNull(end.value());
    assertEquals("C1: Start\nC1: a\nC1: b\nC1: end\n", bytes.toString(StandardCharsets.UTF_8));
  }
}
