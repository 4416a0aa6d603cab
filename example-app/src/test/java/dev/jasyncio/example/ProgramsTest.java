package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jasyncio.EventLoop;
import dev.jasyncio.TestEventLoop;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The seed programs produce the seeds' output, on the virtual clock. */
class ProgramsTest {
  /** The loops a program made, so that tests can read their clocks afterwards. */
  private final List<TestEventLoop> loops = new ArrayList<>();

  private final Supplier<EventLoop> virtualLoops =
      () -> {
        TestEventLoop loop = new TestEventLoop();
        loops.add(loop);
        return loop;
      };

  private String run(Program program) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      program.run(out, virtualLoops);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helloPrintsHelloWorldAndClosesItsLoop() throws Exception {
    assertEquals("hello, world!\n", run(new Hello()));
    assertEquals(1, loops.size());
    assertEquals(true, loops.get(0).isClosed());
  }

  @Test
  void printAddPrintsTheSumAfterAddSleptOneSecond() throws Exception {
    assertEquals("1 + 2\n1 + 2 = 3\n", run(new Add()));
    assertEquals(1.0, loops.get(0).time());
  }

  @Test
  void launcherKnowsEveryProgramByAUniqueName() {
    List<String> names = new ArrayList<>();
    for (Program p : Launcher.PROGRAMS) {
      names.add(p.name());
    }
    assertEquals(names.stream().distinct().count(), names.size(), names.toString());
    assertEquals(true, names.containsAll(Launcher.DEMO));
  }
}
