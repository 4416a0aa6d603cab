package dev.jasyncio;

import java.util.Objects;

/**
 * What went wrong, as passed to the loop's {@link ExceptionHandler}: Python's exception-handler
 * context dictionary.
 *
 * @param message what happened, for example {@code "Exception in callback <Handle ...>"}; required
 * @param exception the exception, or null
 * @param handle the callback handle involved, or null
 * @param future the future or task involved, or null
 */
public record ExceptionContext(
    String message, Throwable exception, Handle handle, Future<?> future) {

  /**
   * Every context has a message: {@link #toString()} and the default handler's log line start with
   * it.
   *
   * @throws NullPointerException if {@code message} is null
   */
  public ExceptionContext {
    Objects.requireNonNull(message, "message");
  }

  /** The task involved, or null. */
  public Task<?> task() {
    return future instanceof Task<?> t ? t : null;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(message);
    if (handle != null) {
      sb.append("\nhandle: ").append(handle);
    }
    if (future != null) {
      sb.append(future instanceof Task ? "\ntask: " : "\nfuture: ").append(future);
    }
    if (exception != null) {
      sb.append("\nexception: ").append(exception);
    }
    return sb.toString();
  }
}
