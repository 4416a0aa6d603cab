package dev.jasyncio.internal;

/** Throws checked exceptions without declaring them: a coroutine fails with the same exception. */
public final class Sneaky {
  private Sneaky() {}

  /**
   * Throws {@code t} unchanged, whatever its type. Declared to return an exception so that callers
   * can write {@code throw Sneaky.throwUnchecked(t)} and keep javac's flow analysis.
   */
  public static RuntimeException throwUnchecked(Throwable t) {
    throw Sneaky.<RuntimeException>cast(t);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E cast(Throwable t) throws E {
    throw (E) t;
  }
}
