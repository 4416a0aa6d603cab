package dev.jasyncio;

/**
 * An asynchronous iterator, as a Python object with {@code __anext__}: each {@link #anext()} is a
 * coroutine that produces the next item, or raises {@link StopAsyncIteration} when there is none.
 *
 * <p>A hand-written iterator is an abstract class with an {@code @Async anext()}; the generated
 * subclass implements it:
 *
 * <pre>{@code
 * public abstract class AsyncCounter implements AsyncIterator<Integer> {
 *   private int current;
 *   private final int stop;
 *
 *   protected AsyncCounter(int stop) { this.stop = stop; }
 *
 *   @Async
 *   @Override
 *   public Coroutine<Integer> anext() {
 *     if (current >= stop) {
 *       throw new StopAsyncIteration();
 *     }
 *     await(sleep(1.0));
 *     return done(current++);
 *   }
 * }
 *
 * // in an @Async method:
 * for (int i : asyncFor(new Async_AsyncCounter(3))) {
 *   System.out.println(i);
 * }
 * }</pre>
 *
 * <p>An {@code @Async} method declared to return {@link AsyncGenerator} is another way to write
 * one, usually shorter.
 *
 * @param <T> the type of the items
 */
public interface AsyncIterator<T> extends AsyncIterable<T> {
  /**
   * The next item: a coroutine that produces it, or raises {@link StopAsyncIteration} when the
   * iteration is over.
   */
  Coroutine<T> anext();

  /** This iterator: an iterator is iterable once, as in Python. */
  @Override
  default AsyncIterator<T> aiter() {
    return this;
  }

  /**
   * Releases what the iterator holds when a loop leaves it before the end: {@code asyncFor} awaits
   * it on {@code break}, {@code return} or an exception. Does nothing unless overridden; {@link
   * AsyncGenerator#aclose()} runs the generator's pending {@code finally} blocks.
   */
  default Coroutine<Void> aclose() {
    return Completed.VOID;
  }
}
