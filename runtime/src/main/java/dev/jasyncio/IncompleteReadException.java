package dev.jasyncio;

/**
 * The stream ended before a read had what it asked for, as asyncio's {@code IncompleteReadError}:
 * {@link StreamReader#readexactly} got fewer than {@code n} bytes, or {@link
 * StreamReader#readuntil} found no separator before the end. The bytes read are in {@link
 * #partial()}; they are no longer in the reader.
 *
 * <p>Unchecked, so that it can be caught around an {@code await} without being declared (asyncio's
 * is an {@code EOFError}, which in Java is a checked {@link java.io.EOFException}).
 */
public class IncompleteReadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final byte[] partial;
  private final int expected;

  /**
   * @param partial the bytes read before the end of the stream
   * @param expected how many bytes were expected, or -1 if the read had no size (readuntil)
   */
  public IncompleteReadException(byte[] partial, int expected) {
    super(
        partial.length
            + " bytes read on a total of "
            + (expected < 0 ? "undefined" : String.valueOf(expected))
            + " expected bytes");
    this.partial = partial.clone();
    this.expected = expected;
  }

  /** The bytes read before the end of the stream (a copy). */
  public byte[] partial() {
    return partial.clone();
  }

  /** How many bytes were expected; -1 when the read had no size ({@code readuntil}). */
  public int expected() {
    return expected;
  }
}
