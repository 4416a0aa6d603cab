package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.util.List;

/**
 * Parameters read and reassigned across awaits, including varargs, arrays, final parameters and a
 * parameter that shadows a field; each coroutine has its own copies.
 */
public abstract class Case35_ReassignedParameters extends ConformanceCase {
  int n = -1;

  @Async
  Coroutine<Integer> countdown(int n, final String label) {
    int steps = 0;
    while (n > 0) {
      n -= await(v(label + n, 2));
      steps++;
    }
    trace(label + " ends at " + n + ", field " + this.n);
    return done(steps);
  }

  @Async
  Coroutine<String> joined(String sep, String... parts) {
    String out = "";
    for (String p : parts) {
      out += await(v(p)) + sep;
    }
    parts = new String[] {await(v("replaced"))};
    sep = sep + sep;
    return done(out + parts[0] + sep + parts.length);
  }

  @Async
  Coroutine<Integer> sum(int[] values, List<Integer> extra) {
    int total = 0;
    for (int i = 0; i < values.length; i++) {
      values[i] = await(v(values[i] * 2));
      total += values[i];
    }
    extra = List.of(await(v(total)));
    return done(extra.get(0));
  }

  @Async
  public Coroutine<Object> body() {
    trace(await(countdown(5, "a")) + " steps");
    trace(await(joined(",", "x", "y")));
    trace(await(joined(";")));
    int[] values = {1, 2, 3};
    int total = await(sum(values, null));
    trace("values " + values[0] + values[1] + values[2]);
    return done(total);
  }
}
