package dev.jasyncio.example;

import dev.jasyncio.EventLoop;
import dev.jasyncio.TestEventLoop;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One run of a program on virtual-clock loops: what it printed, and the loops it made, so that a
 * test can read their clocks afterwards.
 */
final class VirtualRun {
  /** 09:00:00 for ever: with it, printed times of day are 09:00:00 plus the virtual time. */
  static final Clock NINE_AM = Clock.fixed(Instant.parse("2025-10-26T09:00:00Z"), ZoneOffset.UTC);

  final List<TestEventLoop> loops = new ArrayList<>();
  final String output;

  private VirtualRun(Program program) throws Exception {
    Supplier<EventLoop> virtualLoops =
        () -> {
          TestEventLoop loop = new TestEventLoop();
          loops.add(loop);
          return loop;
        };
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      program.run(out, virtualLoops);
    }
    output = bytes.toString(StandardCharsets.UTF_8);
  }

  /** Runs {@code program} with {@link TestEventLoop}s. */
  static VirtualRun of(Program program) throws Exception {
    return new VirtualRun(program);
  }

  /** The printed lines, without their line ends. */
  List<String> lines() {
    List<String> lines = new ArrayList<>(List.of(output.split("\n", -1)));
    if (lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** The clock of the only loop the program made. */
  double time() {
    if (loops.size() != 1) {
      throw new AssertionError("the program made " + loops.size() + " loops, not one");
    }
    return loops.get(0).time();
  }
}
