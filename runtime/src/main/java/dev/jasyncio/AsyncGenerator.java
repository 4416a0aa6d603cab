package dev.jasyncio;

/**
 * An asynchronous generator, as Python's {@code async def} with {@code yield}: an {@link
 * AsyncIterator} whose items come from a body that can also await, and which can be sent values,
 * thrown into and closed.
 *
 * <p>Written as an {@code @Async} method that returns {@code AsyncGenerator<T>}; {@code emit(x)}
 * hands out an item (Python's {@code yield x}) and {@code return endGenerator()} ends the
 * iteration:
 *
 * <pre>{@code
 * @Async
 * AsyncGenerator<Integer> counter(int stop) {
 *   for (int n = 0; n < stop; n++) {
 *     emit(n);
 *     await(sleep(1.0));
 *   }
 *   return endGenerator();
 * }
 * }</pre>
 *
 * <p>The body runs only while a request ({@link #anext()}, {@link #asend}, {@link #athrow}, {@link
 * #aclose}) is awaited, up to the next {@code emit}; a second request while one is running is an
 * error. A generator left early by {@code asyncFor} is closed at once; one left unfinished in any
 * other way is closed when its loop shuts down ({@link EventLoop#shutdownAsyncgens()}, called by
 * {@link Asyncio#run}).
 *
 * @param <T> the type of the items
 */
public interface AsyncGenerator<T> extends AsyncIterator<T> {
  /**
   * Resumes the body with {@code value} as the result of the {@code emit} it is suspended at, and
   * produces the next item, as Python's {@code asend}. {@code anext()} is {@code asend(null)}.
   *
   * @throws IllegalArgumentException (from the coroutine) if {@code value} is not null and the
   *     generator has not started
   */
  Coroutine<T> asend(Object value);

  /**
   * Raises {@code error} at the {@code emit} the body is suspended at and produces the next item,
   * as Python's {@code athrow}. The body may catch it and go on; if it does not, the coroutine
   * raises it and the generator is finished.
   */
  Coroutine<T> athrow(Throwable error);

  /**
   * Closes the generator, as Python's {@code aclose}: raises {@link GeneratorExit} at the {@code
   * emit} the body is suspended at, so that its {@code finally} blocks run (and may await). A body
   * that emits again instead of finishing is an error: {@link IllegalStateException} "async
   * generator ignored GeneratorExit". Closing a finished or never started generator does nothing.
   */
  @Override
  Coroutine<Void> aclose();
}
