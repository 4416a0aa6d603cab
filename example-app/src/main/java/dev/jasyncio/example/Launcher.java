package dev.jasyncio.example;

import dev.jasyncio.EventLoop;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the seed programs by name: {@code Launcher coffee}. Without arguments it runs the demo, the
 * coffee shop with its speed-up; with {@code list} it lists the programs. A program that takes
 * arguments ({@code chat-server 9000}) gets the rest of the command line, so it comes last.
 */
public final class Launcher {
  /** The programs, in the order of the seeds' numbering. */
  static final List<Program> PROGRAMS =
      List.of(
          new Hello(), // 1
          new Add(), // 2
          new FetchPages(), // 3
          new PartialArgs(), // 4
          new AsyncWithAdd(), // 5
          new AsyncForCounter(), // 6
          new GeneratorCounter(), // 7
          new Comprehensions(), // 8
          new Crawler(), // 9
          new CallbacksAndCoroutines(), // 10
          new RoundRobin(), // 11
          new AsyncWithExpansion(), // 12
          new GetDocs(), // 13
          new CoffeeShop(), // 14
          new GatherTwo(), // 15
          new TaskBasics(), // 16
          new FetchUsers(), // 17
          new VideoProcessing(), // 18
          new ProducerConsumer(), // 19
          new StockPrices(), // 20
          new RetryBackoff(), // 21
          new Timeouts(), // 22
          new BatchInference(), // 23
          new PrintAdd(), // 24
          new TwoCoroutines(), // 25
          new BlockingInExecutor(), // 26
          new ThreadPoolSleeps(), // 27
          new ManySleeps(), // 28
          new Chat(), // 29
          new ChatServer.Command(), // 29
          new ChatClient.Command()); // 29

  /** The programs the demo runs, in order. */
  static final List<String> DEMO = List.of("coffee");

  private Launcher() {}

  public static void main(String[] args) throws Exception {
    int status = run(args, System.out, System.err, EventLoop::new);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** The program's name and what it takes after it: {@code chat-server [port]}. */
  private static String usage(Program p) {
    return p.arguments().isEmpty() ? p.name() : p.name() + " " + p.arguments();
  }

  /**
   * Does what {@code main} does, printing to {@code out} and {@code err} and running the programs
   * on loops from {@code loops}; returns the exit status.
   */
  static int run(String[] args, PrintStream out, PrintStream err, Supplier<EventLoop> loops)
      throws Exception {
    Map<String, Program> byName = new LinkedHashMap<>();
    for (Program p : PROGRAMS) {
      byName.put(p.name(), p);
    }
    if (args.length == 0) {
      for (String name : DEMO) {
        Program p = byName.get(name);
        out.println("== " + p.name() + ": " + p.summary());
        p.run(out, loops);
      }
      out.println();
      out.println("Run one program with its name as the argument; 'list' lists them.");
      return 0;
    }
    if (args.length == 1 && args[0].equals("list")) {
      int width = PROGRAMS.stream().mapToInt(p -> usage(p).length()).max().orElse(0);
      for (Program p : PROGRAMS) {
        out.printf("%-" + width + "s  %s%n", usage(p), p.summary());
      }
      return 0;
    }
    List<Program> programs = new ArrayList<>();
    List<String> rest = List.of();
    for (int i = 0; i < args.length; i++) {
      Program p = byName.get(args[i]);
      if (p == null) {
        err.println("unknown program '" + args[i] + "'; known programs: " + byName.keySet());
        return 2;
      }
      programs.add(p);
      if (!p.arguments().isEmpty()) {
        rest = List.of(args).subList(i + 1, args.length);
        break;
      }
    }
    for (Program p : programs) {
      if (p.arguments().isEmpty()) {
        p.run(out, loops);
      } else {
        p.run(out, loops, rest);
      }
    }
    return 0;
  }
}
