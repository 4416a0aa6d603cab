package dev.jasyncio;

/**
 * A {@link Queue} that hands out the most recently put item first, as Python's {@code
 * asyncio.LifoQueue}: a stack.
 *
 * <pre>{@code
 * LifoQueue<String> stack = new LifoQueue<>();
 * stack.putNowait("a");
 * stack.putNowait("b");
 * String top = await(stack.get()); // "b"
 * }</pre>
 *
 * <p>Only the order of the items differs: waiters are still served first come, first served, and
 * cancellation, {@code taskDone}/{@code join}, shutdown, {@code null} items and threads work as in
 * {@link Queue}.
 *
 * @param <T> the type of the items
 */
public class LifoQueue<T> extends Queue<T> {
  /** An unbounded stack. */
  public LifoQueue() {
    this(0);
  }

  /** A stack of at most {@code maxsize} items; {@code maxsize <= 0} means unbounded. */
  public LifoQueue(int maxsize) {
    super(maxsize);
  }

  @Override
  T takeNext() {
    return unmask(items.pollLast());
  }
}
