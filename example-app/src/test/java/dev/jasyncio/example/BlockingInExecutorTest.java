package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BlockingInExecutorTest {
  @Test
  void theShorterBlockingSleepEndsFirstWhileTheLoopWaitsForBoth() throws Exception {
    // Stand-ins for time.sleep that end in the order of their lengths: the 5 s one returns a
    // while after the 4 s one has.
    CountDownLatch fourDone = new CountDownLatch(1);
    Blocking ordered =
        seconds -> {
          if (seconds == 4) {
            fourDone.countDown();
          } else {
            assertEquals(5.0, seconds);
            fourDone.await(10, TimeUnit.SECONDS);
            Thread.sleep(200);
          }
        };
    VirtualRun run = VirtualRun.of(new BlockingInExecutor(ordered));
    assertEquals(
        List.of(
            "coroutine 1 started",
            "coroutine 1 suspended... waiting 5 seconds",
            "coroutine 2 started",
            "coroutine 2 suspended... waiting 4 seconds",
            "coroutine 2 resumed",
            "coroutine 1 resumed",
            // the sleeps were on other threads, which the virtual clock does not see
            "time taken: 0.0"),
        run.lines());
    assertEquals(0.0, run.time());
  }
}
