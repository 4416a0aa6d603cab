package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimeoutsTest {
  @Test
  void aTimeoutAroundGatherCancelsAllWhilePerTaskTimeoutsFailOnlyTheSlowOne() throws Exception {
    VirtualRun run = VirtualRun.of(new Timeouts());
    assertEquals(
        """
        ============================================================
        Example 6: timeouts
        ============================================================
        Running the tasks with a 2 second timeout

          task 1 started (takes 1.0 s)
          task 2 started (takes 3.0 s)
          task 3 started (takes 0.5 s)
          task 3 done
          task 1 done

        Timeout! Some tasks did not finish


        Timeout per task:
          task 10 started (takes 1.0 s)
          task 10 done
          task 1: success - Result-10
          task 11 started (takes 3.0 s)
          task 2: timeout!
          task 12 started (takes 0.5 s)
          task 12 done
          task 3: success - Result-12
        """,
        run.output);
    // 2 (the gather's timeout) + 1 + 2 (task 11's timeout) + 0.5; task 2 never finishes
    assertEquals(5.5, run.time());
  }
}
