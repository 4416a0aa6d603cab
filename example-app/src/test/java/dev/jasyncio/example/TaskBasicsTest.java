package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskBasicsTest {
  @Test
  void eachWayTakesTheLongestTaskUnlessItReturnsEarlier() throws Exception {
    VirtualRun run = VirtualRun.of(new TaskBasics());
    assertEquals(
        List.of(
            "create_task: 'Task 1 done', 'Task 2 done' (2.00 seconds)",
            "wait: 2 done, 0 pending: ['Task 1 done', 'Task 2 done'] (2.00 seconds)",
            "wait(FIRST_COMPLETED): 1 done, 1 pending: ['Task 2 done'] (1.00 seconds)",
            "gather: ['Task 1 done', 'Task 2 done'] (2.00 seconds)",
            "as_completed: 'Task 2 done' (1.00 seconds)",
            "as_completed: 'Task 1 done' (2.00 seconds)"),
        run.lines());
    // 2 + 2 + (1 + the pending task's remaining 1) + 2 + 2
    assertEquals(10.0, run.time());
  }
}
