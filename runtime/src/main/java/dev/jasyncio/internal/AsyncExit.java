package dev.jasyncio.internal;

import dev.jasyncio.AsyncContextManager;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Task;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The exit of an async with whose block raised, for generated code: awaits {@code
 * manager.aexit(exception)} and produces whether the exception is suppressed. If the exit raises an
 * exception of its own, that one propagates, as in Python, and carries the block's exception as a
 * suppressed exception so that neither is lost.
 */
public final class AsyncExit extends Coroutine<Boolean> {
  private final AsyncContextManager<?> manager;
  private final Throwable exception;
  private boolean started;

  private AsyncExit(AsyncContextManager<?> manager, Throwable exception) {
    this.manager = manager;
    this.exception = exception;
  }

  /** Exits {@code manager} with {@code exception}, the async with block's. */
  public static Coroutine<Boolean> aexit(AsyncContextManager<?> manager, Throwable exception) {
    return new AsyncExit(manager, exception);
  }

  @Override
  protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
    try {
      if (!started) {
        started = true;
        if (error != null) {
          throw error;
        }
        Coroutine<Boolean> exit = manager.aexit(exception);
        if (exit == null) {
          throw new NullPointerException("aexit() of " + manager + " returned null");
        }
        value = await(task, exit);
        if (value == SUSPENDED) {
          return SUSPENDED;
        }
      } else if (error != null) {
        throw error;
      }
      return value;
    } catch (Throwable t) {
      if (t != exception && !causedBy(t, exception)) {
        t.addSuppressed(exception);
      }
      throw t;
    }
  }

  private static boolean causedBy(Throwable t, Throwable cause) {
    // A cause chain can loop back on itself (a.initCause(b) after b.initCause(a)): remember what
    // was seen, as Throwable.printStackTrace does, so that the walk ends.
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.add(t);
    for (Throwable c = t.getCause(); c != null && seen.add(c); c = c.getCause()) {
      if (c == cause) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "aexit(" + exception + ") of " + manager;
  }
}
