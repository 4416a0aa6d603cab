package dev.jasyncio.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableTest {
  private static Map<String, Object> line(double seconds, long rss) {
    return Map.of("seconds", seconds, "peakRssBytes", rss, "jdk", "17");
  }

  private static Map<Workload, Integer> sizes() {
    Map<Workload, Integer> sizes = new EnumMap<>(Workload.class);
    for (Workload w : Workload.values()) {
      sizes.put(w, w.defaultN());
    }
    return sizes;
  }

  @Test
  void w1RowsShowTimeAndBytesPerTaskFromTheMedianRssOfTwoSizes() {
    Results r = new Results();
    int base = Workload.W1_BASE_TASKS;
    for (long rss : new long[] {100_000_000, 90_000_000, 110_000_000}) {
      r.at(Workload.W1, Contender.JASYNCIO, base).add(line(1.0, rss));
    }
    for (double s : new double[] {1.4, 1.3, 9.0}) {
      r.at(Workload.W1, Contender.JASYNCIO, 1_000_000).add(line(s, 298_000_000));
    }
    r.at(Workload.W1, Contender.VIRTUAL_THREADS, base)
        .add(Map.of("skipped", VirtualThreads.UNAVAILABLE, "jdk", "17"));
    r.at(Workload.W1, Contender.VIRTUAL_THREADS, 1_000_000)
        .add(Map.of("skipped", VirtualThreads.UNAVAILABLE, "jdk", "17"));
    r.at(Workload.W1, Contender.COMPLETABLE_FUTURE, base).add(line(1.0, 100_000_000));
    r.at(Workload.W1, Contender.COMPLETABLE_FUTURE, 1_000_000).add(line(2.8, 595_000_000));

    String table = Table.summary(r, List.of(Workload.W1), sizes());

    String[] rows = table.split("\n");
    assertEquals(4, rows.length, table);
    // median time 1.4 s: met; CompletableFuture took 2.8 s, twice as long
    assertTrue(
        rows[2].endsWith(
            "| 1.4 s / 298 MB | n/a (JDK < 21) | 2.8 s / 595 MB | ≤ 1.5 s | yes | — | 2× |"),
        rows[2]);
    // (298 MB - 100 MB) / 990,000 = 200 B per task; the peer's (595 - 100) / 990,000 = 500 B
    assertTrue(
        rows[3].endsWith("| 200 B | n/a (JDK < 21) | 500 B | ≤ 250 B | yes | — | 2.5× |"), rows[3]);
  }

  @Test
  void ratesCompareTheOtherWayAndAMissedBudgetIsMarked() {
    Results r = new Results();
    int n = Workload.W4.defaultN();
    r.at(Workload.W4, Contender.JASYNCIO, n).add(line(0.5, 1)); // 10 M/s
    r.at(Workload.W4, Contender.VIRTUAL_THREADS, n).add(line(1.0, 1)); // 5 M/s
    r.at(Workload.W4, Contender.COMPLETABLE_FUTURE, n).fail("exit 1");

    String table = Table.summary(r, List.of(Workload.W4), sizes());

    String row = table.split("\n")[2];
    assertTrue(row.endsWith("| 10 M/s | 5 M/s | failed | ≥ 20 M/s | **no** | 2× | — |"), row);
  }

  @Test
  void w2HasAMegamorphicRowWithItsFloorAndVirtualThreadsHaveNoW2() {
    Results r = new Results();
    int n = Workload.W2.defaultN();
    r.at(Workload.W2, Contender.JASYNCIO, n)
        .add(Map.of("seconds", 0.02, "megamorphicNsPerOp", 6.0, "megamorphicFloorNsPerOp", 4.0));
    r.at(Workload.W2, Contender.COMPLETABLE_FUTURE, n)
        .add(Map.of("seconds", 0.1, "megamorphicNsPerOp", 12.0)); // 10 ns

    String[] rows = Table.summary(r, List.of(Workload.W2), sizes()).split("\n");

    assertTrue(rows[2].endsWith("| 2 ns | n/a | 10 ns | ≤ 5 ns | yes | — | 5× |"), rows[2]);
    assertTrue(
        rows[3].endsWith(
            "| 6 ns (plain-Java floor 4 ns) | n/a | 12 ns | ≤ 5 ns | **no** | — | 2× |"),
        rows[3]);
  }

  @Test
  void timersRowsCompareTheCostPerTimerWithTheSmallRunAndShowTheHeapKept() {
    Results r = new Results();
    int n = Workload.TIMERS.defaultN();
    int base = Workload.TIMERS_BASE;
    // jasyncio: 0.2 s for 1,000,000 timers (200 ns each), 1 ms for 10,000 (100 ns): 2x, met
    r.at(Workload.TIMERS, Contender.JASYNCIO, base).add(Map.of("seconds", 0.001));
    r.at(Workload.TIMERS, Contender.JASYNCIO, n)
        .add(Map.of("seconds", 0.2, "keptBytesPerTimer", 0.25));
    // the peer: 800 ns at 1,000,000 against 100 ns at 10,000
    r.at(Workload.TIMERS, Contender.COMPLETABLE_FUTURE, base).add(Map.of("seconds", 0.001));
    r.at(Workload.TIMERS, Contender.COMPLETABLE_FUTURE, n)
        .add(Map.of("seconds", 0.8, "keptBytesPerTimer", 4.0));

    String[] rows = Table.summary(r, List.of(Workload.TIMERS), sizes()).split("\n");

    assertEquals(4, rows.length, String.join("\n", rows));
    assertTrue(
        rows[2].endsWith(
            "| 200 ns (at 10,000: 100 ns) | n/a | 800 ns (at 10,000: 100 ns)"
                + " | O(log n): ≤ 3× the time at 10,000 | yes | — | 4× |"),
        rows[2]);
    // bytes kept are not divided into ratios
    assertTrue(rows[3].endsWith("| 0.25 B | n/a | 4 B | ≤ 1 B | yes | — | — |"), rows[3]);
  }

  @Test
  void timersGrowthBeyondTheBudgetIsMarkedAndNeedsTheSmallRun() {
    Results r = new Results();
    int n = Workload.TIMERS.defaultN();
    r.at(Workload.TIMERS, Contender.JASYNCIO, Workload.TIMERS_BASE).add(Map.of("seconds", 0.001));
    r.at(Workload.TIMERS, Contender.JASYNCIO, n)
        .add(Map.of("seconds", 0.4, "keptBytesPerTimer", 56.0)); // 4x; every timer kept

    String[] rows = Table.summary(r, List.of(Workload.TIMERS), sizes()).split("\n");

    assertTrue(rows[2].contains("| 400 ns (at 10,000: 100 ns) |"), rows[2]);
    assertTrue(rows[2].contains("| **no** |"), rows[2]);
    assertTrue(rows[3].contains("| 56 B | n/a | not run | ≤ 1 B | **no** |"), rows[3]);

    Results withoutBase = new Results();
    withoutBase.at(Workload.TIMERS, Contender.JASYNCIO, n).add(Map.of("seconds", 0.1));
    String row = Table.summary(withoutBase, List.of(Workload.TIMERS), sizes()).split("\n")[2];
    assertTrue(row.contains("| 100 ns | n/a | not run |"), row);
    assertTrue(row.contains("| **no** |"), "no small run, nothing to compare with: " + row);
  }
}
