package dev.jasyncio;

/**
 * {@link Queue#putNowait} found the queue full. Python's {@code asyncio.QueueFull}; unchecked, like
 * every jasyncio exception. The message names the queue.
 */
public class QueueFull extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QueueFull(String message) {
    super(message);
  }
}
