package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Awaits in the arguments of an anonymous class creation and in the enclosing instance and
 * arguments of a qualified creation: evaluated left to right before the object is made, and the
 * anonymous body sees each turn's locals.
 */
public abstract class Case43_AwaitInAnonymousAndQualifiedCreation extends ConformanceCase {
  public class Inner {
    final String s;

    public Inner(String s) {
      this.s = s;
    }

    @Override
    public String toString() {
      return "Inner(" + s + ")";
    }
  }

  public abstract static class Greeting implements Supplier<String> {
    final String name;

    public Greeting(String name) {
      this.name = name;
    }
  }

  @Async
  public Coroutine<Object> body() {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      int k = i;
      Greeting g =
          new Greeting(await(v("name" + i, "bob" + i))) {
            @Override
            public String get() {
              return "hello " + name + " " + k;
            }
          };
      out.add(g.get());
    }
    out.add(traced("enclosing", this).new Inner(await(v("argument", "x"))));
    return done(out);
  }
}
