package dev.jasyncio;

import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Asyncio.waitTasks;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link Asyncio#waitTasks} ({@code asyncio.wait}): the done/pending split of each {@link
 * ReturnWhen} mode, timeouts that neither cancel nor raise, identity and order of the returned
 * futures, and the argument checks.
 */
class WaitTest {
  private static final double EPS = 1e-9;

  private final TestEventLoop loop = new TestEventLoop();

  /** What a wait returned, and when. */
  private static final class Outcome {
    DoneAndPending<String> split;
    double at;
    final List<Task<String>> tasks = new ArrayList<>();

    List<Task<String>> done() {
      return select(true);
    }

    List<Task<String>> pending() {
      return select(false);
    }

    private List<Task<String>> select(boolean done) {
      List<Task<String>> out = new ArrayList<>();
      for (Future<String> f : done ? split.done() : split.pending()) {
        out.add(task(f));
      }
      return out;
    }

    /** The task {@code f} is, by identity. */
    private Task<String> task(Future<String> f) {
      for (Task<String> t : tasks) {
        if (t == f) {
          return t;
        }
      }
      throw new AssertionError(f + " is not one of the futures passed in");
    }
  }

  private Coroutine<String> after(double seconds, String value) {
    return co(value, () -> await(sleep(seconds), v -> ret(value)));
  }

  private Coroutine<String> failAfter(double seconds, Throwable error) {
    return co(
        "fail",
        () ->
            await(
                sleep(seconds),
                v -> {
                  throw error;
                }));
  }

  /**
   * Runs a main task that starts {@code children} as tasks, waits on them with {@code wait}, then
   * sleeps until every child is done, and returns what the wait gave and when.
   */
  private Outcome runWait(
      Function<List<Task<String>>, Coroutine<DoneAndPending<String>>> wait,
      List<Coroutine<String>> children) {
    Outcome out = new Outcome();
    Coroutine<Object> main =
        co(
            () -> {
              for (Coroutine<String> c : children) {
                out.tasks.add(createTask(c));
              }
              return await(
                  wait.apply(out.tasks),
                  v -> {
                    @SuppressWarnings("unchecked")
                    DoneAndPending<String> split = (DoneAndPending<String>) v;
                    out.split = split;
                    out.at = loop.time();
                    return await(
                        sleep(10),
                        w -> {
                          for (Task<String> t : out.tasks) {
                            if (!t.cancelled()) {
                              t.exception(); // retrieved: keeps the loop from reporting it
                            }
                          }
                          return ret(null);
                        });
                  });
            });
    Asyncio.run(main, () -> loop);
    return out;
  }

  @Test
  @DisplayName("case 33 waitModes: FIRST_COMPLETED returns when the first future is done")
  void case33_firstCompletedReturnsWhenTheFirstFutureIsDone() {
    Outcome out =
        runWait(
            ts -> waitTasks(ts, ReturnWhen.FIRST_COMPLETED),
            List.of(after(3, "c"), after(1, "a"), after(2, "b")));

    assertEquals(1.0, out.at, EPS);
    assertEquals(List.of(out.tasks.get(1)), out.done());
    assertEquals(List.of(out.tasks.get(0), out.tasks.get(2)), out.pending());
    for (Task<String> t : out.tasks) {
      assertFalse(t.cancelled(), "wait cancels nothing: " + t);
    }
  }

  @Test
  @DisplayName("case 33 waitModes: FIRST_EXCEPTION returns at the first failure, without raising")
  void case33_firstExceptionReturnsAtTheFirstFailureWithoutRaising() {
    RuntimeException boom = new RuntimeException("boom");
    Outcome out =
        runWait(
            ts -> waitTasks(ts, ReturnWhen.FIRST_EXCEPTION),
            List.of(after(1, "a"), failAfter(2, boom), after(3, "c")));

    assertEquals(2.0, out.at, EPS, "the success at 1 s did not end the wait; the failure did");
    assertEquals(List.of(out.tasks.get(0), out.tasks.get(1)), out.done());
    assertEquals(List.of(out.tasks.get(2)), out.pending());
    assertSame(boom, out.tasks.get(1).exception());
    assertEquals("c", out.tasks.get(2).result(), "the pending task ran on");
  }

  @Test
  @DisplayName("case 33 waitModes: FIRST_EXCEPTION without any failure waits for all")
  void case33_firstExceptionWithoutAFailureWaitsForAll() {
    Outcome out =
        runWait(
            ts -> {
              // A cancellation is not an exception for FIRST_EXCEPTION.
              loop.callLater(0.5, () -> ts.get(1).cancel());
              return waitTasks(ts, ReturnWhen.FIRST_EXCEPTION);
            },
            List.of(after(1, "a"), after(2, "b"), after(3, "c")));

    assertEquals(3.0, out.at, EPS);
    assertEquals(out.tasks, out.done());
    assertEquals(List.of(), out.pending());
    assertTrue(out.tasks.get(1).cancelled());
  }

  @Test
  @DisplayName("case 33 waitModes: ALL_COMPLETED waits for every future, failed ones included")
  void case33_allCompletedWaitsForEveryFutureAndRaisesNothing() {
    RuntimeException boom = new RuntimeException("boom");
    Outcome out =
        runWait(ts -> waitTasks(ts), List.of(after(3, "c"), failAfter(1, boom), after(2, "b")));

    assertEquals(3.0, out.at, EPS);
    assertEquals(out.tasks, out.done());
    assertEquals(List.of(), out.pending());
    assertSame(boom, out.tasks.get(1).exception());
  }

  @Test
  @DisplayName("case 33 waitModes: a cancelled future counts as completed for FIRST_COMPLETED")
  void case33_cancelledFutureCountsAsCompleted() {
    Outcome out =
        runWait(
            ts -> {
              loop.callLater(0.5, () -> ts.get(1).cancel());
              return waitTasks(ts, ReturnWhen.FIRST_COMPLETED);
            },
            List.of(after(1, "a"), after(2, "b")));

    assertEquals(0.5, out.at, EPS);
    assertEquals(List.of(out.tasks.get(1)), out.done());
    assertEquals(List.of(out.tasks.get(0)), out.pending());
  }

  @Test
  @DisplayName("case 33 waitModes: on timeout nothing is cancelled and nothing is thrown")
  void case33_timeoutReturnsTheSplitWithoutCancellingOrRaising() {
    Outcome out =
        runWait(
            ts -> waitTasks(ts, 1.5, ReturnWhen.ALL_COMPLETED),
            List.of(after(1, "a"), after(2, "b"), after(3, "c")));

    assertEquals(1.5, out.at, EPS, "the wait returned at the timeout");
    assertEquals(List.of(out.tasks.get(0)), out.done());
    assertEquals(List.of(out.tasks.get(1), out.tasks.get(2)), out.pending());
    assertEquals("b", out.tasks.get(1).result(), "the pending tasks were not cancelled");
    assertEquals("c", out.tasks.get(2).result());
  }

  @Test
  @DisplayName("case 33 waitModes: an empty set of futures is rejected")
  void case33_emptySetIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> waitTasks(List.<Future<String>>of()));

    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void cancellingTheWaitingTaskLeavesTheFuturesRunning() {
    List<Task<String>> tasks = new ArrayList<>();
    Throwable[] seen = new Throwable[1];
    Coroutine<Object> main =
        co(
            () -> {
              tasks.add(createTask(after(1, "a")));
              tasks.add(createTask(after(2, "b")));
              Task<Object> w =
                  createTask(
                      co(
                          () ->
                              await(
                                  waitTasks(tasks),
                                  (v, e) -> {
                                    seen[0] = e;
                                    throw e;
                                  })));
              loop.callLater(0.5, w::cancel);
              return await(w, (v, e) -> await(sleep(5), x -> ret(null)));
            });

    Asyncio.run(main, () -> loop);

    assertTrue(seen[0] instanceof CancelledError, String.valueOf(seen[0]));
    assertEquals("a", tasks.get(0).result());
    assertEquals("b", tasks.get(1).result());
  }

  @Test
  void returnedFuturesAreTheVeryObjectsPassedInInInputOrder() {
    List<Future<String>> passed = new ArrayList<>();
    List<Future<String>> done = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              Future<String> plain = loop.createFuture();
              loop.callLater(0.5, () -> plain.setResult("plain"));
              passed.addAll(
                  Arrays.asList(createTask(after(3, "c")), plain, createTask(after(1, "a"))));
              return await(
                  waitTasks(passed),
                  v -> {
                    @SuppressWarnings("unchecked")
                    DoneAndPending<String> split = (DoneAndPending<String>) v;
                    done.addAll(split.done());
                    return ret(null);
                  });
            });

    Asyncio.run(main, () -> loop);

    assertEquals(3, done.size());
    for (int i = 0; i < 3; i++) {
      assertSame(passed.get(i), done.get(i), "in input order, not completion order, at " + i);
    }
  }

  @Test
  void theSameFutureTwiceAppearsOnce() {
    List<DoneAndPending<String>> out = new ArrayList<>();
    Coroutine<Object> main =
        co(
            () -> {
              Task<String> t = createTask(after(1, "t"));
              return await(
                  waitTasks(List.of(t, t)),
                  v -> {
                    @SuppressWarnings("unchecked")
                    DoneAndPending<String> split = (DoneAndPending<String>) v;
                    out.add(split);
                    return ret(null);
                  });
            });

    Asyncio.run(main, () -> loop);

    assertEquals(1, out.get(0).done().size());
    assertEquals(0, out.get(0).pending().size());
  }

  @Test
  void resultSetsAreUnmodifiable() {
    Outcome out = runWait(ts -> waitTasks(ts), List.of(after(1, "a")));

    assertThrows(UnsupportedOperationException.class, () -> out.split.done().clear());
  }

  @Test
  void nanTimeoutIsRejected() {
    Future<String> f = new Future<>(loop);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> waitTasks(List.of(f), Double.NaN, ReturnWhen.ALL_COMPLETED));

    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
  }

  @Test
  void nullArgumentsAreRejected() {
    Future<String> f = new Future<>(loop);
    List<Future<String>> withNull = Arrays.asList(f, null);

    NullPointerException nullFuture =
        assertThrows(NullPointerException.class, () -> waitTasks(withNull));
    NullPointerException nullMode =
        assertThrows(NullPointerException.class, () -> waitTasks(List.of(f), null));
    NullPointerException nullCollection =
        assertThrows(NullPointerException.class, () -> waitTasks(null));

    assertTrue(nullFuture.getMessage().contains("null"), nullFuture.getMessage());
    assertTrue(nullMode.getMessage().contains("returnWhen"), nullMode.getMessage());
    assertTrue(nullCollection.getMessage().contains("futures"), nullCollection.getMessage());
  }

  @Test
  void futureOfAnotherLoopIsRejected() {
    Throwable[] caught = new Throwable[1];
    try (TestEventLoop other = new TestEventLoop()) {
      Future<String> foreign = new Future<>(other);
      Coroutine<Object> main =
          co(
              () ->
                  await(
                      waitTasks(List.of(foreign)),
                      (v, e) -> {
                        caught[0] = e;
                        return ret(null);
                      }));

      Asyncio.run(main, () -> loop);
    }

    assertTrue(caught[0] instanceof IllegalArgumentException, String.valueOf(caught[0]));
    assertTrue(caught[0].getMessage().contains("different loop"), caught[0].getMessage());
  }
}
