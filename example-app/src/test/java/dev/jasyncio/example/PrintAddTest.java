package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrintAddTest {
  @Test
  void eachLineNamesTheCoroutineThatPrintsIt() throws Exception {
    VirtualRun run = VirtualRun.of(new PrintAdd());
    assertEquals(List.of("add: 1 + 2", "print_add: 1 + 2 = 3"), run.lines());
    assertEquals(1.0, run.time());
    assertTrue(run.loops.get(0).isClosed());
  }
}
