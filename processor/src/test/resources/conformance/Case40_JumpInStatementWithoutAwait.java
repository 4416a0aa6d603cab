package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * break, continue, return and yield written inside a statement that has no await of its own
 * ({@code if (c) break;}, {@code { continue; }}), leaving a loop, switch or try that has one.
 */
public abstract class Case40_JumpInStatementWithoutAwait extends ConformanceCase {
  @Async
  Coroutine<Integer> continueInFor() {
    int sum = 0;
    for (int i = 0; i < 4; i++) {
      sum += await(v(i));
      if (i % 2 == 0) continue;
      trace("odd " + i);
    }
    return done(sum);
  }

  @Async
  Coroutine<Integer> breakInBlock() {
    int i = 0;
    while (true) {
      i += await(v(1));
      if (i == 3) {
        break;
      }
    }
    return done(i);
  }

  @Async
  Coroutine<String> returnThroughFinally(boolean early) {
    try {
      if (early) {
        return done("early");
      }
      return done(await(v("late")));
    } finally {
      trace("finally " + await(v(early)));
    }
  }

  @Async
  Coroutine<Integer> yieldInBlock(int k) {
    int r =
        switch (k) {
          case 1 -> {
            int t = await(v(10));
            if (t > 5) {
              yield t;
            }
            yield 0;
          }
          default -> -1;
        };
    return done(r);
  }

  @Async
  public Coroutine<Object> body() {
    trace(await(continueInFor()));
    trace(await(breakInBlock()));
    trace(await(returnThroughFinally(true)));
    trace(await(returnThroughFinally(false)));
    return done(await(yieldInBlock(1)));
  }
}
