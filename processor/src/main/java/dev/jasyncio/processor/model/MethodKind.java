package dev.jasyncio.processor.model;

/** What an {@code @Async} method produces, told by its declared return type. */
public enum MethodKind {
  /** {@code Coroutine<T>}: a computation that ends with {@code return done(value)}. */
  COROUTINE,
  /**
   * {@code AsyncGenerator<T>} (or {@code AsyncIterator<T>}, {@code AsyncIterable<T>}): emits items
   * with {@code emit(x)} and ends with {@code return endGenerator()}.
   */
  GENERATOR,
  /**
   * {@code AsyncContextManager<T>}: a generator that emits exactly once, as Python's
   * {@code @asynccontextmanager}.
   */
  CONTEXT_MANAGER
}
