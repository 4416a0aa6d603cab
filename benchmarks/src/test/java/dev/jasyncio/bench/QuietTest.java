package dev.jasyncio.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuietTest {
  /** Probes that return the given times, each taking {@code probeNanos} of a fake clock. */
  private static final class FakeMachine {
    final Deque<Double> probes;
    final long probeNanos;
    long now;
    int probed;

    FakeMachine(long probeNanos, Double... probes) {
      this.probes = new ArrayDeque<>(List.of(probes));
      this.probeNanos = probeNanos;
    }

    double probe() {
      probed++;
      now += probeNanos;
      return probes.size() > 1 ? probes.poll() : probes.peek();
    }

    Quiet gate(double fastestNs, long maxWaitNanos) {
      return new Quiet(true, fastestNs, this::probe, () -> now, maxWaitNanos);
    }
  }

  @Test
  void aRoundStartsOnceAProbeRunsWithinTheToleranceOfTheFastestKnown() {
    FakeMachine m = new FakeMachine(5_000_000, 6.2, 6.0, 4.3, 4.1);
    Quiet quiet = m.gate(4.0, 1_000_000_000L);

    quiet.awaitQuiet();
    assertEquals(3, m.probed);
    assertTrue(quiet.keepRound()); // 4.1 after the round

    Map<String, Object> f = quiet.fields();
    assertEquals(1L, f.get("quietKept"));
    assertEquals(1L, f.get("quietRounds"));
    assertEquals(0L, f.get("quietDiscarded"));
    assertEquals(4.3, f.get("quietProbeNs"));
    assertEquals(4.0, f.get("quietFastestNs"));
    assertEquals(0.02, (double) f.get("quietWaitSeconds"), 1e-9);
  }

  @Test
  void aRoundAfterWhichTheProbeRunsSlowIsRunAgain() {
    FakeMachine m = new FakeMachine(1, 4.0, 6.0, 4.1, 4.2);
    Quiet quiet = m.gate(4.0, 1_000_000_000L);

    quiet.awaitQuiet(); // 4.0
    assertFalse(quiet.keepRound()); // 6.0: the machine slowed down around the round
    quiet.awaitQuiet(); // 4.1
    assertTrue(quiet.keepRound()); // 4.2

    Map<String, Object> f = quiet.fields();
    assertEquals(1L, f.get("quietKept"));
    assertEquals(1L, f.get("quietRounds"));
    assertEquals(1L, f.get("quietDiscarded"));
    assertEquals(4.1, f.get("quietProbeNs"));
  }

  @Test
  void warmUpProbesTeachTheGateTheFastestSpeed() {
    FakeMachine m = new FakeMachine(1, 4.0, 6.0, 6.1, 4.2);
    Quiet quiet = m.gate(Double.POSITIVE_INFINITY, 1_000_000_000L);

    quiet.learn(); // 4.0 after a warm-up round
    quiet.awaitQuiet(); // 6.0 and 6.1 are too slow for 4.0; 4.2 is within 10%

    assertEquals(4, m.probed);
    assertTrue(quiet.keepRound());
    assertEquals(1L, quiet.fields().get("quietRounds"));
    assertEquals(4.0, quiet.fields().get("quietFastestNs"));
  }

  @Test
  void afterTheLongestWaitRoundsRunAndAreKeptAnywayButNotCountedQuiet() {
    FakeMachine m = new FakeMachine(400, 6.0);
    Quiet quiet = m.gate(4.0, 1_000);

    quiet.awaitQuiet(); // probes at 400, 800, 1200 ns: gives up at the third
    assertTrue(quiet.keepRound()); // slow, but the JVM's wait is used up
    quiet.awaitQuiet(); // one probe, then the round starts
    assertTrue(quiet.keepRound());

    assertEquals(6, m.probed);
    Map<String, Object> f = quiet.fields();
    assertEquals(2L, f.get("quietKept"));
    assertEquals(0L, f.get("quietRounds"));
    assertEquals(0L, f.get("quietDiscarded"));
    assertEquals(6.0, f.get("quietProbeNs"));
  }

  @Test
  void turnedOffItNeitherProbesNorReports() {
    FakeMachine m = new FakeMachine(1, 9.0);
    Quiet quiet = new Quiet(false, 4.0, m::probe, () -> m.now, 1_000);

    quiet.learn();
    quiet.awaitQuiet();

    assertTrue(quiet.keepRound());
    assertEquals(0, m.probed);
    assertFalse(quiet.enabled());
    assertTrue(quiet.fields().isEmpty());
  }
}
