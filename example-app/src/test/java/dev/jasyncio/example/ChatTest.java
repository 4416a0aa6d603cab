package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.EventLoop;
import dev.jasyncio.TestEventLoop;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ChatTest {
  /**
   * The demo on a virtual clock: the bots' sleeps take no time, and the loop moves the clock only
   * once the sockets have been quiet for half a second (real time), so every step's lines have
   * arrived before the next step. Lines of different bots may interleave either way; each bot's own
   * lines come in the script's order.
   */
  @Test
  void eachBotSeesTheConversationInTheScriptsOrder() throws Exception {
    List<TestEventLoop> loops = new ArrayList<>();
    Supplier<EventLoop> quietLoops =
        () -> {
          TestEventLoop loop = new TestEventLoop();
          loop.setIdleTimeout(Duration.ofMillis(500));
          loops.add(loop);
          return loop;
        };
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      new Chat().run(out, quietLoops);
    }
    List<String> lines = List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));

    assertTrue(lines.get(0).matches("chat server listening on 127\\.0\\.0\\.1:\\d+"), lines.get(0));
    assertEquals(
        List.of(
            "* welcome to the jasyncio chat; your nickname?",
            "* welcome, alice; online: alice",
            "* bob joined",
            "* carol joined",
            "<bob> hello alice!",
            "<carol> 안녕하세요",
            "* bob left",
            "* the server is shutting down",
            "(connection closed)"),
        transcript(lines, "alice"));
    assertEquals(
        List.of(
            "* welcome to the jasyncio chat; your nickname?",
            "* the nickname alice is taken; your nickname?",
            "* welcome, bob; online: alice, bob",
            "* carol joined",
            "<alice> hi everyone",
            "<carol> 안녕하세요",
            "* bye, bob",
            "(connection closed)"),
        transcript(lines, "bob"));
    assertEquals(
        List.of(
            "* welcome to the jasyncio chat; your nickname?",
            "* welcome, carol; online: alice, bob, carol",
            "<alice> hi everyone",
            "<bob> hello alice!",
            "* online: alice, bob, carol",
            "* bob left",
            "<alice> bye bob",
            "* the server is shutting down",
            "(connection closed)"),
        transcript(lines, "carol"));
    assertEquals(
        "chat server stopped",
        lines.stream().filter(l -> !l.startsWith("[")).reduce((a, b) -> b).orElseThrow());
    assertEquals(1, loops.size());
    assertEquals(10 * 0.4, loops.get(0).time(), 1e-9);
    assertTrue(loops.get(0).isClosed());
  }

  /** The lines {@code bot} printed, without its prefix. */
  static List<String> transcript(List<String> lines, String bot) {
    String prefix = "[" + bot + "] ";
    List<String> mine = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith(prefix)) {
        mine.add(line.substring(prefix.length()));
      }
    }
    return mine;
  }
}
