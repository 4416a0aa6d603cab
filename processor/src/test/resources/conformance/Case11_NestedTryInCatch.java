package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * TRANSFORM_NOTES case 11: a try nested in a catch, awaiting in both, rethrows the outer catch
 * parameter after its own finally awaited.
 */
public abstract class Case11_NestedTryInCatch extends ConformanceCase {
  static final class E extends RuntimeException {
    E(String m) {
      super(m);
    }
  }

  static final class F extends RuntimeException {
    F(String m) {
      super(m);
    }
  }

  @Async
  Coroutine<String> attempt(boolean innerFails) {
    try {
      await(v("a", null));
      throw new E("outer");
    } catch (E e) {
      try {
        await(v("b", null));
        if (innerFails) {
          throw new F("inner");
        }
        trace("inner ok");
      } catch (F f) {
        trace("caught " + f.getMessage() + " in catch of " + e.getMessage());
        throw e;
      } finally {
        await(v("c", null));
        trace("inner finally, e is still " + e.getMessage());
      }
      return done("recovered from " + e.getMessage());
    }
  }

  @Async
  public Coroutine<Object> body() {
    trace(await(attempt(false)));
    try {
      await(attempt(true));
      trace("not reached");
    } catch (E e) {
      trace("rethrown " + e.getMessage());
    }
    return done(await(attempt(true)));
  }
}
