package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * Switch statements of every form with awaits: the old form with fall-through and a default in the
 * middle, the arrow form, strings, enums, awaits in the selector and in cases, and a switch inside
 * a loop where break leaves the switch and continue the loop.
 */
public abstract class Case31_SwitchStatementForms extends ConformanceCase {
  enum Color {
    RED,
    GREEN,
    BLUE
  }

  @Async
  Coroutine<String> oldForm(int k) {
    StringBuilder b = new StringBuilder();
    switch (k) {
      case 1:
        b.append(await(v("one")));
      default:
        b.append("-default");
      case 2:
      case 3:
        b.append(await(v("-two or three")));
        break;
      case 4:
        {
          String s = await(v("four"));
          b.append(s);
        }
        break;
      case 5:
        return done("five returns");
    }
    return done(b.toString());
  }

  @Async
  Coroutine<String> arrowForm(String s) {
    String r = "none";
    switch (await(v("select " + s, s))) {
      case "a", "b" -> r = await(v("a or b"));
      case "c" -> {
        r = "c";
        r += await(v("!"));
      }
      case "t" -> throw new IllegalArgumentException(await(v("thrown from case")));
      default -> trace("default arrow");
    }
    return done(r);
  }

  @Async
  Coroutine<String> sameHash(String s) {
    // "Aa" and "BB" have the same hashCode.
    switch (s) {
      case "Aa":
        return done("Aa " + await(v(1)));
      case "BB":
        return done("BB " + await(v(2)));
      default:
        return done("neither");
    }
  }

  @Async
  Coroutine<Integer> colors(Color c) {
    int r = 0;
    switch (c) {
      case RED:
        r = await(v(1));
        break;
      case GREEN:
        r = 2;
      case BLUE:
        r += await(v(10));
    }
    return done(r);
  }

  @Async
  public Coroutine<Object> body() {
    for (int k = 0; k <= 5; k++) {
      trace(k + ": " + await(oldForm(k)));
    }
    for (String s : new String[] {"a", "b", "c", "z"}) {
      trace(s + ": " + await(arrowForm(s)));
    }
    try {
      await(arrowForm("t"));
    } catch (IllegalArgumentException e) {
      trace("caught " + e.getMessage());
    }
    trace(await(sameHash("Aa")) + ", " + await(sameHash("BB")) + ", " + await(sameHash("C#")));
    for (Color c : Color.values()) {
      trace(c + ": " + await(colors(c)));
    }
    int count = 0;
    for (int i = 0; i < 6; i++) {
      switch (i % 3) {
        case 0:
          continue;
        case 1:
          count += await(v(1));
          break;
        default:
          count += 10;
      }
      trace("after switch " + i);
    }
    return done(count);
  }
}
