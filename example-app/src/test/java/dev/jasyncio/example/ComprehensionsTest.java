package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComprehensionsTest {
  @Test
  void collectsTheCountersNumbersThenTheAwaitedOnes() throws Exception {
    VirtualRun run = VirtualRun.of(new Comprehensions());
    assertEquals(List.of("[0, 1, 2]", "[1, 1, 1]"), run.lines());
    assertEquals(3.0, run.time()); // the counter's three seconds; async_one does not sleep
    assertTrue(run.loops.get(0).isClosed());
  }
}
