package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.util.List;

/**
 * TRANSFORM_NOTES case 19: the awaited value has a type Java cannot write (List.of(1, "two") is a
 * List of an intersection type), but it goes straight into a local of a type Java can write.
 */
public abstract class Case19_NonDenotableAwaitedValue extends ConformanceCase {
  @Async
  public Coroutine<Object> body() {
    List<?> wild = await(v(List.of(1, "two")));
    List<? extends Number> numbers = await(v(List.of(1, 2.0)));
    return done(wild.size() + numbers.size());
  }
}
