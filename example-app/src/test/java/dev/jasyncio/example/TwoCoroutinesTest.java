package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TwoCoroutinesTest {
  @Test
  void theShorterSleepResumesFirstAndBothTakeFiveSeconds() throws Exception {
    VirtualRun run = VirtualRun.of(new TwoCoroutines());
    assertEquals(
        List.of(
            "coroutine 1 started",
            "coroutine 1 suspended... waiting 5 seconds",
            "coroutine 2 started",
            "coroutine 2 suspended... waiting 4 seconds",
            "coroutine 2 resumed",
            "coroutine 1 resumed"),
        run.lines());
    assertEquals(5.0, run.time());
  }
}
