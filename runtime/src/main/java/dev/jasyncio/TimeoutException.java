package dev.jasyncio;

/**
 * A deadline passed: raised by {@link Asyncio#timeout}, {@link Asyncio#waitFor} and {@link
 * Asyncio#asCompleted}. Python's {@code TimeoutError}.
 *
 * <p>Unchecked, unlike {@link java.util.concurrent.TimeoutException}, so that it can be caught
 * around an {@code await} without being declared. When the deadline cancelled the work, the cause
 * is the {@link CancelledError} that did it.
 */
public class TimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TimeoutException() {
    super();
  }

  public TimeoutException(String message) {
    super(message);
  }

  public TimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
