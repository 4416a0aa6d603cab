package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * TRANSFORM_NOTES case 15: a switch statement with an await in the selector, a case with an await
 * that falls through, and a break.
 */
public abstract class Case15_SwitchStatement extends ConformanceCase {
  @Async
  Coroutine<String> pick(int kind) {
    StringBuilder out = new StringBuilder();
    switch (await(v("kind " + kind, kind))) {
      case 1:
        out.append(await(v("a")));
      case 2:
        out.append("b");
        break;
      default:
        out.append(await(v("c")));
    }
    return done(out.toString());
  }

  @Async
  public Coroutine<Object> body() {
    String r = "";
    for (int k = 0; k < 4; k++) {
      r += await(pick(k)) + ";";
    }
    return done(r);
  }
}
