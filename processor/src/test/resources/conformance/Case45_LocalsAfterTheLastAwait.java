package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Locals declared after the last await of their block, which stay Java locals of the generated
 * code: sibling blocks of a loop that declare the same names, a variable of the same name after
 * a block, lambdas and an anonymous class capturing them and the fields before them, the blocks of
 * switch rules that yield, a labeled block left by breaks, returns through a finally, a pattern
 * variable that reaches the rest of the block, and a {@code var} of an intersection type.
 */
public abstract class Case45_LocalsAfterTheLastAwait extends ConformanceCase {
  @Async
  public Coroutine<Object> body() {
    List<IntSupplier> kept = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      {
        int got = await(v("a" + i, i));
        int twice = got * 2;
        trace("a twice " + twice);
      }
      {
        int got = await(v("b" + i, i * 10));
        int twice = got * 2;
        for (;;) {
          kept.add(() -> twice + got);
          break;
        }
        kept.add(
            new IntSupplier() {
              @Override
              public int getAsInt() {
                return got - twice;
              }
            });
      }
      int twice = i * 300;
      await(v("c" + i, 0));
      trace("c twice " + twice);
    }
    for (IntSupplier s : kept) {
      trace("kept " + s.getAsInt());
    }
    trace(await(rule(1)) + " " + await(rule(7)) + " " + await(rule(99)));
    trace(await(labeled(1)) + " " + await(labeled(3)));
    trace(await(throughFinally(1)) + " " + await(throughFinally(5)));
    trace(await(lengthOf("four")) + " " + await(lengthOf(4)));
    await(v("last", 0));
    var mixed = kept.size() > 2 ? 3 : "three";
    String summary = "kept " + kept.size() + ", " + mixed;
    return done(summary);
  }

  @Async
  public Coroutine<String> rule(int k) {
    String r =
        switch (k) {
          case 1 -> {
            int a = await(v("rule one", 5));
            int b = a + 1;
            yield "one " + b;
          }
          default -> {
            await(v("rule other", 0));
            int c = k * 2;
            if (c > 100) {
              yield "big";
            }
            yield "other " + c;
          }
        };
    return done(r);
  }

  @Async
  public Coroutine<String> labeled(int k) {
    StringBuilder out = new StringBuilder();
    outer:
    for (int i = 0; i < 5; i++) {
      block:
      {
        await(v("labeled " + i, i));
        int j = i * k;
        if (j > 6) {
          break outer;
        }
        if (j % 2 == 1) {
          break block;
        }
        int m = j + 100;
        out.append(m).append(' ');
        continue outer;
      }
      out.append("odd ");
    }
    return done(out.toString().trim());
  }

  @Async
  public Coroutine<Integer> throughFinally(int x) {
    try {
      await(v("try " + x, x));
      int y = x + 1;
      if (y > 2) {
        return done(y * 10);
      }
      int z = y * 100;
      return done(z);
    } finally {
      trace("finally " + await(v("in finally " + x, x)));
    }
  }

  @Async
  public Coroutine<Integer> lengthOf(Object o) {
    await(v("length", 0));
    int base = 1000;
    if (!(o instanceof String text)) {
      return done(-1);
    }
    return done(base + text.length());
  }
}
