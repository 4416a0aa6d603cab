package dev.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link Entered}, the resource variable of an async with: it holds what {@code aenter}
 * produced, and closing it does nothing (the generated code exits the manager).
 */
class EnteredTest {

  @Test
  void getReturnsTheValueItWasMadeOf() {
    List<String> value = List.of("resource");

    assertSame(value, Entered.of(value).get());
  }

  @Test
  void eachOfMakesANewHolderEvenForTheSameValue() {
    assertNotSame(Entered.of("x"), Entered.of("x"));
  }

  @Test
  void nullIsAValueLikeAnyOther() {
    Entered<Object> entered = Entered.of(null);

    assertNull(entered.get());
    assertEquals("Entered(null)", entered.toString());
  }

  @Test
  void closeDoesNothingAndTheValueStaysAvailable() {
    String value = "resource";
    Entered<String> entered = Entered.of(value);

    try (Entered<String> r = entered) {
      assertSame(value, r.get());
    }
    entered.close();

    assertSame(value, entered.get());
  }

  @Test
  void toStringShowsTheValueAbbreviated() {
    assertEquals("Entered(42)", Entered.of(42).toString());

    String longValue = "x".repeat(100);
    assertEquals("Entered(" + "x".repeat(57) + "...)", Entered.of(longValue).toString());
  }
}
