package dev.jasyncio;

import java.util.function.Supplier;

/**
 * A coroutine that builds the awaitable it stands for when it is first awaited, not when it is
 * created: Python's {@code async def} functions start that way, reading the loop's clock and the
 * current task only once they run.
 */
final class Deferred<T> extends Coroutine<T> {
  private final String name;
  private final Supplier<? extends Awaitable<? extends T>> factory;
  private byte state;

  Deferred(String name, Supplier<? extends Awaitable<? extends T>> factory) {
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
          r = await(task, factory.get());
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
