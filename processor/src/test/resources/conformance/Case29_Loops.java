package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * while, do, for and enhanced for (over object arrays, primitive arrays and Iterables) with awaits
 * in their bodies, nested in each other.
 */
public abstract class Case29_Loops extends ConformanceCase {
  /** An Iterable that traces when it is asked for its iterator and for each element. */
  final class Counted implements Iterable<Integer> {
    final int n;

    Counted(int n) {
      this.n = n;
    }

    @Override
    public Iterator<Integer> iterator() {
      trace("iterator()");
      return new Iterator<>() {
        int i = 0;

        @Override
        public boolean hasNext() {
          return i < n;
        }

        @Override
        public Integer next() {
          trace("next " + i);
          return i++;
        }
      };
    }
  }

  @Async
  public Coroutine<Object> body() {
    int i = 0;
    while (i < 3) {
      i += await(v(1));
      trace("while " + i);
    }
    do {
      i -= await(v(2));
      trace("do " + i);
    } while (i > 0);
    for (int a = 0, b = 10; a < b; a += 4, b--) {
      trace("for " + a + " " + b + " " + await(v(a * b)));
    }
    for (String s : new String[] {"x", "y"}) {
      trace("array " + await(v(s + s)));
    }
    for (var s : List.of("v1", "v2")) {
      trace("var " + await(v(s)));
    }
    long total = 0;
    for (long n : new long[] {1L << 33, 2}) {
      total += await(v(n));
    }
    for (char c : "hi".toCharArray()) {
      trace("char " + await(v(c)));
    }
    for (final double d : new double[] {0.5}) {
      trace("double " + await(v(d * 2)));
    }
    trace("total " + total);
    for (int n : new Counted(3)) {
      trace("counted " + await(v(n * 10)));
    }
    List<String> seen = new ArrayList<>();
    Map<String, Integer> map = new LinkedHashMap<>();
    map.put("one", 1);
    map.put("two", 2);
    for (Map.Entry<String, Integer> e : map.entrySet()) {
      seen.add(e.getKey() + "=" + await(v(e.getValue())));
    }
    ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(3, 1));
    while (!queue.isEmpty()) {
      int n = queue.poll();
      if (n > 1) {
        queue.add(await(v(n - 1)));
      }
      seen.add("q" + n);
    }
    for (int row = 0; row < 2; row++) {
      for (int col : new int[] {row, row + 1}) {
        int k = 0;
        do {
          seen.add(row + "" + col + k + await(v("")));
        } while (++k < col);
      }
    }
    for (; ; ) {
      if (await(v(seen.size() > 5))) break;
      seen.add("never");
    }
    return done(seen);
  }
}
