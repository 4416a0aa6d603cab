package dev.jasyncio;

import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.done;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link Completed}, the already finished coroutine of {@link Asyncio#done(Object)}: it
 * gives its value without suspending, as often as it is awaited and by any number of tasks, and
 * rethrows an error it is resumed with.
 */
class CompletedTest {
  private final TestEventLoop loop = new TestEventLoop();
  private final Order order = new Order();

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  @Test
  void awaitingItGivesTheValueWithoutSuspending() {
    Coroutine<String> value = done("v");

    loop.runUntilComplete(
        co(
            () -> {
              order.expect(1);
              createTask(
                  co(
                      () -> {
                        order.expect(3);
                        return ret();
                      }));
              return await(
                  value,
                  v -> {
                    // Still in the first step: the other task has not run.
                    order.expect(2);
                    assertEquals("v", v);
                    return await(Asyncio.sleep(0), w -> ret());
                  });
            }));

    order.finish(3);
    assertEquals(0.0, loop.time());
  }

  @Test
  void theSameInstanceCanBeAwaitedManyTimes() {
    Coroutine<Integer> seven = done(7);

    Integer sum =
        loop.runUntilComplete(
            co(
                () ->
                    await(
                        seven,
                        a ->
                            await(
                                seven, b -> await(seven, c -> ret((int) a + (int) b + (int) c))))));

    assertEquals(21, sum);
  }

  @Test
  void severalTasksCanAwaitItAndRunItAsTheirCoroutine() {
    Coroutine<String> shared = done("shared");

    List<Object> results =
        loop.runUntilComplete(
            co(
                () -> {
                  Task<String> asRoot1 = createTask(shared);
                  Task<String> asRoot2 = createTask(shared);
                  Task<Object> awaiting1 = createTask(co(() -> await(shared, Coro::ret)));
                  Task<Object> awaiting2 = createTask(co(() -> await(shared, Coro::ret)));
                  return await(Asyncio.gather(asRoot1, asRoot2, awaiting1, awaiting2), Coro::ret);
                }));

    assertEquals(List.of("shared", "shared", "shared", "shared"), results);
  }

  @Test
  void itRethrowsAnErrorItIsResumedWith() {
    IllegalStateException boom = new IllegalStateException("boom");

    assertSame(boom, assertThrows(IllegalStateException.class, () -> done("v").throwIn(boom)));
  }

  @Test
  void aTaskRunningItThatIsCancelledBeforeItStartsIsCancelled() {
    Task<String> task = loop.createTask(done("never"));
    task.cancel("before the first step");

    loop.runUntilComplete(Asyncio.sleep(0));

    assertTrue(task.cancelled());
    CancelledError e = assertThrows(CancelledError.class, task::result);
    assertEquals("before the first step", e.getMessage());
  }

  @Test
  void sendFinishesAtOnceEveryTime() {
    Coroutine<String> value = done("v");

    assertEquals("v", assertThrows(StopIteration.class, () -> value.send(null)).value());
    assertEquals("v", assertThrows(StopIteration.class, () -> value.send(null)).value());
    value.close();
    assertEquals("v", loop.runUntilComplete(co(() -> await(value, Coro::ret))));
  }

  @Test
  void doneWithoutAValueIsOneSharedInstanceWithANullValue() {
    assertSame(done(), done());
    assertNull(loop.runUntilComplete(done()));
    assertNull(loop.runUntilComplete(co(() -> await(done(), Coro::ret))));
  }

  @Test
  void toStringShowsTheValueAbbreviated() {
    assertEquals("done(42)", done(42).toString());
    assertEquals("done(null)", done().toString());
    String longValue = "x".repeat(100);
    assertEquals("done(" + "x".repeat(57) + "...)", done(longValue).toString());
  }
}
