package dev.jasyncio.http;

import dev.jasyncio.Awaitable;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Task;
import java.util.concurrent.Callable;

/**
 * A coroutine that builds the awaitable it stands for when it is first awaited, not when it is
 * created, and then finishes with that awaitable's outcome: the session's {@code close()} and the
 * response's {@code read()} do their work only once awaited, as Python's {@code async def} does.
 */
final class Deferred<T> extends Coroutine<T> {
  private final String name;
  private final Callable<? extends Awaitable<? extends T>> factory;
  private byte state;

  Deferred(String name, Callable<? extends Awaitable<? extends T>> factory) {
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
