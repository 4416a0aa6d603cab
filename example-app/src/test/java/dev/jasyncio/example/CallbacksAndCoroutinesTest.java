package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallbacksAndCoroutinesTest {
  @Test
  void callbackAndCoroutinesTickTogetherUntilTheLoopStopsAfterTenSeconds() throws Exception {
    VirtualRun run = VirtualRun.of(new CallbacksAndCoroutines());
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      // the callback's timer was set first each second, then A's sleep, then B's
      expected.add(i + " s (callback)");
      expected.add(i + " s (coroutine A)");
      expected.add(i + " s (coroutine B)");
    }
    expected.add("10 s (callback)");
    // A stops the loop, which still finishes this iteration: both coroutines start a new round
    expected.add("0 s (coroutine A)");
    expected.add("0 s (coroutine B)");
    assertEquals(expected, run.lines());
    assertEquals(10.0, run.time());
    assertTrue(run.loops.get(0).isClosed());
  }
}
