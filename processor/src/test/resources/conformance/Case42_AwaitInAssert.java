package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * An await in an assert statement.
 *
 * <p>Rejected with a diagnostic: "[AsyncUnsupportedConstruct] assert containing an await is not
 * supported in an @Async method when it contains an await. Move the await into a statement of its
 * own before it". The condition (and the message) would be evaluated only when assertions are
 * enabled, as an if on the class's desiredAssertionStatus() would do.
 */
public abstract class Case42_AwaitInAssert extends ConformanceCase {
  @Async
  public Coroutine<Object> body() {
    assert await(v("checked", true)) : await(v("message"));
    return done("after assert");
  }
}
