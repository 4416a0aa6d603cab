package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.util.List;

/**
 * TRANSFORM_NOTES case 6: awaits in loop conditions, for initializers and updates, and for-each
 * sources; the condition is evaluated again after every resume.
 */
public abstract class Case06_AwaitInLoopHeaders extends ConformanceCase {
  int remaining = 3;

  Coroutine<Boolean> hasMore() {
    return v("hasMore " + remaining, remaining > 0);
  }

  @Async
  public Coroutine<Object> body() {
    while (await(hasMore())) {
      trace("while " + remaining);
      remaining--;
    }
    for (int i = 0; i < 7; i = await(v("next " + i, i + 3))) {
      trace("for " + i);
    }
    for (String s : await(v("list", List.of("a", "b", "c")))) {
      trace("each " + s);
    }
    for (int x : await(v("array", new int[] {4, 5}))) {
      trace("int " + x);
    }
    int n = 2;
    do {
      trace("do " + n);
      n--;
    } while (await(v("do cond " + n, n > 0)));
    for (int k = await(v("init", 3)); await(v("cond " + k, k > 0)); k -= await(v("step", 2))) {
      trace("for2 " + k);
    }
    int j = 0;
    for (; j < await(v(2)); ) {
      j++;
    }
    return done(j + n);
  }
}
