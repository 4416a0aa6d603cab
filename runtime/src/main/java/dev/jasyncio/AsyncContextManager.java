package dev.jasyncio;

/**
 * An asynchronous context manager, as Python's {@code __aenter__}/{@code __aexit__} pair: a
 * resource whose acquisition and release may await. {@link TaskGroup} and {@link Timeout} are ones.
 *
 * <pre>{@code
 * // inside an @Async method, Python's `async with timeout(1.0) as t: ...`:
 * T result = await(asyncWith(timeout(1.0), t -> fetch(url)));
 * }</pre>
 *
 * @param <T> what entering produces: Python's {@code as} target
 * @see Asyncio#asyncWith
 */
public interface AsyncContextManager<T> {
  /** Enters the context and produces the value bound by {@code as}. */
  Coroutine<T> aenter();

  /**
   * Leaves the context.
   *
   * @param exception what the body threw, or null if it finished normally
   * @return a coroutine producing true to suppress {@code exception}, false to let it propagate; an
   *     exception it throws replaces the body's
   */
  Coroutine<Boolean> aexit(Throwable exception);
}
