package dev.jasyncio.example;

import dev.jasyncio.EventLoop;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * One of the seed programs, runnable by name from the {@link Launcher}. A program prints to {@code
 * out} and makes its event loops with {@code loops}: the launcher passes {@code System.out} and
 * real loops; tests pass a buffer and virtual-clock loops.
 */
public interface Program {
  /** The name the launcher knows it by. */
  String name();

  /** One line saying what it shows. */
  String summary();

  void run(PrintStream out, Supplier<EventLoop> loops) throws Exception;

  /**
   * What the program takes after its name on the command line, as usage text ({@code "[port]"});
   * empty for a program that takes nothing. The launcher gives such a program the rest of the
   * command line.
   */
  default String arguments() {
    return "";
  }

  /** Runs the program with the arguments that followed its name; only for {@link #arguments()}. */
  default void run(PrintStream out, Supplier<EventLoop> loops, List<String> args) throws Exception {
    run(out, loops);
  }
}
