package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TRANSFORM_NOTES case 19: generic methods with intersection bounds, wildcard and var locals kept
 * across awaits, and unboxing (a null awaited into an int fails where the await is). (An awaited
 * value of a type Java cannot write is in Case19_NonDenotableAwaitedValue.)
 */
public abstract class Case19_GenericsAndBoxing extends ConformanceCase {
  <T> T pick(T a, T b) {
    trace("pick " + a + " " + b);
    return b;
  }

  @Async
  <T extends Comparable<T> & Serializable> Coroutine<T> max(T a, T b) {
    T first = await(v(a));
    T second = await(v(b));
    return done(first.compareTo(second) >= 0 ? first : second);
  }

  @Async
  <K, V extends Number> Coroutine<Double> sum(Map<K, V> m) {
    double total = 0;
    for (Map.Entry<K, V> e : m.entrySet()) {
      total += await(v(e.getValue())).doubleValue();
    }
    return done(total);
  }

  @Async
  public Coroutine<Object> body() {
    trace(await(max("pear", "apple")));
    trace(await(max(3, 7)));
    trace(await(sum(Map.of("k", 2.5))));
    var list = new ArrayList<String>();
    list.add(await(v("first")));
    var y = pick(list.get(0), await(v("second")));
    List<?> wild = List.of(1, "two");
    List<? extends Number> nums = List.of(1, 2.0);
    await(v(null));
    trace(y + " " + wild.size() + " " + list);
    Number n0 = await(v(nums)).get(0);
    trace("n0 " + n0);
    Integer boxed = await(v(41));
    int unboxed = boxed + await(v(1));
    long widened = await(v(3));
    double d = await(v(2)) / 4.0;
    trace("numbers " + unboxed + " " + widened + " " + d);
    Integer nothing = null;
    trace("before null");
    int fails = await(v(nothing));
    trace("not reached " + fails);
    return done(fails);
  }
}
