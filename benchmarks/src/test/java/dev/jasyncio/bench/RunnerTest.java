package dev.jasyncio.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunnerTest {
  @Test
  void runsEachMainInItsOwnJvmAndTabulatesTheMedians() throws Exception {
    Runner.Options options =
        Runner.Options.parse(
            "--quick",
            "--runs",
            "1",
            "--only",
            "W2",
            "--warmups",
            "0",
            "--contenders",
            "jasyncio,completable-future");
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    Results results = Runner.run(options, new PrintStream(log, true, StandardCharsets.UTF_8));

    Samples mine = results.find(Workload.W2, Contender.JASYNCIO, Workload.W2.quickN());
    assertEquals(List.of(), mine.failures(), log.toString(StandardCharsets.UTF_8));
    Map<String, Object> line = mine.lines().get(0);
    assertEquals((long) Workload.W2.quickN(), line.get("n"));
    assertEquals(0L, line.get("warmups"));
    String report = Runner.report(options, results);
    assertTrue(report.contains("| W2: 1,000,000 awaits of a coroutine"), report);
    assertTrue(report.contains("| jasyncio | virtual threads | CompletableFuture |"), report);
  }

  @Test
  void aJdkHomeStandsForItsJavaLauncher() {
    String home = System.getProperty("java.home");
    Runner.Options options = Runner.Options.parse("--java", home);
    assertEquals(home + "/bin/java", options.javaFor(Contender.JASYNCIO));
    assertEquals(home + "/bin/java", options.javaFor(Contender.VIRTUAL_THREADS));
  }

  @Test
  void quietTurnsTheGateOnInEveryWorkloadJvmWithTheFastestProbeSoFar() {
    Runner.Job job = new Runner.Job(Workload.W5, Contender.JASYNCIO, 1000);
    Runner.Options quiet = Runner.Options.parse("--quiet");
    Runner.Options plain = Runner.Options.parse();

    List<String> command = Runner.command(quiet, job, 4.25);

    assertTrue(command.contains("-Djasyncio.bench.quiet=true"), command.toString());
    assertTrue(command.contains("-Djasyncio.bench.quietNs=4.25"), command.toString());
    assertTrue(
        command.indexOf("-Djasyncio.bench.quiet=true") < command.indexOf("-cp"),
        "a JVM option, before the class path: " + command);
    assertFalse(
        Runner.command(quiet, job, null).stream().anyMatch(a -> a.contains("quietNs")),
        "no hint before any JVM saw the machine");
    assertFalse(
        Runner.command(plain, job, 4.25).stream().anyMatch(a -> a.contains("quiet")),
        "off unless asked for");
  }

  @Test
  void theQuietSummaryCountsTheRoundsThatStartedAtFullSpeed() {
    Results results = new Results();
    results
        .at(Workload.W5, Contender.JASYNCIO, 1000)
        .add(Map.of("quietKept", 5L, "quietRounds", 5L));
    results
        .at(Workload.W3, Contender.JASYNCIO, 1000)
        .add(Map.of("quietKept", 5L, "quietRounds", 3L));
    results.at(Workload.W1, Contender.JASYNCIO, 1000).add(Map.of("seconds", 1.0));

    String summary = Runner.quietSummary(results);

    assertTrue(summary.contains("8 of 10 rounds kept had the machine at full speed"), summary);
  }
}
