package dev.jasyncio;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The storage of {@link Queue} and {@link LifoQueue}, and the loop's ready queue: a deque of
 * non-null references kept in a doubly linked list of chunks.
 *
 * <p>Why not an {@code ArrayDeque}: a queue that grows to millions of items would double one array
 * again and again, each copy a humongous object for G1, which lives in the old generation: every
 * store of a young object into it takes G1's slow write barrier, and every young collection scans
 * its dirty cards for as long as it lives. Here the first chunk is small (a queue of one item costs
 * little), later chunks double up to {@link #MAX_CHUNK} slots and then stay that size, so no chunk
 * is ever large, nothing is copied as the queue grows, and a chunk the consumer has emptied is
 * garbage at once (one spare is kept, so a queue that streams items through allocates nothing per
 * item).
 */
final class ItemBuffer {
  private static final int FIRST_CHUNK = 8;

  /** 1,024 references: 4 or 8 KiB, far below G1's humongous threshold. */
  static final int MAX_CHUNK = 1024;

  private static final class Chunk {
    final Object[] slots;
    Chunk prev;
    Chunk next;

    Chunk(int capacity) {
      slots = new Object[capacity];
    }
  }

  /** The chunk holding the first item; never null once something was added. */
  private Chunk head;

  /** The chunk holding the last item. */
  private Chunk tail;

  /** The slot of the first item in {@link #head}. */
  private int headIndex;

  /** The slot after the last item in {@link #tail}. */
  private int tailIndex;

  private int size;

  /** An emptied chunk of {@link #MAX_CHUNK} slots, all null, kept for the next one needed. */
  private Chunk spare;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void addLast(Object item) {
    Chunk t = tail;
    if (t != null && tailIndex < t.slots.length) {
      t.slots[tailIndex++] = item;
      size++;
    } else {
      addToNewChunk(item);
    }
  }

  /** Out of line, so that {@link #addLast} stays small enough to inline everywhere. */
  private void addToNewChunk(Object item) {
    Chunk t = tail;
    if (t == null) {
      t = new Chunk(FIRST_CHUNK);
      head = t;
    } else {
      Chunk n = newChunk(Math.min(MAX_CHUNK, t.slots.length * 2));
      n.prev = t;
      t.next = n;
      t = n;
    }
    tail = t;
    t.slots[0] = item;
    tailIndex = 1;
    size++;
  }

  /** Removes and returns the first item, or null if there is none. */
  Object pollFirst() {
    if (size == 0) {
      return null;
    }
    Chunk h = head;
    Object item = h.slots[headIndex];
    h.slots[headIndex++] = null;
    if (--size == 0) {
      // The only chunk left: start again from its first slot.
      headIndex = 0;
      tailIndex = 0;
    } else if (headIndex == h.slots.length) {
      nextHeadChunk();
    }
    return item;
  }

  /** The head chunk is used up: drop it and go on in the next. */
  private void nextHeadChunk() {
    Chunk h = head;
    Chunk n = h.next;
    n.prev = null;
    h.next = null;
    recycle(h);
    head = n;
    headIndex = 0;
  }

  /** Removes and returns the last item, or null if there is none. */
  Object pollLast() {
    if (size == 0) {
      return null;
    }
    Chunk t = tail;
    Object item = t.slots[--tailIndex];
    t.slots[tailIndex] = null;
    if (--size == 0) {
      headIndex = 0;
      tailIndex = 0;
    } else if (tailIndex == 0) {
      Chunk p = t.prev;
      p.next = null;
      t.prev = null;
      recycle(t);
      tail = p;
      tailIndex = p.slots.length;
    }
    return item;
  }

  /** Calls {@code action} with each item, first to last. */
  void forEach(Consumer<Object> action) {
    for (Chunk c = head; c != null; c = c.next) {
      int from = c == head ? headIndex : 0;
      int to = c == tail ? tailIndex : c.slots.length;
      for (int i = from; i < to; i++) {
        action.accept(c.slots[i]);
      }
    }
  }

  /** Removes every item; keeps the first chunk. */
  void clear() {
    if (head == null) {
      return;
    }
    for (Chunk c = head; c != null; c = c.next) {
      Arrays.fill(c.slots, null);
    }
    Chunk first = head;
    first.next = null;
    tail = first;
    headIndex = 0;
    tailIndex = 0;
    size = 0;
  }

  private Chunk newChunk(int capacity) {
    Chunk s = spare;
    if (s != null && capacity == MAX_CHUNK) {
      spare = null;
      return s;
    }
    return new Chunk(capacity);
  }

  private void recycle(Chunk c) {
    if (c.slots.length == MAX_CHUNK) {
      spare = c;
    }
  }
}
