package dev.jasyncio.example;

import dev.jasyncio.EventLoop;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the seed programs by name: {@code Launcher hello}. Without arguments it runs the demo; with
 * {@code list} it lists the programs.
 */
public final class Launcher {
  static final List<Program> PROGRAMS = List.of(new Hello(), new Add());

  /** The programs the demo runs, in order. */
  static final List<String> DEMO = List.of("hello", "add");

  private Launcher() {}

  public static void main(String[] args) throws Exception {
    Map<String, Program> byName = new LinkedHashMap<>();
    for (Program p : PROGRAMS) {
      byName.put(p.name(), p);
    }
    PrintStream out = System.out;
    if (args.length == 0) {
      for (String name : DEMO) {
        Program p = byName.get(name);
        out.println("== " + p.name() + ": " + p.summary());
        p.run(out, EventLoop::new);
      }
      out.println();
      out.println("Run one program with its name as the argument; 'list' lists them.");
      return;
    }
    if (args[0].equals("list")) {
      for (Program p : PROGRAMS) {
        out.printf("%-12s %s%n", p.name(), p.summary());
      }
      return;
    }
    for (String name : args) {
      Program p = byName.get(name);
      if (p == null) {
        System.err.println("unknown program '" + name + "'; known programs: " + byName.keySet());
        System.exit(2);
      }
      p.run(out, EventLoop::new);
    }
  }
}
