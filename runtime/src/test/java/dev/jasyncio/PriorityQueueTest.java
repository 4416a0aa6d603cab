package dev.jasyncio;

import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests {@link PriorityQueue}: smallest item first, by natural ordering or a comparator; equal
 * items in the order they were put; items it cannot order are refused without a trace; an ordering
 * that throws leaves the queue as it was; waiters behave as in {@link Queue}.
 */
class PriorityQueueTest {
  private final TestEventLoop loop = new TestEventLoop();

  private <T> T run(Coroutine<T> main) {
    return Asyncio.run(main, () -> loop);
  }

  record Job(int priority, String name) {}

  @Test
  @DisplayName("case 53 queueOrdering: a PriorityQueue hands out the smallest item first")
  void case53_priorityQueueOrdering() {
    PriorityQueue<Integer> q = new PriorityQueue<>();
    for (int item : new int[] {5, 1, 4, 2, 3}) {
      q.putNowait(item);
    }
    assertEquals(List.of(1, 2, 3, 4, 5), QueueTest.drain(q));

    PriorityQueue<String> reversed = new PriorityQueue<>(Comparator.reverseOrder());
    for (String item : List.of("b", "c", "a")) {
      reversed.putNowait(item);
    }
    assertEquals(List.of("c", "b", "a"), QueueTest.drain(reversed));
    assertSame(null, new PriorityQueue<Integer>().comparator());
  }

  @Test
  @DisplayName("case 53 queueOrdering: equal items leave a PriorityQueue in the order they came")
  void case53_equalItemsLeaveInTheOrderTheyWerePut() {
    PriorityQueue<Job> q = new PriorityQueue<>(Comparator.comparingInt(Job::priority));
    q.putNowait(new Job(2, "later"));
    q.putNowait(new Job(1, "first"));
    q.putNowait(new Job(2, "even later"));
    q.putNowait(new Job(1, "second"));
    q.putNowait(new Job(2, "last"));

    List<String> names = new ArrayList<>();
    for (Job job : QueueTest.drain(q)) {
      names.add(job.name());
    }
    assertEquals(List.of("first", "second", "later", "even later", "last"), names);
  }

  @Test
  void manyRandomItemsComeOutSortedAndStable() {
    Random rnd = new Random(42);
    PriorityQueue<int[]> q = new PriorityQueue<>(Comparator.comparingInt((int[] a) -> a[0]));
    List<int[]> expected = new ArrayList<>();
    List<int[]> actual = new ArrayList<>();
    int next = 0;
    for (int round = 0; round < 200; round++) {
      int puts = rnd.nextInt(60);
      for (int i = 0; i < puts; i++) {
        int[] item = {rnd.nextInt(20), next++};
        q.putNowait(item);
        expected.add(item);
      }
      int gets = Math.min(q.qsize(), rnd.nextInt(60));
      for (int i = 0; i < gets; i++) {
        int[] got = q.getNowait();
        // The smallest key present, and among equal keys the earliest put.
        int[] best = expected.get(0);
        for (int[] e : expected) {
          if (e[0] < best[0]) {
            best = e;
          }
        }
        assertSame(best, got, "round " + round);
        expected.remove(best);
        actual.add(got);
      }
    }
    assertEquals(expected.size(), q.qsize());
    assertTrue(actual.size() > 1000, "exercised: " + actual.size());
  }

  @Test
  void withoutAComparatorNullAndItemsThatAreNotComparableAreRefusedAndNotCounted() {
    PriorityQueue<Object> q = new PriorityQueue<>();
    NullPointerException npe = assertThrows(NullPointerException.class, () -> q.putNowait(null));
    assertTrue(npe.getMessage().contains("cannot order null"), npe.getMessage());
    ClassCastException cce =
        assertThrows(ClassCastException.class, () -> q.putNowait(new Object()));
    assertTrue(cce.getMessage().contains("is not Comparable"), cce.getMessage());
    assertEquals("<PriorityQueue maxsize=0 qsize=0>", q.toString(), "nothing put, nothing counted");
  }

  @Test
  void aComparatorDecidesWhereNullGoes() {
    PriorityQueue<Integer> q =
        new PriorityQueue<>(Comparator.nullsFirst(Comparator.<Integer>naturalOrder()));
    for (Integer item : Arrays.asList(2, null, 1)) {
      q.putNowait(item);
    }
    assertNull(q.getNowait());
    assertEquals(List.of(1, 2), QueueTest.drain(q));
  }

  @Test
  void anOrderingThatThrowsLeavesTheQueueAsItWas() {
    boolean[] broken = {false};
    RuntimeException boom = new RuntimeException("cannot compare");
    PriorityQueue<Integer> q =
        new PriorityQueue<>(
            (a, b) -> {
              if (broken[0]) {
                throw boom;
              }
              return Integer.compare(a, b);
            });
    for (int item : new int[] {7, 3, 9, 1, 5, 8, 2}) {
      q.putNowait(item);
    }

    broken[0] = true;
    assertSame(boom, assertThrows(RuntimeException.class, () -> q.putNowait(0)));
    assertSame(boom, assertThrows(RuntimeException.class, q::getNowait));
    assertEquals("<PriorityQueue maxsize=0 qsize=7 tasks=7>", q.toString());

    broken[0] = false;
    assertEquals(List.of(1, 2, 3, 5, 7, 8, 9), QueueTest.drain(q));
  }

  @Test
  void aBoundedPriorityQueueMakesPuttersWaitAndServesGettersInOrder() {
    PriorityQueue<Integer> q = new PriorityQueue<>(2);
    List<String> log = new ArrayList<>();

    run(
        co(
            () -> {
              q.putNowait(5);
              q.putNowait(4);
              createTask(QueueTest.putter(q, 1, "putter", log));
              return await(
                  sleep(1),
                  v -> {
                    log.add("got " + q.getNowait());
                    return await(
                        sleep(0),
                        w -> {
                          createTask(QueueTest.getter(q, "g1", log));
                          createTask(QueueTest.getter(q, "g2", log));
                          createTask(QueueTest.getter(q, "g3", log));
                          return await(
                              sleep(1),
                              x -> {
                                q.putNowait(0);
                                return await(sleep(0), y -> ret());
                              });
                        });
                  });
            }));

    assertEquals(
        List.of(
            "got 4",
            "putter put 1 at 1.0",
            "g1 got 1 at 1.0",
            "g2 got 5 at 1.0",
            "g3 got 0 at 2.0"),
        log);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {201, 202, 203, 204, 205, 206, 207, 208})
  void randomProducersConsumersCancellationsAndShutdownLoseAndDuplicateNothing(long seed) {
    QueueStress.check(seed, PriorityQueue::new, false);
  }
}
