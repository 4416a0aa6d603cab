package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.AsyncGenerator;
import dev.jasyncio.StopAsyncIteration;
import dev.jasyncio.TestEventLoop;
import org.junit.jupiter.api.Test;

class GeneratorCounterTest {
  @Test
  void printsZeroOneTwoOnOneLineOverThreeSeconds() throws Exception {
    VirtualRun run = VirtualRun.of(new GeneratorCounter());
    assertEquals("0 1 2 \n", run.output);
    assertEquals(3.0, run.time());
    assertTrue(run.loops.get(0).isClosed());
  }

  @Test
  void theGeneratorYieldsFirstAndSleepsAfterEachYield() {
    TestEventLoop loop = new TestEventLoop();
    AsyncGenerator<Integer> counter = Async_GeneratorCounter.asyncCounter(3);
    assertEquals(0, loop.runUntilComplete(counter.anext()));
    assertEquals(0.0, loop.time());
    assertEquals(1, loop.runUntilComplete(counter.anext()));
    assertEquals(1.0, loop.time());
    assertEquals(2, loop.runUntilComplete(counter.anext()));
    assertEquals(2.0, loop.time());
    // The last sleep comes after 2 was handed out: only then does the generator find its end.
    assertThrows(StopAsyncIteration.class, () -> loop.runUntilComplete(counter.anext()));
    assertEquals(3.0, loop.time());
    assertThrows(StopAsyncIteration.class, () -> loop.runUntilComplete(counter.anext()));
    assertEquals(3.0, loop.time());
  }

  @Test
  void aCounterToZeroEndsAtOnceWithoutSleeping() {
    TestEventLoop loop = new TestEventLoop();
    AsyncGenerator<Integer> counter = Async_GeneratorCounter.asyncCounter(0);
    assertEquals(0.0, loop.time());
    assertThrows(StopAsyncIteration.class, () -> loop.runUntilComplete(counter.anext()));
    assertEquals(0.0, loop.time()); // while 0 < 0 is false at once: no sleep
  }
}
