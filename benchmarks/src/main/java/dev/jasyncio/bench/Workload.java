package dev.jasyncio.bench;

import java.util.Locale;

/**
 * The whole-process workloads: the five (W1–W5) and its timer budget ({@link #TIMERS}):
 * what each does, its size, its budget, and how the runner turns a measurement into the number the
 * budget is about.
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
      20),
  /**
   * n timers at deadlines in random order, each scheduled, then each cancelled, and one more
   * iteration of the loop. Its budgets are relative: the cost per timer may grow from {@link
   * #TIMERS_BASE} timers to n only as log n does ({@link #TIMERS_GROWTH_BUDGET}), and the cancelled
   * timers may keep no memory ({@link #TIMERS_KEPT_BYTES_BUDGET}).
   */
  TIMERS(
      "Timers",
      "timers at deadlines in random order, each scheduled, then each cancelled",
      "ns per timer",
      1_000_000,
      100_000,
      true,
      Metric.NS_PER_OP,
      Double.NaN);

  /** W5's chunk: tasks created, then awaited together, before the next chunk is created. */
  public static final int CHUNK = 1_000;

  /** W1's sleep when no other is given, in seconds. */
  public static final double W1_SLEEP_SECONDS = 1.0;

  /** W1's memory budget: peak RSS growth per sleeping task, in bytes. */
  public static final double W1_BYTES_PER_TASK_BUDGET = 250;

  /** W1's small run: bytes per task are (RSS(n) - RSS(this)) / (n - this). */
  public static final int W1_BASE_TASKS = 10_000;

  /** TIMERS' small run, the size its cost per timer is compared with. */
  public static final int TIMERS_BASE = 10_000;

  /**
   * TIMERS' scaling budget: the cost per timer at n over the cost at {@link #TIMERS_BASE}. From
   * 10,000 to 1,000,000 timers log n grows 1.5 times and n 100 times; the rest of the allowance is
   * for a million timers not fitting in the processor's caches.
   */
  public static final double TIMERS_GROWTH_BUDGET = 3;

  /**
   * TIMERS' memory budget: what the loop still holds per cancelled timer, in bytes, after its next
   * iteration. A live timer costs about 80.
   */
  public static final double TIMERS_KEPT_BYTES_BUDGET = 1;

  /** Warm-up rounds when the command line does not say (all but W1). */
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

  /**
   * The size of the second, small run whose results this workload's rows compare with the large
   * one's ({@link #W1_BASE_TASKS}, {@link #TIMERS_BASE}), or 0 if it has none.
   */
  public int baseN() {
    switch (this) {
      case W1:
        return W1_BASE_TASKS;
      case TIMERS:
        return TIMERS_BASE;
      default:
        return 0;
    }
  }

  /** The budget, in {@link #metric()}'s unit; NaN for TIMERS, whose budgets are relative. */
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

  /** The workload with that id ({@code W1}…{@code W5}, {@code TIMERS}), case-insensitive. */
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
