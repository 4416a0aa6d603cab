package dev.jasyncio;

/**
 * An asynchronous context manager, as Python's {@code __aenter__}/{@code __aexit__} pair: a
 * resource whose acquisition and release may await. {@link TaskGroup} and {@link Timeout} are ones.
 *
 * <p>Inside an {@code @Async} method, Python's {@code async with manager as r:} is a
 * try-with-resources over {@link Asyncio#asyncWith(AsyncContextManager)}:
 *
 * <pre>{@code
 * try (Entered<Integer> sum = asyncWith(new Async_AsyncAdd(1, 2))) {
 *   System.out.println(sum.get());
 * }
 * }</pre>
 *
 * <p>There are three ways to write one: implement the two methods as {@code @Async} methods of an
 * abstract class; write an {@code @Async} method that returns {@code AsyncContextManager<T>} and
 * emits once (Python's {@code @asynccontextmanager}); or wrap an {@link AsyncGenerator} with {@link
 * #fromGenerator}.
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

  /**
   * The context manager of a generator that emits once, as Python's {@code
   * contextlib.asynccontextmanager}: {@code aenter} runs {@code generator} to its emit and produces
   * the item; {@code aexit} resumes it, raising the with-body's exception at the emit. The
   * exception is suppressed if the generator catches it and finishes; an exception the generator
   * raises instead replaces it. A generator that does not emit, or emits twice, is an error.
   */
  static <T> AsyncContextManager<T> fromGenerator(AsyncGenerator<T> generator) {
    return new GeneratorContextManager<>(generator);
  }
}
