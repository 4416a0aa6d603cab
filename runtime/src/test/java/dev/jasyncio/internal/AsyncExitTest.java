package dev.jasyncio.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.jasyncio.AsyncContextManager;
import dev.jasyncio.Asyncio;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Task;
import dev.jasyncio.TestEventLoop;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link AsyncExit}, the exit of an async with whose block raised: the exit's result passes
 * through, and an exception of the exit's own carries the block's as a suppressed exception unless
 * it already holds it. The coroutines are written by hand: this package sees only the runtime's
 * public API.
 */
class AsyncExitTest {
  private static final double EPS = 1e-9;

  private final TestEventLoop loop = new TestEventLoop();

  private final IllegalArgumentException block = new IllegalArgumentException("the block failed");

  /** Runs the exit of {@code manager} with the block's exception; its value or what it raised. */
  private Object exitOutcome(AsyncContextManager<?> manager) {
    return Asyncio.run(new Outcome(AsyncExit.aexit(manager, block)), () -> loop);
  }

  /** A manager whose aexit records the exception and returns what {@code exit} supplies. */
  private static final class Manager implements AsyncContextManager<String> {
    private final Supplier<Coroutine<Boolean>> exit;
    Throwable saw;

    Manager(Supplier<Coroutine<Boolean>> exit) {
      this.exit = exit;
    }

    @Override
    public Coroutine<String> aenter() {
      return Asyncio.done("resource");
    }

    @Override
    public Coroutine<Boolean> aexit(Throwable exception) {
      saw = exception;
      return exit.get();
    }

    @Override
    public String toString() {
      return "the manager";
    }
  }

  /** Sleeps {@code delay} seconds (not at all if 0), then returns {@code value} or throws. */
  private static final class After<T> extends Coroutine<T> {
    private final double delay;
    private final T value;
    private final Throwable error;
    private int state;

    After(double delay, T value, Throwable error) {
      this.delay = delay;
      this.value = value;
      this.error = error;
    }

    @Override
    @SuppressWarnings("fallthrough") // falls through to the next state when there is no sleep
    protected Object resume(Task<?> task, Object in, Throwable thrown) throws Throwable {
      switch (state) {
        case 0:
          if (thrown != null) {
            state = 2;
            throw thrown;
          }
          state = 1;
          if (delay > 0 && await(task, Asyncio.sleep(delay)) == SUSPENDED) {
            return SUSPENDED;
          }
        // fall through
        case 1:
          state = 2;
          if (thrown != null) {
            throw thrown;
          }
          if (error != null) {
            throw error;
          }
          return value;
        default:
          throw reuseError(thrown);
      }
    }
  }

  /** Awaits a coroutine and produces its outcome: its value or what it raised. */
  private static final class Outcome extends Coroutine<Object> {
    private final Coroutine<?> awaited;
    private boolean started;

    Outcome(Coroutine<?> awaited) {
      this.awaited = awaited;
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      if (!started) {
        started = true;
        if (error != null) {
          throw error;
        }
        try {
          value = await(task, awaited);
        } catch (Throwable t) {
          return t;
        }
        return value;
      }
      return error != null ? error : value;
    }
  }

  /** Runs {@code coro} as a task, cancels it a second later and produces its result. */
  private static final class CancelAfterOneSecond extends Coroutine<Object> {
    private final Coroutine<?> coro;
    private Task<?> task;
    private int state;

    CancelAfterOneSecond(Coroutine<?> coro) {
      this.coro = coro;
    }

    @Override
    protected Object resume(Task<?> current, Object value, Throwable error) throws Throwable {
      if (error != null) {
        throw error;
      }
      if (state == 0) {
        task = Asyncio.createTask(coro);
        state = 1;
        value = await(current, Asyncio.sleep(1));
        if (value == SUSPENDED) {
          return SUSPENDED;
        }
      }
      if (state == 1) {
        task.cancel("stop");
        state = 2;
        value = await(current, task);
        if (value == SUSPENDED) {
          return SUSPENDED;
        }
      }
      return value;
    }
  }

  // ---- the exit's result ----

  @Test
  void theExitsResultPassesThrough() {
    Manager suppressing = new Manager(() -> Asyncio.done(true));
    Manager passing = new Manager(() -> Asyncio.done(false));

    assertEquals(true, exitOutcome(suppressing));
    assertEquals(
        false, Asyncio.run(new Outcome(AsyncExit.aexit(passing, block)), TestEventLoop::new));
    assertSame(block, suppressing.saw, "the manager saw the block's exception");
    assertSame(block, passing.saw);
  }

  @Test
  void aSuspendingExitsResultPassesThroughWhenItResumes() {
    Manager m = new Manager(() -> new After<>(1, true, null));

    assertEquals(true, exitOutcome(m));
    assertEquals(1.0, loop.time(), EPS);
    assertEquals(0, block.getSuppressed().length);
  }

  // ---- the exit's own exception ----

  @Test
  void anExitExceptionOtherThanTheBlocksCarriesTheBlocksAsSuppressed() {
    IllegalStateException failed = new IllegalStateException("exit failed");
    Manager m = new Manager(() -> new After<>(0, null, failed));

    assertSame(failed, exitOutcome(m));
    assertArrayEquals(new Throwable[] {block}, failed.getSuppressed());
  }

  @Test
  void aSuspendingExitThatFailsCarriesTheBlocksExceptionToo() {
    IllegalStateException failed = new IllegalStateException("exit failed");
    Manager m = new Manager(() -> new After<>(1, null, failed));

    assertSame(failed, exitOutcome(m));
    assertArrayEquals(new Throwable[] {block}, failed.getSuppressed());
    assertEquals(1.0, loop.time(), EPS);
  }

  @Test
  void anExitRaisingTheBlocksOwnExceptionDoesNotSuppressItIntoItself() {
    Manager m = new Manager(() -> new After<>(1, null, block));

    assertSame(block, exitOutcome(m));
    assertEquals(0, block.getSuppressed().length);
  }

  @Test
  void anExitExceptionCausedByTheBlocksDoesNotCarryItAgain() {
    IllegalStateException wrapped = new IllegalStateException("wrapped", block);
    Manager m = new Manager(() -> new After<>(0, null, wrapped));

    assertSame(wrapped, exitOutcome(m));
    assertEquals(0, wrapped.getSuppressed().length);
  }

  @Test
  void anExitExceptionWithTheBlocksDeeperInItsCauseChainDoesNotCarryItAgain() {
    RuntimeException outer =
        new RuntimeException("outer", new IllegalStateException("middle", block));
    Manager m = new Manager(() -> new After<>(0, null, outer));

    assertSame(outer, exitOutcome(m));
    assertEquals(0, outer.getSuppressed().length);
  }

  @Test
  void anExitExceptionWithACircularCauseChainCarriesTheBlocksAsSuppressed() {
    IllegalStateException first = new IllegalStateException("first");
    IllegalStateException second = new IllegalStateException("second", first);
    first.initCause(second);
    RuntimeException failed = new RuntimeException("exit failed", first);
    Manager m = new Manager(() -> new After<>(0, null, failed));

    Object outcome = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> exitOutcome(m));

    assertSame(failed, outcome);
    assertArrayEquals(new Throwable[] {block}, failed.getSuppressed());
  }

  @Test
  void aexitReturningNullThrowsNullPointerExceptionNamingTheManager() {
    Manager m = new Manager(() -> null);

    NullPointerException e = assertInstanceOf(NullPointerException.class, exitOutcome(m));

    assertEquals("aexit() of the manager returned null", e.getMessage());
    assertArrayEquals(new Throwable[] {block}, e.getSuppressed());
  }

  @Test
  void cancellingAnExitThatIsSuspendedRaisesCancelledErrorCarryingTheBlocksException() {
    Manager m = new Manager(() -> new After<>(10, true, null));

    Object outcome =
        Asyncio.run(new CancelAfterOneSecond(new Outcome(AsyncExit.aexit(m, block))), () -> loop);

    CancelledError cancelled = assertInstanceOf(CancelledError.class, outcome);
    assertEquals("stop", cancelled.getMessage());
    assertArrayEquals(new Throwable[] {block}, cancelled.getSuppressed());
    assertEquals(1.0, loop.time(), EPS);
  }

  @Test
  void toStringNamesTheExceptionAndTheManager() {
    Manager m = new Manager(() -> Asyncio.done(true));

    assertEquals(
        "aexit(java.lang.IllegalArgumentException: the block failed) of the manager",
        AsyncExit.aexit(m, block).toString());
  }
}
