package dev.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Unit tests of {@link ItemBuffer}, the chunked deque behind {@link Queue} and LifoQueue. */
class ItemBufferTest {
  private final ItemBuffer buffer = new ItemBuffer();

  @Test
  @DisplayName("an empty buffer polls null from either end, before and after use")
  void emptyPollsNull() {
    assertNull(buffer.pollFirst());
    assertNull(buffer.pollLast());
    buffer.addLast("a");
    assertEquals("a", buffer.pollFirst());
    assertNull(buffer.pollFirst());
    assertNull(buffer.pollLast());
    assertEquals(0, buffer.size());
  }

  @Test
  @DisplayName("first in, first out across many chunks, growing and draining twice")
  void fifoAcrossChunks() {
    int n = 10 * ItemBuffer.MAX_CHUNK + 7;
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < n; i++) {
        buffer.addLast(i);
      }
      assertEquals(n, buffer.size());
      for (int i = 0; i < n; i++) {
        assertEquals(i, buffer.pollFirst());
      }
      assertEquals(0, buffer.size());
      assertNull(buffer.pollFirst());
    }
  }

  @Test
  @DisplayName("last in, first out across many chunks")
  void lifoAcrossChunks() {
    int n = 5 * ItemBuffer.MAX_CHUNK + 3;
    for (int i = 0; i < n; i++) {
      buffer.addLast(i);
    }
    for (int i = n - 1; i >= 0; i--) {
      assertEquals(i, buffer.pollLast());
    }
    assertNull(buffer.pollLast());
    buffer.addLast("again");
    assertEquals("again", buffer.pollLast());
  }

  @Test
  @DisplayName("a steady stream through a long buffer keeps its order")
  void streamThrough() {
    for (int i = 0; i < 3 * ItemBuffer.MAX_CHUNK; i++) {
      buffer.addLast(i);
    }
    int next = 0;
    for (int i = 3 * ItemBuffer.MAX_CHUNK; i < 20 * ItemBuffer.MAX_CHUNK; i++) {
      buffer.addLast(i);
      assertEquals(next++, buffer.pollFirst());
    }
    assertEquals(3 * ItemBuffer.MAX_CHUNK, buffer.size());
  }

  @Test
  @DisplayName("forEach visits the items first to last, across chunks and after polls")
  void forEachVisitsInOrder() {
    List<Object> seen = new ArrayList<>();
    buffer.forEach(seen::add);
    assertEquals(List.of(), seen);
    for (int i = 0; i < 3000; i++) {
      buffer.addLast(i);
    }
    for (int i = 0; i < 1000; i++) {
      buffer.pollFirst();
    }
    buffer.pollLast();
    buffer.forEach(seen::add);
    assertEquals(1999, seen.size());
    for (int i = 0; i < seen.size(); i++) {
      assertEquals(1000 + i, seen.get(i));
    }
  }

  @Test
  @DisplayName("clear empties the buffer, which then works as new")
  void clear() {
    for (int i = 0; i < 3000; i++) {
      buffer.addLast(i);
    }
    buffer.clear();
    assertEquals(0, buffer.size());
    assertNull(buffer.pollFirst());
    buffer.addLast("x");
    buffer.addLast("y");
    assertEquals("x", buffer.pollFirst());
    assertEquals("y", buffer.pollLast());
    new ItemBuffer().clear(); // never used: nothing to clear
  }

  @Test
  @DisplayName("random adds and polls at both ends match ArrayDeque")
  void matchesArrayDeque() {
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      ItemBuffer b = new ItemBuffer();
      ArrayDeque<Integer> model = new ArrayDeque<>();
      // Phases that favour growth, then draining, so that chunks are added and freed at both ends.
      for (int op = 0; op < 40_000; op++) {
        boolean growing = (op / 5000) % 2 == 0;
        int r = random.nextInt(10);
        if (r < (growing ? 7 : 3)) {
          Integer item = op;
          b.addLast(item);
          model.addLast(item);
        } else if (r < (growing ? 9 : 7)) {
          assertSame(model.pollFirst(), b.pollFirst(), "seed " + seed + " op " + op);
        } else if (r < 10) {
          assertSame(model.pollLast(), b.pollLast(), "seed " + seed + " op " + op);
        }
        if (random.nextInt(20_000) == 0) {
          b.clear();
          model.clear();
        }
        assertEquals(model.size(), b.size());
      }
      while (!model.isEmpty()) {
        assertSame(model.pollFirst(), b.pollFirst());
      }
      assertNull(b.pollFirst());
    }
  }
}
