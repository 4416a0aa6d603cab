package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * A user method named like one of Coroutine's (send, close, throwIn), called with an awaited
 * argument.
 *
 * <p>Fails: the generated code calls the state machine's own {@code send(Object)} instead of the
 * user's. Here that does not compile ("incompatible types: java.lang.Object cannot be converted to
 * java.lang.String"); where an Object is expected, as in {@code trace(send(await(v(1))))}, it
 * compiles and fails at run time with "IllegalStateException: coroutine ...body() awaiting v(1)
 * ... is awaited by a task; it cannot also be driven by send()". The same call with no await in
 * its arguments, {@code send(1)}, is qualified and works (conformance/Case41).
 */
public abstract class Case41_UserSendWithAwaitedArgument extends ConformanceCase {
  String send(Object message) {
    return "user send " + message;
  }

  @Async
  public Coroutine<Object> body() {
    String reply = send(await(v(1)));
    return done(reply);
  }
}
