package dev.jasyncio;

/**
 * The base of the state machines the processor generates for {@code @Async} methods that return
 * {@link Coroutine}. Not for hand-written coroutines: extend {@link Coroutine}.
 *
 * <p>A generated machine records its own end: it sets its state to done before it returns or
 * throws, and {@link #finished} reads that state. So an await that starts one and sees it return at
 * once writes nothing after the call, which is most of what such an await costs beyond the call
 * itself; a hand-written coroutine has its end recorded by the await instead.
 *
 * @param <T> the type of the coroutine's result
 */
public abstract class GeneratedCoroutine<T> extends Coroutine<T> {
  protected GeneratedCoroutine() {}

  /**
   * Whether the body has returned or thrown. Called only to tell a coroutine that finished in the
   * await that started it from one that is still running there.
   */
  protected abstract boolean finished();
}
