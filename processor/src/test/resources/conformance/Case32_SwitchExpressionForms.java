package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * Switch expressions over ints, strings and enums with awaits in the selector, in arrows and in
 * block arms that yield, used as operands, arguments and return values.
 */
public abstract class Case32_SwitchExpressionForms extends ConformanceCase {
  enum Size {
    S,
    M,
    L
  }

  String wrap(String s) {
    return "[" + s + "]";
  }

  @Async
  Coroutine<Integer> price(Size size) {
    return done(
        switch (size) {
          case S -> 1;
          case M -> await(v("medium", 2));
          case L -> {
            int base = await(v(3));
            for (int i = 0; i < 2; i++) {
              base += await(v(i));
            }
            yield base;
          }
        });
  }

  @Async
  public Coroutine<Object> body() {
    int total = 0;
    for (Size s : Size.values()) {
      total += await(price(s));
    }
    String word =
        wrap(
            switch (await(v("selector", "b"))) {
              case "a" -> "A";
              case "b" -> {
                String t = await(v("b arm", "B"));
                yield t + t;
              }
              default -> throw new IllegalStateException();
            });
    int left = traced("left", 100);
    int sum =
        left
            + switch (await(v(1))) {
              case 1:
                trace("case 1");
              case 2:
                yield await(v("fell into 2", 20));
              default:
                yield 0;
            };
    String text =
        switch (total) {
          case 9 -> {
            try {
              yield await(v("in try", "nine"));
            } finally {
              trace("finally in arm");
            }
          }
          default -> "other " + total;
        };
    trace(word + " " + sum + " " + text);
    return done(total);
  }
}
