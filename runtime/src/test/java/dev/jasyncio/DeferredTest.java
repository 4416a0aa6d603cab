package dev.jasyncio;

import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.internal.Deferred;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link Deferred} (in {@code dev.jasyncio.internal}), the coroutine that builds the
 * awaitable it stands for when it is first awaited, not when it is created (as {@code waitFor} and
 * {@code toThread} do): the factory runs once, at the first await, and the coroutine then follows
 * what it built.
 */
class DeferredTest {
  private final TestEventLoop loop = new TestEventLoop();
  private final AtomicInteger built = new AtomicInteger();

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  /** A Deferred whose factory counts its calls and produces the loop's time at that moment. */
  private Deferred<Double> clockReading() {
    return new Deferred<>(
        "clockReading",
        () -> {
          built.incrementAndGet();
          return Asyncio.done(loop.time());
        });
  }

  @Test
  void theFactoryRunsWhenTheCoroutineIsFirstAwaitedNotWhenItIsCreated() {
    Double readAt =
        loop.runUntilComplete(
            co(
                () -> {
                  Deferred<Double> d = clockReading();
                  assertEquals(0, built.get(), "the factory ran at creation");
                  return await(sleep(5), v -> await(d, Coro::ret));
                }));

    assertEquals(5.0, readAt);
    assertEquals(1, built.get());
  }

  @Test
  void aDeferredCanBeCreatedOutsideAnyLoop() {
    Deferred<Double> d = clockReading();
    Coroutine<Integer> onAThread = Asyncio.toThread(() -> 7);

    assertEquals(0, built.get());
    assertEquals(0.0, loop.runUntilComplete(d));
    assertEquals(7, loop.runUntilComplete(onAThread));
  }

  @Test
  void waitForStartsItsTimeoutWhenAwaitedNotWhenCreated() {
    String result =
        loop.runUntilComplete(
            co(
                () -> {
                  Coroutine<String> slow = Asyncio.waitFor(sleep(3, "in time"), 4);
                  return await(sleep(5), v -> await(slow, w -> ret(w + "@" + loop.time())));
                }));

    assertEquals("in time@8.0", result);
  }

  @Test
  void itFollowsASuspendingAwaitableToItsResult() {
    Deferred<String> d = new Deferred<>("d", () -> sleep(2, "slept"));

    String result = loop.runUntilComplete(co(() -> await(d, v -> ret(v + "@" + loop.time()))));

    assertEquals("slept@2.0", result);
  }

  @Test
  void itRaisesTheFailureOfWhatItBuilt() {
    IllegalStateException boom = new IllegalStateException("boom");
    Future<String> f = loop.createFuture();
    loop.callLater(1, () -> f.setException(boom));
    Deferred<String> d = new Deferred<>("d", () -> f);

    Throwable caught = loop.runUntilComplete(Coro.<Throwable>co(() -> await(d, (v, e) -> ret(e))));

    assertSame(boom, caught);
  }

  @Test
  void aFactoryThatThrowsFailsTheAwaitAndTheCoroutineIsSpent() {
    IllegalArgumentException boom = new IllegalArgumentException("cannot build");
    Deferred<String> d =
        new Deferred<>(
            "broken",
            () -> {
              built.incrementAndGet();
              throw boom;
            });

    List<Throwable> caught =
        loop.runUntilComplete(
            co(() -> await(d, (v, e1) -> await(d, (w, e2) -> ret(List.of(e1, e2))))));

    assertSame(boom, caught.get(0));
    IllegalStateException reuse = assertInstanceOf(IllegalStateException.class, caught.get(1));
    assertEquals("cannot reuse already awaited coroutine: broken", reuse.getMessage());
    assertEquals(1, built.get(), "the factory ran again");
  }

  @Test
  void aCheckedExceptionFromTheFactoryIsTheCoroutinesFailure() {
    java.io.IOException closed = new java.io.IOException("the session is closed");
    Deferred<String> d =
        new Deferred<>(
            "checked",
            () -> {
              throw closed;
            });

    Object caught = loop.runUntilComplete(co(() -> await(d, (v, e) -> ret(e))));

    assertSame(closed, caught);
  }

  @Test
  void awaitingItASecondTimeIsAReuseErrorAndDoesNotBuildAgain() {
    Deferred<Double> d = clockReading();

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> loop.runUntilComplete(co(() -> await(d, v -> await(d, w -> ret())))));

    assertEquals("cannot reuse already awaited coroutine: clockReading", e.getMessage());
    assertEquals(1, built.get());
  }

  @Test
  void aTaskCancelledBeforeItStartsNeverBuildsTheAwaitable() {
    Deferred<Double> d = clockReading();
    List<Boolean> cancelled = new ArrayList<>();

    loop.runUntilComplete(
        co(
            () -> {
              Task<Double> t = createTask(d);
              t.cancel();
              return await(
                  t,
                  (v, e) -> {
                    cancelled.add(e instanceof CancelledError);
                    return ret();
                  });
            }));

    assertEquals(List.of(true), cancelled);
    assertEquals(0, built.get());
  }

  @Test
  void cancellingWhileSuspendedCancelsWhatItBuilt() {
    AtomicReference<Future<String>> builtFuture = new AtomicReference<>();
    Deferred<String> d =
        new Deferred<>(
            "d",
            () -> {
              builtFuture.set(loop.createFuture());
              return builtFuture.get();
            });

    Boolean taskCancelled =
        loop.runUntilComplete(
            co(
                () -> {
                  Task<String> t = createTask(d);
                  return await(
                      sleep(1),
                      v -> {
                        t.cancel();
                        return await(t, (w, e) -> ret(t.cancelled()));
                      });
                }));

    assertTrue(taskCancelled);
    assertTrue(builtFuture.get().cancelled());
  }

  @Test
  void toStringIsItsName() {
    assertEquals("clockReading", clockReading().toString());
    Coroutine<Integer> onAThread = Asyncio.toThread(() -> 1);
    assertTrue(onAThread.toString().startsWith("toThread("), onAThread.toString());
    onAThread.close();
  }
}
