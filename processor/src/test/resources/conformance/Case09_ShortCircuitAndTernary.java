package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/** TRANSFORM_NOTES case 9: the lazy side of &&, || and ?: is not evaluated when it is skipped. */
public abstract class Case09_ShortCircuitAndTernary extends ConformanceCase {
  Object cache = "cached";

  @Async
  public Coroutine<Object> body() {
    if (cache != null || await(v("load 1", null)) != null) {
      trace("hit");
    }
    cache = null;
    if (cache != null || await(v("load 2", "loaded")) != null) {
      trace("miss then load");
    }
    boolean c = true;
    int v1 = c ? await(v("a1", 1)) : traced("b1", 2);
    c = false;
    int v2 = c ? await(v("a2", 1)) : traced("b2", 2);
    int v3 = c ? traced("b3", 1) : await(v("a3", 3));
    trace("ternary " + v1 + v2 + v3);

    boolean and1 = traced("left false", false) && await(v("right 1", true));
    boolean and2 = traced("left true", true) && await(v("right 2", false));
    boolean or1 = await(v("left 3", true)) || traced("right 3", false);
    boolean or2 = await(v("left 4", false)) || await(v("right 4", true));
    trace("logic " + and1 + and2 + or1 + or2);

    boolean nested =
        (await(v("p", true)) || await(v("q", false)))
            && (await(v("r", false)) ? traced("s", true) : await(v("t", true)));
    trace("nested " + nested);

    long widened = c ? 2L : await(v("widen", 1));
    Object mixed = !c ? await(v("mixed", 7)) : "text";
    Integer maybeNull = c ? await(v(1)) : null;
    String chain = c ? "x" : !c ? await(v("chain", "y")) : traced("z", "z");
    trace("types " + widened + " " + mixed + " " + maybeNull + " " + chain);
    // await is generic, so this is a reference conditional: the null is not unboxed.
    Integer nothing = null;
    Integer stillNull = !c ? await(v(nothing)) : 0;
    trace("reference conditional " + stillNull);

    int count = 0;
    while (count < 5 && (count % 2 == 0 || await(v("odd " + count, true)))) {
      count++;
    }
    return done(count);
  }
}
