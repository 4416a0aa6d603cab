package dev.jasyncio;

import static dev.jasyncio.AsyncIterables.awaitEach;
import static dev.jasyncio.AsyncIterables.filter;
import static dev.jasyncio.AsyncIterables.fromIterable;
import static dev.jasyncio.AsyncIterables.map;
import static dev.jasyncio.AsyncIterables.mapAwait;
import static dev.jasyncio.AsyncIterables.take;
import static dev.jasyncio.AsyncIterables.toList;
import static dev.jasyncio.AsyncIterables.toMap;
import static dev.jasyncio.AsyncIterables.toSet;
import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.done;
import static dev.jasyncio.Asyncio.getRunningLoop;
import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.awaitAndReturn;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Tests {@link AsyncIterables}, Python's async comprehensions: what each helper produces and in
 * which order, that nothing runs before it is awaited, when the source is closed, how exceptions
 * travel, and that long runs of ready items use no stack per item.
 */
class AsyncIterablesTest {
  private static final double EPS = 1e-9;
  private static final RuntimeException BOOM = new RuntimeException("boom");

  private final TestEventLoop loop = new TestEventLoop();

  private <T> T run(Coroutine<T> main) {
    return Asyncio.run(main, () -> loop);
  }

  /** Awaits {@code awaitable} and finishes with its outcome: its value or what it raised. */
  private static Coroutine<Object> outcome(Awaitable<?> awaitable) {
    return co(() -> await(awaitable, (v, e) -> ret(e != null ? e : v)));
  }

  /** The outcomes of {@code count} successive {@code anext()} calls on {@code it}. */
  private static Coroutine<List<Object>> anextOutcomes(AsyncIterator<?> it, int count) {
    List<Object> outcomes = new ArrayList<>();
    return co(() -> collectOutcomes(it, count, outcomes));
  }

  private static Coro.Next collectOutcomes(AsyncIterator<?> it, int count, List<Object> into) {
    if (into.size() == count) {
      return ret(into);
    }
    return await(
        outcome(it.anext()),
        o -> {
          into.add(o);
          return collectOutcomes(it, count, into);
        });
  }

  /** A coroutine that sleeps {@code seconds}, recording when it started, then returns value. */
  private Coroutine<String> after(double seconds, String value, List<Double> starts) {
    return co(
        value,
        () -> {
          starts.add(getRunningLoop().time());
          return await(sleep(seconds), v -> ret(value));
        });
  }

  /**
   * A hand-written source that counts the calls it gets, optionally sleeps before each item (not
   * before the end), and can fail at one position.
   */
  private static final class Source implements AsyncIterator<Integer> {
    private final List<Integer> items;
    private final double delay;
    private int next;
    int failAt = -1;
    int anextCalls;
    int acloseCalls;

    Source(double delay, Integer... items) {
      this.delay = delay;
      this.items = Arrays.asList(items);
    }

    @Override
    public Coroutine<Integer> anext() {
      anextCalls++;
      return co(
          "source.anext",
          () -> delay > 0 && next < items.size() ? await(sleep(delay), v -> produce()) : produce());
    }

    private Coro.Next produce() {
      if (next == failAt) {
        next++;
        throw BOOM;
      }
      if (next >= items.size()) {
        throw new StopAsyncIteration();
      }
      return ret(items.get(next++));
    }

    @Override
    public Coroutine<Void> aclose() {
      return co(
          "source.aclose",
          () -> {
            acloseCalls++;
            return ret();
          });
    }

    @Override
    public String toString() {
      return "source";
    }
  }

  /**
   * An endless generator 0, 1, 2... written against {@link AbstractAsyncGenerator} directly; its
   * "finally block" records that it ran.
   */
  private static final class Naturals extends AbstractAsyncGenerator<Integer> {
    private int n;
    boolean finallyRan;

    @Override
    protected Object step(Task<?> task, Object value, Throwable error) throws Throwable {
      if (error != null) {
        finallyRan = true;
        throw error;
      }
      return n++;
    }
  }

  // ---- toList, toSet, toMap ----

  @Test
  void toListCollectsEveryItemInOrder() {
    Source src = new Source(1, 1, 2, 3);

    List<Integer> got = run(toList(src));

    assertEquals(List.of(1, 2, 3), got);
    assertEquals(3.0, loop.time(), EPS, "one sleep per item, one after the other");
    assertEquals(4, src.anextCalls, "three items and the end");
    assertEquals(0, src.acloseCalls, "a source that ended is not closed");
  }

  @Test
  void toListOfAnEmptySourceIsEmpty() {
    assertEquals(List.of(), run(toList(fromIterable(List.of()))));
  }

  @Test
  void toSetKeepsEachItemOnceInTheOrderItFirstCame() {
    Set<Integer> got = run(toSet(fromIterable(List.of(3, 1, 3, 2, 1))));

    assertEquals(List.of(3, 1, 2), new ArrayList<>(got));
  }

  @Test
  void toMapLaterDuplicateKeyTakesTheValueButKeepsTheFirstPosition() {
    Map<Character, String> got =
        run(toMap(fromIterable(List.of("a1", "b2", "a3")), s -> s.charAt(0), s -> s));

    assertEquals(List.of('a', 'b'), new ArrayList<>(got.keySet()));
    assertEquals("a3", got.get('a'), "the later value wins, as in a dict comprehension");
    assertEquals("b2", got.get('b'));
  }

  @Test
  void toMapComputesTheKeyBeforeTheValue() {
    List<String> calls = new ArrayList<>();

    run(
        toMap(
            fromIterable(List.of(1, 2)),
            x -> {
              calls.add("key " + x);
              return x;
            },
            x -> {
              calls.add("value " + x);
              return x;
            }));

    assertEquals(List.of("key 1", "value 1", "key 2", "value 2"), calls);
  }

  @Test
  void toMapFunctionFailureClosesTheSourceAndPropagates() {
    Source src = new Source(1, 1, 2, 3);

    Object raised =
        run(
            outcome(
                toMap(
                    src,
                    x -> {
                      if (x == 2) {
                        throw BOOM;
                      }
                      return x;
                    },
                    x -> x)));

    assertSame(BOOM, raised);
    assertEquals(2, src.anextCalls, "no item is fetched after the failure");
    assertEquals(1, src.acloseCalls, "the source is closed before the exception propagates");
  }

  @Test
  void sourceFailurePropagatesWithoutClosingTheSource() {
    Source src = new Source(0, 1, 2, 3);
    src.failAt = 1;

    Object raised = run(outcome(toList(src)));

    assertSame(BOOM, raised);
    assertEquals(0, src.acloseCalls, "the source raised it and is finished");
  }

  @Test
  void cancellingToListWhileTheSourceSleepsCancelsIt() {
    Source src = new Source(1, 1, 2, 3);

    Object raised =
        run(
            co(
                () -> {
                  Task<List<Integer>> t = createTask(toList(src));
                  getRunningLoop().callLater(1.5, t::cancel);
                  return awaitAndReturn(outcome(t));
                }));

    assertInstanceOf(CancelledError.class, raised);
    assertEquals(1.5, loop.time(), EPS);
    assertEquals(2, src.anextCalls);
    assertEquals(0, src.acloseCalls, "the cancellation was raised by the source's anext()");
  }

  // ---- map, mapAwait, filter ----

  @Test
  void mapPassesEachItemThroughTheFunction() {
    List<String> got = run(toList(map(new Source(1, 1, 2, 3), x -> "#" + x)));

    assertEquals(List.of("#1", "#2", "#3"), got);
    assertEquals(3.0, loop.time(), EPS);
  }

  @Test
  void mapFunctionExceptionPropagatesFromAnextAndClosesTheSource() {
    Source src = new Source(0, 1, 2, 3);
    AsyncIterator<Integer> it =
        map(
            src,
            x -> {
              if (x == 2) {
                throw BOOM;
              }
              return x * 10;
            });

    List<Object> outcomes = run(anextOutcomes(it, 3));

    assertEquals(10, outcomes.get(0));
    assertSame(BOOM, outcomes.get(1));
    assertInstanceOf(
        StopAsyncIteration.class, outcomes.get(2), "after an exception the iterator is finished");
    assertEquals(2, src.anextCalls, "the finished iterator does not touch the source");
    assertEquals(1, src.acloseCalls);
  }

  @Test
  void mapFailureInsideToListClosesTheSourceThroughTheMap() {
    Naturals naturals = new Naturals();

    Object raised =
        run(
            outcome(
                toList(
                    map(
                        naturals,
                        x -> {
                          if (x == 3) {
                            throw BOOM;
                          }
                          return x;
                        }))));

    assertSame(BOOM, raised);
    assertTrue(naturals.isExhausted(), "the generator was closed");
    assertTrue(naturals.finallyRan);
  }

  @Test
  void mapAwaitAwaitsEachResultBeforeFetchingTheNextItem() {
    List<Double> starts = new ArrayList<>();

    List<String> got =
        run(toList(mapAwait(fromIterable(List.of(3, 1, 2)), x -> after(x, "r" + x, starts))));

    assertEquals(List.of("r3", "r1", "r2"), got, "in source order");
    assertEquals(List.of(0.0, 3.0, 4.0), starts, "each starts when the previous one is done");
    assertEquals(6.0, loop.time(), EPS, "3 + 1 + 2 seconds: sequential, not concurrent");
  }

  @Test
  void mapAwaitOfThreeOneSecondSleepsTakesThreeSeconds() {
    List<Integer> got = run(toList(mapAwait(fromIterable(List.of(1, 2, 3)), x -> sleep(1, x))));

    assertEquals(List.of(1, 2, 3), got);
    assertEquals(3.0, loop.time(), EPS);
  }

  @Test
  void mapAwaitFailureOfTheAwaitedResultClosesTheSource() {
    Source src = new Source(0, 1, 2, 3);

    Object raised =
        run(
            outcome(
                toList(
                    mapAwait(
                        src,
                        x ->
                            x == 2
                                ? Coro.<Integer>co(
                                    () ->
                                        await(
                                            sleep(1),
                                            v -> {
                                              throw BOOM;
                                            }))
                                : done(x)))));

    assertSame(BOOM, raised);
    assertEquals(1.0, loop.time(), EPS);
    assertEquals(1, src.acloseCalls);
  }

  @Test
  void mapAwaitCancelledWhileAwaitingTheResultClosesTheSource() {
    Source src = new Source(0, 1, 2, 3);

    Object raised =
        run(
            co(
                () -> {
                  Task<List<Integer>> t = createTask(toList(mapAwait(src, x -> sleep(1, x))));
                  getRunningLoop().callLater(1.5, t::cancel);
                  return awaitAndReturn(outcome(t));
                }));

    assertInstanceOf(CancelledError.class, raised);
    assertEquals(1, src.acloseCalls, "the cancellation hit the body of the loop, not the source");
  }

  @Test
  void mapAwaitFunctionReturningNullIsAnError() {
    Object raised =
        run(outcome(toList(mapAwait(fromIterable(List.of(1)), x -> (Coroutine<Integer>) null))));

    NullPointerException e = assertInstanceOf(NullPointerException.class, raised);
    assertTrue(e.getMessage().contains("fn returned null"), e.getMessage());
  }

  @Test
  void filterKeepsTheItemsThePredicateAccepts() {
    List<Integer> got =
        run(toList(filter(fromIterable(List.of(1, 2, 3, 4, 5, 6, 7)), x -> x % 2 == 0)));

    assertEquals(List.of(2, 4, 6), got);
  }

  @Test
  void filterPredicateExceptionPropagatesAndClosesTheSource() {
    Source src = new Source(0, 1, 2, 3);

    Object raised =
        run(
            outcome(
                toList(
                    filter(
                        src,
                        x -> {
                          throw BOOM;
                        }))));

    assertSame(BOOM, raised);
    assertEquals(1, src.acloseCalls);
  }

  @Test
  void stopAsyncIterationFromAFunctionCannotEndTheLoopSilently() {
    Object raised =
        run(
            outcome(
                toList(
                    map(
                        fromIterable(List.of(1, 2)),
                        x -> {
                          throw new StopAsyncIteration("from the function");
                        }))));

    IllegalStateException e = assertInstanceOf(IllegalStateException.class, raised);
    assertInstanceOf(StopAsyncIteration.class, e.getCause());
    assertTrue(e.getMessage().contains("map("), e.getMessage());
  }

  // ---- take ----

  @Test
  void takeClosesTheSourceAfterNItemsAndFetchesNoMore() {
    Source src = new Source(1, 1, 2, 3, 4, 5);

    List<Integer> got = run(toList(take(src, 3)));

    assertEquals(List.of(1, 2, 3), got);
    assertEquals(3, src.anextCalls, "no anext() beyond the third item");
    assertEquals(1, src.acloseCalls);
    assertEquals(3.0, loop.time(), EPS);
  }

  @Test
  void takeOfAnEndlessGeneratorRunsItsFinallyBlock() {
    Naturals naturals = new Naturals();

    List<Integer> got = run(toList(take(naturals, 4)));

    assertEquals(List.of(0, 1, 2, 3), got);
    assertTrue(naturals.isExhausted(), "closed by take");
    assertTrue(naturals.finallyRan);
  }

  @Test
  void takeZeroClosesTheSourceWithoutFetching() {
    Source src = new Source(0, 1, 2);

    assertEquals(List.of(), run(toList(take(src, 0))));
    assertEquals(0, src.anextCalls);
    assertEquals(1, src.acloseCalls);
  }

  @Test
  void takeMoreThanTheSourceHasEndsWithTheSourceWithoutClosingIt() {
    Source src = new Source(0, 1, 2);

    assertEquals(List.of(1, 2), run(toList(take(src, 5))));
    assertEquals(0, src.acloseCalls);
  }

  @Test
  void takeKeepsRaisingStopAsyncIterationAndClosesOnlyOnce() {
    Source src = new Source(0, 1, 2, 3);
    AsyncIterator<Integer> it = take(src, 1);

    List<Object> outcomes = run(anextOutcomes(it, 3));

    assertEquals(1, outcomes.get(0));
    assertInstanceOf(StopAsyncIteration.class, outcomes.get(1));
    assertInstanceOf(StopAsyncIteration.class, outcomes.get(2));
    assertEquals(1, src.anextCalls);
    assertEquals(1, src.acloseCalls);
  }

  @Test
  void takeRejectsANegativeCount() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> take(fromIterable(List.of()), -1));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
  }

  // ---- what all iterators share ----

  private static List<Function<Source, AsyncIterator<?>>> operators() {
    return List.of(
        s -> map(s, x -> x),
        s -> mapAwait(s, x -> done(x)),
        s -> filter(s, x -> true),
        s -> take(s, 10));
  }

  @Test
  void iteratorsForwardAcloseToTheSourceOnceAndEndAfterwards() {
    for (Function<Source, AsyncIterator<?>> op : operators()) {
      Source src = new Source(0, 1, 2);
      AsyncIterator<?> it = op.apply(src);

      Object afterClose =
          Asyncio.run(
              co(
                  () ->
                      await(
                          it.aclose(),
                          v -> await(it.aclose(), w -> awaitAndReturn(outcome(it.anext()))))),
              TestEventLoop::new);

      assertEquals(1, src.acloseCalls, it + " closes its source once");
      assertInstanceOf(StopAsyncIteration.class, afterClose, it + " ends when closed");
      assertEquals(0, src.anextCalls, it + " asks a closed source for nothing");
    }
  }

  @Test
  void iteratorsAreTheirOwnIterators() {
    for (Function<Source, AsyncIterator<?>> op : operators()) {
      AsyncIterator<?> it = op.apply(new Source(0));
      assertSame(it, it.aiter());
    }
  }

  @Test
  void secondAnextWhileTheFirstIsSuspendedIsRejected() {
    AsyncIterator<Integer> it = mapAwait(fromIterable(List.of(1, 2)), x -> sleep(1, x));

    List<Object> outcomes =
        run(
            co(
                () -> {
                  Task<Integer> first = createTask(it.anext());
                  return await(
                      sleep(0.5),
                      v ->
                          await(
                              outcome(it.anext()),
                              second ->
                                  await(
                                      outcome(it.aclose()),
                                      close -> await(first, f -> ret(List.of(f, second, close))))));
                }));

    assertEquals(1, outcomes.get(0), "the first anext() is unaffected");
    IllegalStateException second = assertInstanceOf(IllegalStateException.class, outcomes.get(1));
    assertTrue(second.getMessage().contains("already running"), second.getMessage());
    IllegalStateException close = assertInstanceOf(IllegalStateException.class, outcomes.get(2));
    assertTrue(close.getMessage().contains("aclose()"), close.getMessage());
  }

  @Test
  void helpersRunNothingUntilAwaited() {
    Source src = new Source(0, 1, 2);
    List<Double> starts = new ArrayList<>();
    List<Object> calls = new ArrayList<>();

    toList(src);
    toSet(src);
    toMap(src, x -> calls.add(x), x -> x);
    map(src, x -> calls.add(x));
    mapAwait(src, x -> done(calls.add(x)));
    filter(src, x -> calls.add(x));
    take(src, 1);
    awaitEach(List.of(after(1, "a", starts)));

    assertEquals(0, src.anextCalls);
    assertEquals(0, src.acloseCalls);
    assertEquals(List.of(), calls);
    assertEquals(List.of(), starts);
  }

  // ---- fromIterable ----

  @Test
  void fromIterableStartsAFreshIteratorForEachAiter() {
    AsyncIterable<String> letters = fromIterable(List.of("a", "b"));

    List<Object> both =
        run(
            co(
                () ->
                    await(
                        toList(letters),
                        first -> await(toList(letters), second -> ret(List.of(first, second))))));

    assertEquals(List.of(List.of("a", "b"), List.of("a", "b")), both);
    assertFalse(letters.aiter() == letters.aiter(), "a new iterator each time");
  }

  @Test
  void millionReadyItemsDoNotOverflowTheStack() {
    List<Integer> million =
        IntStream.range(0, 1_000_000).boxed().collect(Collectors.toUnmodifiableList());

    List<List<Integer>> both =
        run(
            co(
                () ->
                    await(
                        toList(map(fromIterable(million), x -> x + 1)),
                        mapped ->
                            await(
                                toList(filter(fromIterable(million), x -> x == 999_999)),
                                filtered -> ret(List.of(mapped, filtered))))));
    List<Integer> got = both.get(0);
    List<Integer> last = both.get(1);

    assertEquals(1_000_000, got.size());
    assertEquals(1, got.get(0));
    assertEquals(1_000_000, got.get(999_999));
    assertEquals(List.of(999_999), last, "a million skipped items in one anext()");
    assertEquals(0.0, loop.time(), EPS);
  }

  // ---- awaitEach ----

  @Test
  void awaitEachAwaitsOneAfterAnotherInOrder() {
    List<Double> starts = new ArrayList<>();

    List<String> got =
        run(
            awaitEach(
                List.of(after(3, "c", starts), after(1, "a", starts), after(2, "b", starts))));

    assertEquals(List.of("c", "a", "b"), got, "in iteration order, not completion order");
    assertEquals(List.of(0.0, 3.0, 4.0), starts, "each starts when the previous one is done");
    assertEquals(6.0, loop.time(), EPS);
  }

  @Test
  void awaitEachOfRunningTasksWaitsForTheLongest() {
    List<Double> starts = new ArrayList<>();

    List<String> got =
        run(
            co(
                () -> {
                  Task<String> slow = createTask(after(3, "slow", starts));
                  Task<String> fast = createTask(after(1, "fast", starts));
                  return awaitAndReturn(awaitEach(List.of(slow, fast)));
                }));

    assertEquals(List.of("slow", "fast"), got);
    assertEquals(3.0, loop.time(), EPS, "tasks already run concurrently; awaiting them does not");
  }

  @Test
  void awaitEachStopsAtTheFirstFailureAndLeavesTheRestAlone() {
    List<Double> starts = new ArrayList<>();
    Coroutine<String> fails =
        co(
            "fails",
            () ->
                await(
                    sleep(2),
                    v -> {
                      throw BOOM;
                    }));
    List<Coroutine<String>> all = List.of(after(1, "a", starts), fails, after(1, "c", starts));
    int[] handedOut = new int[1];
    Iterable<Coroutine<String>> counting =
        () ->
            new Iterator<>() {
              private final Iterator<Coroutine<String>> it = all.iterator();

              @Override
              public boolean hasNext() {
                return it.hasNext();
              }

              @Override
              public Coroutine<String> next() {
                handedOut[0]++;
                return it.next();
              }
            };

    double[] raisedAt = new double[1];
    int[] handedOutAtFailure = new int[1];

    List<Object> outcomes =
        run(
            co(
                () ->
                    await(
                        outcome(awaitEach(counting)),
                        raised -> {
                          raisedAt[0] = getRunningLoop().time();
                          handedOutAtFailure[0] = handedOut[0];
                          assertEquals(List.of(0.0), starts, "the third coroutine never started");
                          return await(
                              outcome(all.get(2)), third -> ret(Arrays.asList(raised, third)));
                        })));

    assertSame(BOOM, outcomes.get(0));
    assertEquals(3.0, raisedAt[0], EPS, "raised as soon as the second one failed");
    assertEquals(2, handedOutAtFailure[0], "the iterable is not advanced past the failure");
    assertEquals(
        "c", outcomes.get(1), "the third coroutine was left untouched and can still be awaited");
  }

  @Test
  void awaitEachOfANullElementNamesItsPosition() {
    List<Awaitable<String>> withNull = new ArrayList<>();
    withNull.add(done("a"));
    withNull.add(null);

    Object raised = run(outcome(awaitEach(withNull)));

    NullPointerException e = assertInstanceOf(NullPointerException.class, raised);
    assertTrue(e.getMessage().contains("awaitable #1"), e.getMessage());
  }

  @Test
  void awaitEachOfNothingIsAnEmptyList() {
    assertEquals(List.of(), run(awaitEach(List.<Coroutine<String>>of())));
  }

  // ---- the coroutines themselves ----

  @Test
  void coroutinesCannotBeAwaitedTwice() {
    Coroutine<List<Integer>> list = toList(fromIterable(List.of(1)));

    Object second = run(co(() -> await(list, v -> awaitAndReturn(outcome(list)))));

    IllegalStateException e = assertInstanceOf(IllegalStateException.class, second);
    assertTrue(e.getMessage().contains("cannot reuse"), e.getMessage());
  }

  @Test
  void toStringNamesTheHelperAndItsSource() {
    AsyncIterable<Integer> numbers = fromIterable(List.of(1, 2));
    AsyncIterator<Integer> mapped = map(numbers, x -> x);

    assertEquals("fromIterable([1, 2])", numbers.toString());
    assertEquals("map(iterator of fromIterable([1, 2]))", mapped.toString());
    assertEquals("anext() of map(iterator of fromIterable([1, 2]))", mapped.anext().toString());
    assertEquals("aclose() of map(iterator of fromIterable([1, 2]))", mapped.aclose().toString());
    assertEquals("take(source, 3)", take(new Source(0), 3).toString());
    assertEquals("filter(source)", filter(new Source(0), x -> true).toString());
    assertEquals("mapAwait(source)", mapAwait(new Source(0), x -> done(x)).toString());
    assertEquals("toList(fromIterable([1, 2]))", toList(numbers).toString());
    assertEquals("toSet(source)", toSet(new Source(0)).toString());
    assertEquals("toMap(source)", toMap(new Source(0), x -> x, x -> x).toString());
    assertEquals("awaitEach(not started of [done(1)])", awaitEach(List.of(done(1))).toString());
  }

  @Test
  void nullArgumentsAreRejectedNamingTheArgument() {
    Source src = new Source(0);
    assertNullNamed("toList: source", () -> toList(null));
    assertNullNamed("toSet: source", () -> toSet(null));
    assertNullNamed("toMap: source", () -> toMap(null, x -> x, x -> x));
    assertNullNamed("toMap: keyFn", () -> toMap(src, null, x -> x));
    assertNullNamed("toMap: valueFn", () -> toMap(src, x -> x, null));
    assertNullNamed("map: source", () -> map(null, x -> x));
    assertNullNamed("map: fn", () -> map(src, null));
    assertNullNamed("mapAwait: source", () -> mapAwait(null, x -> done(x)));
    assertNullNamed("mapAwait: fn", () -> mapAwait(src, null));
    assertNullNamed("filter: source", () -> filter(null, x -> true));
    assertNullNamed("filter: predicate", () -> filter(src, null));
    assertNullNamed("take: source", () -> take(null, 1));
    assertNullNamed("fromIterable: iterable", () -> fromIterable(null));
    assertNullNamed("awaitEach: awaitables", () -> awaitEach(null));
  }

  private static void assertNullNamed(String expected, Executable call) {
    NullPointerException e = assertThrows(NullPointerException.class, call);
    assertEquals(expected + " is null", e.getMessage());
  }
}
