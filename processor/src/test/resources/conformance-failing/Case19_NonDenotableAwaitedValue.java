package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.util.List;

/**
 * TRANSFORM_NOTES case 19: the awaited value has a type Java cannot write (List.of(1, "two") is a
 * List of an intersection type), but it goes straight into a local of a type Java can write.
 *
 * <p>Fails: "[AsyncUnsupportedConstruct] a value of type java.util.List<java.lang.Object&
 * java.io.Serializable&java.lang.Comparable<...>...> (which Java cannot write down) kept across an
 * await is not supported". Nothing is kept across the await: the value arrives after it, and a
 * cast to the declared type (List<?>, List<? extends Number>) or to the erasure would do.
 */
public abstract class Case19_NonDenotableAwaitedValue extends ConformanceCase {
  @Async
  public Coroutine<Object> body() {
    List<?> wild = await(v(List.of(1, "two")));
    List<? extends Number> numbers = await(v(List.of(1, 2.0)));
    return done(wild.size() + numbers.size());
  }
}
