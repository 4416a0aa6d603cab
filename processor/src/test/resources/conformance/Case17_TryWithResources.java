package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.util.Arrays;

/**
 * TRANSFORM_NOTES case 17: try-with-resources with awaits in the header and the body: close order,
 * suppressed exceptions, a null resource, and close throwing after the body threw.
 */
public abstract class Case17_TryWithResources extends ConformanceCase {
  final class Res implements AutoCloseable {
    final String name;
    final boolean failOnClose;

    Res(String name, boolean failOnClose) {
      this.name = name;
      this.failOnClose = failOnClose;
      trace("open " + name);
    }

    Coroutine<String> use(Res other) {
      return v("use " + name + " with " + (other == null ? "null" : other.name), name);
    }

    @Override
    public void close() {
      trace("close " + name);
      if (failOnClose) {
        throw new IllegalStateException("close " + name + " failed");
      }
    }
  }

  Coroutine<Res> open(String name) {
    return v(new Res(name, false));
  }

  Coroutine<Res> openFailing(String name) {
    return v(new Res(name, true));
  }

  String describe(Throwable t) {
    StringBuilder b = new StringBuilder(t.getMessage());
    for (Throwable s : t.getSuppressed()) {
      b.append(" +suppressed ").append(s.getMessage());
    }
    return b.toString();
  }

  @Async
  Coroutine<String> closeFailsAfterReturn() {
    try (var r = await(openFailing("after return"))) {
      return done("returned");
    }
  }

  @Async
  public Coroutine<Object> body() {
    try (Res r = await(open("r")); Res s = await(open("s"))) {
      trace("body " + await(r.use(s)));
    }
    try (Res r = await(open("r2")); Res none = await(v(null))) {
      trace("null resource " + await(r.use(none)));
    }
    try (Res a = await(openFailing("a")); Res b = await(openFailing("b"))) {
      await(v(null));
      throw new IllegalArgumentException("body threw");
    } catch (IllegalArgumentException e) {
      trace("caught " + describe(e));
    } finally {
      trace("finally");
    }
    try (Res a = await(openFailing("c"))) {
      trace("body ok " + await(a.use(null)));
    } catch (IllegalStateException e) {
      trace("close threw " + describe(e));
    }
    try (Res a = await(open("d")); Res b = await(fail(new IllegalStateException("open failed")))) {
      trace("not reached");
    } catch (IllegalStateException e) {
      trace("caught " + describe(e));
    }
    try {
      trace(await(closeFailsAfterReturn()));
    } catch (IllegalStateException e) {
      trace("close replaced the return: " + describe(e));
    }
    Res outer = await(open("existing"));
    try (outer) {
      trace("existing " + await(outer.use(null)));
    }
    for (String n : Arrays.asList("l1", "l2")) {
      try (Res r = await(open(n))) {
        if (await(v(n.equals("l1")))) continue;
        trace("last " + r.name);
      }
    }
    try (Res r = await(open("ret"))) {
      return done(await(r.use(null)));
    } finally {
      trace("after close");
    }
  }
}
