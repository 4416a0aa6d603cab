package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.util.function.IntSupplier;

/**
 * TRANSFORM_NOTES case 18: final and effectively final locals assigned across an await, on some
 * paths only, captured afterwards by lambdas.
 */
public abstract class Case18_DefiniteAssignmentAndFinal extends ConformanceCase {
  int run(IntSupplier s) {
    return s.getAsInt();
  }

  @Async
  Coroutine<Integer> use(boolean c) {
    final int x;
    if (c) {
      x = await(v("a", 1));
    } else {
      x = 2;
    }
    int y;
    y = await(v("b", 10));
    final String label = await(v("label")) + x;
    int z = run(() -> x + y);
    trace(label + " " + run(() -> label.length()));
    return done(z);
  }

  @Async
  public Coroutine<Object> body() {
    int t = await(use(true)) + await(use(false));
    final int late;
    try {
      late = await(v(7));
    } finally {
      trace("finally");
    }
    IntSupplier s = () -> late * 2;
    return done(t + s.getAsInt());
  }
}
