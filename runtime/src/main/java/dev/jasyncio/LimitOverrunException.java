package dev.jasyncio;

/**
 * A read found no separator within the {@link StreamReader}'s limit, as asyncio's {@code
 * LimitOverrunError}. {@link StreamReader#readuntil} throws it and keeps the buffer, so that the
 * data can still be read another way; {@link StreamReader#readline} throws it after discarding the
 * over-long line.
 *
 * <p>Unchecked, so that it can be caught around an {@code await} without being declared.
 */
public class LimitOverrunException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int consumed;

  /**
   * @param message what was over the limit
   * @param consumed for {@code readuntil}, how many bytes to consume before looking again; for
   *     {@code readline}, how many bytes of the line were discarded
   */
  public LimitOverrunException(String message, int consumed) {
    super(message);
    this.consumed = consumed;
  }

  /**
   * For {@link StreamReader#readuntil}, the number of bytes to consume (they are still in the
   * buffer); for {@link StreamReader#readline}, the number of bytes of the line that were
   * discarded.
   */
  public int consumed() {
    return consumed;
  }
}
