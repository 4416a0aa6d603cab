package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
  /**
   * Seed 75 draws 0.72, 0.28, 0.13 (data1 succeeds, data2 and data3 fail), then 0.09, 0.88 (data2
   * fails again, data3 succeeds), then 0.11 (data2 fails for good).
   */
  @Test
  void retriesWithBackoffUntilSuccessOrTheThirdFailure() throws Exception {
    Random draws = new Random(75);
    assertEquals(0.72, draws.nextDouble(), 0.01);
    assertEquals(0.28, draws.nextDouble(), 0.01);
    assertEquals(0.13, draws.nextDouble(), 0.01);
    assertEquals(0.09, draws.nextDouble(), 0.01);
    assertEquals(0.88, draws.nextDouble(), 0.01);
    assertEquals(0.11, draws.nextDouble(), 0.01);

    VirtualRun run = VirtualRun.of(new RetryBackoff(75));
    assertEquals(
        """
        ============================================================
        Example 5: error handling and retry logic
        ============================================================
        API requests started (with retry logic)

          attempt 1/3: https://api.example.com/data1
          attempt 1/3: https://api.example.com/data2
          attempt 1/3: https://api.example.com/data3
          success: https://api.example.com/data1
          failed: https://api.example.com/data2 - Network error
          retrying in 1 s...
          failed: https://api.example.com/data3 - Network error
          retrying in 1 s...
          attempt 2/3: https://api.example.com/data2
          attempt 2/3: https://api.example.com/data3
          failed: https://api.example.com/data2 - Network error
          retrying in 2 s...
          success: https://api.example.com/data3
          attempt 3/3: https://api.example.com/data2
          failed: https://api.example.com/data2 - Network error
          final failure: https://api.example.com/data2

        Final results:
          succeeded: 2, failed: 1
        """,
        run.output);
    // data2: 0.5 + 1 + 0.5 + 2 + 0.5
    assertEquals(4.5, run.time());
  }

  @Test
  void whenNothingFailsEachUrlIsFetchedOnceInHalfASecond() throws Exception {
    VirtualRun run = VirtualRun.of(new RetryBackoff(2)); // draws 0.73, 0.90, 0.50
    assertEquals(3, run.lines().stream().filter(l -> l.startsWith("  success: ")).count());
    assertEquals("  succeeded: 3, failed: 0", run.lines().get(run.lines().size() - 1));
    assertEquals(0.5, run.time());
  }
}
