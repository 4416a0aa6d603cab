package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.TestEventLoop;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LauncherTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int launch(String... args) throws Exception {
    return Launcher.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        TestEventLoop::new);
  }

  private List<String> lines(ByteArrayOutputStream bytes) {
    return List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));
  }

  @Test
  void knowsEveryProgramByAUniqueName() {
    List<String> names = new ArrayList<>();
    for (Program p : Launcher.PROGRAMS) {
      names.add(p.name());
    }
    assertEquals(31, names.size());
    assertEquals(names.size(), names.stream().distinct().count(), names.toString());
    assertTrue(names.containsAll(Launcher.DEMO));
  }

  @Test
  void listNamesEveryProgramWithItsSummary() throws Exception {
    assertEquals(0, launch("list"));
    List<String> lines = lines(out);
    assertEquals(Launcher.PROGRAMS.size(), lines.size());
    for (int i = 0; i < lines.size(); i++) {
      Program p = Launcher.PROGRAMS.get(i);
      assertTrue(lines.get(i).startsWith(p.name() + " "), lines.get(i));
      assertTrue(lines.get(i).endsWith(p.summary()), lines.get(i));
    }
  }

  @Test
  void theDemoRunsTheCoffeeShopAndPrintsItsSpeedUp() throws Exception {
    assertEquals(0, launch());
    List<String> lines = lines(out);
    assertTrue(lines.get(0).startsWith("== coffee: "), lines.get(0));
    assertTrue(lines.contains("5.0x faster!"), lines.toString());
    assertEquals(
        "Run one program with its name as the argument; 'list' lists them.",
        lines.get(lines.size() - 1));
  }

  @Test
  void runsProgramsByNameInTheOrderGiven() throws Exception {
    assertEquals(0, launch("hello", "print-add"));
    assertEquals(List.of("hello, world!", "add: 1 + 2", "print_add: 1 + 2 = 3"), lines(out));
  }

  @Test
  void listShowsTheArgumentsAProgramTakes() throws Exception {
    assertEquals(0, launch("list"));
    assertTrue(
        lines(out).stream().anyMatch(l -> l.startsWith("chat-server [port] ")), out.toString());
  }

  @Test
  void aProgramThatTakesArgumentsGetsTheRestOfTheCommandLine() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> launch("chat-client", "localhost"));
    assertEquals("usage: chat-client host port", e.getMessage());
  }

  @Test
  void anUnknownNameRunsNothingAndFails() throws Exception {
    assertEquals(2, launch("hello", "nope"));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("unknown program 'nope'"));
  }
}
