package dev.jasyncio;

/**
 * A {@link Barrier} was aborted or reset while a task waited on it, or is broken when a task
 * arrives: Python's {@code asyncio.BrokenBarrierError}.
 *
 * <p>Unchecked, unlike {@link java.util.concurrent.BrokenBarrierException}, so that it can be
 * caught around an {@code await} without being declared; an {@link IllegalStateException}, as
 * Python's is a {@code RuntimeError}. Named like {@link TimeoutException} and {@link
 * InvalidStateException}: in jasyncio a name ending in {@code Error} is a {@link java.lang.Error}
 * such as {@link CancelledError}.
 */
public class BrokenBarrierException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public BrokenBarrierException(String message) {
    super(message);
  }
}
