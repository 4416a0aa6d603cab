package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * An await in every expression position: casts, instanceof (with a pattern), unary operators,
 * nested awaits, constructor and method arguments, array creation and initializers, throw, and a
 * return of an awaitable. (Pattern variables used after an await, awaits in nested array
 * initializers and in a method reference's receiver are in Case27_*.)
 */
public abstract class Case27_AwaitExpressionPositions extends ConformanceCase {
  static final class Point {
    final int x;
    final int y;

    Point(int x, int y) {
      this.x = x;
      this.y = y;
    }

    @Override
    public String toString() {
      return "(" + x + "," + y + ")";
    }
  }

  int apply(IntUnaryOperator f, int x) {
    return f.applyAsInt(x);
  }

  @Async
  Coroutine<String> thrower(boolean fail) {
    if (fail) {
      throw await(v("make error", new IllegalStateException("awaited exception")));
    }
    return v("returned awaitable", "ok");
  }

  @Async
  public Coroutine<Object> body() {
    Object o = "text";
    String cast = (String) await(v(o));
    int narrowed = (int) (double) await(v(3.7));
    long widened = (long) await(v(3));
    Object boxed = (Object) await(v(5));
    @SuppressWarnings("unchecked")
    List<String> unchecked = (List<String>) await(v((Object) List.of("q")));
    trace("casts " + cast + " " + narrowed + " " + widened + " " + boxed + " " + unchecked.get(0));

    boolean isString = await(v(o)) instanceof String;
    boolean isInteger = await(v(o)) instanceof Integer;
    if (await(v(o)) instanceof String s) {
      trace("pattern " + s.toUpperCase());
    }
    trace("instanceof " + isString + " " + isInteger);

    int neg = -await(v(4));
    boolean not = !await(v(false));
    int inverted = ~await(v(0));
    trace("unary " + neg + " " + not + " " + inverted);

    int nested = await(v(await(v(1)) + await(v(await(v(2))))));
    trace("nested " + nested);

    Point p = new Point(await(v("x", 1)), traced("y", 2));
    Point q = new Point(traced("qx", 3), await(v("qy", 4)));
    trace("new " + p + q);
    int applied = apply(x -> x * 10, await(v(7)));
    trace("calls " + applied);

    int[] sized = new int[await(v(3))];
    int[] filled = {await(v(1)), traced("two", 2), await(v(3))};
    String[] words = new String[] {"a", await(v("b"))};
    trace(
        "arrays "
            + sized.length
            + filled[0]
            + filled[1]
            + filled[2]
            + words[1]);

    trace(await(thrower(false)));
    try {
      await(thrower(true));
    } catch (IllegalStateException e) {
      trace("thrown " + e.getMessage());
    }
    return done(await(v(nested)) + await(v(neg)));
  }
}
