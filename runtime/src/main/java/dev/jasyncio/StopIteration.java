package dev.jasyncio;

/**
 * Thrown by {@link Coroutine#send} and {@link Coroutine#throwIn} when the coroutine finishes,
 * carrying its result, as Python's {@code StopIteration}.
 */
public final class StopIteration extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Object value;

  public StopIteration(Object value) {
    super("coroutine finished with " + value, null, false, false);
    this.value = value;
  }

  /** The coroutine's result. */
  public Object value() {
    return value;
  }
}
