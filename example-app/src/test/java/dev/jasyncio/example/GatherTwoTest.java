package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GatherTwoTest {
  @Test
  void gatherTakesTheLongestAndKeepsArgumentOrderWhileSequentialAwaitsTakeTheSum()
      throws Exception {
    VirtualRun run = VirtualRun.of(new GatherTwo());
    assertEquals(
        List.of(
            "Results: ['Task 1 done', 'Task 2 done']",
            "Total time: 2.00 seconds",
            "",
            "Sequential results: ['Task 1 done', 'Task 2 done']",
            "Total time: 3.00 seconds"),
        run.lines());
    assertEquals(2, run.loops.size());
    assertEquals(2.0, run.loops.get(0).time());
    assertEquals(3.0, run.loops.get(1).time());
  }
}
