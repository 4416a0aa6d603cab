package dev.jasyncio.processor.generators;

import dev.jasyncio.Async;
import java.util.ArrayList;
import java.util.List;

/**
 * The base of the sources in {@code src/test/resources/generators}: each is an abstract class whose
 * {@link Async} scenarios record what happens with {@link #trace}. {@link GeneratorTest} compiles
 * them with the processor, runs one scenario at a time on a virtual clock and checks the trace.
 *
 * <p>Members are public: the cases are loaded by another class loader, so package access does not
 * reach them.
 */
public abstract class GeneratorCase {
  public final List<String> trace = new ArrayList<>();

  /** Records an event. */
  public void trace(Object event) {
    trace.add(String.valueOf(event));
  }
}
