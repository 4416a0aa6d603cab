package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.StopAsyncIteration;
import dev.jasyncio.TestEventLoop;
import org.junit.jupiter.api.Test;

class AsyncForCounterTest {
  @Test
  void printsZeroOneTwoOnOneLineOverThreeSeconds() throws Exception {
    VirtualRun run = VirtualRun.of(new AsyncForCounter());
    assertEquals("0 1 2 \n", run.output);
    assertEquals(3.0, run.time());
    assertTrue(run.loops.get(0).isClosed());
  }

  @Test
  void eachNumberComesAfterASecondAndTheEndIsStopAsyncIterationAtOnce() {
    TestEventLoop loop = new TestEventLoop();
    AsyncForCounter.AsyncCounter counter = new Async_AsyncForCounter_AsyncCounter(2);
    assertEquals(0, loop.runUntilComplete(counter.anext()));
    assertEquals(1.0, loop.time());
    assertEquals(1, loop.runUntilComplete(counter.anext()));
    assertEquals(2.0, loop.time());
    assertThrows(StopAsyncIteration.class, () -> loop.runUntilComplete(counter.anext()));
    assertThrows(StopAsyncIteration.class, () -> loop.runUntilComplete(counter.anext()));
    assertEquals(2.0, loop.time()); // the end does not sleep
  }

  @Test
  void theCounterIsItsOwnIterator() {
    AsyncForCounter.AsyncCounter counter = new Async_AsyncForCounter_AsyncCounter(3);
    assertEquals(counter, counter.aiter()); // def __aiter__(self): return self
  }
}
