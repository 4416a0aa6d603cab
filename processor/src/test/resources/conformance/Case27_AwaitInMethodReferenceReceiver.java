package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.util.function.Function;

/**
 * An await as the receiver of a method reference.
 *
 * <p>Rejected with a diagnostic: "[AsyncUnsupportedConstruct] an await inside a member reference
 * is not supported in an @Async method when it contains an await. Assign the awaited value to a
 * local variable first". Java evaluates the receiver once, when the reference is created, so the
 * await could be kept in a temporary as for a method call's receiver.
 */
public abstract class Case27_AwaitInMethodReferenceReceiver extends ConformanceCase {
  @Async
  public Coroutine<Object> body() {
    Function<String, String> prefix = await(v("pre-"))::concat;
    return done(prefix.apply("fix"));
  }
}
