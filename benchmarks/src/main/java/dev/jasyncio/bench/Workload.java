package dev.jasyncio.bench;

import java.util.Locale;

/**
 * The five whole-process workloads: what each does, its size, its budget, and how the runner turns
 * a measurement into the number the budget is about.
 *
 * <p>The sizes and budgets are those of the performance issue. The main classes of a workload have
 * the same simple name ({@link #className}) in each runtime's package.
 */
public enum Workload {
  /** n tasks each sleep 1 s, then are gathered: first spawn to last finish, and bytes per task. */
  W1(
      "W1Sleep",
      "tasks each sleep(1 s), then gather",
      "s from first spawn to last finish",
      1_000_000,
      100_000,
      false,
      Metric.SECONDS,
      1.5),
  /** n awaits of a coroutine that returns at once, in a loop inside a coroutine. */
  W2(
      "W2AwaitCompleted",
      "awaits of a coroutine that returns at once",
      "ns per await",
      10_000_000,
      1_000_000,
      true,
      Metric.NS_PER_OP,
      5),
  /** n ping-pong round trips between two tasks over two 1-slot queues. */
  W3(
      "W3PingPong",
      "ping-pong round trips between two tasks over two 1-slot queues",
      "ns per round trip",
      1_000_000,
      100_000,
      true,
      Metric.NS_PER_OP,
      150),
  /** n items from one producer to one consumer through an unbounded queue. */
  W4(
      "W4ProducerConsumer",
      "items, one producer, one consumer, unbounded queue",
      "M items/s",
      5_000_000,
      500_000,
      true,
      Metric.M_OPS_PER_SECOND,
      20),
  /** n short tasks created and awaited in chunks of {@link #CHUNK}. */
  W5(
      "W5ShortTasks",
      "short tasks created and awaited in chunks of 1,000",
      "M tasks/s",
      1_000_000,
      100_000,
      true,
      Metric.M_OPS_PER_SECOND,
      20);

  /** W5's chunk: tasks created, then awaited together, before the next chunk is created. */
  public static final int CHUNK = 1_000;

  /** W1's sleep when no other is given, in seconds. */
  public static final double W1_SLEEP_SECONDS = 1.0;

  /** W1's memory budget: peak RSS growth per sleeping task, in bytes. */
  public static final double W1_BYTES_PER_TASK_BUDGET = 250;

  /** W1's small run: bytes per task are (RSS(n) - RSS(this)) / (n - this). */
  public static final int W1_BASE_TASKS = 10_000;

  /** Warm-up rounds when the command line does not say (W2–W5 only). */
  public static final int DEFAULT_WARMUPS = 5;

  private final String className;
  private final String description;
  private final String unitLabel;
  private final int defaultN;
  private final int quickN;
  private final boolean warmsUp;
  private final Metric metric;
  private final double budget;

  Workload(
      String className,
      String description,
      String unitLabel,
      int defaultN,
      int quickN,
      boolean warmsUp,
      Metric metric,
      double budget) {
    this.className = className;
    this.description = description;
    this.unitLabel = unitLabel;
    this.defaultN = defaultN;
    this.quickN = quickN;
    this.warmsUp = warmsUp;
    this.metric = metric;
    this.budget = budget;
  }

  /** The simple name of the workload's main class in each runtime's package. */
  public String className() {
    return className;
  }

  /** What one run does, after the number of operations. */
  public String description() {
    return description;
  }

  /** What the measured number is, for example {@code ns per round trip}. */
  public String unitLabel() {
    return unitLabel;
  }

  /** The size. */
  public int defaultN() {
    return defaultN;
  }

  /** The size of {@code --quick} runs. */
  public int quickN() {
    return quickN;
  }

  /** Whether the main runs warm-up rounds before the measured ones (all but W1). */
  public boolean warmsUp() {
    return warmsUp;
  }

  /** The number the budget is about. */
  public Metric metric() {
    return metric;
  }

  /** The budget, in {@link #metric()}'s unit. */
  public double budget() {
    return budget;
  }

  /** Whether {@code value} (in {@link #metric()}'s unit) meets the budget. */
  public boolean meets(double value) {
    return metric.higherIsBetter ? value >= budget : value <= budget;
  }

  /** The budget as the table shows it, for example {@code ≤ 150 ns}. */
  public String budgetText() {
    return (metric.higherIsBetter ? "≥ " : "≤ ") + metric.format(budget);
  }

  /** The workload with that id ({@code W1}…{@code W5}), case-insensitive. */
  public static Workload byId(String id) {
    return valueOf(id.trim().toUpperCase(Locale.ROOT));
  }

  /** What a workload's main measures, and how a run's seconds become it. */
  public enum Metric {
    SECONDS("s", false),
    NS_PER_OP("ns", false),
    M_OPS_PER_SECOND("M/s", true);

    private final String unit;
    private final boolean higherIsBetter;

    Metric(String unit, boolean higherIsBetter) {
      this.unit = unit;
      this.higherIsBetter = higherIsBetter;
    }

    /** The metric of {@code n} operations that took {@code seconds}. */
    public double of(double seconds, long n) {
      switch (this) {
        case SECONDS:
          return seconds;
        case NS_PER_OP:
          return seconds * 1e9 / n;
        default:
          return n / seconds / 1e6;
      }
    }

    /** Whether a larger value is better (rates) rather than worse (times). */
    public boolean higherIsBetter() {
      return higherIsBetter;
    }

    /** {@code value} with its unit, to three significant digits or so. */
    public String format(double value) {
      return Report.round(value) + " " + unit;
    }
  }
}
