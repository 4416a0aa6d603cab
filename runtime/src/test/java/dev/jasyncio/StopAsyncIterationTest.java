package dev.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Tests {@link StopAsyncIteration}, the end of an async iteration: its messages, and that it
 * carries neither a stack trace nor suppressed exceptions, so that ending a loop costs an
 * allocation at most and one instance can be shared by every exhausted generator.
 */
class StopAsyncIterationTest {

  @Test
  void theNoArgumentConstructorSaysTheIteratorIsExhausted() {
    StopAsyncIteration e = new StopAsyncIteration();

    assertEquals("the async iterator is exhausted", e.getMessage());
    assertNull(e.getCause());
    assertInstanceOf(RuntimeException.class, e, "an unchecked exception, as Python's is");
  }

  @Test
  void theMessageConstructorKeepsTheMessage() {
    assertEquals("no more rows", new StopAsyncIteration("no more rows").getMessage());
    assertNull(new StopAsyncIteration(null).getMessage());
  }

  @Test
  void itHasNoStackTraceAndCannotBeGivenOne() {
    StopAsyncIteration e = new StopAsyncIteration();
    assertEquals(0, e.getStackTrace().length);

    e.fillInStackTrace();
    e.setStackTrace(new StackTraceElement[] {new StackTraceElement("C", "m", "C.java", 1)});

    assertEquals(0, e.getStackTrace().length);
  }

  @Test
  void suppressedExceptionsAreIgnored() {
    StopAsyncIteration e = new StopAsyncIteration();

    e.addSuppressed(new IllegalStateException("cleanup failed"));

    assertEquals(0, e.getSuppressed().length);
  }

  @Test
  void itsCauseIsNullAndFixed() {
    StopAsyncIteration e = new StopAsyncIteration("done");

    // Constructed with an explicit null cause: Throwable refuses to set it later.
    assertThrows(IllegalStateException.class, () -> e.initCause(new RuntimeException()));
    assertNull(e.getCause());
  }

  @Test
  void theSharedInstanceOfExhaustedGeneratorsIsStacklessToo() {
    StopAsyncIteration shared = StopAsyncIteration.EXHAUSTED;

    shared.addSuppressed(new IllegalStateException("must not stick"));

    assertEquals("the async generator is exhausted", shared.getMessage());
    assertEquals(0, shared.getStackTrace().length);
    assertEquals(0, shared.getSuppressed().length);
  }
}
