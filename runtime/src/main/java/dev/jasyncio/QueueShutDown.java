package dev.jasyncio;

/**
 * A put, or a get with nothing left to take, on a queue that has been shut down with {@link
 * Queue#shutdown}; also what coroutines waiting in {@code put()} or {@code get()} receive when the
 * queue is shut down. Python 3.13's {@code asyncio.QueueShutDown}; unchecked. The message names the
 * queue and the operation.
 */
public class QueueShutDown extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QueueShutDown(String message) {
    super(message);
  }
}
