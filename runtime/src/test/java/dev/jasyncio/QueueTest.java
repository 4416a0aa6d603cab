package dev.jasyncio;

import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.getRunningLoop;
import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Coro.Next;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests {@link Queue}: FIFO items and FIFO waiters, bounds, laziness of {@code put}/{@code get},
 * cancelled getters and putters that lose nothing and pass their turn on, {@code taskDone}/{@code
 * join}, shutdown (normal and immediate), null items, the description, and a randomized run of
 * producers and consumers on the virtual clock.
 */
class QueueTest {
  private final TestEventLoop loop = new TestEventLoop();

  private <T> T run(Coroutine<T> main) {
    return Asyncio.run(main, () -> loop);
  }

  private static double now() {
    return getRunningLoop().time();
  }

  /** Gets one item; logs "name got item at t" or "name raised X at t" (and rethrows). */
  static Coroutine<Object> getter(Queue<?> q, String name, List<String> log) {
    return co(
        name,
        () ->
            await(
                q.get(),
                (v, e) -> {
                  if (e != null) {
                    return raised(name, e, log);
                  }
                  log.add(name + " got " + v + " at " + now());
                  return ret(v);
                }));
  }

  /** Puts {@code item}; logs "name put item at t" or "name raised X at t" (and rethrows). */
  static <T> Coroutine<Object> putter(Queue<T> q, T item, String name, List<String> log) {
    return co(
        name,
        () ->
            await(
                q.put(item),
                (v, e) -> {
                  if (e != null) {
                    return raised(name, e, log);
                  }
                  log.add(name + " put " + item + " at " + now());
                  return ret();
                }));
  }

  /**
   * Logs "name raised X at t"; a cancellation propagates (the task ends cancelled), anything else
   * is the coroutine's result, so that no task ends with an exception nobody retrieves.
   */
  static Next raised(String name, Throwable e, List<String> log) throws Throwable {
    log.add(name + " raised " + e.getClass().getSimpleName() + " at " + now());
    if (e instanceof CancelledError) {
      throw e;
    }
    return ret(e);
  }

  /** Takes everything left in {@code q} without waiting. */
  static <T> List<T> drain(Queue<T> q) {
    List<T> items = new ArrayList<>();
    while (!q.empty()) {
      items.add(q.getNowait());
    }
    return items;
  }

  // ---- case 53 ----

  @Test
  @DisplayName("case 53 queueOrdering: items leave in FIFO order; waiting getters are served FIFO")
  void case53_queueOrdering() {
    Queue<String> q = new Queue<>();
    List<String> log = new ArrayList<>();

    run(
        co(
            () -> {
              q.putNowait("a");
              q.putNowait("b");
              return await(
                  q.put("c"),
                  x ->
                      await(
                          q.get(),
                          a ->
                              await(
                                  q.get(),
                                  b ->
                                      await(
                                          q.get(),
                                          c -> {
                                            log.add("" + a + b + c);
                                            createTask(getter(q, "g1", log));
                                            createTask(getter(q, "g2", log));
                                            createTask(getter(q, "g3", log));
                                            return await(
                                                sleep(1),
                                                v -> {
                                                  q.putNowait("x");
                                                  q.putNowait("y");
                                                  q.putNowait("z");
                                                  return await(sleep(0), w -> ret());
                                                });
                                          }))));
            }));

    assertEquals(List.of("abc", "g1 got x at 1.0", "g2 got y at 1.0", "g3 got z at 1.0"), log);
  }

  @Test
  void gettersThatStartWaitingAtDifferentTimesAreServedInThatOrder() {
    Queue<Integer> q = new Queue<>();
    List<String> log = new ArrayList<>();

    run(
        co(
            () -> {
              for (String name : List.of("late", "early", "middle")) {
                double start = name.equals("early") ? 1 : name.equals("middle") ? 2 : 3;
                createTask(
                    co(() -> await(sleep(start), v -> await(getter(q, name, log), Coro::ret))));
              }
              return await(
                  sleep(4),
                  v -> {
                    for (int i = 1; i <= 3; i++) {
                      q.putNowait(i);
                    }
                    return await(sleep(0), w -> ret());
                  });
            }));

    assertEquals(List.of("early got 1 at 4.0", "middle got 2 at 4.0", "late got 3 at 4.0"), log);
  }

  @Test
  void aGetterWokenInVainWaitsAgainAheadOfTheGettersThatCameAfterIt() {
    Queue<String> q = new Queue<>();
    List<String> log = new ArrayList<>();

    run(
        co(
            () -> {
              createTask(getter(q, "first", log));
              createTask(getter(q, "second", log));
              return await(
                  sleep(1),
                  v -> {
                    q.putNowait("taken"); // wakes "first"...
                    log.add("barged in and took " + q.getNowait()); // ...but this takes the item
                    return await(
                        sleep(1),
                        w -> {
                          assertEquals("<Queue maxsize=0 qsize=0 getters=2 tasks=1>", q.toString());
                          q.putNowait("next");
                          q.putNowait("last");
                          return await(sleep(0), x -> ret());
                        });
                  });
            }));

    assertEquals(
        List.of("barged in and took taken", "first got next at 2.0", "second got last at 2.0"),
        log);
  }

  @Test
  void gettersWokenInVainTogetherWaitAgainInTheirOrder() {
    Queue<Integer> q = new Queue<>();
    List<String> log = new ArrayList<>();

    run(
        co(
            () -> {
              for (String name : List.of("a", "b", "c")) {
                createTask(getter(q, name, log));
              }
              return await(
                  sleep(1),
                  v -> {
                    q.putNowait(1); // wakes a
                    q.putNowait(2); // wakes b
                    q.getNowait(); // both items are taken before a and b run
                    q.getNowait();
                    return await(
                        sleep(1),
                        w -> {
                          assertEquals("<Queue maxsize=0 qsize=0 getters=3 tasks=2>", q.toString());
                          for (int i = 3; i <= 5; i++) {
                            q.putNowait(i);
                          }
                          return await(sleep(0), x -> ret());
                        });
                  });
            }));

    assertEquals(List.of("a got 3 at 2.0", "b got 4 at 2.0", "c got 5 at 2.0"), log);
  }

  // ---- case 54 ----

  @Test
  @DisplayName(
      "case 54 queueBounds: put waits while full; putNowait -> QueueFull; getNowait on empty ->"
          + " QueueEmpty; maxsize <= 0 is unbounded")
  void case54_queueBounds() {
    Queue<Integer> q = new Queue<>(2);
    List<String> log = new ArrayList<>();

    run(
        co(
            () -> {
              createTask(co("producer", () -> putEach(q, List.of(1, 2, 3), log)));
              return await(
                  sleep(1),
                  v -> {
                    assertTrue(q.full());
                    assertEquals(2, q.qsize());
                    QueueFull full = assertThrows(QueueFull.class, () -> q.putNowait(99));
                    assertEquals(
                        "putNowait() on a full queue: <Queue maxsize=2 qsize=2 putters=1 tasks=2>",
                        full.getMessage());
                    log.add("got " + q.getNowait() + " at " + now()); // room for the third
                    return await(
                        sleep(0),
                        w -> {
                          log.add("then qsize=" + q.qsize());
                          return ret();
                        });
                  });
            }));

    assertEquals(
        List.of("put 1 at 0.0", "put 2 at 0.0", "got 1 at 1.0", "put 3 at 1.0", "then qsize=2"),
        log);
    assertEquals(List.of(2, 3), drain(q));

    QueueEmpty empty = assertThrows(QueueEmpty.class, q::getNowait);
    assertEquals(
        "getNowait() on an empty queue: <Queue maxsize=2 qsize=0 tasks=3>", empty.getMessage());

    for (int maxsize : new int[] {0, -1}) {
      Queue<Integer> unbounded = new Queue<>(maxsize);
      for (int i = 0; i < 10_000; i++) {
        unbounded.putNowait(i);
      }
      assertFalse(unbounded.full());
      assertEquals(10_000, unbounded.qsize());
      assertEquals(maxsize, unbounded.maxsize());
    }
    assertEquals(0, new Queue<>().maxsize());
  }

  private static Next putEach(Queue<Integer> q, List<Integer> items, List<String> log) {
    if (items.isEmpty()) {
      return ret();
    }
    int item = items.get(0);
    return await(
        q.put(item),
        v -> {
          log.add("put " + item + " at " + now());
          return putEach(q, items.subList(1, items.size()), log);
        });
  }

  @Test
  void aBoundedQueueNeverHoldsMoreThanMaxsizeWithManyProducers() {
    Queue<Integer> q = new Queue<>(3);
    List<Integer> sizes = new ArrayList<>();

    run(
        co(
            () -> {
              for (int p = 0; p < 10; p++) {
                int base = p * 100;
                createTask(
                    co(
                        () ->
                            putEach(
                                q,
                                List.of(base, base + 1, base + 2, base + 3),
                                new ArrayList<>())));
              }
              return consumeSlowly(q, 40, sizes);
            }));

    assertTrue(sizes.stream().allMatch(s -> s <= 3), sizes.toString());
    assertEquals(3, sizes.get(0), "the producers filled the queue and waited");
    assertTrue(q.empty());
  }

  private static Next consumeSlowly(Queue<Integer> q, int n, List<Integer> sizes) {
    if (n == 0) {
      return ret();
    }
    return await(
        sleep(1),
        v -> {
          sizes.add(q.qsize());
          return await(q.get(), item -> consumeSlowly(q, n - 1, sizes));
        });
  }

  // ---- laziness and the fast path ----

  @Test
  void putAndGetDoNothingUntilAwaited() {
    Queue<String> q = new Queue<>();
    List<Object> log = new ArrayList<>();

    run(
        co(
            () -> {
              Coroutine<Void> put = q.put("a");
              log.add(q.qsize());
              return await(
                  put,
                  v -> {
                    log.add(q.qsize());
                    Coroutine<String> get = q.get();
                    log.add(q.qsize());
                    q.shutdown();
                    Coroutine<Void> putAfterShutdown = q.put("b"); // does not throw yet
                    return await(
                        get,
                        item -> {
                          log.add(item);
                          return await(
                              putAfterShutdown,
                              (x, e) -> {
                                log.add(e.getClass().getSimpleName());
                                return ret();
                              });
                        });
                  });
            }));

    assertEquals(List.of(0, 1, 1, "a", "QueueShutDown"), log);
  }

  @Test
  void getFromAQueueWithAnItemAndPutIntoOneWithRoomFinishWithoutSuspending() {
    // Driven by hand outside any loop: a coroutine that suspended would hand back a future.
    Queue<String> q = new Queue<>(1);

    assertNull(assertThrows(StopIteration.class, () -> q.put("a").send(null)).value());
    assertEquals("a", assertThrows(StopIteration.class, () -> q.get().send(null)).value());

    IllegalStateException noLoop =
        assertThrows(IllegalStateException.class, () -> q.get().send(null));
    assertTrue(noLoop.getMessage().startsWith("no running event loop"), noLoop.getMessage());
    assertEquals("<Queue maxsize=1 qsize=0 tasks=1>", q.toString(), "no waiter was left behind");
  }

  @Test
  void aCoroutineFromGetIsAwaitedOnce() {
    Queue<String> q = new Queue<>();
    q.putNowait("a");
    q.putNowait("b");
    Coroutine<String> get = q.get();

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> run(co(() -> await(get, v -> await(get, Coro::ret)))));
    assertTrue(e.getMessage().startsWith("cannot reuse already awaited coroutine"), e.getMessage());
    assertEquals("b", q.getNowait(), "the second await took nothing");
  }

  // ---- case 55 and other cancellations ----

  @Test
  @DisplayName(
      "case 55 queueCancelledGetterKeepsItem: a getter cancelled after it was woken for an item"
          + " leaves the item to the next getter")
  void case55_queueCancelledGetterKeepsItem() {
    Queue<String> q = new Queue<>();
    List<String> log = new ArrayList<>();

    run(
        co(
            () -> {
              Task<Object> first = createTask(getter(q, "first", log));
              Task<Object> second = createTask(getter(q, "second", log));
              return await(
                  sleep(1),
                  v -> {
                    q.putNowait("item"); // wakes "first"
                    first.cancel(); // before it runs: its wake-up is already on its way
                    return await(
                        second,
                        item -> {
                          assertTrue(first.cancelled());
                          assertTrue(q.empty());
                          return ret();
                        });
                  });
            }));

    assertEquals(List.of("first raised CancelledError at 1.0", "second got item at 1.0"), log);
  }

  @Test
  void aGetterCancelledAfterItWasWokenLeavesTheItemInTheQueueWhenNoOneElseWaits() {
    Queue<String> q = new Queue<>();
    List<String> log = new ArrayList<>();

    run(
        co(
            () -> {
              Task<Object> only = createTask(getter(q, "only", log));
              return await(
                  sleep(1),
                  v -> {
                    q.putNowait("item");
                    only.cancel();
                    return await(sleep(0), w -> ret());
                  });
            }));

    assertEquals(List.of("only raised CancelledError at 1.0"), log);
    assertEquals("<Queue maxsize=0 qsize=1 tasks=1>", q.toString());
    assertEquals("item", q.getNowait());
  }

  @Test
  void aGetterCancelledWhileWaitingLeavesTheLineAndTheNextItemGoesToTheNextGetter() {
    Queue<String> q = new Queue<>();
    List<String> log = new ArrayList<>();

    run(
        co(
            () -> {
              Task<Object> first = createTask(getter(q, "first", log));
              createTask(getter(q, "second", log));
              return await(
                  sleep(1),
                  v -> {
                    first.cancel();
                    return await(
                        sleep(1),
                        w -> {
                          assertEquals("<Queue maxsize=0 qsize=0 getters=1>", q.toString());
                          q.putNowait("item");
                          return await(sleep(0), x -> ret());
                        });
                  });
            }));

    assertEquals(List.of("first raised CancelledError at 1.0", "second got item at 2.0"), log);
  }

  @Test
  void aGetterCancelledInTheSameCallbackAsAPutIsPassedOverAndTheItemGoesToTheNextGetter() {
    Queue<String> q = new Queue<>();
    Queue<String> other = new Queue<>();
    List<String> log = new ArrayList<>();
    List<String> seen = new ArrayList<>();

    run(
        co(
            () -> {
              // The first getter, cancelled, goes on to wait on another queue.
              Task<Object> first =
                  createTask(
                      co(
                          () ->
                              await(
                                  q.get(),
                                  (v, e) -> {
                                    log.add("first raised " + e.getClass().getSimpleName());
                                    return await(other.get(), (w, f) -> ret(w));
                                  })));
              createTask(getter(q, "second", log));
              return await(
                  sleep(1),
                  v -> {
                    // The put comes before the cancelled getter has run: it is still in line.
                    first.cancel();
                    q.putNowait("item");
                    return await(
                        sleep(1),
                        w -> {
                          seen.add(q.toString());
                          seen.add(other.toString());
                          first.cancel();
                          return ret();
                        });
                  });
            }));

    assertEquals(List.of("first raised CancelledError", "second got item at 1.0"), log);
    assertEquals(
        List.of("<Queue maxsize=0 qsize=0 tasks=1>", "<Queue maxsize=0 qsize=0 getters=1>"),
        seen,
        "the put woke the second getter only, and the first waits once on the other queue");
  }

  @Test
  void aTaskThatIsAGetShowsWhatItWaitsForAndGetsTheItem() {
    Queue<String> q = new Queue<>();
    List<String> seen = new ArrayList<>();

    Object got =
        run(
            co(
                () -> {
                  Task<String> t = createTask(q.get());
                  return await(
                      sleep(0),
                      v -> {
                        seen.add(t.toString());
                        q.putNowait("a");
                        return await(t, Coro::ret);
                      });
                }));

    assertEquals("a", got);
    String get = "get() on <Queue maxsize=0 qsize=0 getters=1>";
    assertEquals(
        List.of("<Task pending name='Task-2' coro=" + get + " wait_for=<" + get + ">>"), seen);
  }

  @Test
  void aGetDrivenBySendOnARunningLoopHandsBackAFutureThatAPutCompletes() {
    Queue<String> q = new Queue<>();

    run(
        co(
            () -> {
              Coroutine<String> g = q.get();
              Future<?> f = assertInstanceOf(Future.class, g.send(null));
              assertFalse(f.done());
              assertEquals("<Queue maxsize=0 qsize=0 getters=1>", q.toString());
              q.putNowait("a");
              assertTrue(f.done(), "the put woke it");
              assertEquals("a", assertThrows(StopIteration.class, () -> g.send(null)).value());
              assertEquals("<Queue maxsize=0 qsize=0 tasks=1>", q.toString());
              return ret();
            }));
  }

  @Test
  void aGetterWhoseCancellationIsWithdrawnBeforeItRunsStillGetsTheItem() {
    Queue<String> q = new Queue<>();
    List<String> log = new ArrayList<>();

    run(
        co(
            () -> {
              Task<Object> first = createTask(getter(q, "first", log));
              return await(
                  sleep(1),
                  v -> {
                    q.putNowait("item");
                    first.cancel();
                    first.uncancel();
                    return await(first, w -> ret());
                  });
            }));

    assertEquals(List.of("first got item at 1.0"), log);
  }

  @Test
  void aPutterCancelledWhileWaitingPutsNothingAndTheNextPutterGetsTheRoom() {
    Queue<String> q = new Queue<>(1);
    List<String> log = new ArrayList<>();

    run(
        co(
            () -> {
              q.putNowait("a");
              Task<Object> first = createTask(putter(q, "b", "first", log));
              createTask(putter(q, "c", "second", log));
              return await(
                  sleep(1),
                  v -> {
                    first.cancel();
                    return await(
                        sleep(1),
                        w -> {
                          log.add("got " + q.getNowait());
                          return await(sleep(0), x -> ret());
                        });
                  });
            }));

    assertEquals(
        List.of("first raised CancelledError at 1.0", "got a", "second put c at 2.0"), log);
    assertEquals(List.of("c"), drain(q));
  }

  @Test
  void aPutterCancelledAfterItWasWokenPutsNothingAndPassesTheRoomOn() {
    Queue<String> q = new Queue<>(1);
    List<String> log = new ArrayList<>();

    run(
        co(
            () -> {
              q.putNowait("a");
              Task<Object> first = createTask(putter(q, "b", "first", log));
              Task<Object> second = createTask(putter(q, "c", "second", log));
              return await(
                  sleep(1),
                  v -> {
                    log.add("got " + q.getNowait()); // wakes "first"
                    first.cancel(); // before it runs
                    return await(second, w -> ret());
                  });
            }));

    assertEquals(
        List.of("got a", "first raised CancelledError at 1.0", "second put c at 1.0"), log);
    assertEquals(List.of("c"), drain(q));
  }

  @Test
  void aPutterWokenInVainWaitsAgainAheadOfThePuttersThatCameAfterIt() {
    Queue<String> q = new Queue<>(1);
    List<String> log = new ArrayList<>();

    run(
        co(
            () -> {
              q.putNowait("a");
              createTask(putter(q, "b", "first", log));
              createTask(putter(q, "c", "second", log));
              return await(
                  sleep(1),
                  v -> {
                    log.add("got " + q.getNowait()); // wakes "first"...
                    q.putNowait("x"); // ...but this takes the room
                    return await(
                        sleep(1),
                        w -> {
                          assertEquals("<Queue maxsize=1 qsize=1 putters=2 tasks=2>", q.toString());
                          log.add("got " + q.getNowait());
                          return await(
                              sleep(1),
                              x -> {
                                log.add("got " + q.getNowait());
                                return await(sleep(0), y -> ret());
                              });
                        });
                  });
            }));

    assertEquals(
        List.of("got a", "got x", "first put b at 2.0", "got b", "second put c at 3.0"), log);
  }

  // ---- case 56 ----

  @Test
  @DisplayName(
      "case 56 queueJoin: join returns after a taskDone for every item put; one more taskDone"
          + " throws")
  void case56_queueJoin() {
    Queue<String> q = new Queue<>();
    List<String> log = new ArrayList<>();

    run(
        co(
            () -> {
              for (String item : List.of("a", "b", "c")) {
                q.putNowait(item);
              }
              createTask(co("worker", () -> work(q, 3, log)));
              return await(
                  q.join(),
                  v -> {
                    log.add("joined at " + now());
                    return ret();
                  });
            }));

    assertEquals(List.of("done a at 1.0", "done b at 2.0", "done c at 3.0", "joined at 3.0"), log);
    IllegalStateException tooMany = assertThrows(IllegalStateException.class, q::taskDone);
    assertEquals(
        "taskDone() called too many times: <Queue maxsize=0 qsize=0>", tooMany.getMessage());
  }

  private static Next work(Queue<String> q, int n, List<String> log) {
    if (n == 0) {
      return ret();
    }
    return await(
        q.get(),
        item ->
            await(
                sleep(1),
                v -> {
                  log.add("done " + item + " at " + now());
                  q.taskDone();
                  return work(q, n - 1, log);
                }));
  }

  @Test
  void joinOnAQueueWithNothingUnfinishedFinishesAtOnce() {
    Queue<String> q = new Queue<>();
    assertThrows(StopIteration.class, () -> q.join().send(null));
    q.putNowait("a");
    q.getNowait();
    assertEquals("<Queue maxsize=0 qsize=0 tasks=1>", q.toString(), "got but not done");
    q.taskDone();
    assertThrows(StopIteration.class, () -> q.join().send(null));
  }

  @Test
  void aCancelledJoinerDoesNotKeepTheOthersWaiting() {
    Queue<String> q = new Queue<>();
    List<String> log = new ArrayList<>();

    run(
        co(
            () -> {
              q.putNowait("a");
              Task<Object> cancelled = createTask(joiner(q, "cancelled", log));
              Task<Object> kept = createTask(joiner(q, "kept", log));
              return await(
                  sleep(1),
                  v -> {
                    cancelled.cancel();
                    return await(
                        sleep(1),
                        w -> {
                          q.getNowait();
                          q.taskDone();
                          return await(kept, x -> ret());
                        });
                  });
            }));

    assertEquals(List.of("cancelled raised CancelledError at 1.0", "kept joined at 2.0"), log);
  }

  private static Coroutine<Object> joiner(Queue<?> q, String name, List<String> log) {
    return co(
        name,
        () ->
            await(
                q.join(),
                (v, e) -> {
                  if (e != null) {
                    return raised(name, e, log);
                  }
                  log.add(name + " joined at " + now());
                  return ret();
                }));
  }

  // ---- case 57 ----

  @Test
  @DisplayName(
      "case 57 queueShutdown: puts raise, gets drain then raise, waiting putters and getters are"
          + " released")
  void case57_queueShutdown() {
    Queue<String> empty = new Queue<>();
    Queue<String> full = new Queue<>(1);
    List<String> log = new ArrayList<>();

    run(
        co(
            () -> {
              createTask(getter(empty, "getter1", log));
              createTask(getter(empty, "getter2", log));
              full.putNowait("kept");
              createTask(putter(full, "x", "putter1", log));
              createTask(putter(full, "y", "putter2", log));
              Task<Object> joinerTask = createTask(joiner(full, "joiner", log));
              return await(
                  sleep(1),
                  v -> {
                    empty.shutdown();
                    full.shutdown();
                    assertTrue(full.isShutdown());
                    assertEquals("<Queue maxsize=1 qsize=1 tasks=1 shutdown>", full.toString());
                    assertThrows(QueueShutDown.class, () -> full.putNowait("z"));
                    return await(
                        sleep(1),
                        w ->
                            await(
                                full.get(),
                                kept -> {
                                  log.add("drained " + kept);
                                  return await(
                                      getter(full, "getter3", log),
                                      (x, e) -> {
                                        QueueShutDown down =
                                            assertThrows(QueueShutDown.class, full::getNowait);
                                        assertEquals(
                                            "getNowait() on a shut-down, empty queue: <Queue"
                                                + " maxsize=1 qsize=0 tasks=1 shutdown>",
                                            down.getMessage());
                                        full.taskDone();
                                        return await(joinerTask, y -> ret());
                                      });
                                }));
                  });
            }));

    assertEquals(
        List.of(
            "getter1 raised QueueShutDown at 1.0",
            "getter2 raised QueueShutDown at 1.0",
            "putter1 raised QueueShutDown at 1.0",
            "putter2 raised QueueShutDown at 1.0",
            "drained kept",
            "getter3 raised QueueShutDown at 2.0",
            "joiner joined at 2.0"),
        log);
  }

  @Test
  @DisplayName(
      "case 57 queueShutdown: immediate drops the items, counts them done and releases join once"
          + " the items in progress are done")
  void case57_queueShutdownImmediate() {
    Queue<String> q = new Queue<>(2);
    Queue<String> idle = new Queue<>();
    List<String> log = new ArrayList<>();

    run(
        co(
            () -> {
              q.putNowait("a");
              q.putNowait("b");
              String inProgress = q.getNowait(); // taken, not yet done
              q.putNowait("c");
              createTask(putter(q, "d", "putter", log));
              Task<Object> joinerTask = createTask(joiner(q, "joiner", log));
              createTask(getter(idle, "getter", log));
              return await(
                  sleep(1),
                  v -> {
                    assertEquals("<Queue maxsize=2 qsize=2 putters=1 tasks=3>", q.toString());
                    q.shutdown(true);
                    idle.shutdown(true);
                    assertEquals("<Queue maxsize=2 qsize=0 tasks=1 shutdown>", q.toString());
                    return await(
                        sleep(1),
                        w -> {
                          assertFalse(joinerTask.done(), "the item in progress is not done yet");
                          log.add("done " + inProgress + " at " + now());
                          q.taskDone();
                          return await(
                              joinerTask,
                              x -> {
                                assertThrows(QueueShutDown.class, q::getNowait);
                                assertThrows(IllegalStateException.class, q::taskDone);
                                return ret();
                              });
                        });
                  });
            }));

    assertEquals(
        List.of(
            "putter raised QueueShutDown at 1.0",
            "getter raised QueueShutDown at 1.0",
            "done a at 2.0",
            "joiner joined at 2.0"),
        log);
  }

  @Test
  void anImmediateShutdownWithNothingInProgressReleasesJoinAtOnce() {
    Queue<Integer> q = new Queue<>();
    List<String> log = new ArrayList<>();

    run(
        co(
            () -> {
              q.putNowait(1);
              q.putNowait(2);
              Task<Object> joinerTask = createTask(joiner(q, "joiner", log));
              return await(
                  sleep(1),
                  v -> {
                    q.shutdown(true);
                    return await(joinerTask, w -> ret());
                  });
            }));

    assertEquals(List.of("joiner joined at 1.0"), log);
    assertEquals("<Queue maxsize=0 qsize=0 shutdown>", q.toString());
  }

  @Test
  void anImmediateShutdownAfterANormalOneDropsWhatIsLeft() {
    Queue<Integer> q = new Queue<>();
    q.putNowait(1);
    q.putNowait(2);
    q.shutdown();
    assertEquals(1, q.getNowait());
    q.shutdown(true);
    assertTrue(q.empty());
    assertEquals("<Queue maxsize=0 qsize=0 tasks=1 shutdown>", q.toString(), "1 is in progress");
  }

  // ---- null items, description, loops ----

  @Test
  void nullIsAnItemLikeAnyOtherAndCanTellConsumersToStop() {
    Queue<Integer> q = new Queue<>();
    List<String> log = new ArrayList<>();

    run(
        co(
            () -> {
              createTask(co("worker-1", () -> workUntilNull(q, "worker-1", log)));
              createTask(co("worker-2", () -> workUntilNull(q, "worker-2", log)));
              for (Integer item : Arrays.asList(1, 2, 3, null, null)) {
                q.putNowait(item);
              }
              assertEquals(5, q.qsize());
              return await(q.join(), v -> ret());
            }));

    assertEquals(
        List.of(
            "worker-1 did 1 at 1.0",
            "worker-2 did 2 at 1.0",
            "worker-2 stops at 1.0",
            "worker-1 did 3 at 2.0",
            "worker-1 stops at 2.0"),
        log);

    q.putNowait(null);
    assertFalse(q.empty());
    assertNull(q.getNowait());
    assertTrue(q.empty());
  }

  private static Next workUntilNull(Queue<Integer> q, String name, List<String> log) {
    return await(
        q.get(),
        item -> {
          if (item == null) {
            log.add(name + " stops at " + now());
            q.taskDone();
            return ret();
          }
          return await(
              sleep(1),
              v -> {
                log.add(name + " did " + item + " at " + now());
                q.taskDone();
                return workUntilNull(q, name, log);
              });
        });
  }

  @Test
  void toStringShowsTheClassTheSizesTheWaitersAndTheState() {
    Queue<String> q = new Queue<>(1);
    assertEquals("<Queue maxsize=1 qsize=0>", q.toString());
    List<String> log = new ArrayList<>();
    List<String> seen = new ArrayList<>();

    run(
        co(
            () -> {
              Task<Object> g = createTask(getter(q, "g", log));
              return await(
                  sleep(1),
                  v -> {
                    seen.add(q.toString());
                    seen.add(g.toString());
                    q.putNowait("a");
                    seen.add(q.toString());
                    return await(
                        sleep(0),
                        w -> {
                          q.putNowait("b");
                          Task<Object> p = createTask(putter(q, "c", "p", log));
                          return await(
                              sleep(1),
                              x -> {
                                seen.add(q.toString());
                                seen.add(p.toString());
                                q.shutdown();
                                seen.add(q.toString());
                                return await(p, y -> ret());
                              });
                        });
                  });
            }));

    assertEquals(
        List.of(
            "<Queue maxsize=1 qsize=0 getters=1>",
            "<Task pending name='Task-2' coro=g wait_for=<get() on <Queue maxsize=1 qsize=0 getters=1>>>",
            "<Queue maxsize=1 qsize=1 tasks=1>",
            "<Queue maxsize=1 qsize=1 putters=1 tasks=2>",
            "<Task pending name='Task-3' coro=p"
                + " wait_for=<put(c) on <Queue maxsize=1 qsize=1 putters=1 tasks=2>>>",
            "<Queue maxsize=1 qsize=1 tasks=2 shutdown>"),
        seen);
    assertEquals(List.of("g got a at 1.0", "p raised QueueShutDown at 2.0"), log);
    assertEquals("put(x) on <Queue maxsize=1 qsize=1 tasks=2 shutdown>", q.put("x").toString());
    assertEquals("get() on <Queue maxsize=1 qsize=1 tasks=2 shutdown>", q.get().toString());
    assertEquals("join() on <Queue maxsize=1 qsize=1 tasks=2 shutdown>", q.join().toString());
    assertTrue(new Queue<String>() {}.toString().startsWith("<dev.jasyncio.QueueTest$"));
  }

  @Test
  void aQueueIsBoundToTheLoopOfItsFirstWaiter() {
    Queue<String> q = new Queue<>();
    run(
        co(
            () -> {
              createTask(
                  co(
                      () ->
                          await(
                              sleep(1),
                              v -> {
                                q.putNowait("a");
                                return ret();
                              })));
              return await(q.get(), Coro::ret);
            }));

    q.putNowait("b");
    assertEquals("b", Asyncio.run(q.get()), "no wait, no loop needed");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.run(q.get()));
    assertTrue(e.getMessage().contains("is bound to a different event loop"), e.getMessage());
  }

  // ---- randomized ----

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
  void randomProducersConsumersCancellationsAndShutdownLoseAndDuplicateNothing(long seed) {
    QueueStress.check(seed, Queue::new, true);
  }

  @Test
  void theRandomizedRunsWaitCancelAndShutDownBothWays() {
    // Guards the randomized test: across its seeds it exercises what it claims to.
    int cancelled = 0;
    int waits = 0;
    int dropped = 0;
    int immediate = 0;
    for (long seed = 1; seed <= 16; seed++) {
      QueueStress s = QueueStress.check(seed, Queue::new, true);
      cancelled += s.cancelled();
      waits += s.waits();
      dropped += s.dropped();
      immediate += s.immediate() ? 1 : 0;
    }
    assertTrue(cancelled > 10, "cancellations: " + cancelled);
    assertTrue(waits > 100, "waits: " + waits);
    assertTrue(dropped > 0, "dropped: " + dropped);
    assertTrue(immediate > 0 && immediate < 16, "immediate shutdowns: " + immediate);
  }
}
