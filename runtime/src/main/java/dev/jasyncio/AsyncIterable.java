package dev.jasyncio;

/**
 * Something that can be iterated asynchronously, as a Python object with {@code __aiter__}: the
 * source of {@code for (T x : asyncFor(iterable))} in an {@code @Async} method.
 *
 * @param <T> the type of the items
 * @see AsyncIterator
 * @see Asyncio#asyncFor
 */
@FunctionalInterface
public interface AsyncIterable<T> {
  /** A new iterator over the items, or this object itself if it is its own iterator. */
  AsyncIterator<T> aiter();
}
