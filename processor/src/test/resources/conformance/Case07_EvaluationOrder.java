package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/** TRANSFORM_NOTES case 7: operands left of an await are evaluated once, before it suspends. */
public abstract class Case07_EvaluationOrder extends ConformanceCase {
  int x = 1;
  int[] a = new int[3];
  int i = 0;

  Coroutine<Integer> bumpXLater() {
    x = 10;
    return v(5);
  }

  String m(Object first, Object second) {
    return first + "/" + second;
  }

  Case07_EvaluationOrder obj() {
    trace("obj");
    return this;
  }

  @Async
  public Coroutine<Object> body() {
    int r = x + await(bumpXLater());
    trace("r=" + r);
    a[i++] = await(v(7));
    trace("a=" + a[0] + a[1] + " i=" + i);
    String s = obj().m(traced("side", "S"), await(v("G")));
    trace(s);
    return done(r);
  }
}
