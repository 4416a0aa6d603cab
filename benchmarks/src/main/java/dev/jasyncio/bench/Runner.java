package dev.jasyncio.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs every workload main in a fresh JVM, for jasyncio and both peers, and prints the markdown
 * table of the medians against the budgets.
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * benchmarks/run.sh                      # medians of 3 runs at the issue's sizes
 * benchmarks/run.sh --quick --runs 1     # a tenth of the sizes, one run: about a minute
 * benchmarks/run.sh --java /usr/lib/jvm/temurin-25-jdk-amd64
 * </pre>
 *
 * <p>({@code run.sh} is {@code java -cp benchmarks/target/benchmarks.jar dev.jasyncio.bench.Runner
 * "$@"}.) It builds nothing: it runs the classes on its own class path. Each run of a main is a new
 * JVM with the default heap and flags (plus {@code --jvm-arg}s), so that peak RSS is the workload's
 * own and no run inherits another's JIT state or garbage. The runs are interleaved: run 1 of every
 * workload and contender, then run 2, and so on. W1 and TIMERS run at two sizes, 10,000 and {@code
 * n}: W1's bytes per sleeping task are the difference of the median peak RSS over the difference of
 * the sizes, and TIMERS' cost per timer at {@code n} is compared with its cost at 10,000.
 *
 * <p>Progress and every JSON line go to standard error; the tables go to standard output.
 */
public final class Runner {
  private Runner() {}

  /** The command line. */
  record Options(
      int runs,
      boolean quick,
      String java,
      String vtJava,
      Set<Workload> workloads,
      Set<Contender> contenders,
      List<String> jvmArgs,
      Integer warmups,
      Path json,
      String classpath,
      long timeoutSeconds,
      boolean quiet) {

    static Options parse(String... args) {
      int runs = 3;
      boolean quick = false;
      String java = null;
      String vtJava = null;
      Set<Workload> workloads = EnumSet.allOf(Workload.class);
      Set<Contender> contenders = EnumSet.allOf(Contender.class);
      List<String> jvmArgs = new ArrayList<>();
      Integer warmups = null;
      Path json = null;
      String classpath = System.getProperty("java.class.path");
      long timeout = 600;
      boolean quiet = false;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--runs" -> runs = Integer.parseInt(value(args, ++i, a));
          case "--quick" -> quick = true;
          case "--java" -> java = launcher(value(args, ++i, a));
          case "--vt-java" -> vtJava = launcher(value(args, ++i, a));
          case "--only" -> {
            workloads = EnumSet.noneOf(Workload.class);
            for (String id : value(args, ++i, a).split(",")) {
              workloads.add(Workload.byId(id));
            }
          }
          case "--contenders" -> {
            contenders = EnumSet.noneOf(Contender.class);
            for (String id : value(args, ++i, a).split(",")) {
              contenders.add(contender(id.trim()));
            }
          }
          case "--jvm-arg" -> jvmArgs.add(value(args, ++i, a));
          case "--warmups" -> warmups = Integer.parseInt(value(args, ++i, a));
          case "--json" -> json = Path.of(value(args, ++i, a));
          case "--classpath" -> classpath = value(args, ++i, a);
          case "--timeout" -> timeout = Long.parseLong(value(args, ++i, a));
          case "--quiet" -> quiet = true;
          case "-h", "--help" -> throw new UsageException(null);
          default -> throw new UsageException("unknown option: " + a);
        }
      }
      if (runs < 1) {
        throw new UsageException("--runs must be at least 1");
      }
      if (java == null) {
        java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      }
      if (vtJava == null) {
        vtJava = java;
      }
      return new Options(
          runs,
          quick,
          java,
          vtJava,
          workloads,
          contenders,
          List.copyOf(jvmArgs),
          warmups,
          json,
          classpath,
          timeout,
          quiet);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new UsageException(option + " needs a value");
      }
      return args[i];
    }

    /** A JDK home or a java launcher: the launcher. */
    private static String launcher(String path) {
      Path p = Path.of(path);
      return Files.isDirectory(p) ? p.resolve("bin").resolve("java").toString() : path;
    }

    private static Contender contender(String id) {
      for (Contender c : Contender.values()) {
        if (c.id().equals(id)) {
          return c;
        }
      }
      throw new UsageException("unknown contender '" + id + "'");
    }

    /** The size each workload runs at. */
    Map<Workload, Integer> sizes() {
      Map<Workload, Integer> sizes = new EnumMap<>(Workload.class);
      for (Workload w : Workload.values()) {
        sizes.put(w, quick ? w.quickN() : w.defaultN());
      }
      return sizes;
    }

    String javaFor(Contender c) {
      return c == Contender.VIRTUAL_THREADS ? vtJava : java;
    }
  }

  /** A bad command line; null message: just the usage. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static final String USAGE =
      String.join(
          "\n",
          "usage: java -cp benchmarks.jar dev.jasyncio.bench.Runner [options]",
          "  --runs N            runs of each measurement; the table shows medians (3)",
          "  --quick             a tenth of the issue's sizes (W1: 100,000 tasks)",
          "  --java PATH         JDK home or java launcher for the workloads (this JVM's)",
          "  --vt-java PATH      the same for the virtual-thread peer only (--java)",
          "  --only W1,W3        these workloads only (W1-W5, TIMERS)",
          "  --contenders LIST   of jasyncio,virtual-threads,completable-future (all)",
          "  --warmups K         warm-up rounds of all but W1 (the mains' default, 5)",
          "  --jvm-arg ARG       an option for every workload JVM, repeatable",
          "  --json FILE         also write every result line to FILE",
          "  --classpath CP      the class path of the workload JVMs (this JVM's)",
          "  --timeout SECONDS   per workload JVM (600)",
          "  --quiet             start each measured round when the machine runs at full speed");

  public static void main(String[] args) throws IOException, InterruptedException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (UsageException | IllegalArgumentException e) {
      if (e.getMessage() != null) {
        System.err.println(e.getMessage());
      }
      System.err.println(USAGE);
      System.exit(e.getMessage() == null ? 0 : 2);
      return;
    }
    Results results = run(options, System.err);
    System.out.print(report(options, results));
    if (options.json() != null) {
      List<String> lines = new ArrayList<>();
      for (Samples s : results.all().values()) {
        for (Map<String, Object> line : s.lines()) {
          lines.add(Json.write(line));
        }
      }
      Files.write(options.json(), lines, StandardCharsets.UTF_8);
    }
  }

  /** One planned start of a workload main. */
  record Job(Workload workload, Contender contender, int n) {}

  /**
   * Runs every job {@code options.runs()} times, interleaved, reporting progress to {@code log}.
   */
  static Results run(Options options, PrintStream log) throws IOException, InterruptedException {
    Map<Workload, Integer> sizes = options.sizes();
    List<Job> jobs = new ArrayList<>();
    for (Workload w : options.workloads()) {
      for (Contender c : options.contenders()) {
        if (c.mainClass(w) == null) {
          continue;
        }
        if (w.baseN() != 0 && sizes.get(w) != w.baseN()) {
          jobs.add(new Job(w, c, w.baseN()));
        }
        jobs.add(new Job(w, c, sizes.get(w)));
      }
    }
    Results results = new Results();
    Map<String, Double> fastest = options.quiet() ? calibrate(options, log) : new LinkedHashMap<>();
    int total = jobs.size() * options.runs();
    int done = 0;
    for (int run = 1; run <= options.runs(); run++) {
      for (Job job : jobs) {
        done++;
        Samples samples = results.at(job.workload(), job.contender(), job.n());
        log.printf(
            Locale.ROOT,
            "[%d/%d] %s %s n=%,d: ",
            done,
            total,
            job.workload(),
            job.contender().id(),
            job.n());
        log.flush();
        try {
          String java = options.javaFor(job.contender());
          Map<String, Object> line = runOnce(options, job, fastest.get(java));
          if (line.get("quietFastestNs") instanceof Number ns) {
            fastest.merge(java, ns.doubleValue(), Math::min);
          }
          samples.add(line);
          log.println(Json.write(line));
        } catch (RunFailed e) {
          samples.fail(e.getMessage());
          log.println("FAILED: " + e.getMessage());
        }
      }
    }
    return results;
  }

  /** A workload JVM that did not print its line. */
  static final class RunFailed extends Exception {
    private static final long serialVersionUID = 1L;

    RunFailed(String message) {
      super(message);
    }
  }

  /** How long the calibration before a {@code --quiet} run probes each {@code java}. */
  static final int CALIBRATION_SECONDS = 20;

  /**
   * For {@code --quiet}: runs {@link Quiet}'s calibration once with each {@code java} the jobs use,
   * and returns the fastest probe each saw, which the first workload JVMs then wait for.
   */
  private static Map<String, Double> calibrate(Options options, PrintStream log)
      throws IOException, InterruptedException {
    Map<String, Double> fastest = new LinkedHashMap<>();
    for (Contender c : options.contenders()) {
      String java = options.javaFor(c);
      if (fastest.containsKey(java)) {
        continue;
      }
      log.printf(
          Locale.ROOT,
          "calibrating the --quiet probe with %s for %d s: ",
          java,
          CALIBRATION_SECONDS);
      log.flush();
      List<String> command =
          List.of(
              java,
              "-cp",
              options.classpath(),
              Quiet.class.getName(),
              Integer.toString(CALIBRATION_SECONDS));
      Jvm jvm = Jvm.run(command, ProcessBuilder.Redirect.DISCARD, CALIBRATION_SECONDS + 60);
      String line = jvm.exitedCleanly() ? jvm.lastJsonLine() : null;
      Object ns = line == null ? null : Json.parseObject(line).get("quietFastestNs");
      if (ns instanceof Number n) {
        fastest.put(java, n.doubleValue());
        log.printf(Locale.ROOT, "%.3f ns per call%n", n.doubleValue());
      } else {
        fastest.put(java, null);
        log.println("failed; the workload JVMs will learn it themselves");
      }
    }
    fastest.values().removeIf(v -> v == null);
    return fastest;
  }

  /**
   * The command line of one workload JVM; with {@code --quiet}, it turns {@link Quiet} on, passing
   * {@code fastestNs} (null: unknown yet).
   */
  static List<String> command(Options options, Job job, Double fastestNs) {
    List<String> command = new ArrayList<>();
    command.add(options.javaFor(job.contender()));
    command.addAll(options.jvmArgs());
    if (options.quiet()) {
      command.add("-D" + Quiet.ENABLED_PROPERTY + "=true");
      if (fastestNs != null) {
        command.add("-D" + Quiet.FASTEST_PROPERTY + "=" + fastestNs);
      }
    }
    command.add("-cp");
    command.add(options.classpath());
    command.add(job.contender().mainClass(job.workload()));
    command.add(Integer.toString(job.n()));
    if (job.workload() == Workload.W1) {
      command.add(Double.toString(Workload.W1_SLEEP_SECONDS));
    } else if (options.warmups() != null) {
      command.add(Integer.toString(options.warmups()));
    }
    return command;
  }

  private static Map<String, Object> runOnce(Options options, Job job, Double fastestNs)
      throws IOException, InterruptedException, RunFailed {
    List<String> command = command(options, job, fastestNs);
    Jvm jvm = Jvm.run(command, ProcessBuilder.Redirect.INHERIT, options.timeoutSeconds());
    if (!jvm.finished()) {
      throw new RunFailed("no result within " + options.timeoutSeconds() + " s");
    }
    String line = jvm.lastJsonLine();
    if (jvm.exit() != 0 || line == null) {
      throw new RunFailed(
          "exit " + jvm.exit() + (line == null ? ", no JSON line" : "") + ": " + command);
    }
    Map<String, Object> parsed;
    try {
      parsed = Json.parseObject(line);
    } catch (IllegalArgumentException e) {
      throw new RunFailed("bad JSON line: " + e.getMessage());
    }
    if (!job.workload().name().equals(parsed.get("workload"))
        || !job.contender().id().equals(parsed.get("runtime"))) {
      throw new RunFailed("the line is about another workload: " + line);
    }
    return parsed;
  }

  /**
   * One child JVM that has run: whether it finished in time, its exit status, and the last line of
   * its standard output that starts with "{" (null if none).
   */
  private record Jvm(boolean finished, int exit, String lastJsonLine) {
    boolean exitedCleanly() {
      return finished && exit == 0;
    }

    /**
     * Runs {@code command} with its standard output in a temporary file and its standard error sent
     * to {@code stderr}; kills it after {@code timeoutSeconds}.
     */
    static Jvm run(List<String> command, ProcessBuilder.Redirect stderr, long timeoutSeconds)
        throws IOException, InterruptedException {
      Path out = Files.createTempFile("jasyncio-bench", ".out");
      try {
        Process p =
            new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(stderr).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor();
          return new Jvm(false, -1, null);
        }
        return new Jvm(
            true, p.exitValue(), lastJsonLine(Files.readAllLines(out, StandardCharsets.UTF_8)));
      } finally {
        Files.deleteIfExists(out);
      }
    }

    private static String lastJsonLine(List<String> lines) {
      for (int i = lines.size() - 1; i >= 0; i--) {
        String l = lines.get(i).trim();
        if (l.startsWith("{")) {
          return l;
        }
      }
      return null;
    }
  }

  /** The heading, the summary table, the ratio legend and the details. */
  static String report(Options options, Results results) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "jasyncio benchmarks, %s: medians of %d run%s%s; %d cores, %s.%n",
            LocalDate.now(),
            options.runs(),
            options.runs() == 1 ? "" : "s",
            options.quick() ? ", quick sizes" : "",
            Runtime.getRuntime().availableProcessors(),
            memory()));
    Map<String, String> jdks = new LinkedHashMap<>();
    for (Map.Entry<Results.Key, Samples> e : results.all().entrySet()) {
      String jdk = e.getValue().jdk();
      if (jdk != null) {
        jdks.merge(e.getKey().contender().title(), jdk, (a, b) -> a.equals(b) ? a : a + ", " + b);
      }
    }
    List<String> parts = new ArrayList<>();
    jdks.forEach((who, jdk) -> parts.add(who + " on JDK " + jdk));
    out.append("JVMs: ").append(String.join("; ", parts)).append(".\n");
    if (options.quiet()) {
      out.append(quietSummary(results));
    }
    out.append('\n');
    List<Workload> workloads = new ArrayList<>(options.workloads());
    out.append(Table.summary(results, workloads, options.sizes()));
    out.append(
        "\nRatio: how many times jasyncio is ahead of the peer (the peer's time over jasyncio's,"
            + " or jasyncio's rate over the peer's); below 1 the peer is ahead.\n\n");
    out.append(Table.details(results));
    return out.toString();
  }

  /** With {@code --quiet}: how many measured rounds had the machine at full speed. */
  static String quietSummary(Results results) {
    long rounds = 0;
    long quiet = 0;
    for (Samples s : results.all().values()) {
      for (Map<String, Object> line : s.lines()) {
        if (line.get("quietKept") instanceof Number k
            && line.get("quietRounds") instanceof Number q) {
          rounds += k.longValue();
          quiet += q.longValue();
        }
      }
    }
    return String.format(
        Locale.ROOT,
        "--quiet: each measured round of all but W1 started once a probe showed the machine at its"
            + " full speed, and ran again if the probe after it ran slow; %d of %d rounds kept had"
            + " the machine at full speed before and after, the others ran once their JVM had"
            + " waited %d s in all.%n",
        quiet,
        rounds,
        Quiet.MAX_WAIT_SECONDS);
  }

  /** The machine's memory, from /proc/meminfo, or "memory unknown". */
  private static String memory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.substring(9).trim().split("\\s+")[0]);
          return String.format(Locale.ROOT, "%.1f GiB of memory", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "memory unknown";
  }
}
