package dev.jasyncio;

/**
 * A coroutine that is already finished: {@link Asyncio#done(Object)}. Awaiting it gives its value
 * without suspending, as often as it is awaited.
 */
final class Completed<T> extends Coroutine<T> {
  static final Completed<Void> VOID = new Completed<>(null);

  private final T value;

  Completed(T value) {
    this.value = value;
  }

  @Override
  protected Object resume(Task<?> task, Object ignored, Throwable error) throws Throwable {
    if (error != null) {
      throw error;
    }
    return value;
  }

  @Override
  public String toString() {
    return "done(" + Future.abbreviate(value) + ")";
  }
}
