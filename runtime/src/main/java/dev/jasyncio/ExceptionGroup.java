package dev.jasyncio;

import java.util.List;

/**
 * Several exceptions raised together, as Python's {@code ExceptionGroup}: a {@link TaskGroup}
 * raises one holding every failure of its tasks and of its body.
 *
 * <p>The exceptions are also attached as {@linkplain #getSuppressed() suppressed} exceptions, so
 * that a printed stack trace shows each of them.
 */
public class ExceptionGroup extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Throwable> exceptions;

  /**
   * @param message what failed, for example {@code "unhandled errors in a TaskGroup"}
   * @param exceptions at least one exception
   */
  public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
    super(
        message
            + " ("
            + exceptions.size()
            + " sub-exception"
            + (exceptions.size() == 1 ? "" : "s")
            + ")");
    if (exceptions.isEmpty()) {
      throw new IllegalArgumentException("an ExceptionGroup needs at least one exception");
    }
    this.exceptions = List.copyOf(exceptions);
    for (Throwable t : this.exceptions) {
      addSuppressed(t);
    }
  }

  /** The exceptions, in the order they were raised. */
  public List<Throwable> exceptions() {
    return exceptions;
  }
}
