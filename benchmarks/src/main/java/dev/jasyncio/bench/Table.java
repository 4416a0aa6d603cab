package dev.jasyncio.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoublePredicate;

/**
 * The runner's markdown: the summary table (one row per budget, one column per contender, the
 * budget, whether jasyncio meets it, and jasyncio's ratio to each peer) and the details of every
 * set of samples.
 */
public final class Table {
  private Table() {}

  /** One value of a row: a number with its text, or only a text saying why there is none. */
  record Cell(Double value, String text) {
    static Cell missing(String why) {
      return new Cell(null, why);
    }
  }

  /**
   * One row of the summary table; {@code ratios} is false for a row whose values are not costs to
   * divide (a few bytes kept, against none).
   */
  record Row(
      String label,
      Map<Contender, Cell> cells,
      String budget,
      boolean higherIsBetter,
      DoublePredicate meets,
      boolean ratios) {
    Row(
        String label,
        Map<Contender, Cell> cells,
        String budget,
        boolean higherIsBetter,
        DoublePredicate meets) {
      this(label, cells, budget, higherIsBetter, meets, true);
    }
  }

  /**
   * The summary table.
   *
   * @param sizes the size each workload ran at (W1 and TIMERS: the large run; the small one is
   *     {@link Workload#baseN()})
   */
  public static String summary(
      Results results, List<Workload> workloads, Map<Workload, Integer> sizes) {
    List<Row> rows = new ArrayList<>();
    for (Workload w : workloads) {
      int n = sizes.get(w);
      if (w == Workload.W1) {
        rows.add(w1TimeRow(results, n));
        rows.add(w1MemoryRow(results, n, w.baseN()));
      } else if (w == Workload.TIMERS) {
        rows.add(timersGrowthRow(results, n, w.baseN()));
        rows.add(timersKeptRow(results, n));
      } else {
        rows.add(perOpRow(results, w, n));
        if (w == Workload.W2) {
          rows.add(w2MegamorphicRow(results, n));
        }
      }
    }
    return render(rows);
  }

  private static Row w1TimeRow(Results results, int n) {
    Map<Contender, Cell> cells = new EnumMap<>(Contender.class);
    for (Contender c : Contender.values()) {
      Samples s = results.find(Workload.W1, c, n);
      Cell cell = missingCell(Workload.W1, c, s);
      if (cell == null) {
        double seconds = s.median("seconds");
        Double rss = s.median("peakRssBytes");
        String text = Workload.Metric.SECONDS.format(seconds);
        if (rss != null) {
          text += " / " + megabytes(rss);
        }
        cell = new Cell(seconds, text);
      }
      cells.put(c, cell);
    }
    return new Row(
        String.format(
            Locale.ROOT,
            "W1: %,d %s — %s / peak RSS",
            n,
            Workload.W1.description(),
            Workload.W1.unitLabel()),
        cells,
        Workload.W1.budgetText(),
        false,
        Workload.W1::meets);
  }

  private static Row w1MemoryRow(Results results, int n, int base) {
    Map<Contender, Cell> cells = new EnumMap<>(Contender.class);
    for (Contender c : Contender.values()) {
      Samples large = results.find(Workload.W1, c, n);
      Samples small = results.find(Workload.W1, c, base);
      Cell cell = missingCell(Workload.W1, c, large);
      if (cell == null) {
        cell = missingCell(Workload.W1, c, small);
      }
      if (cell == null) {
        Double rssLarge = large.median("peakRssBytes");
        Double rssSmall = small.median("peakRssBytes");
        if (rssLarge == null || rssSmall == null || n == base) {
          cell = Cell.missing("no RSS");
        } else {
          double perTask = (rssLarge - rssSmall) / (n - base);
          cell = new Cell(perTask, Report.round(perTask) + " B");
        }
      }
      cells.put(c, cell);
    }
    double budget = Workload.W1_BYTES_PER_TASK_BUDGET;
    return new Row(
        String.format(
            Locale.ROOT,
            "W1: bytes per sleeping task — (peak RSS at %,d − at %,d) / %,d",
            n,
            base,
            n - base),
        cells,
        "≤ " + Report.round(budget) + " B",
        false,
        v -> v <= budget);
  }

  private static Row perOpRow(Results results, Workload w, int n) {
    Map<Contender, Cell> cells = new EnumMap<>(Contender.class);
    for (Contender c : Contender.values()) {
      Samples s = results.find(w, c, n);
      Cell cell = missingCell(w, c, s);
      if (cell == null) {
        double value = w.metric().of(s.median("seconds"), n);
        cell = new Cell(value, w.metric().format(value));
      }
      cells.put(c, cell);
    }
    return new Row(
        String.format(Locale.ROOT, "%s: %,d %s — %s", w.name(), n, w.description(), w.unitLabel()),
        cells,
        w.budgetText(),
        w.metric().higherIsBetter(),
        w::meets);
  }

  private static Row w2MegamorphicRow(Results results, int n) {
    Workload w = Workload.W2;
    Map<Contender, Cell> cells = new EnumMap<>(Contender.class);
    for (Contender c : Contender.values()) {
      Samples s = results.find(w, c, n);
      Cell cell = missingCell(w, c, s);
      if (cell == null) {
        Double value = s.median("megamorphicNsPerOp");
        Double floor = s.median("megamorphicFloorNsPerOp");
        cell =
            value == null
                ? Cell.missing("not measured")
                : new Cell(
                    value,
                    w.metric().format(value)
                        + (floor == null
                            ? ""
                            : " (plain-Java floor " + w.metric().format(floor) + ")"));
      }
      cells.put(c, cell);
    }
    return new Row(
        "W2, megamorphic: the same loop awaiting four callee types in turn, so that the JIT cannot"
            + " inline the callee — "
            + w.unitLabel(),
        cells,
        w.budgetText(),
        false,
        w::meets);
  }

  /**
   * TIMERS' time per timer at {@code n}, with the time at {@code base} beside it; met when the
   * first is at most {@link Workload#TIMERS_GROWTH_BUDGET} times the second (the budget is about
   * jasyncio's own growth, so its check reads jasyncio's small run).
   */
  private static Row timersGrowthRow(Results results, int n, int base) {
    Workload w = Workload.TIMERS;
    Map<Contender, Cell> cells = new EnumMap<>(Contender.class);
    Map<Contender, Double> small = new EnumMap<>(Contender.class);
    for (Contender c : Contender.values()) {
      Samples s = results.find(w, c, n);
      Cell cell = missingCell(w, c, s);
      if (cell == null) {
        double value = w.metric().of(s.median("seconds"), n);
        String text = w.metric().format(value);
        Samples b = results.find(w, c, base);
        if (n != base && b != null && b.median("seconds") != null) {
          double atBase = w.metric().of(b.median("seconds"), base);
          small.put(c, atBase);
          text += String.format(Locale.ROOT, " (at %,d: %s)", base, w.metric().format(atBase));
        }
        cell = new Cell(value, text);
      }
      cells.put(c, cell);
    }
    double growth = Workload.TIMERS_GROWTH_BUDGET;
    Double mine = small.get(Contender.JASYNCIO);
    return new Row(
        String.format(
            Locale.ROOT,
            "Timers: %,d %s — %s, and at %,d",
            n,
            w.description(),
            w.unitLabel(),
            base),
        cells,
        String.format(Locale.ROOT, "O(log n): ≤ %s× the time at %,d", Report.round(growth), base),
        false,
        v -> mine != null && v <= growth * mine);
  }

  /** TIMERS' heap kept per cancelled timer, at {@code n}. */
  private static Row timersKeptRow(Results results, int n) {
    Workload w = Workload.TIMERS;
    Map<Contender, Cell> cells = new EnumMap<>(Contender.class);
    for (Contender c : Contender.values()) {
      Samples s = results.find(w, c, n);
      Cell cell = missingCell(w, c, s);
      if (cell == null) {
        Double kept = s.median("keptBytesPerTimer");
        cell =
            kept == null ? Cell.missing("not measured") : new Cell(kept, Report.round(kept) + " B");
      }
      cells.put(c, cell);
    }
    double budget = Workload.TIMERS_KEPT_BYTES_BUDGET;
    return new Row(
        String.format(
            Locale.ROOT,
            "Timers: heap still in use per cancelled timer, %,d timers, after the loop's next"
                + " iteration — bytes (after a full collection, less before scheduling)",
            n),
        cells,
        "≤ " + Report.round(budget) + " B",
        false,
        v -> v <= budget,
        false);
  }

  /** Why {@code s} has no number, or null when it has one. */
  private static Cell missingCell(Workload w, Contender c, Samples s) {
    if (c.mainClass(w) == null) {
      return Cell.missing("n/a");
    }
    if (s == null) {
      return Cell.missing("not run");
    }
    String skipped = s.skipped();
    if (skipped != null) {
      return Cell.missing(skipped);
    }
    if (s.median("seconds") == null) {
      return Cell.missing("failed");
    }
    return null;
  }

  private static String render(List<Row> rows) {
    List<Contender> peers = new ArrayList<>(List.of(Contender.values()));
    peers.remove(Contender.JASYNCIO);
    StringBuilder out = new StringBuilder();
    out.append("| workload |");
    for (Contender c : Contender.values()) {
      out.append(' ').append(c.title()).append(" |");
    }
    out.append(" budget | met? |");
    for (Contender p : peers) {
      out.append(" ratio to ").append(p.title()).append(" |");
    }
    out.append('\n').append("|---".repeat(3 + Contender.values().length + peers.size()));
    out.append("|\n");
    for (Row row : rows) {
      out.append("| ").append(row.label()).append(" |");
      for (Contender c : Contender.values()) {
        out.append(' ').append(row.cells().get(c).text()).append(" |");
      }
      Double mine = row.cells().get(Contender.JASYNCIO).value();
      out.append(' ').append(row.budget()).append(" | ");
      out.append(mine == null ? "—" : row.meets().test(mine) ? "yes" : "**no**").append(" |");
      for (Contender p : peers) {
        Double theirs = row.cells().get(p).value();
        out.append(' ')
            .append(row.ratios() ? ratio(mine, theirs, row.higherIsBetter()) : "—")
            .append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * How many times jasyncio is ahead: the peer's time over jasyncio's, or jasyncio's rate over the
   * peer's. Above 1, jasyncio is ahead.
   */
  static String ratio(Double mine, Double theirs, boolean higherIsBetter) {
    if (mine == null || theirs == null || mine <= 0 || theirs <= 0) {
      return "—";
    }
    double r = higherIsBetter ? mine / theirs : theirs / mine;
    return Report.round(r) + "×";
  }

  /** Every set of samples: medians, spread and the costs that explain them. */
  public static String details(Results results) {
    StringBuilder out = new StringBuilder();
    out.append(
        "| workload | runtime | n | runs | seconds: median (min–max) | per op | peak RSS |"
            + " GC: collections, ms | alloc B/op (loop thread) | JDK |\n");
    out.append("|---".repeat(10)).append("|\n");
    for (Map.Entry<Results.Key, Samples> e : results.all().entrySet()) {
      Results.Key k = e.getKey();
      Samples s = e.getValue();
      out.append(
          String.format(
              Locale.ROOT, "| %s | %s | %,d | ", k.workload(), k.contender().id(), k.n()));
      String skipped = s.skipped();
      List<Double> seconds = s.values("seconds");
      if (skipped != null || seconds.isEmpty()) {
        String why = skipped != null ? skipped : "failed: " + String.join("; ", s.failures());
        out.append(s.lines().size() + s.failures().size()).append(" | ").append(why);
        out.append(" | | | | | ").append(orDash(s.jdk())).append(" |\n");
        continue;
      }
      double median = Samples.median(seconds);
      out.append(seconds.size());
      if (!s.failures().isEmpty()) {
        out.append(" (+").append(s.failures().size()).append(" failed)");
      }
      out.append(" | ")
          .append(Report.round(median))
          .append(" (")
          .append(Report.round(Collections.min(seconds)))
          .append("–")
          .append(Report.round(Collections.max(seconds)))
          .append(") | ");
      Double nsPerOp = s.median("nsPerOp");
      out.append(nsPerOp == null ? "" : Report.round(nsPerOp) + " ns").append(" | ");
      Double rss = s.median("peakRssBytes");
      out.append(rss == null ? "" : megabytes(rss)).append(" | ");
      out.append(Report.round(orZero(s.median("gcCount"))))
          .append(", ")
          .append(Report.round(orZero(s.median("gcMillis"))))
          .append(" | ");
      Double alloc = s.median("allocBytesPerOp");
      out.append(alloc == null ? "" : Report.round(alloc)).append(" | ");
      out.append(orDash(s.jdk())).append(" |\n");
    }
    return out.toString();
  }

  private static double orZero(Double d) {
    return d == null ? 0 : d;
  }

  private static String orDash(String s) {
    return s == null ? "—" : s;
  }

  /** Bytes as decimal megabytes, as the table gives peak RSS. */
  static String megabytes(double bytes) {
    return Report.round(bytes / 1e6) + " MB";
  }
}
