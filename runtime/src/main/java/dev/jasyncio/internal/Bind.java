package dev.jasyncio.internal;

/**
 * Lets generated code copy a pattern variable into a field in the middle of a condition: {@code o
 * instanceof String s && Bind.set(this.s = s)}.
 */
public final class Bind {
  private Bind() {}

  /** Returns true; its argument is the assignment the caller wanted to make. */
  public static boolean set(Object assigned) {
    return true;
  }
}
