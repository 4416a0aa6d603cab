package dev.jasyncio;

import java.util.Objects;
import java.util.function.Function;

/**
 * The coroutine of {@link Asyncio#asyncWith}: Python's {@code async with} statement. Enter; run the
 * body; exit with the body's exception, which the exit may suppress or replace.
 */
final class AsyncWith<R, T> extends Coroutine<T> {
  private static final int ENTER = 0;
  private static final int ENTERED = 1;
  private static final int BODY_DONE = 2;
  private static final int EXITED = 3;
  private static final int FINISHED = 4;

  private final AsyncContextManager<R> manager;
  private final Function<? super R, ? extends Awaitable<? extends T>> body;
  private int state;
  private Object result;
  private Throwable pending;

  AsyncWith(
      AsyncContextManager<R> manager, Function<? super R, ? extends Awaitable<? extends T>> body) {
    this.manager = Objects.requireNonNull(manager, "manager");
    this.body = Objects.requireNonNull(body, "body");
  }

  @Override
  @SuppressWarnings("unchecked")
  protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
    for (; ; ) {
      switch (state) {
        case ENTER:
          if (error != null) {
            state = FINISHED;
            throw error;
          }
          state = ENTERED;
          try {
            value = await(task, manager.aenter());
          } catch (Throwable t) {
            state = FINISHED;
            throw t;
          }
          if (value == SUSPENDED) {
            return SUSPENDED;
          }
          continue;
        case ENTERED:
          if (error != null) {
            state = FINISHED; // entering failed: there is nothing to exit
            throw error;
          }
          state = BODY_DONE;
          try {
            Awaitable<? extends T> b =
                Objects.requireNonNull(body.apply((R) value), "the asyncWith body returned null");
            value = await(task, b);
          } catch (Throwable t) {
            value = null;
            error = t;
            continue;
          }
          if (value == SUSPENDED) {
            return SUSPENDED;
          }
          continue;
        case BODY_DONE:
          result = value;
          pending = error;
          state = EXITED;
          try {
            value =
                await(task, Objects.requireNonNull(manager.aexit(pending), "aexit returned null"));
          } catch (Throwable t) {
            state = FINISHED;
            throw t;
          }
          error = null;
          if (value == SUSPENDED) {
            return SUSPENDED;
          }
          continue;
        case EXITED:
          state = FINISHED;
          if (error != null) {
            throw error;
          }
          if (pending != null && !Boolean.TRUE.equals(value)) {
            throw pending;
          }
          return pending != null ? null : result;
        default:
          throw reuseError(error);
      }
    }
  }

  @Override
  public String toString() {
    return "asyncWith(" + manager + ")";
  }
}
