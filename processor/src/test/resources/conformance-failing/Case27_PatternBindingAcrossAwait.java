package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.util.List;

/**
 * A pattern variable of instanceof used after an await: in the body of the if, on the right of
 * {@code &&}, and in the else branch of a negated test.
 *
 * <p>Fails: the generated code does not compile, "cannot find symbol: variable s" (and t, n, l).
 * The binding stays inside the instanceof, in one case of the state machine, while its uses are in
 * later cases; it is not kept in a field as other locals that live across an await are. {@code
 * if (await(x) instanceof String s) { use(s); }} with no further await works.
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
