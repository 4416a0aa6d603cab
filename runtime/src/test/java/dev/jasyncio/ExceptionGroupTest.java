package dev.jasyncio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link ExceptionGroup}: the message counts the sub-exceptions, {@code exceptions()}
 * keeps their order and cannot be changed, each is attached as suppressed, and an empty list is
 * rejected.
 */
class ExceptionGroupTest {
  private final IllegalStateException first = new IllegalStateException("first");
  private final IOException second = new IOException("second");
  private final CancelledError third = new CancelledError("third");

  @Test
  void messageCountsOneSubException() {
    ExceptionGroup group = new ExceptionGroup("unhandled errors in a TaskGroup", List.of(first));

    assertEquals("unhandled errors in a TaskGroup (1 sub-exception)", group.getMessage());
  }

  @Test
  void messageCountsSeveralSubExceptionsInThePlural() {
    ExceptionGroup group = new ExceptionGroup("many", List.of(first, second, third));

    assertEquals("many (3 sub-exceptions)", group.getMessage());
  }

  @Test
  void exceptionsKeepTheirOrderAndIdentity() {
    ExceptionGroup group = new ExceptionGroup("g", List.of(second, first, third));

    List<Throwable> exceptions = group.exceptions();

    assertEquals(3, exceptions.size());
    assertSame(second, exceptions.get(0));
    assertSame(first, exceptions.get(1));
    assertSame(third, exceptions.get(2));
  }

  @Test
  void exceptionsCannotBeChangedThroughTheGroupOrThroughTheListGiven() {
    List<Throwable> given = new ArrayList<>(List.of(first, second));
    ExceptionGroup group = new ExceptionGroup("g", given);

    assertThrows(UnsupportedOperationException.class, () -> group.exceptions().add(third));
    assertThrows(UnsupportedOperationException.class, () -> group.exceptions().remove(0));
    given.add(third);
    given.remove(first);

    assertEquals(List.of(first, second), group.exceptions());
    assertEquals("g (2 sub-exceptions)", group.getMessage());
  }

  @Test
  void eachExceptionIsAttachedAsSuppressedInOrder() {
    ExceptionGroup group = new ExceptionGroup("g", List.of(first, second, third));

    assertArrayEquals(new Throwable[] {first, second, third}, group.getSuppressed());
    assertNull(group.getCause());
  }

  @Test
  void aPrintedStackTraceShowsEverySubException() {
    ExceptionGroup group = new ExceptionGroup("g", List.of(first, second));
    StringWriter out = new StringWriter();

    group.printStackTrace(new PrintWriter(out));

    String trace = out.toString();
    assertTrue(trace.contains("Suppressed: java.lang.IllegalStateException: first"), trace);
    assertTrue(trace.contains("Suppressed: java.io.IOException: second"), trace);
  }

  @Test
  void anEmptyListIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ExceptionGroup("g", List.of()));

    assertTrue(e.getMessage().contains("at least one exception"), e.getMessage());
  }

  @Test
  void aNullListOrANullExceptionIsRejected() {
    assertThrows(NullPointerException.class, () -> new ExceptionGroup("g", null));
    List<Throwable> withNull = new ArrayList<>();
    withNull.add(first);
    withNull.add(null);
    assertThrows(NullPointerException.class, () -> new ExceptionGroup("g", withNull));
  }
}
