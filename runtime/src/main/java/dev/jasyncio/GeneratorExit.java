package dev.jasyncio;

/**
 * Raised inside a coroutine by {@link Coroutine#close()} so that its {@code finally} blocks run, as
 * Python's {@code GeneratorExit}. A coroutine must let it propagate (or return); suspending again
 * while closing is an error.
 *
 * <p>It extends {@link Error} so that a {@code catch (Exception e)} does not swallow it.
 */
public final class GeneratorExit extends Error {
  private static final long serialVersionUID = 1L;

  public GeneratorExit() {
    super();
  }
}
