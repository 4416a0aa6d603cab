package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/** TRANSFORM_NOTES case 16: switch expression arms with awaits, and block arms that yield. */
public abstract class Case16_SwitchExpression extends ConformanceCase {
  @Async
  Coroutine<Integer> compute(int k) {
    int v =
        switch (k) {
          case 1 -> await(v("a", 10));
          case 2, 3 -> {
            int t = await(v("b" + k, k * 100));
            trace("block arm " + t);
            yield t + 1;
          }
          default -> {
            if (k < 0) {
              yield await(v("negative", -1));
            }
            yield k;
          }
        };
    return done(v);
  }

  @Async
  public Coroutine<Object> body() {
    int sum = 0;
    for (int k = -1; k <= 4; k++) {
      sum += await(compute(k));
    }
    String s = "x";
    String word =
        switch (s + await(v("y"))) {
          case "xy":
            trace("colon form");
            yield await(v("matched"));
          default:
            yield "nope";
        };
    int nested =
        switch (await(v(2))) {
          case 1 -> 0;
          case 2 -> switch (await(v(3))) {
            case 3 -> await(v(33));
            default -> 0;
          };
          default -> -1;
        };
    trace(word + " " + nested);
    return done(sum + traced("after switch", 0));
  }
}
