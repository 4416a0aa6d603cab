package dev.jasyncio.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every workload main, jasyncio's and the peers', in this JVM at a tiny size and checks the
 * JSON line it prints. A smoke test: it proves the mains compile, run and report, and never looks
 * at how long they took.
 */
class WorkloadsSmokeTest {
  static Stream<Arguments> mains() {
    List<Arguments> mains = new ArrayList<>();
    for (Workload w : Workload.values()) {
      for (Contender c : Contender.values()) {
        if (c.mainClass(w) != null) {
          mains.add(Arguments.of(w, c));
        }
      }
    }
    return mains.stream();
  }

  /** Tiny sizes; W5's is not a multiple of the chunk, so a short last chunk runs too. */
  private static String[] tinyArgs(Workload w) {
    switch (w) {
      case W1:
        return new String[] {"1000", "0.01"};
      case W5:
        return new String[] {"2500", "1"};
      case TIMERS:
        // Enough timers that the queue purges its cancelled ones several times.
        return new String[] {"20000", "1"};
      default:
        return new String[] {"1000", "1"};
    }
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("mains")
  void mainPrintsOneWellFormedJsonLine(Workload workload, Contender contender) throws Exception {
    String[] args = tinyArgs(workload);
    long n = Long.parseLong(args[0]);
    String out = runMain(contender.mainClass(workload), args);

    String[] lines = out.strip().split("\\R");
    assertEquals(1, lines.length, "one line expected, got:\n" + out);
    Map<String, Object> line = Json.parseObject(lines[0]);
    assertEquals(workload.name(), line.get("workload"));
    assertEquals(contender.id(), line.get("runtime"));
    assertEquals(n, line.get("n"));
    assertInstanceOf(String.class, line.get("jdk"));

    if (line.containsKey("skipped")) {
      assertEquals(Contender.VIRTUAL_THREADS, contender, "only virtual threads may be skipped");
      assertFalse(VirtualThreads.available(), "skipped on a JVM that has virtual threads");
      assertEquals(VirtualThreads.UNAVAILABLE, line.get("skipped"));
      return;
    }
    assertTrue(number(line, "seconds") >= 0, "seconds: " + line);
    Object rss = line.get("peakRssBytes");
    assertTrue(rss == null || ((Number) rss).longValue() > 0, "peakRssBytes: " + line);
    assertTrue(line.containsKey("peakRssBytes"));
    assertEquals(expectedCheck(workload, n), line.get("check"), "the work was not all done");
    assertTrue(number(line, "gcCount") >= 0);
    assertTrue(number(line, "gcMillis") >= 0);
    if (workload == Workload.W1) {
      assertEquals(0.01, number(line, "sleepSeconds"));
    } else {
      // One warm-up round asked for; more run while peak RSS still grows.
      double warmups = number(line, "warmups");
      assertTrue(warmups >= 1 && warmups <= 1 + Harness.MAX_EXTRA_WARMUPS, "warmups: " + line);
      assertEquals((long) Harness.MEASURED_ROUNDS, line.get("rounds"));
      double seconds = number(line, "seconds");
      assertTrue(
          number(line, "minSeconds") <= seconds && seconds <= number(line, "maxSeconds"),
          "the median round lies between the fastest and the slowest: " + line);
      assertTrue(number(line, "nsPerOp") >= 0);
      assertTrue(number(line, "mOpsPerSecond") >= 0);
    }
    assertEquals(workload == Workload.W2, line.containsKey("megamorphicNsPerOp"), line.toString());
    assertEquals(
        workload == Workload.W2 && contender == Contender.JASYNCIO,
        line.containsKey("megamorphicFloorNsPerOp"),
        "the plain-Java floor is measured beside jasyncio's megamorphic loop alone: " + line);
    assertEquals(
        workload == Workload.TIMERS, line.containsKey("keptBytesPerTimer"), line.toString());
    if (workload == Workload.TIMERS && contender == Contender.JASYNCIO) {
      // 20,000 timers kept would be more than a megabyte; the collector's own noise is far less.
      assertTrue(
          number(line, "keptBytesPerTimer") < Workload.TIMERS_KEPT_BYTES_BUDGET * 8,
          "the cancelled timers are still held: " + line);
    }
    assertEquals(
        contender == Contender.JASYNCIO,
        line.containsKey("allocBytesPerOp"),
        "allocBytesPerOp is reported for jasyncio alone: " + line);
  }

  /** What {@link Round#check()} must be once all the work is done. */
  private static long expectedCheck(Workload workload, long n) {
    // W2 sums i & 1 over i < n; every other workload counts its n operations
    return workload == Workload.W2 ? n / 2 : n;
  }

  private static double number(Map<String, Object> line, String field) {
    Object v = line.get(field);
    assertInstanceOf(Number.class, v, field + " in " + line);
    return ((Number) v).doubleValue();
  }

  /** Calls {@code mainClass.main(args)} and returns what it printed on standard output. */
  private static String runMain(String mainClass, String[] args) throws Exception {
    Method main = Class.forName(mainClass).getMethod("main", String[].class);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      main.invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw (Exception) e.getCause();
    } finally {
      System.setOut(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
