package dev.jasyncio;

import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests {@link LifoQueue}: the last item put is the first got, while waiters, bounds, null items
 * and shutdown behave as in {@link Queue}.
 */
class LifoQueueTest {
  private final TestEventLoop loop = new TestEventLoop();

  private <T> T run(Coroutine<T> main) {
    return Asyncio.run(main, () -> loop);
  }

  @Test
  @DisplayName("case 53 queueOrdering: a LifoQueue hands out the newest item first")
  void case53_lifoQueueOrdering() {
    LifoQueue<String> q = new LifoQueue<>();
    for (String item : List.of("a", "b", "c")) {
      q.putNowait(item);
    }
    assertEquals("c", q.getNowait());
    q.putNowait("d");
    assertEquals(List.of("d", "b", "a"), QueueTest.drain(q));
  }

  @Test
  @DisplayName("case 53 queueOrdering: getters waiting on a LifoQueue are still served FIFO")
  void case53_gettersOfALifoQueueAreServedInTheOrderTheyCame() {
    LifoQueue<Integer> q = new LifoQueue<>();
    List<String> log = new ArrayList<>();

    run(
        co(
            () -> {
              for (String name : List.of("g1", "g2", "g3")) {
                createTask(QueueTest.getter(q, name, log));
              }
              return await(
                  sleep(1),
                  v -> {
                    for (int i = 1; i <= 3; i++) {
                      q.putNowait(i); // each put wakes the next getter; the getters run after
                    }
                    return await(sleep(0), w -> ret());
                  });
            }));

    assertEquals(List.of("g1 got 3 at 1.0", "g2 got 2 at 1.0", "g3 got 1 at 1.0"), log);
  }

  @Test
  void aBoundedLifoQueueMakesPuttersWait() {
    LifoQueue<String> q = new LifoQueue<>(1);
    List<String> log = new ArrayList<>();

    run(
        co(
            () -> {
              q.putNowait("a");
              createTask(QueueTest.putter(q, "b", "putter", log));
              assertThrows(QueueFull.class, () -> q.putNowait("x"));
              return await(
                  sleep(1),
                  v -> {
                    log.add("got " + q.getNowait());
                    return await(sleep(0), w -> ret());
                  });
            }));

    assertEquals(List.of("got a", "putter put b at 1.0"), log);
    assertEquals("<LifoQueue maxsize=1 qsize=1 tasks=2>", q.toString());
  }

  @Test
  void nullItemsAreStackedLikeOthers() {
    LifoQueue<String> q = new LifoQueue<>();
    for (String item : Arrays.asList("a", null, "b", null)) {
      q.putNowait(item);
    }
    assertNull(q.getNowait());
    assertEquals("b", q.getNowait());
    assertNull(q.getNowait());
    assertEquals("a", q.getNowait());
  }

  @Test
  void shutdownDrainsThenRaises() {
    LifoQueue<String> q = new LifoQueue<>();
    q.putNowait("a");
    q.putNowait("b");
    q.shutdown();
    assertThrows(QueueShutDown.class, () -> q.putNowait("c"));
    assertEquals(List.of("b", "a"), QueueTest.drain(q));
    assertThrows(QueueShutDown.class, q::getNowait);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {101, 102, 103, 104, 105, 106, 107, 108})
  void randomProducersConsumersCancellationsAndShutdownLoseAndDuplicateNothing(long seed) {
    QueueStress.check(seed, LifoQueue::new, false);
  }
}
