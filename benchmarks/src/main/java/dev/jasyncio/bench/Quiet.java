package dev.jasyncio.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Starts each measured round when the machine runs at its full speed: the runner's {@code --quiet}.
 *
 * <p>On a shared virtual machine the same loop can run a third or half as slow again for seconds at
 * a time, while something outside the process shares the processor core (see the method in {@code
 * docs/performance.md}). A main's measured rounds take a fraction of a second, so each JVM's number
 * says which speed the machine happened to be in. With this gate on, a short probe ({@link
 * MegamorphicFloor}'s loop, {@value #PROBE_OPS} calls, a few milliseconds) runs after every warm-up
 * round, to learn the machine's fastest speed, and around every measured round. The round starts
 * only once a probe runs within {@value #TOLERANCE}× the fastest probe known: this JVM's own, or
 * the one the runner passes in {@value #FASTEST_PROPERTY}, the fastest any earlier JVM of the same
 * {@code java} saw. If the probe right after the round runs slow, the machine slowed down during it
 * or may have, and the round is run again. After {@link #MAX_WAIT_SECONDS} of probing and waiting
 * in all, rounds start and are kept whatever the probes say, and are counted as not quiet.
 *
 * <p>The gate decides from its probes alone: it never looks at what a round measured. It is the
 * same for every contender.
 *
 * <p>{@code java ... dev.jasyncio.bench.Quiet [seconds]} probes for that long (20 s by default) and
 * prints {@code {"quietFastestNs":...}}: the runner's calibration before the first workload JVM.
 */
public final class Quiet {
  /** The system property that turns the gate on ({@code true}). */
  public static final String ENABLED_PROPERTY = "jasyncio.bench.quiet";

  /** The system property with the fastest probe, in ns per call, that earlier JVMs saw. */
  public static final String FASTEST_PROPERTY = "jasyncio.bench.quietNs";

  /** Calls per probe: long enough to time, short enough to leave little garbage. */
  static final int PROBE_OPS = 500_000;

  /** A probe within this factor of the fastest known counts as full speed. */
  static final double TOLERANCE = 1.1;

  /** How long one JVM waits in all, before rounds start whatever the probe says. */
  static final long MAX_WAIT_SECONDS = 120;

  private static final Quiet CURRENT =
      new Quiet(
          Boolean.getBoolean(ENABLED_PROPERTY),
          fastestFromProperty(),
          Quiet::probe,
          System::nanoTime,
          MAX_WAIT_SECONDS * 1_000_000_000L);

  private final boolean enabled;
  private final DoubleSupplier probe;
  private final LongSupplier clock;
  private final long maxWaitNanos;
  private double fastestNs;
  private long waitedNanos;
  private double startProbeNs;
  private boolean startedQuiet;
  private int quietRounds;
  private int discarded;
  private final List<Double> startProbes = new ArrayList<>();

  Quiet(
      boolean enabled,
      double fastestNs,
      DoubleSupplier probe,
      LongSupplier clock,
      long maxWaitNanos) {
    this.enabled = enabled;
    this.fastestNs = fastestNs;
    this.probe = probe;
    this.clock = clock;
    this.maxWaitNanos = maxWaitNanos;
  }

  /** The gate of this JVM, set by the system properties. */
  public static Quiet current() {
    return CURRENT;
  }

  public boolean enabled() {
    return enabled;
  }

  /** After a warm-up round: one probe, to learn how fast the machine can run. */
  public void learn() {
    if (enabled) {
      timedProbe();
    }
  }

  /**
   * Before a measured round: returns once a probe runs at full speed, or at once when the gate is
   * off or has waited {@link #MAX_WAIT_SECONDS} in all.
   */
  public void awaitQuiet() {
    if (!enabled) {
      return;
    }
    long start = clock.getAsLong();
    for (; ; ) {
      startProbeNs = timedProbe();
      startedQuiet = startProbeNs <= fastestNs * TOLERANCE;
      if (startedQuiet || waitedNanos + (clock.getAsLong() - start) >= maxWaitNanos) {
        break;
      }
    }
    waitedNanos += clock.getAsLong() - start;
  }

  /**
   * After a measured round: one more probe. Returns false if it ran slow, so that the round, which
   * the machine may have slowed down part of the way through, is run again after {@link
   * #awaitQuiet}; true when the round is kept (always, when the gate is off or has waited {@link
   * #MAX_WAIT_SECONDS} in all).
   */
  public boolean keepRound() {
    if (!enabled) {
      return true;
    }
    long start = clock.getAsLong();
    boolean quiet = timedProbe() <= fastestNs * TOLERANCE;
    waitedNanos += clock.getAsLong() - start;
    if (!quiet && waitedNanos < maxWaitNanos) {
      discarded++;
      return false;
    }
    startProbes.add(startProbeNs);
    if (quiet && startedQuiet) {
      quietRounds++;
    }
    return true;
  }

  private double timedProbe() {
    double ns = probe.getAsDouble();
    fastestNs = Math.min(fastestNs, ns);
    return ns;
  }

  /**
   * What the JSON line reports, when the gate ran: {@code quietKept} (measured rounds it kept),
   * {@code quietRounds} (those with the machine at full speed before and after), {@code
   * quietDiscarded} (rounds run again because the probe after them ran slow), {@code quietProbeNs}
   * (the median probe right before the kept rounds), {@code quietFastestNs} and {@code
   * quietWaitSeconds} (time spent probing and waiting, not running rounds).
   */
  Map<String, Object> fields() {
    Map<String, Object> f = new LinkedHashMap<>();
    if (enabled && !startProbes.isEmpty()) {
      f.put("quietKept", (long) startProbes.size());
      f.put("quietRounds", (long) quietRounds);
      f.put("quietDiscarded", (long) discarded);
      f.put("quietProbeNs", Samples.median(startProbes));
      f.put("quietFastestNs", fastestNs);
      f.put("quietWaitSeconds", waitedNanos / 1e9);
    }
    return f;
  }

  /** One probe: ns per call of the floor loop. */
  private static double probe() {
    Round r = MegamorphicFloor.round(PROBE_OPS);
    return r.nanos() / (double) PROBE_OPS;
  }

  private static double fastestFromProperty() {
    String s = System.getProperty(FASTEST_PROPERTY);
    return s == null || s.isEmpty() ? Double.POSITIVE_INFINITY : Double.parseDouble(s);
  }

  /** Probes for {@code args[0]} seconds (20) and prints the fastest probe as a JSON line. */
  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
    long end = System.nanoTime() + (long) (seconds * 1e9);
    double fastest = Double.POSITIVE_INFINITY;
    while (System.nanoTime() < end) {
      fastest = Math.min(fastest, probe());
    }
    System.out.println(Json.write(Map.of("quietFastestNs", fastest)));
    System.err.printf(Locale.ROOT, "fastest probe: %.3f ns per call%n", fastest);
  }
}
