package dev.jasyncio.internal;

import dev.jasyncio.Awaitable;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Task;
import java.util.concurrent.Callable;

/**
 * A coroutine that builds the awaitable it stands for when it is first awaited, not when it is
 * created, and then finishes with that awaitable's outcome: Python's {@code async def} functions
 * start that way, reading the loop's clock and the current task only once they run. The runtime's
 * coroutines that are thin wrappers ({@code waitFor}, {@code toThread}, the HTTP session's {@code
 * close()}) are made with it.
 */
public final class Deferred<T> extends Coroutine<T> {
  private final String name;
  private final Callable<? extends Awaitable<? extends T>> factory;
  private byte state;

  /**
   * @param name what {@link #toString()} says
   * @param factory builds the awaitable at the first await; what it throws is the coroutine's
   *     failure
   */
  public Deferred(String name, Callable<? extends Awaitable<? extends T>> factory) {
    this.name = name;
    this.factory = factory;
  }

  @Override
  protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
    switch (state) {
      case 0:
        if (error != null) {
          state = 2;
          throw error;
        }
        state = 1;
        Object r;
        try {
          r = await(task, factory.call());
        } catch (Throwable t) {
          state = 2;
          throw t;
        }
        if (r != SUSPENDED) {
          state = 2;
        }
        return r;
      case 1:
        state = 2;
        if (error != null) {
          throw error;
        }
        return value;
      default:
        throw reuseError(error);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
