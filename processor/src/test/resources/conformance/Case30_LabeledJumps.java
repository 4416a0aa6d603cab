package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * Labeled break and continue out of nested loops with awaits, from inside try/finally, and break
 * out of a labeled block. Each jump is in an if whose condition awaits or in a block that awaits;
 * jumps in statements without an await are in Case40.
 */
public abstract class Case30_LabeledJumps extends ConformanceCase {
  @Async
  public Coroutine<Object> body() {
    outer:
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        int v = await(v(i * 10 + j));
        if (await(v(j == 1))) continue outer;
        if (await(v(i == 2))) break outer;
        trace("pair " + v);
      }
      trace("not reached");
    }
    int n = 0;
    rows:
    while (n < 5) {
      n++;
      int m = 0;
      do {
        m++;
        try {
          await(v("try " + n + m, null));
          if (await(v(m == 2))) continue rows;
          if (await(v(n == 3))) break rows;
        } finally {
          trace("finally " + n + m + await(v("")));
        }
      } while (m < 3);
    }
    trace("n " + n);
    block:
    {
      trace("block " + await(v(1)));
      if (await(v(n == 3))) break block;
      trace("not reached");
    }
    found:
    for (String s : new String[] {"a", "bb", "ccc"}) {
      for (char c : s.toCharArray()) {
        try {
          if (await(v(c)) == 'b') {
            trace("found " + s);
            await(v(null));
            break found;
          }
        } finally {
          trace("inner finally " + c);
        }
      }
    }
    return done(n);
  }
}
