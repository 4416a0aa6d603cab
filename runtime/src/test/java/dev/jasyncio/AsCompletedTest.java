package dev.jasyncio;

import static dev.jasyncio.Asyncio.asCompleted;
import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link Asyncio#asCompleted}: results in completion order, the timeout that raises for the
 * unfinished futures without cancelling them, {@link AsCompleted#nextDone()} and the async-iterator
 * form handing out the original futures, exhaustion and the argument checks.
 */
class AsCompletedTest {
  private static final double EPS = 1e-9;

  private final TestEventLoop loop = new TestEventLoop();

  private Coroutine<String> after(double seconds, String value) {
    return co(value, () -> await(sleep(seconds), v -> ret(value)));
  }

  /**
   * One outcome of awaiting an element of an {@link AsCompleted}: a value or an error, and when.
   */
  private record Got(Object value, Throwable error, double at) {}

  /**
   * Awaits the elements of {@code it} one after the other, recording each outcome into {@code got}.
   */
  private Coroutine<Object> drain(Iterator<Coroutine<String>> it, List<Got> got) {
    if (!it.hasNext()) {
      return co(() -> ret(null));
    }
    Coroutine<String> next = it.next();
    return co(
        () ->
            await(
                next,
                (v, e) -> {
                  got.add(new Got(v, e, loop.time()));
                  return await(drain(it, got), w -> ret(null));
                }));
  }

  @Test
  @DisplayName("case 34 asCompletedOrder: results arrive in completion order")
  void case34_resultsArriveInCompletionOrder() {
    List<Got> got = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              AsCompleted<String> ac =
                  asCompleted(List.of(after(3, "c"), after(1, "a"), after(2, "b")));
              assertEquals(3, ac.remaining());
              return await(drain(ac.iterator(), got), v -> ret(ac.remaining()));
            });

    Object remaining = Asyncio.run(main, () -> loop);

    assertEquals(
        List.of(new Got("a", null, 1.0), new Got("b", null, 2.0), new Got("c", null, 3.0)), got);
    assertEquals(0, remaining);
  }

  @Test
  @DisplayName(
      "case 34 asCompletedOrder: on timeout the unfinished ones raise and nothing is cancelled")
  void case34_timeoutRaisesForTheUnfinishedWithoutCancellingThem() {
    List<Got> got = new ArrayList<>();
    List<Task<String>> tasks = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              tasks.add(createTask(after(1, "a")));
              tasks.add(createTask(after(2, "b")));
              tasks.add(createTask(after(3, "c")));
              return await(
                  drain(asCompleted(tasks, 1.5).iterator(), got),
                  v -> await(sleep(5), w -> ret(null)));
            });

    Asyncio.run(main, () -> loop);

    assertEquals(3, got.size());
    assertEquals(new Got("a", null, 1.0), got.get(0));
    for (Got g : got.subList(1, 3)) {
      TimeoutException e = assertInstanceOf(TimeoutException.class, g.error());
      assertTrue(e.getMessage().contains("timeout"), e.getMessage());
      assertEquals(1.5, g.at(), EPS, "raised at the deadline");
    }
    assertFalse(tasks.get(1).cancelled(), "asCompleted cancels nothing");
    assertEquals("b", tasks.get(1).result());
    assertEquals("c", tasks.get(2).result());
  }

  @Test
  @DisplayName(
      "case 34 asCompletedOrder: nextDone() yields the original task objects in completion order")
  void case34_nextDoneYieldsTheOriginalTaskObjects() {
    List<Task<String>> tasks = new ArrayList<>();
    List<Object> handedOut = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              tasks.add(createTask(after(2, "b")));
              tasks.add(createTask(after(1, "a")));
              AsCompleted<String> ac = asCompleted(tasks);
              return await(
                  ac.nextDone(),
                  first -> {
                    handedOut.add(first);
                    return await(
                        ac.nextDone(),
                        second -> {
                          handedOut.add(second);
                          return ret(null);
                        });
                  });
            });

    Asyncio.run(main, () -> loop);

    assertEquals(2, handedOut.size());
    assertSame(tasks.get(1), handedOut.get(0), "the task that finished first, itself");
    assertSame(tasks.get(0), handedOut.get(1));
  }

  /**
   * Awaits {@code it.anext()} until it raises, recording each future handed out with the time, and
   * finally what ended the iteration.
   */
  private Coroutine<Object> drainAsync(AsyncIterator<Future<String>> it, List<Got> got) {
    return co(
        () ->
            await(
                it.anext(),
                (v, e) -> {
                  got.add(new Got(v, e, loop.time()));
                  if (e != null) {
                    return ret(null);
                  }
                  return await(drainAsync(it, got), w -> ret(null));
                }));
  }

  @Test
  @DisplayName(
      "case 34 asCompletedOrder: the async-iterator form yields the original task objects in"
          + " completion order, then StopAsyncIteration")
  void case34_asyncIterationYieldsTheOriginalTasksThenStops() {
    List<Task<String>> tasks = new ArrayList<>();
    List<Got> got = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              tasks.add(createTask(after(3, "c")));
              tasks.add(createTask(after(1, "a")));
              tasks.add(createTask(after(2, "b")));
              return await(drainAsync(asCompleted(tasks).aiter(), got), v -> ret(null));
            });

    Asyncio.run(main, () -> loop);

    assertEquals(4, got.size());
    assertSame(tasks.get(1), got.get(0).value(), "the task that finished first, itself");
    assertSame(tasks.get(2), got.get(1).value());
    assertSame(tasks.get(0), got.get(2).value());
    assertEquals(
        List.of(1.0, 2.0, 3.0), List.of(got.get(0).at(), got.get(1).at(), got.get(2).at()));
    assertTrue(tasks.get(1).done(), "handed out when done");
    StopAsyncIteration end = assertInstanceOf(StopAsyncIteration.class, got.get(3).error());
    assertTrue(end.getMessage().contains("all 3 futures were handed out"), end.getMessage());
    assertEquals(3.0, got.get(3).at(), EPS, "the end comes without waiting");
  }

  @Test
  void asyncIterationOfCoroutinesYieldsTheTasksMadeForThem() {
    List<Got> got = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () ->
                await(
                    drainAsync(asCompleted(List.of(after(2, "b"), after(1, "a"))).aiter(), got),
                    v -> ret(null)));

    Asyncio.run(main, () -> loop);

    assertEquals(3, got.size());
    assertEquals("a", assertInstanceOf(Task.class, got.get(0).value()).result());
    assertEquals("b", assertInstanceOf(Task.class, got.get(1).value()).result());
    assertInstanceOf(StopAsyncIteration.class, got.get(2).error());
  }

  @Test
  void asyncIterationSharesTheSequenceWithTheOtherForms() {
    List<Got> got = new ArrayList<>();
    Object[] first = new Object[1];
    Coroutine<Object> main =
        co(
            () -> {
              AsCompleted<String> ac =
                  asCompleted(List.of(after(1, "a"), after(2, "b"), after(3, "c")));
              Coroutine<String> viaIterator = ac.iterator().next();
              AsyncIterator<Future<String>> it = ac.aiter();
              return await(
                  viaIterator,
                  a -> {
                    first[0] = a;
                    return await(drainAsync(it, got), v -> ret(ac.remaining()));
                  });
            });

    Object remaining = Asyncio.run(main, () -> loop);

    assertEquals("a", first[0]);
    assertEquals(3, got.size(), "b, c, then the end");
    assertEquals("b", ((Future<?>) got.get(0).value()).result());
    assertEquals("c", ((Future<?>) got.get(1).value()).result());
    assertInstanceOf(StopAsyncIteration.class, got.get(2).error());
    assertEquals(0, remaining);
  }

  @Test
  void asyncIterationRaisesTimeoutForTheUnfinishedAndCancelsNothing() {
    List<Task<String>> tasks = new ArrayList<>();
    List<Got> got = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              tasks.add(createTask(after(1, "a")));
              tasks.add(createTask(after(2, "b")));
              AsyncIterator<Future<String>> it = asCompleted(tasks, 1.5).aiter();
              return await(
                  it.anext(),
                  (v, e) -> {
                    got.add(new Got(v, e, loop.time()));
                    return await(
                        it.anext(),
                        (w, f) -> {
                          got.add(new Got(w, f, loop.time()));
                          return await(sleep(5), x -> ret(null));
                        });
                  });
            });

    Asyncio.run(main, () -> loop);

    assertSame(tasks.get(0), got.get(0).value());
    assertInstanceOf(TimeoutException.class, got.get(1).error());
    assertEquals(1.5, got.get(1).at(), EPS);
    assertEquals("b", tasks.get(1).result(), "asCompleted cancels nothing");
  }

  @Test
  void nextDoneOfACoroutineYieldsTheTaskMadeForIt() {
    List<Object> handedOut = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              AsCompleted<String> ac = asCompleted(List.of(after(1, "a")));
              return await(
                  ac.nextDone(),
                  f -> {
                    handedOut.add(f);
                    return ret(null);
                  });
            });

    Asyncio.run(main, () -> loop);

    Task<?> t = assertInstanceOf(Task.class, handedOut.get(0));
    assertEquals("a", t.result());
  }

  @Test
  void cancelledAwaitOfOneElementLeavesTheResultsForTheNextElements() {
    List<Got> got = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              AsCompleted<String> ac = asCompleted(List.of(after(1, "a"), after(2, "b")));
              Iterator<Coroutine<String>> it = ac.iterator();
              Task<String> first = createTask(it.next());
              loop.callLater(0.5, first::cancel);
              return await(
                  first,
                  (v, e) -> {
                    got.add(new Got(v, e, loop.time()));
                    return await(drain(it, got), w -> ret(null));
                  });
            });

    Asyncio.run(main, () -> loop);

    assertEquals(2, got.size());
    assertInstanceOf(CancelledError.class, got.get(0).error());
    assertEquals(new Got("a", null, 1.0), got.get(1), "the next element gets the first result");
  }

  @Test
  void handingOutMoreThanThereAreThrowsNoSuchElement() {
    List<Throwable> caught = new ArrayList<>();
    boolean[] hasNext = new boolean[1];
    Coroutine<Object> main =
        co(
            () -> {
              AsCompleted<String> ac = asCompleted(List.of(after(1, "a"), after(2, "b")));
              Iterator<Coroutine<String>> it = ac.iterator();
              Coroutine<String> first = it.next();
              Coroutine<Future<String>> second = ac.nextDone();
              hasNext[0] = it.hasNext();
              caught.add(assertThrows(NoSuchElementException.class, it::next));
              caught.add(assertThrows(NoSuchElementException.class, ac::nextDone));
              return await(first, v -> await(second, w -> ret(null)));
            });

    Asyncio.run(main, () -> loop);

    assertFalse(hasNext[0]);
    for (Throwable t : caught) {
      assertTrue(t.getMessage().contains("all 2 futures were handed out"), t.getMessage());
    }
  }

  @Test
  void failingFutureRaisesItsExceptionWhenItsTurnComes() {
    RuntimeException boom = new RuntimeException("boom");
    List<Got> got = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              Coroutine<String> fails =
                  co(
                      "fails",
                      () ->
                          await(
                              sleep(2),
                              v -> {
                                throw boom;
                              }));
              return await(
                  drain(asCompleted(List.of(after(3, "c"), fails, after(1, "a"))).iterator(), got),
                  v -> ret(null));
            });

    Asyncio.run(main, () -> loop);

    assertEquals(
        List.of(new Got("a", null, 1.0), new Got(null, boom, 2.0), new Got("c", null, 3.0)), got);
  }

  @Test
  void futuresDoneBeforehandComeOutAtOnce() {
    List<Got> got = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              Future<String> ready = loop.createFuture();
              ready.setResult("ready");
              return await(
                  drain(asCompleted(List.of(after(1, "a"), ready)).iterator(), got),
                  v -> ret(null));
            });

    Asyncio.run(main, () -> loop);

    assertEquals(List.of(new Got("ready", null, 0.0), new Got("a", null, 1.0)), got);
  }

  @Test
  void nanTimeoutIsRejected() {
    IllegalArgumentException[] caught = new IllegalArgumentException[1];
    Coroutine<Object> main =
        co(
            () -> {
              Future<String> f = loop.createFuture();
              caught[0] =
                  assertThrows(
                      IllegalArgumentException.class, () -> asCompleted(List.of(f), Double.NaN));
              return ret(null);
            });

    Asyncio.run(main, () -> loop);

    assertTrue(caught[0].getMessage().contains("NaN"), caught[0].getMessage());
  }

  @Test
  void outsideARunningLoopIsRejected() {
    Future<String> f = new Future<>(loop);

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> asCompleted(List.of(f)));

    assertTrue(e.getMessage().contains("no running event loop"), e.getMessage());
  }

  @Test
  void nullAwaitableIsRejected() {
    NullPointerException[] caught = new NullPointerException[1];
    Coroutine<Object> main =
        co(
            () -> {
              List<Awaitable<String>> withNull = new ArrayList<>();
              withNull.add(null);
              caught[0] = assertThrows(NullPointerException.class, () -> asCompleted(withNull));
              return ret(null);
            });

    Asyncio.run(main, () -> loop);

    assertTrue(caught[0].getMessage().contains("null"), caught[0].getMessage());
  }
}
