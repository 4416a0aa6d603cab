package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * A user method named like one of Coroutine's (send, close, throwIn), called with an awaited
 * argument.
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
