package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ThreadPoolSleepsTest {
  @Test
  void aThousandBlockingSleepsAreAllBlockedAtOnce() throws Exception {
    // Each stand-in for time.sleep(1) waits until all thousand are waiting: it returns only if
    // the pool really runs them at the same time (else the barrier times out and the run fails).
    CyclicBarrier allAsleep = new CyclicBarrier(ThreadPoolSleeps.SLEEPS);
    AtomicInteger calls = new AtomicInteger();
    Blocking together =
        seconds -> {
          assertEquals(1.0, seconds);
          calls.incrementAndGet();
          try {
            allAsleep.await(30, TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new AssertionError("not all sleeps were blocked at once", e);
          }
        };
    VirtualRun run = VirtualRun.of(new ThreadPoolSleeps(together));
    assertEquals(1000, calls.get());
    assertEquals(List.of("time taken: 0.0"), run.lines());
    assertEquals(0.0, run.time());
  }
}
