package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * User fields, locals, parameters and methods whose names the generated state machine also uses
 * (the parameters of resume, its state, temporaries, Coroutine's own methods) still mean the
 * user's. (Such a method called with an awaited argument is in
 * Case41_UserSendWithAwaitedArgument.)
 */
public abstract class Case41_GeneratedNamesDoNotCapture extends ConformanceCase {
  int value = 1;
  String task = "t";
  String error = "e";
  int state = 4;
  String loop = "l";
  int t1 = 9;
  String caught = "c";

  String close() {
    return "user close";
  }

  String send(Object o) {
    return "user send " + o;
  }

  String resume() {
    return "user resume";
  }

  @Override
  public String toString() {
    return "the case";
  }

  @Async
  Coroutine<String> names(int value, String task) {
    await(v(null));
    String error = await(v("local error"));
    int state = await(v(5)) + this.state;
    String loop = this.loop + await(v("!"));
    int t1 = await(v(this.t1 + 1));
    Object SUSPENDED = "user SUSPENDED";
    await(v(null));
    return done(value + task + error + state + loop + t1 + caught + this.value + SUSPENDED);
  }

  @Async
  public Coroutine<Object> body() {
    await(v(null));
    trace(value + task + error + state + loop + t1 + caught);
    value = await(v(2));
    state += await(v(1));
    trace(close() + ", " + send(1) + ", " + resume() + ", " + toString());
    trace(await(names(7, "T")));
    return done(value + " " + state);
  }
}
