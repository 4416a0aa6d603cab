package dev.jasyncio;

/**
 * A {@link Future} was asked for something its state does not allow: the result of a pending
 * future, or a second result. Python's {@code asyncio.InvalidStateError}.
 */
public class InvalidStateException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public InvalidStateException(String message) {
    super(message);
  }
}
