package dev.jasyncio;

/**
 * What went wrong, as passed to the loop's {@link ExceptionHandler}: Python's exception-handler
 * context dictionary.
 *
 * @param message what happened, for example {@code "Exception in callback <Handle ...>"}
 * @param exception the exception, or null
 * @param handle the callback handle involved, or null
 * @param future the future or task involved, or null
 */
public record ExceptionContext(
    String message, Throwable exception, Handle handle, Future<?> future) {

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
