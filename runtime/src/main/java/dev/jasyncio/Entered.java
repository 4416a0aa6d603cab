package dev.jasyncio;

/**
 * The resource variable of {@code try (Entered<T> r = asyncWith(manager)) {...}}, Python's {@code
 * async with manager as r}: {@link #get()} is what the manager's {@code aenter} produced.
 *
 * <p>Inside an {@code @Async} method the processor compiles the statement so that the manager is
 * entered and exited with awaits; {@link #close()} itself does nothing.
 *
 * @param <T> what entering produced
 * @see Asyncio#asyncWith(AsyncContextManager)
 */
public final class Entered<T> implements AutoCloseable {
  private final T value;

  private Entered(T value) {
    this.value = value;
  }

  /** Holds {@code value}; called by generated code once the manager is entered. */
  public static <T> Entered<T> of(T value) {
    return new Entered<>(value);
  }

  /** What the manager's {@code aenter} produced: Python's {@code as} target. */
  public T get() {
    return value;
  }

  /** Does nothing: the generated code exits the manager, with an await. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "Entered(" + Future.abbreviate(value) + ")";
  }
}
