package dev.jasyncio;

/**
 * The end of an asynchronous iteration, as Python's {@code StopAsyncIteration}: the coroutine
 * returned by {@link AsyncIterator#anext()} raises it when no items remain.
 *
 * <p>{@code for (T x : asyncFor(source))} in an {@code @Async} method catches it around each {@code
 * anext()} and leaves the loop; nothing else about it is special. A hand-written iterator ends with
 * {@code throw new StopAsyncIteration()}. An {@code @Async} generator ends when its body returns
 * {@code endGenerator()}; a {@code StopAsyncIteration} that escapes a generator's body is a bug in
 * the body and reaches the caller as an {@link IllegalStateException} (Python's {@code
 * RuntimeError}), so that it cannot end an outer loop by accident.
 *
 * <p>It carries no stack trace and accepts no suppressed exceptions: ending a loop this way costs
 * an allocation at most, and the runtime reuses one instance for every exhausted generator.
 */
public class StopAsyncIteration extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Raised by every exhausted {@link AbstractAsyncGenerator}. */
  static final StopAsyncIteration EXHAUSTED =
      new StopAsyncIteration("the async generator is exhausted");

  public StopAsyncIteration() {
    this("the async iterator is exhausted");
  }

  public StopAsyncIteration(String message) {
    super(message, null, false, false);
  }
}
