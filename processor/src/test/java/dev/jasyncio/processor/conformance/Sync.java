package dev.jasyncio.processor.conformance;

import dev.jasyncio.Awaitable;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Future;
import dev.jasyncio.StopIteration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * {@code await} for the reference build of a conformance case: the awaitable is already complete
 * (in {@link ConformanceCase.Mode#SYNC} every helper awaitable is), so its value is returned at
 * once, or its exception thrown, as a synchronous call would. A coroutine that only yields without
 * waiting for anything ({@code sleep(0)}) is run on to its end.
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
      while (true) {
        // A bare yield (sleep(0)) only lets other tasks run: there are none, so go on at once.
        Object yielded = c.send(null);
        if (yielded != null) {
          throw new AssertionError(
              "the reference build awaited something that suspends: " + c + " on " + yielded);
        }
      }
    } catch (StopIteration done) {
      return (T) done.value();
    }
  }

  /**
   * Returns the stage's value or throws its failure as jasyncio's await does: unwrapped from {@link
   * CompletionException}, and a cancelled stage as {@link CancelledError}.
   */
  public static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().join();
    } catch (CancellationException e) {
      throw new CancelledError(e.getMessage());
    } catch (CompletionException e) {
      Throwable t = e;
      while ((t instanceof CompletionException || t instanceof ExecutionException)
          && t.getCause() != null) {
        t = t.getCause();
      }
      throw Sync.<RuntimeException>sneaky(t);
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }
}
