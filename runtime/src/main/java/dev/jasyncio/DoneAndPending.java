package dev.jasyncio;

import java.util.Set;

/**
 * What {@link Asyncio#waitTasks} returns: the futures that are done and those still pending, each
 * in the order they were given.
 */
public record DoneAndPending<T>(Set<Future<T>> done, Set<Future<T>> pending) {
  public DoneAndPending {
    done = java.util.Collections.unmodifiableSet(done);
    pending = java.util.Collections.unmodifiableSet(pending);
  }
}
