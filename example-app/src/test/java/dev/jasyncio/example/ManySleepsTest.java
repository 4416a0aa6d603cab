package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ManySleepsTest {
  @Test
  void tenThousandSleepsOfOneSecondTakeOneSecond() throws Exception {
    VirtualRun run = VirtualRun.of(new ManySleeps());
    assertEquals(List.of("1.0"), run.lines());
    assertEquals(1.0, run.time());
    assertTrue(run.loops.get(0).isClosed());
  }
}
