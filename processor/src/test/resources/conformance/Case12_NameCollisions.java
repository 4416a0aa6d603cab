package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;

/**
 * TRANSFORM_NOTES case 12: locals of the same name and different types in sibling scopes, a reused
 * catch parameter name, and a local that shadows a field, all living across awaits. (Assigning
 * such a local from an await is in Case12_SiblingLocalAssignedFromAwait.)
 */
public abstract class Case12_NameCollisions extends ConformanceCase {
  int v = 100;
  String e = "field e";

  @Async
  public Coroutine<Object> body() {
    {
      int v = await(v(1));
      trace("int v " + (v + 1));
    }
    {
      String v = await(v("two"));
      trace("String v " + v.length());
    }
    for (int i = 0; i < 2; i++) {
      long v = await(v(3L)) * i;
      trace("long v " + v);
    }
    trace("field v " + v + " " + this.v);
    try {
      await(fail(new UncheckedIOException(new IOException("io"))));
    } catch (UncheckedIOException e) {
      await(v(null));
      trace("first e " + e.getCause().getMessage());
    }
    try {
      await(fail(new IllegalStateException("ise", new TimeoutException("late"))));
    } catch (IllegalStateException e) {
      await(v(null));
      trace("second e " + e.getCause().getClass().getSimpleName());
    }
    trace(e);
    int v = await(v(5));
    v += this.v;
    String e = await(v("local e"));
    trace(e + " " + this.e + " " + v);
    return done(v + e);
  }
}
