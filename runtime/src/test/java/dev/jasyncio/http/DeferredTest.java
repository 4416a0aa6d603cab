package dev.jasyncio.http;

import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.http.Steps.lazy;
import static dev.jasyncio.http.Steps.outcome;
import static dev.jasyncio.http.Steps.then;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Asyncio;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Task;
import dev.jasyncio.TestEventLoop;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tests of this package's {@link Deferred}: the factory runs at the first await, not at creation,
 * and the coroutine follows what it built.
 */
class DeferredTest {
  private final TestEventLoop loop = new TestEventLoop();
  private final AtomicInteger built = new AtomicInteger();

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  private Deferred<String> sleeper() {
    return new Deferred<>(
        "sleeper",
        () -> {
          built.incrementAndGet();
          return sleep(2, "slept from " + loop.time());
        });
  }

  @Test
  void theFactoryRunsAtTheFirstAwaitAndTheCoroutineFollowsWhatItBuilt() {
    Deferred<String> d = sleeper();
    assertEquals(0, built.get());

    String result = loop.runUntilComplete(then(sleep(5), v -> d));

    assertEquals("slept from 5.0", result);
    assertEquals(7.0, loop.time());
    assertEquals(1, built.get());
  }

  @Test
  void awaitingItTwiceIsAReuseError() {
    Deferred<String> d = sleeper();
    loop.runUntilComplete(d);

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(d));

    assertTrue(e.getMessage().contains("sleeper"), e.getMessage());
    assertEquals(1, built.get());
  }

  @Test
  void aFailingFactoryFailsTheAwait() {
    IllegalStateException boom = new IllegalStateException("boom");
    Deferred<String> d =
        new Deferred<>(
            "failing",
            () -> {
              throw boom;
            });

    assertSame(boom, loop.runUntilComplete(outcome(d)));
  }

  @Test
  void cancelledBeforeItStartsItNeverBuilds() {
    Object seen =
        loop.runUntilComplete(
            lazy(
                () -> {
                  Task<String> t = Asyncio.createTask(sleeper());
                  t.cancel();
                  return outcome(t);
                }));

    assertInstanceOf(CancelledError.class, seen);
    assertEquals(0, built.get());
  }

  @Test
  void toStringIsItsName() {
    assertEquals("sleeper", sleeper().toString());
  }
}
