package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/** TRANSFORM_NOTES case 1: the pending return survives an await in finally. */
public abstract class Case01_AwaitInFinallyAfterReturn extends ConformanceCase {
  @Async
  public Coroutine<Object> body() {
    try {
      trace("try");
      return done(1);
    } finally {
      await(v(null));
      trace("f");
    }
  }
}
