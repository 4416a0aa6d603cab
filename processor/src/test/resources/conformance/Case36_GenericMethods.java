package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Generic @Async methods: type parameters in parameters, locals and results, bounded and
 * recursive bounds, wildcards, explicit type arguments, and generic static @Async methods.
 */
public abstract class Case36_GenericMethods extends ConformanceCase {
  @Async
  <T, R> Coroutine<List<R>> mapAll(List<T> items, Function<? super T, ? extends R> f) {
    List<R> out = new ArrayList<>();
    for (T item : items) {
      T awaited = await(v(item));
      out.add(f.apply(awaited));
    }
    return done(out);
  }

  @Async
  <K extends Comparable<K>, V> Coroutine<Map<K, List<V>>> group(
      List<V> values, Function<V, K> key) {
    Map<K, List<V>> groups = new TreeMap<>();
    for (V value : values) {
      K k = await(v(key.apply(value)));
      groups.computeIfAbsent(k, x -> new ArrayList<>()).add(value);
    }
    return done(groups);
  }

  @Async
  static <T extends Number> Coroutine<Double> average(List<? extends T> numbers) {
    double sum = 0;
    for (T n : numbers) {
      sum += n.doubleValue();
      await(sleep(0));
    }
    return done(numbers.isEmpty() ? 0 : sum / numbers.size());
  }

  @Async
  <T> Coroutine<T> firstNonNull(T a, T b) {
    T x = await(v(a));
    return done(x != null ? x : await(v(b)));
  }

  @Async
  public Coroutine<Object> body() {
    List<Integer> lengths = await(mapAll(List.of("a", "bb", "ccc"), String::length));
    trace("lengths " + lengths);
    Map<Integer, List<String>> byLength =
        await(group(List.of("x", "yy", "z", "ww"), String::length));
    trace("groups " + byLength);
    trace("average " + await(average(lengths)));
    String s = await(this.<String>firstNonNull(null, "fallback"));
    Integer i = await(firstNonNull(7, null));
    trace("first " + s + " " + i);
    return done(await(mapAll(lengths, n -> n * n)));
  }
}
