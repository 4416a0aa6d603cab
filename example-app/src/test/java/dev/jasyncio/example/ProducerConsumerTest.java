package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProducerConsumerTest {
  /**
   * The order CPython 3.11 prints for the seed (its messages translated the same way): the producer
   * adds an item every 0.3 s, each consumer takes one second per item, and the sentinel stops the
   * consumers one after another as they finish.
   */
  @Test
  void theConsumersShareTheWorkInCPythonsOrderAndAllStop() throws Exception {
    VirtualRun run = VirtualRun.of(new ProducerConsumer());
    assertEquals(
        List.of(
            "============================================================",
            "Example 3: an async workflow through a queue",
            "============================================================",
            "Producer started",
            "  added work: Task-0",
            "Consumer 1 started",
            "  Consumer 1: processing Task-0...",
            "Consumer 2 started",
            "Consumer 3 started",
            "  added work: Task-1",
            "  Consumer 2: processing Task-1...",
            "  added work: Task-2",
            "  Consumer 3: processing Task-2...",
            "  added work: Task-3",
            "  Consumer 1: Task-0 done",
            "  Consumer 1: processing Task-3...",
            "  added work: Task-4",
            "  Consumer 2: Task-1 done",
            "  Consumer 2: processing Task-4...",
            "  added work: Task-5",
            "  Consumer 3: Task-2 done",
            "  Consumer 3: processing Task-5...",
            "  added work: Task-6",
            "  Consumer 1: Task-3 done",
            "  Consumer 1: processing Task-6...",
            "  added work: Task-7",
            "  Consumer 2: Task-4 done",
            "  Consumer 2: processing Task-7...",
            "  added work: Task-8",
            "  Consumer 3: Task-5 done",
            "  Consumer 3: processing Task-8...",
            "  added work: Task-9",
            "  Consumer 1: Task-6 done",
            "  Consumer 1: processing Task-9...",
            "Producer finished",
            "  Consumer 2: Task-7 done",
            "Consumer 2 stopped",
            "  Consumer 3: Task-8 done",
            "Consumer 3 stopped",
            "  Consumer 1: Task-9 done",
            "Consumer 1 stopped",
            "",
            "all work done!"),
        run.lines());
    assertEquals(4.0, run.time(), 1e-9);
    assertTrue(run.loops.get(0).isClosed());
  }
}
