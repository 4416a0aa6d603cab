package dev.jasyncio;

/**
 * Raised inside a coroutine whose task was cancelled, at the await where the cancellation is
 * delivered, and by {@link Future#result()} of a cancelled future.
 *
 * <p>It extends {@link Error}, not {@link Exception}, for the reason Python 3.8 made {@code
 * CancelledError} a {@code BaseException}: a {@code catch (Exception e)} written to handle failures
 * must not swallow a cancellation. Code that does catch it (to clean up) should rethrow it; a task
 * that returns normally after catching it is not cancelled.
 */
public class CancelledError extends Error {
  private static final long serialVersionUID = 1L;

  /** A cancellation without a message. */
  public CancelledError() {
    super();
  }

  /** A cancellation with the message given to {@code cancel(message)}; may be null. */
  public CancelledError(String message) {
    super(message);
  }
}
