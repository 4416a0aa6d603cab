package dev.jasyncio;

import static dev.jasyncio.Asyncio.asyncWith;
import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Steps.finishNow;
import static dev.jasyncio.Steps.logged;
import static dev.jasyncio.Steps.outcome;
import static dev.jasyncio.Steps.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link BoundedSemaphore}: a release beyond the initial value throws; otherwise it is a
 * {@link Semaphore}.
 */
class BoundedSemaphoreTest {
  private final TestEventLoop loop = new TestEventLoop();

  private <T> T run(Coroutine<T> main) {
    return Asyncio.run(main, () -> loop);
  }

  @Test
  @DisplayName("case 60 semaphoreAndBarrier: a release beyond the initial value throws")
  void case60_releaseBeyondTheInitialValueThrows() {
    BoundedSemaphore sem = new BoundedSemaphore(2);

    IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);

    assertEquals(
        "BoundedSemaphore released too many times: <BoundedSemaphore [unlocked, value:2]>",
        e.getMessage());
    assertEquals(2, sem.value, "the refused release changed nothing");
  }

  @Test
  void releasesMatchingAcquiresAreAccepted() {
    BoundedSemaphore sem = new BoundedSemaphore();

    finishNow(sem.acquire());
    assertEquals("<BoundedSemaphore [locked]>", sem.toString());
    sem.release();

    assertEquals("<BoundedSemaphore [unlocked, value:1]>", sem.toString());
    assertThrows(IllegalStateException.class, sem::release);
  }

  @Test
  void releaseHandsThePermitToAWaiter() {
    BoundedSemaphore sem = new BoundedSemaphore(1);
    List<Object> log = new ArrayList<>();
    List<Task<?>> tasks = new ArrayList<>();
    run(
        steps(
            () -> {
              finishNow(sem.acquire());
              tasks.add(createTask(logged("waiter", sem.acquire(), log, sem::release)));
            },
            sem::release,
            () -> {
              assertEquals(List.of("waiter"), log);
              assertEquals("<BoundedSemaphore [unlocked, value:1]>", sem.toString());
            }));
  }

  @Test
  void releasingInsideAnAsyncWithMakesTheExitThrow() {
    BoundedSemaphore sem = new BoundedSemaphore(1);

    Object outcome =
        run(
            outcome(
                asyncWith(
                    sem,
                    entered -> {
                      sem.release();
                      return Asyncio.done();
                    })));

    IllegalStateException e = assertInstanceOf(IllegalStateException.class, outcome);
    assertTrue(e.getMessage().startsWith("BoundedSemaphore released too many times"));
  }

  @Test
  void negativeInitialValueIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new BoundedSemaphore(-2));
  }
}
