package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/** Blocks and if/else chains with awaits in conditions, branches and nested blocks. */
public abstract class Case28_BlocksAndIf extends ConformanceCase {
  @Async
  Coroutine<String> classify(int n) {
    String r;
    if (await(v("negative? " + n, n < 0))) {
      r = "negative";
    } else if (n == 0) {
      r = await(v("zero"));
    } else if (await(v("small? " + n, n < 10))) {
      {
        int doubled = await(v(n * 2));
        {
          r = "small " + doubled;
        }
      }
    } else {
      r = "large";
      if (n > 100) {
        r += await(v(" and huge"));
      }
    }
    return done(r);
  }

  @Async
  public Coroutine<Object> body() {
    for (int n : new int[] {-5, 0, 3, 50, 500}) {
      trace(await(classify(n)));
    }
    int x = 1;
    if (x > 0) trace(await(v("no braces")));
    else trace("not reached");
    if (x < 0) trace("not reached");
    else if (await(v(true))) x = await(v(2));
    {
      trace("block " + x);
      {
        x += await(v(3));
      }
      ;
    }
    if (x == 5) {
      return done(await(v("early " + x)));
    }
    return done("late");
  }
}
