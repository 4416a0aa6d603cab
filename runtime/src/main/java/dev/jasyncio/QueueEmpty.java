package dev.jasyncio;

/**
 * {@link Queue#getNowait()} found the queue empty. Python's {@code asyncio.QueueEmpty}; unchecked,
 * like every jasyncio exception. The message names the queue.
 */
public class QueueEmpty extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QueueEmpty(String message) {
    super(message);
  }
}
