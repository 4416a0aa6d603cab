package dev.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

/**
 * Records the order in which things happen, as kotlinx.coroutines' {@code expect(n)}: each step
 * states its number, and a step out of turn fails at once with the whole history.
 */
final class Order {
  private int last;
  private final List<String> history = new ArrayList<>();

  /** Asserts that this is step {@code n}, right after step {@code n - 1}. */
  void expect(int n) {
    history.add(String.valueOf(n));
    assertEquals(last + 1, n, () -> "step " + n + " came out of order; steps so far: " + history);
    last = n;
  }

  /** Asserts that step {@code n} was the last one. */
  void finish(int n) {
    assertEquals(n, last, () -> "expected " + n + " steps; steps so far: " + history);
  }
}
