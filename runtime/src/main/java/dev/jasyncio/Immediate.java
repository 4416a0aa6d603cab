package dev.jasyncio;

/**
 * A coroutine whose whole body runs, without suspending, when it is first awaited: the shape of
 * {@code __aenter__}/{@code __aexit__} methods that do not await.
 */
final class Immediate<T> extends Coroutine<T> {
  /** The body; it may throw anything. */
  @FunctionalInterface
  interface Body<T> {
    T run() throws Throwable;
  }

  private final String name;
  private final Body<T> body;
  private boolean ran;

  Immediate(String name, Body<T> body) {
    this.name = name;
    this.body = body;
  }

  @Override
  protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
    if (ran) {
      throw reuseError(error);
    }
    ran = true;
    if (error != null) {
      throw error;
    }
    return body.run();
  }

  @Override
  public String toString() {
    return name;
  }
}
