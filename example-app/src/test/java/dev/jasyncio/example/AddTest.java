package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Asyncio;
import dev.jasyncio.TestEventLoop;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddTest {
  @Test
  void printAddPrintsTheSumAfterAddSleptOneSecond() throws Exception {
    VirtualRun run = VirtualRun.of(new Add());
    assertEquals(List.of("1 + 2", "1 + 2 = 3"), run.lines());
    assertEquals(1.0, run.time());
    assertTrue(run.loops.get(0).isClosed());
  }

  @Test
  void addReturnsTheSumToItsAwaiter() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    TestEventLoop loop = new TestEventLoop();
    assertEquals(42, Asyncio.run(Async_Add.add(out, 40, 2), () -> loop));
    assertEquals("40 + 2\n", bytes.toString(StandardCharsets.UTF_8));
    assertEquals(1.0, loop.time());
  }
}
