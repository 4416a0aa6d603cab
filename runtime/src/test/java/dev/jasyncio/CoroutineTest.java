package dev.jasyncio;

import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.awaitAndReturn;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Tests of the {@link Coroutine} contract: awaiting something already finished costs no loop round
 * trip, deep and long await chains use no stack, a bad suspension is reported inside the coroutine,
 * a coroutine is awaited once, and the low-level protocol ({@link Coroutine#send}, {@link
 * Coroutine#throwIn}, {@link Coroutine#close}) behaves as Python's {@code coro.send/throw/close}.
 * The coroutines are written by hand, the way the javadoc of {@link Coroutine} shows.
 */
class CoroutineTest {

  // ---- the documented example ----

  /** The example of {@link Coroutine}'s javadoc, as written there. */
  static final class AddLater extends Coroutine<Integer> {
    private int state;
    private final int a;
    private final int b;

    AddLater(int a, int b) {
      this.a = a;
      this.b = b;
    }

    @Override
    @SuppressWarnings("fallthrough") // falls through to the next state when an await is done
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      switch (state) {
        case 0:
          if (error != null) {
            state = 2;
            throw error; // cancelled before it started
          }
          state = 1;
          if (await(task, Asyncio.sleep(1.0)) == SUSPENDED) {
            return SUSPENDED;
          }
        // the sleep was already over: fall through
        case 1:
          state = 2;
          if (error != null) {
            throw error; // the sleep failed or was cancelled
          }
          return a + b;
        default:
          throw reuseError(error); // awaited twice, or closed
      }
    }

    @Override
    public String toString() {
      return "AddLater(" + a + ", " + b + ")";
    }
  }

  @Test
  void documentedHandWrittenCoroutineAddsAfterOneSecond() {
    TestEventLoop loop = new TestEventLoop();
    assertEquals(3, Asyncio.run(new AddLater(1, 2), () -> loop));
    assertEquals(1.0, loop.time());
  }

  @Test
  void documentedHandWrittenCoroutineCanBeCancelledWhileSleeping() {
    TestEventLoop loop = new TestEventLoop();
    Throwable seen =
        Asyncio.run(
            Coro.<Throwable>co(
                () -> {
                  Task<Integer> t = createTask(new AddLater(1, 2));
                  return await(
                      sleep(0.5),
                      v -> {
                        t.cancel("too slow");
                        return await(t, (r, e) -> ret(e));
                      });
                }),
            () -> loop);
    assertEquals("too slow", assertInstanceOf(CancelledError.class, seen).getMessage());
    assertEquals(0.5, loop.time());
  }

  @Test
  void documentedHandWrittenCoroutineCannotBeAwaitedTwice() {
    AddLater add = new AddLater(2, 3);
    Throwable second =
        Asyncio.run(
            Coro.<Throwable>co(() -> await(add, first -> await(add, (v, e) -> ret(e)))),
            TestEventLoop::new);
    IllegalStateException e = assertInstanceOf(IllegalStateException.class, second);
    assertTrue(e.getMessage().contains("cannot reuse already awaited coroutine"), e.getMessage());
    assertTrue(e.getMessage().contains("AddLater(2, 3)"), e.getMessage());
  }

  // ---- awaiting what is already finished ----

  @Test
  void awaitingAFinishedCoroutineOrFutureContinuesWithoutALoopRoundTrip() {
    TestEventLoop loop = new TestEventLoop();
    Order order = new Order();
    Asyncio.run(
        co(
            () -> {
              Future<String> doneFuture = loop.createFuture();
              doneFuture.setResult("future value");
              order.expect(1);
              // Runs at the first loop round trip: if an await below yields to the loop, this
              // callback runs before the code after that await.
              loop.callSoon(() -> order.expect(5));
              return await(
                  Asyncio.done("coroutine value"),
                  v -> {
                    order.expect(2);
                    assertEquals("coroutine value", v);
                    return await(
                        doneFuture,
                        w -> {
                          order.expect(3);
                          assertEquals("future value", w);
                          return await(
                              co(() -> ret("hand-made, finished at once")),
                              x -> {
                                order.expect(4);
                                return await(
                                    sleep(0),
                                    y -> {
                                      order.expect(6);
                                      return ret();
                                    });
                              });
                        });
                  });
            }),
        () -> loop);
    order.finish(6);
  }

  /** Awaits {@code n} finished coroutines and finished futures in a loop; returns their sum. */
  static final class SumOfFinished extends Coroutine<Long> {
    private final int n;
    private final Future<Integer> one;
    private int i;
    private long sum;
    private boolean finished;

    SumOfFinished(int n, Future<Integer> one) {
      this.n = n;
      this.one = one;
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      if (finished) {
        throw reuseError(error);
      }
      if (error != null) {
        finished = true;
        throw error;
      }
      for (; i < n; i++) {
        Object r = (i & 1) == 0 ? await(task, Asyncio.done(i)) : await(task, one);
        if (r == SUSPENDED) {
          throw new AssertionError("awaiting a finished coroutine or future suspended");
        }
        sum += (Integer) r;
      }
      finished = true;
      return sum;
    }
  }

  @Test
  void aMillionAwaitsOfFinishedCoroutinesAndFuturesUseNoStack() {
    TestEventLoop loop = new TestEventLoop();
    Future<Integer> one = loop.createFuture();
    one.setResult(1);
    int n = 1_000_000;
    long sum = Asyncio.run(new SumOfFinished(n, one), () -> loop);
    long evens = (long) (n / 2) * (n - 2) / 2; // 0 + 2 + ... + (n - 2)
    assertEquals(evens + n / 2, sum);
    assertEquals(0.0, loop.time());
  }

  @Test
  void aMillionAwaitsInALambdaChainUseNoStack() {
    int n = 1_000_000;
    long[] sum = {0};
    int result = Asyncio.run(co(() -> countUp(0, n, sum)), TestEventLoop::new);
    assertEquals(n, result);
    assertEquals((long) n * (n - 1) / 2, sum[0]);
  }

  private static Coro.Next countUp(int i, int n, long[] sum) {
    if (i == n) {
      return ret(i);
    }
    return await(
        Asyncio.done(i),
        v -> {
          sum[0] += (Integer) v;
          return countUp(i + 1, n, sum);
        });
  }

  // ---- deep chains ----

  /**
   * Level n awaits level n - 1 through the protected {@code await(task, coroutine)} helper; level 0
   * sleeps one second, or fails after it. Each level records the value it gets and returns it plus
   * one. With {@code yieldFirst}, each level yields once ({@code sleep(0)}) before it awaits the
   * next, so that the chain is built one level per loop iteration instead of in one Java call
   * chain.
   */
  static final class Level extends Coroutine<Integer> {
    private final int n;
    private final int[] received;
    private final boolean yieldFirst;
    private final boolean failAtBottom;
    private int state;

    Level(int n, int[] received, boolean yieldFirst, boolean failAtBottom) {
      this.n = n;
      this.received = received;
      this.yieldFirst = yieldFirst;
      this.failAtBottom = failAtBottom;
    }

    @Override
    @SuppressWarnings("fallthrough") // falls through to the next state when an await is done
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      switch (state) {
        case 0:
          if (error != null) {
            state = 3;
            throw error;
          }
          state = 1;
          if (yieldFirst && await(task, Asyncio.sleep(0)) == SUSPENDED) {
            return SUSPENDED;
          }
        // fall through
        case 1:
          if (error != null) {
            state = 3;
            throw error;
          }
          state = 2;
          value = n == 0 ? await(task, bottom()) : await(task, next());
          if (value == SUSPENDED) {
            return SUSPENDED;
          }
        // fall through
        case 2:
          state = 3;
          if (error != null) {
            throw error;
          }
          int v = (Integer) value;
          received[n] = v;
          return n == 0 ? v : v + 1;
        default:
          throw reuseError(error);
      }
    }

    private Coroutine<?> next() {
      return new Level(n - 1, received, yieldFirst, failAtBottom);
    }

    private Coroutine<?> bottom() {
      if (failAtBottom) {
        return co(
            () ->
                Coro.await(
                    sleep(1),
                    v -> {
                      throw new IllegalStateException("from the bottom");
                    }));
      }
      return Asyncio.sleep(1.0, 0);
    }

    @Override
    public String toString() {
      return "Level(" + n + ")";
    }
  }

  /** Runs a chain of {@code depth + 1} levels and checks the value each level received. */
  private static void runChain(int depth, boolean yieldFirst) {
    int[] received = new int[depth + 1];
    java.util.Arrays.fill(received, -1);
    TestEventLoop loop = new TestEventLoop();
    int result = Asyncio.run(new Level(depth, received, yieldFirst, false), () -> loop);
    assertEquals(depth, result);
    assertEquals(1.0, loop.time());
    for (int n = 0; n <= depth; n++) {
      assertEquals(n == 0 ? 0 : n - 1, received[n], "value received by level " + n);
    }
  }

  @Test
  void chainTenThousandDeepWhoseInnermostLevelSleepsResumesEveryLevel() {
    // The whole chain is entered in one step: await(task, coroutine) calls resume directly, one
    // Java call per level.
    runChain(10_000, false);
  }

  @Test
  void chainAThousandDeepEnteredInOneStepResumesEveryLevel() {
    runChain(1_000, false);
  }

  @Test
  void chainTenThousandDeepBuiltOneLevelPerStepResumesEveryLevelWithoutRecursion() {
    // Entering costs one level per step; waking the innermost level must resume all the others in
    // a loop, not in nested calls.
    runChain(10_000, true);
  }

  @Test
  void chainTenThousandDeepPropagatesAFailureFromTheInnermostLevel() {
    int depth = 10_000;
    int[] received = new int[depth + 1];
    java.util.Arrays.fill(received, -1);
    TestEventLoop loop = new TestEventLoop();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Asyncio.run(new Level(depth, received, true, true), () -> loop));
    assertEquals("from the bottom", e.getMessage());
    assertEquals(1.0, loop.time());
    for (int n = 0; n <= depth; n++) {
      assertEquals(-1, received[n], "level " + n + " must not have received a value");
    }
  }

  @Test
  void chainTenThousandLambdaCoroutinesDeepPropagatesAFailure() {
    int depth = 10_000;
    TestEventLoop loop = new TestEventLoop();
    Coroutine<Object> chain =
        co(
            () ->
                await(
                    sleep(1),
                    v -> {
                      throw new IllegalStateException("from the bottom");
                    }));
    for (int i = 0; i < depth; i++) {
      chain = wrap(chain);
    }
    Coroutine<Object> top = chain;
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Asyncio.run(top, () -> loop));
    assertEquals("from the bottom", e.getMessage());
  }

  /** A coroutine that yields once, then awaits {@code inner}: entering costs one level a step. */
  private static Coroutine<Object> wrap(Coroutine<Object> inner) {
    return co(() -> await(sleep(0), v -> awaitAndReturn(inner)));
  }

  // ---- bad suspensions and reuse ----

  /** Returns SUSPENDED without awaiting anything, then reports what it was resumed with. */
  static final class SuspendsWithoutAwaiting extends Coroutine<String> {
    private int state;
    Throwable resumedWith;

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      switch (state) {
        case 0:
          state = 1;
          return SUSPENDED;
        case 1:
          state = 2;
          resumedWith = error;
          return "recovered";
        default:
          throw reuseError(error);
      }
    }
  }

  @Test
  void coroutineThatSuspendsWithoutAwaitingGetsAnIllegalStateExceptionRaisedInIt() {
    SuspendsWithoutAwaiting bad = new SuspendsWithoutAwaiting();
    assertEquals("recovered", Asyncio.run(bad, TestEventLoop::new));
    IllegalStateException e = assertInstanceOf(IllegalStateException.class, bad.resumedWith);
    assertTrue(
        e.getMessage().contains("returned SUSPENDED without awaiting anything"), e.getMessage());
  }

  @Test
  void awaitingAFinishedCoroutineAgainThrowsCannotReuse() {
    Coroutine<String> once = co("once", () -> await(sleep(0), v -> ret("first")));
    List<Object> seen = new ArrayList<>();
    Asyncio.run(
        co(
            () ->
                await(
                    once,
                    first -> {
                      seen.add(first);
                      return await(
                          once,
                          (v, e) -> {
                            seen.add(e);
                            return ret();
                          });
                    })),
        TestEventLoop::new);
    assertEquals("first", seen.get(0));
    IllegalStateException e = assertInstanceOf(IllegalStateException.class, seen.get(1));
    assertTrue(e.getMessage().contains("cannot reuse already awaited coroutine"), e.getMessage());
  }

  @Test
  void awaitingACoroutineThatIsSuspendedInAnotherTaskThrows() {
    TestEventLoop loop = new TestEventLoop();
    List<String> log = new ArrayList<>();
    Coroutine<String> shared =
        co(
            "shared",
            () -> {
              log.add("shared body");
              return await(sleep(1), v -> ret("shared result"));
            });
    List<Object> outcomes = new ArrayList<>();
    Asyncio.run(
        co(
            () -> {
              Task<String> first = createTask(shared);
              return await(
                  sleep(0.5),
                  v ->
                      await(
                          shared,
                          (r, e) -> {
                            outcomes.add(e != null ? e : r);
                            return await(
                                first,
                                r2 -> {
                                  outcomes.add(r2);
                                  return ret();
                                });
                          }));
            }),
        () -> loop);
    IllegalStateException e = assertInstanceOf(IllegalStateException.class, outcomes.get(0));
    assertTrue(e.getMessage().contains("being awaited already"), e.getMessage());
    assertTrue(e.getMessage().contains("shared"), e.getMessage());
    assertEquals("shared result", outcomes.get(1), "the first awaiter still gets the result");
    assertEquals(List.of("shared body"), log);
    assertEquals(1.0, loop.time());
  }

  @Test
  void gatherAndShieldResultsCanBeAwaitedByTwoTasksAtOnce() {
    TestEventLoop loop = new TestEventLoop();
    List<Object> results =
        Asyncio.run(
            co(
                () -> {
                  Coroutine<List<String>> gathered = Asyncio.gather(sleep(1, "a"), sleep(2, "b"));
                  Coroutine<String> shielded = Asyncio.shield(sleep(1, "s"));
                  List<Task<Object>> awaiters = new ArrayList<>();
                  for (Coroutine<?> c : List.of(gathered, gathered, shielded, shielded)) {
                    awaiters.add(createTask(co(() -> awaitAndReturn(c))));
                  }
                  return awaitAndReturn(Asyncio.gather(awaiters));
                }),
            () -> loop);
    assertEquals(List.of(List.of("a", "b"), List.of("a", "b"), "s", "s"), results);
    assertEquals(2.0, loop.time());
  }

  @Test
  void awaitingACoroutineThatIsSuspendedInAnotherAwaitThrows() {
    TestEventLoop loop = new TestEventLoop();
    Coroutine<String> shared = co("shared", () -> await(sleep(1), v -> ret("shared result")));
    List<Object> outcomes = new ArrayList<>();
    Asyncio.run(
        co(
            () -> {
              Task<String> first = createTask(co("wrapper", () -> awaitAndReturn(shared)));
              return await(
                  sleep(0.5),
                  v ->
                      await(
                          shared,
                          (r, e) -> {
                            outcomes.add(e != null ? e : r);
                            return await(
                                first,
                                r2 -> {
                                  outcomes.add(r2);
                                  return ret();
                                });
                          }));
            }),
        () -> loop);
    IllegalStateException e = assertInstanceOf(IllegalStateException.class, outcomes.get(0));
    assertTrue(e.getMessage().contains("being awaited already"), e.getMessage());
    assertTrue(e.getMessage().contains("shared runs in wrapper"), e.getMessage());
    assertEquals("shared result", outcomes.get(1), "the first awaiter still gets the result");
  }

  @Test
  void coroutineThatRunsCannotBeWrappedInASecondTask() {
    try (TestEventLoop loop = new TestEventLoop()) {
      Coroutine<String> c = co("twice", () -> await(sleep(1), v -> ret("r")));
      Task<String> first = loop.createTask(c);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.createTask(c));
      assertTrue(e.getMessage().contains("being awaited already"), e.getMessage());
      assertTrue(e.getMessage().contains("cannot also run as a task"), e.getMessage());
      assertEquals(Set.of(first), loop.allTasks(), "the rejected coroutine left no task behind");
      assertEquals("r", loop.runUntilComplete(first));

      // Once it finished, a new task may take it, and fails as awaiting it again does.
      Task<String> late = loop.createTask(c);
      IllegalStateException reuse =
          assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(late));
      assertTrue(reuse.getMessage().contains("cannot reuse"), reuse.getMessage());
    }
  }

  @Test
  void coroutineDrivenBySendCannotBeAwaitedByATaskUntilItFinishes() {
    Coroutine<String> manual = co("manual", () -> await(sleep(0), v -> ret("manual result")));
    assertNull(manual.send(null));
    Throwable seen =
        Asyncio.run(Coro.<Throwable>co(() -> await(manual, (v, e) -> ret(e))), TestEventLoop::new);
    IllegalStateException e = assertInstanceOf(IllegalStateException.class, seen);
    assertTrue(e.getMessage().contains("being awaited already"), e.getMessage());
    assertEquals(
        "manual result", assertThrows(StopIteration.class, () -> manual.send(null)).value());
  }

  @Test
  void coroutineFinishedByAnAwaitCannotBeResumedBySend() {
    Coroutine<String> awaited = co("awaited", () -> await(sleep(0), v -> ret("once")));
    assertEquals("once", Asyncio.run(co(() -> awaitAndReturn(awaited)), TestEventLoop::new));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> awaited.send(null));
    assertTrue(e.getMessage().contains("cannot reuse already awaited coroutine"), e.getMessage());
    awaited.close(); // closing a finished coroutine does nothing
  }

  @Test
  void coroutineThatReturnedInTheAwaitThatStartedItCannotBeSentAValue() {
    // It never suspended, so the await that ran it never linked it to a caller; it must still
    // count as finished, not as a coroutine that has yet to start.
    Coroutine<String> quick = co("quick", () -> ret("at once"));
    assertEquals("at once", Asyncio.run(co(() -> awaitAndReturn(quick)), TestEventLoop::new));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> quick.send("x"));
    assertEquals("cannot reuse already awaited coroutine: quick", e.getMessage());
  }

  @Test
  void coroutineThatThrewInTheAwaitThatStartedItCanBeAwaitedAgainAndFails() {
    Coroutine<Object> broken =
        co(
            "broken",
            () -> {
              throw new IllegalArgumentException("at once");
            });
    List<Throwable> seen = new ArrayList<>();
    Asyncio.run(
        co(
            () ->
                await(
                    broken,
                    (v, first) -> {
                      seen.add(first);
                      return await(
                          broken,
                          (v2, second) -> {
                            seen.add(second);
                            return ret();
                          });
                    })),
        TestEventLoop::new);
    assertEquals(
        "at once", assertInstanceOf(IllegalArgumentException.class, seen.get(0)).getMessage());
    IllegalStateException e = assertInstanceOf(IllegalStateException.class, seen.get(1));
    assertEquals("cannot reuse already awaited coroutine: broken", e.getMessage());
  }

  /**
   * A coroutine that runs inside the await that started it, and has not suspended yet, is on the
   * Java stack: awaiting it, wrapping it in a task or driving it by send() from inside it must be
   * refused, as Python refuses a coroutine that is already executing.
   */
  @Test
  void coroutineStillInItsFirstRunCannotBeAwaitedWrappedOrSentFromInsideItself() {
    List<Object> seen = new ArrayList<>();
    @SuppressWarnings("unchecked")
    Coroutine<String>[] self = new Coroutine[1];
    self[0] =
        co(
            "self",
            () -> {
              seen.add(assertThrows(IllegalStateException.class, () -> createTask(self[0])));
              seen.add(assertThrows(IllegalStateException.class, () -> self[0].send(null)));
              return await(
                  self[0],
                  (v, e) -> {
                    seen.add(e);
                    return ret("survived");
                  });
            });
    String result = Asyncio.run(co(() -> awaitAndReturn(self[0])), TestEventLoop::new);

    assertEquals("survived", result, "the refusals left the coroutine running where it was");
    assertEquals(
        "coroutine is already executing: self runs further up the stack; it cannot also run as a"
            + " task",
        ((Throwable) seen.get(0)).getMessage());
    assertEquals(
        "coroutine self is already executing; it cannot also be driven by send()",
        ((Throwable) seen.get(1)).getMessage());
    IllegalStateException awaited = assertInstanceOf(IllegalStateException.class, seen.get(2));
    assertEquals(
        "coroutine is already executing: self runs further up the stack", awaited.getMessage());
  }

  @Test
  void coroutineThatSuspendedInItsFirstRunIsLinkedToItsAwaiter() {
    // The link is made on the way out of the await that suspended; the refusal then names who
    // awaits it, and the awaiter gets the result when it resumes.
    Coroutine<String> inner = co("inner", () -> await(sleep(1), v -> ret("late")));
    Coroutine<String> outer = co("outer", () -> awaitAndReturn(inner));
    List<Object> seen = new ArrayList<>();
    String result =
        Asyncio.run(
            co(
                () -> {
                  Task<String> t = createTask(outer);
                  return await(
                      sleep(0.5),
                      v -> {
                        seen.add(
                            assertThrows(IllegalStateException.class, () -> createTask(inner)));
                        return awaitAndReturn(t);
                      });
                }),
            TestEventLoop::new);
    assertEquals("late", result);
    assertEquals(
        "coroutine is being awaited already: inner runs in outer; it cannot also run as a task",
        ((Throwable) seen.get(0)).getMessage());
  }

  @Test
  void awaitingNullRaisesNullPointerExceptionInTheCoroutine() {
    Coroutine<Object> awaitsNull =
        new Coroutine<>() {
          @Override
          protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
            return await(task, (Coroutine<?>) null);
          }
        };
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> Asyncio.run(awaitsNull, TestEventLoop::new));
    assertTrue(e.getMessage().contains("await(null)"), e.getMessage());
  }

  @Test
  void awaitingAFutureOfAnotherLoopRaisesInTheCoroutine() {
    try (TestEventLoop other = new TestEventLoop()) {
      Future<String> foreign = other.createFuture();
      Throwable seen =
          Asyncio.run(
              Coro.<Throwable>co(() -> await(foreign, (v, e) -> ret(e))), TestEventLoop::new);
      IllegalStateException e = assertInstanceOf(IllegalStateException.class, seen);
      assertTrue(e.getMessage().contains("different loop"), e.getMessage());
    }
  }

  // ---- the low-level protocol: send, throwIn, close ----

  /** Logs its steps; awaits what {@code awaited} supplies at each of its two suspensions. */
  static final class Steps extends Coroutine<String> {
    private final List<String> log;
    private final Awaitable<?> first;
    private final Awaitable<?> second;
    private int state;

    Steps(List<String> log, Awaitable<?> first, Awaitable<?> second) {
      this.log = log;
      this.first = first;
      this.second = second;
    }

    @Override
    @SuppressWarnings("fallthrough") // falls through to the next state when an await is done
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      try {
        switch (state) {
          case 0:
            if (error != null) {
              state = 3;
              throw error;
            }
            log.add("start");
            state = 1;
            value = await(task, first);
            if (value == SUSPENDED) {
              return SUSPENDED;
            }
          // fall through
          case 1:
            if (error != null) {
              log.add("first await raised " + error);
              if (!(error instanceof IllegalArgumentException)) {
                throw error;
              }
              value = "handled " + error.getMessage();
              error = null;
            }
            log.add("first gave " + value);
            state = 2;
            value = await(task, second);
            if (value == SUSPENDED) {
              return SUSPENDED;
            }
          // fall through
          case 2:
            if (error != null) {
              log.add("second await raised " + error);
              throw error;
            }
            log.add("second gave " + value);
            state = 3;
            return "result";
          default:
            throw reuseError(error);
        }
      } catch (Throwable t) {
        if (state == 1 || state == 2) {
          log.add("finally"); // the body's finally block, once the body has started
        }
        state = 3;
        throw t;
      }
    }
  }

  @Test
  void sendRunsToTheNextSuspensionAndReturnsWhatItSuspendedOn() {
    try (TestEventLoop loop = new TestEventLoop()) {
      List<String> log = new ArrayList<>();
      Future<String> pending = loop.createFuture();
      Steps steps = new Steps(log, sleep(0), pending);

      assertNull(steps.send(null), "sleep(0) is a plain yield");
      assertEquals(List.of("start"), log);
      assertSame(pending, steps.send(null), "a pending future is handed to the driver");
      assertEquals(List.of("start", "first gave null"), log);

      IllegalStateException notDone =
          assertThrows(IllegalStateException.class, () -> steps.send(null));
      assertTrue(
          notDone.getMessage().contains("await wasn't used with future"), notDone.getMessage());
    }
  }

  @Test
  void sendDeliversTheFuturesOutcomeAndStopIterationCarriesTheResult() {
    try (TestEventLoop loop = new TestEventLoop()) {
      List<String> log = new ArrayList<>();
      Future<String> pending = loop.createFuture();
      Steps steps = new Steps(log, Asyncio.done("at once"), pending);

      assertSame(pending, steps.send(null));
      pending.setResult("the future's value");
      StopIteration stop = assertThrows(StopIteration.class, () -> steps.send("ignored"));
      assertEquals("result", stop.value());
      assertEquals(List.of("start", "first gave at once", "second gave the future's value"), log);

      IllegalStateException again =
          assertThrows(IllegalStateException.class, () -> steps.send(null));
      assertTrue(again.getMessage().contains("cannot reuse"), again.getMessage());
    }
  }

  @Test
  void sendRaisesTheFuturesExceptionAtTheSuspensionPoint() {
    try (TestEventLoop loop = new TestEventLoop()) {
      List<String> log = new ArrayList<>();
      Future<String> pending = loop.createFuture();
      Steps steps = new Steps(log, sleep(0), pending);
      steps.send(null);
      steps.send(null);
      RuntimeException failure = new RuntimeException("future failed");
      pending.setException(failure);
      RuntimeException thrown = assertThrows(RuntimeException.class, () -> steps.send(null));
      assertSame(failure, thrown);
      assertEquals(
          List.of("start", "first gave null", "second await raised " + failure, "finally"), log);
    }
  }

  @Test
  void throwInRaisesAtTheSuspensionPoint() {
    List<String> log = new ArrayList<>();
    Steps steps = new Steps(log, sleep(0), sleep(0));
    assertNull(steps.send(null));
    // The coroutine handles this one and runs to its next suspension.
    assertNull(steps.throwIn(new IllegalArgumentException("bad")));
    // It lets this one out.
    UnsupportedOperationException boom = new UnsupportedOperationException("boom");
    assertSame(boom, assertThrows(UnsupportedOperationException.class, () -> steps.throwIn(boom)));
    assertEquals(
        List.of(
            "start",
            "first await raised java.lang.IllegalArgumentException: bad",
            "first gave handled bad",
            "second await raised " + boom,
            "finally"),
        log);
  }

  @Test
  void throwInRejectsNull() {
    Steps steps = new Steps(new ArrayList<>(), sleep(0), sleep(0));
    NullPointerException e = assertThrows(NullPointerException.class, () -> steps.throwIn(null));
    assertTrue(e.getMessage().contains("throwIn(null)"), e.getMessage());
  }

  @Test
  void closeRaisesGeneratorExitSoThatCleanupRuns() {
    List<String> log = new ArrayList<>();
    Steps steps = new Steps(log, sleep(0), sleep(0));
    steps.send(null);
    steps.close();
    assertEquals(3, log.size(), () -> "log: " + log);
    assertEquals("start", log.get(0));
    assertTrue(log.get(1).startsWith("first await raised dev.jasyncio.GeneratorExit"), log.get(1));
    assertEquals("finally", log.get(2));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> steps.send(null));
    assertTrue(e.getMessage().contains("cannot reuse"), e.getMessage());
  }

  @Test
  void closingAnUnstartedCoroutineRunsNothingAndItCannotStartAfterwards() {
    List<String> log = new ArrayList<>();
    Steps steps = new Steps(log, sleep(0), sleep(0));
    steps.close();
    assertEquals(List.of(), log);
    steps.close(); // closing twice does nothing
    assertEquals(List.of(), log);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> steps.send(null));
    assertTrue(e.getMessage().contains("cannot reuse"), e.getMessage());
  }

  @Test
  void closingAFinishedCoroutineDoesNothing() {
    List<String> log = new ArrayList<>();
    Steps steps = new Steps(log, Asyncio.done(1), Asyncio.done(2));
    assertEquals("result", assertThrows(StopIteration.class, () -> steps.send(null)).value());
    List<String> before = List.copyOf(log);
    steps.close();
    steps.close();
    assertEquals(before, log);
  }

  @Test
  void coroutineClosedOrFinishedBySendFailsWithCannotReuseWhenAwaitedOrRunAsATask() {
    Coroutine<String> closed = co("closed", () -> ret("never"));
    closed.close();
    Coroutine<String> finished = co("finished", () -> ret("sent"));
    assertEquals("sent", assertThrows(StopIteration.class, () -> finished.send(null)).value());

    TestEventLoop loop = new TestEventLoop();
    List<Throwable> errors =
        Asyncio.run(
            co(
                () -> {
                  Task<String> task = createTask(closed);
                  return await(
                      task,
                      (v, taskError) ->
                          await(finished, (w, awaitError) -> ret(List.of(taskError, awaitError))));
                }),
            () -> loop);
    for (Throwable e : errors) {
      assertInstanceOf(IllegalStateException.class, e);
      assertTrue(e.getMessage().contains("cannot reuse already awaited coroutine"), e.getMessage());
    }
  }

  @Test
  void closingACoroutineThatSuspendsAgainThrows() {
    Coroutine<String> stubborn =
        co(
            "stubborn",
            () ->
                await(sleep(0), (v, e) -> await(sleep(0), w -> ret("ignored GeneratorExit " + e))));
    stubborn.send(null);
    IllegalStateException e = assertThrows(IllegalStateException.class, stubborn::close);
    assertTrue(e.getMessage().contains("ignored GeneratorExit"), e.getMessage());
    assertTrue(e.getMessage().contains("stubborn"), e.getMessage());
  }

  @Test
  void coroutineUnderSendCannotSleepForAPositiveTime() {
    Coroutine<Object> sleeper = co(() -> awaitAndReturn(sleep(1)));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> sleeper.send(null));
    assertTrue(e.getMessage().contains("needs a running event loop"), e.getMessage());
    assertTrue(e.getMessage().contains("sleep(0)"), e.getMessage());
  }

  @Test
  void coroutineAwaitedByATaskCannotAlsoBeDrivenBySend() {
    try (TestEventLoop loop = new TestEventLoop()) {
      Coroutine<Object> inner = co(() -> awaitAndReturn(sleep(10)));
      loop.createTask(co(() -> awaitAndReturn(inner)));
      loop.runUntilComplete(sleep(1));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> inner.send(null));
      assertTrue(e.getMessage().contains("cannot also be driven by send()"), e.getMessage());
    }
  }

  @Test
  void sendingAValueIntoAJustStartedCoroutineThrows() {
    List<String> log = new ArrayList<>();
    Steps steps = new Steps(log, sleep(0), sleep(0));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> steps.send("too early"));
    assertTrue(e.getMessage().contains("just-started coroutine"), e.getMessage());
    assertEquals(List.of(), log);
    assertNull(steps.send(null), "the coroutine can still be started");
  }

  // ---- seed program 11: a round-robin scheduler over send() ----

  /**
   * The generator version of the seed: prints Start, yields, prints a, yields, prints b, yields,
   * prints end; each yield is a {@code sleep(0)}.
   */
  static final class Chatty extends Coroutine<Void> {
    private static final String[] LINES = {"Start", "a", "b", "end"};
    private final String name;
    private final List<String> out;
    private int state;

    Chatty(String name, List<String> out) {
      this.name = name;
      this.out = out;
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      if (state > LINES.length - 1) {
        throw reuseError(error);
      }
      if (error != null) {
        state = LINES.length;
        throw error;
      }
      for (; ; ) {
        out.add(name + ": " + LINES[state]);
        if (state == LINES.length - 1) {
          state = LINES.length;
          return null;
        }
        state++;
        if (await(task, Asyncio.sleep(0)) == SUSPENDED) {
          return SUSPENDED;
        }
      }
    }
  }

  /** The {@code async def} version of the seed, with {@code sleep(0)} as its {@code switch()}. */
  private static Coroutine<Void> chattyLambdas(String name, List<String> out) {
    return co(
        () -> {
          out.add(name + ": Start");
          return await(
              sleep(0),
              v -> {
                out.add(name + ": a");
                return await(
                    sleep(0),
                    w -> {
                      out.add(name + ": b");
                      return await(
                          sleep(0),
                          x -> {
                            out.add(name + ": end");
                            return ret();
                          });
                    });
              });
        });
  }

  /** The seed's {@code run(coros)}: send(None) to each in turn until each raises StopIteration. */
  private static int roundRobin(List<Coroutine<?>> coroutines) {
    List<Coroutine<?>> live = new ArrayList<>(coroutines);
    int sends = 0;
    while (!live.isEmpty()) {
      for (Coroutine<?> c : List.copyOf(live)) {
        try {
          sends++;
          assertNull(c.send(null), "a switch() yields nothing to the scheduler");
        } catch (StopIteration finished) {
          assertNull(finished.value());
          live.remove(c);
        }
      }
    }
    return sends;
  }

  private static final List<String> INTERLEAVED =
      List.of("C1: Start", "C2: Start", "C1: a", "C2: a", "C1: b", "C2: b", "C1: end", "C2: end");

  @Test
  void roundRobinSchedulerInterleavesTwoHandWrittenCoroutines() {
    List<String> out = new ArrayList<>();
    int sends = roundRobin(List.of(new Chatty("C1", out), new Chatty("C2", out)));
    assertEquals(INTERLEAVED, out);
    assertEquals(8, sends, "four sends each: three yields, then StopIteration");
  }

  @Test
  void roundRobinSchedulerInterleavesTwoLambdaCoroutines() {
    List<String> out = new ArrayList<>();
    int sends = roundRobin(List.of(chattyLambdas("C1", out), chattyLambdas("C2", out)));
    assertEquals(INTERLEAVED, out);
    assertEquals(8, sends);
  }

  @Test
  void handWrittenCoroutineRunsTheSameOnALoop() {
    List<String> out = new ArrayList<>();
    Asyncio.run(
        co(
            () -> {
              Task<Void> c1 = createTask(new Chatty("C1", out));
              Task<Void> c2 = createTask(chattyLambdas("C2", out));
              return await(c1, v -> await(c2, w -> ret()));
            }),
        TestEventLoop::new);
    assertEquals(INTERLEAVED, out);
  }

  @Test
  void sendRunsAWholeChainOfAwaitedCoroutines() {
    List<String> out = new ArrayList<>();
    Coroutine<String> outer =
        co(() -> await(new Chatty("inner", out), v -> await(sleep(0), w -> ret("outer done"))));
    int yields = 0;
    StopIteration stop = null;
    while (stop == null) {
      try {
        assertNull(outer.send(null));
        yields++;
      } catch (StopIteration s) {
        stop = s;
      }
    }
    assertEquals("outer done", stop.value());
    assertEquals(4, yields);
    assertEquals(List.of("inner: Start", "inner: a", "inner: b", "inner: end"), out);
    assertFalse(out.isEmpty());
  }
}
