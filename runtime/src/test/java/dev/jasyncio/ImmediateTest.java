package dev.jasyncio;

import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link Immediate}, the coroutine whose whole body runs without suspending when it is
 * first awaited (the shape of {@code aenter}/{@code aexit} methods): the body runs once, not at
 * creation, and a second await is a reuse error.
 */
class ImmediateTest {
  private final TestEventLoop loop = new TestEventLoop();
  private final AtomicInteger runs = new AtomicInteger();
  private final Order order = new Order();

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  private Immediate<String> counting(String name) {
    return new Immediate<>(name, () -> "run " + runs.incrementAndGet());
  }

  @Test
  void theBodyRunsWhenFirstAwaitedWithoutSuspending() {
    Immediate<String> body =
        new Immediate<>(
            "body",
            () -> {
              order.expect(2);
              return "result";
            });

    String result =
        loop.runUntilComplete(
            co(
                () -> {
                  order.expect(1);
                  createTask(
                      co(
                          () -> {
                            order.expect(4);
                            return ret();
                          }));
                  return await(
                      body,
                      v -> {
                        order.expect(3); // same step: the other task has not run yet
                        return await(Asyncio.sleep(0), w -> ret(v));
                      });
                }));

    assertEquals("result", result);
    order.finish(4);
  }

  @Test
  void creatingItRunsNothing() {
    Immediate<String> i = counting("lazy");
    Coroutine<TaskGroup> enter = new TaskGroup().aenter(); // its body needs a running task

    assertEquals(0, runs.get());
    assertEquals("run 1", loop.runUntilComplete(co(() -> await(i, Coro::ret))));
    enter.close();
  }

  @Test
  void aSecondAwaitIsAReuseErrorAndTheBodyRanOnce() {
    Immediate<String> once = counting("once");

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> loop.runUntilComplete(co(() -> await(once, v -> await(once, w -> ret())))));

    assertEquals("cannot reuse already awaited coroutine: once", e.getMessage());
    assertEquals(1, runs.get());
  }

  @Test
  void whatTheBodyThrowsComesOutOfTheAwaitUnchangedEvenChecked() {
    IOException io = new IOException("disk");
    Immediate<String> failing =
        new Immediate<>(
            "failing",
            () -> {
              runs.incrementAndGet();
              throw io;
            });

    List<Throwable> caught =
        loop.runUntilComplete(
            co(() -> await(failing, (v, e1) -> await(failing, (w, e2) -> ret(List.of(e1, e2))))));

    assertSame(io, caught.get(0));
    IllegalStateException reuse = assertInstanceOf(IllegalStateException.class, caught.get(1));
    assertTrue(reuse.getMessage().contains("failing"), reuse.getMessage());
    assertEquals(1, runs.get());
  }

  @Test
  void anErrorOnTheFirstResumeIsRaisedWithoutRunningTheBody() {
    Immediate<String> thrownInto = counting("thrownInto");
    IllegalStateException boom = new IllegalStateException("boom");

    assertSame(boom, assertThrows(IllegalStateException.class, () -> thrownInto.throwIn(boom)));
    Task<String> cancelled = loop.createTask(counting("cancelled"));
    cancelled.cancel();
    loop.runUntilComplete(Asyncio.sleep(0));

    assertTrue(cancelled.cancelled());
    assertEquals(0, runs.get());
    IllegalStateException reuse =
        assertThrows(IllegalStateException.class, () -> thrownInto.send(null));
    assertTrue(reuse.getMessage().contains("cannot reuse"), reuse.getMessage());
  }

  @Test
  void sendRunsTheBodyAndFinishesAtOnce() {
    Immediate<String> i = counting("sent");

    assertEquals("run 1", assertThrows(StopIteration.class, () -> i.send(null)).value());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> i.send(null));
    assertTrue(e.getMessage().contains("cannot reuse"), e.getMessage());
    i.close(); // closing a finished coroutine does nothing
    assertEquals(1, runs.get());
  }

  @Test
  void closingItBeforeItRanMeansItNeverRuns() {
    Immediate<String> i = counting("closed");

    i.close();

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> loop.runUntilComplete(co(() -> await(i, Coro::ret))));
    assertEquals("cannot reuse already awaited coroutine: closed", e.getMessage());
    assertEquals(0, runs.get());
  }

  @Test
  void toStringIsItsName() {
    assertEquals("TaskGroup.aenter", new TaskGroup().aenter().toString());
    assertEquals("mine", counting("mine").toString());
  }
}
