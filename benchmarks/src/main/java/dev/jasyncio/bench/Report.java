package dev.jasyncio.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON line a workload main prints, for example
 *
 * <pre>{@code
 * {"workload":"W3","runtime":"jasyncio","n":1000000,"seconds":0.25,"peakRssBytes":81920000,
 *  "warmups":2,"nsPerOp":250,"mOpsPerSecond":4,"check":1000000,"gcCount":0,"gcMillis":0,
 *  "allocBytesPerOp":96,"jdk":"17.0.15"}
 * }</pre>
 *
 * <p>(on one line). The fields:
 *
 * <ul>
 *   <li>{@code workload}, {@code runtime} ({@link Contender#id()}), {@code n}: what ran.
 *   <li>{@code seconds}: the measured part only (see each main), from {@link System#nanoTime()}.
 *   <li>{@code peakRssBytes}: the process's peak RSS ({@link PeakRss}); null if unknown.
 *   <li>{@code sleepSeconds} (W1) or {@code warmups} (the others): how it ran; {@code warmups}
 *       counts the warm-up rounds run, which can exceed the asked-for ones (see {@link Harness}).
 *   <li>{@code rounds}, {@code minSeconds}, {@code maxSeconds} (all but W1): how many rounds were
 *       measured after the warm-up, and the fastest and slowest; {@code seconds} is their median.
 *   <li>{@code nsPerOp} and {@code mOpsPerSecond} (all but W1): {@code seconds} per operation.
 *   <li>{@code check}: a count or sum produced by the work ({@link Round#check()}).
 *   <li>{@code gcCount}, {@code gcMillis}: collections during the (median) measured round and their
 *       time.
 *   <li>{@code allocBytesPerOp} (jasyncio only): bytes allocated per operation on the loop thread,
 *       which is all of jasyncio's allocation in the measured round.
 *   <li>{@code megamorphicNsPerOp}, {@code megamorphicAllocBytesPerOp} (W2 only): the same for a
 *       loop that awaits four kinds of callee in turn, so that the JIT cannot inline the callee.
 *   <li>{@code megamorphicFloorNsPerOp} (W2, jasyncio only): the same calls in plain Java ({@link
 *       MegamorphicFloor}), measured in turn with that loop.
 *   <li>{@code keptBytesPerTimer} (TIMERS only): the heap still in use, per timer, once all the
 *       timers were cancelled and the loop ran one more iteration, over the heap in use before they
 *       were scheduled (both after a full collection; see {@link Harness#usedHeapAfterGc}).
 *   <li>{@code quietKept}, {@code quietRounds}, {@code quietDiscarded}, {@code quietProbeNs},
 *       {@code quietFastestNs}, {@code quietWaitSeconds} (with the runner's {@code --quiet} only):
 *       how many measured rounds (W2: and pairs of rounds) the gate kept, how many of those had the
 *       machine at its full speed before and after, how many were run again, the probe right before
 *       the kept ones, the fastest probe known, and the time spent probing and waiting (see {@link
 *       Quiet}).
 *   <li>{@code jdk}: the version of the JVM that ran it.
 *   <li>{@code skipped}: instead of the measurement, why this contender cannot run here (virtual
 *       threads before JDK 21).
 * </ul>
 */
public final class Report {
  private final Map<String, Object> fields = new LinkedHashMap<>();

  private Report(Workload workload, Contender contender, long n) {
    fields.put("workload", workload.name());
    fields.put("runtime", contender.id());
    fields.put("n", n);
  }

  /** The line of a measured round. */
  public static Report measured(
      Workload workload, Contender contender, Args args, Harness.Measured measured) {
    Report r = new Report(workload, contender, args.n());
    double seconds = measured.round().nanos() / 1e9;
    r.fields.put("seconds", seconds);
    long rss = PeakRss.bytes();
    r.fields.put("peakRssBytes", rss < 0 ? null : rss);
    if (workload == Workload.W1) {
      r.fields.put("sleepSeconds", args.sleepSeconds());
    } else {
      r.fields.put("warmups", measured.warmupRounds());
      r.fields.put("rounds", measured.rounds());
      r.fields.put("minSeconds", measured.minNanos() / 1e9);
      r.fields.put("maxSeconds", measured.maxNanos() / 1e9);
      r.fields.put("nsPerOp", Workload.Metric.NS_PER_OP.of(seconds, args.n()));
      r.fields.put("mOpsPerSecond", Workload.Metric.M_OPS_PER_SECOND.of(seconds, args.n()));
    }
    r.fields.put("check", measured.round().check());
    r.fields.put("gcCount", measured.gcCount());
    r.fields.put("gcMillis", measured.gcMillis());
    if (contender == Contender.JASYNCIO && measured.allocatedBytes() >= 0) {
      r.fields.put("allocBytesPerOp", (double) measured.allocatedBytes() / args.n());
    }
    r.fields.putAll(Quiet.current().fields());
    r.fields.put("jdk", Runtime.version().toString());
    return r;
  }

  /**
   * Adds W2's second measurement, of the loop that awaits four kinds of callee in turn: {@code
   * megamorphicNsPerOp} (and {@code megamorphicAllocBytesPerOp} for jasyncio).
   *
   * @throws IllegalStateException if its check differs from the first measurement's: the two loops
   *     do the same work
   */
  public Report megamorphic(Harness.Measured measured) {
    long n = requireSameWork("the four-kind loop", measured);
    putBeforeJdk("megamorphicNsPerOp", measured.round().nanos() / (double) n);
    if (fields.containsKey("allocBytesPerOp") && measured.allocatedBytes() >= 0) {
      putBeforeJdk("megamorphicAllocBytesPerOp", (double) measured.allocatedBytes() / n);
    }
    return this;
  }

  /**
   * Adds the plain-Java floor under W2's megamorphic loop ({@link MegamorphicFloor}), measured in
   * the same JVM with its rounds in turn with the loop's: {@code megamorphicFloorNsPerOp}.
   *
   * @throws IllegalStateException if its check differs from the first measurement's
   */
  public Report megamorphicFloor(Harness.Measured measured) {
    long n = requireSameWork("the floor loop", measured);
    putBeforeJdk("megamorphicFloorNsPerOp", measured.round().nanos() / (double) n);
    return this;
  }

  /**
   * Adds TIMERS' second measurement: {@code keptBytes}, the heap that {@code n} scheduled and then
   * cancelled timers left in use, as {@code keptBytesPerTimer}.
   */
  public Report kept(long keptBytes) {
    putBeforeJdk("keptBytesPerTimer", keptBytes / (double) (Long) fields.get("n"));
    return this;
  }

  /** Returns {@code n}, or throws if {@code measured} computed another check than this line's. */
  private long requireSameWork(String what, Harness.Measured measured) {
    if (!fields.get("check").equals(measured.round().check())) {
      throw new IllegalStateException(
          what + " computed " + measured.round().check() + ", not " + fields.get("check"));
    }
    return (Long) fields.get("n");
  }

  /** Adds a field, keeping {@code jdk} the last one of the line. */
  private void putBeforeJdk(String key, Object value) {
    Object jdk = fields.remove("jdk");
    fields.put(key, value);
    fields.put("jdk", jdk);
  }

  /** The line of a contender that cannot run on this JVM, with the reason. */
  public static Report skipped(Workload workload, Contender contender, Args args, String reason) {
    Report r = new Report(workload, contender, args.n());
    r.fields.put("skipped", reason);
    r.fields.put("jdk", Runtime.version().toString());
    return r;
  }

  /** The line, without a line break. */
  public String toJson() {
    return Json.write(fields);
  }

  /** Prints the line on standard output. */
  public void print() {
    System.out.println(toJson());
  }

  /** {@code value} to three significant digits, without exponent or trailing zeros. */
  public static String round(double value) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    BigDecimal d = new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }
}
