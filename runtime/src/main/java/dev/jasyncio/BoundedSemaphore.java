package dev.jasyncio;

/**
 * A {@link Semaphore} that refuses to be released more often than it was acquired, as Python's
 * {@code asyncio.BoundedSemaphore}: a release that would make more permits free than it started
 * with throws, which catches a double release.
 *
 * <pre>{@code
 * BoundedSemaphore slots = new BoundedSemaphore(2);
 * slots.release();   // throws IllegalStateException: nothing was acquired
 * }</pre>
 */
public final class BoundedSemaphore extends Semaphore {
  private final int bound;

  /** A bounded semaphore with one permit. */
  public BoundedSemaphore() {
    this(1);
  }

  /**
   * A bounded semaphore with {@code value} permits, which is also the most it can have free.
   *
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public BoundedSemaphore(int value) {
    super(value);
    this.bound = value;
  }

  /**
   * Gives a permit back.
   *
   * @throws IllegalStateException if the free permits would exceed the initial value (Python's
   *     {@code ValueError})
   */
  @Override
  public void release() {
    checkThread("BoundedSemaphore.release");
    if (value >= bound) {
      throw new IllegalStateException("BoundedSemaphore released too many times: " + this);
    }
    super.release();
  }
}
