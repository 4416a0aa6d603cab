package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HelloTest {
  @Test
  void printsHelloWorldAndClosesItsLoop() throws Exception {
    VirtualRun run = VirtualRun.of(new Hello());
    assertEquals("hello, world!\n", run.output);
    assertEquals(0.0, run.time());
    assertTrue(run.loops.get(0).isClosed());
  }
}
