package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.util.List;

/**
 * A pattern variable of instanceof used after an await: in the body of the if, on the right of
 * {@code &&}, and in the else branch of a negated test.
 */
public abstract class Case27_PatternBindingAcrossAwait extends ConformanceCase {
  @Async
  public Coroutine<Object> body() {
    Object o = "text";
    if (o instanceof String t) {
      await(v(null));
      trace("after await " + t);
    }
    if (await(v(o)) instanceof String s && s.length() > 2) {
      trace("and " + s.toUpperCase());
    }
    if (!(await(v((Object) 42)) instanceof Integer n)) {
      trace("not reached");
    } else {
      trace("else " + (n + 1));
    }
    Object maybe = List.of(1);
    String kind = maybe instanceof List<?> l && await(v(l.size())) == 1 ? "singleton" : "other";
    return done(kind);
  }
}
