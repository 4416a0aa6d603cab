package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VideoProcessingTest {
  @Test
  void resultsArriveInCompletionOrderTwoFourThreeOne() throws Exception {
    VirtualRun run = VirtualRun.of(new VideoProcessing(VirtualRun.NINE_AM));
    assertEquals(
        """
        ============================================================
        Example 2: receiving results in the order they complete
        ============================================================

        Processing started:
          video 1: processing started (expected 2.0 s)
          video 2: processing started (expected 0.5 s)
          video 3: processing started (expected 1.5 s)
          video 4: processing started (expected 1.0 s)
          video 2: processing complete!
          [1/4] result received: video 2 - 09:00:00
          video 4: processing complete!
          [2/4] result received: video 4 - 09:00:01
          video 3: processing complete!
          [3/4] result received: video 3 - 09:00:01
          video 1: processing complete!
          [4/4] result received: video 1 - 09:00:02

        All videos processed!
        """,
        run.output);
    assertEquals(2.0, run.time());
  }
}
