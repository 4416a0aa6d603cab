package dev.jasyncio.processor.conformance;

import dev.jasyncio.Awaitable;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Future;
import dev.jasyncio.StopIteration;
import java.util.concurrent.CompletionStage;

/**
 * {@code await} for the reference build of a conformance case: the awaitable is already complete
 * (in {@link ConformanceCase.Mode#SYNC} every helper awaitable is), so its value is returned at
 * once, or its exception thrown, as a synchronous call would.
 */
public final class Sync {
  private Sync() {}

  @SuppressWarnings("unchecked")
  public static <T> T await(Awaitable<T> awaitable) {
    if (awaitable instanceof Future<T> f) {
      return f.result();
    }
    Coroutine<T> c = (Coroutine<T>) awaitable;
    try {
      Object yielded = c.send(null);
      throw new AssertionError(
          "the reference build awaited something that suspends: " + c + " on " + yielded);
    } catch (StopIteration done) {
      return (T) done.value();
    }
  }

  public static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }
}
