package dev.jasyncio;

import java.util.Arrays;

/**
 * The loop's timers: a binary min-heap ordered by deadline, then by scheduling order. Cancelled
 * timers stay in the heap until they reach the top or until they are most of it (as asyncio purges
 * them), so cancelling is O(1) and a cancelled timer does not keep memory for long.
 */
final class TimerQueue {
  /** Purge when more than half of at least this many timers are cancelled. */
  private static final int MIN_PURGE_SIZE = 100;

  private TimerHandle[] heap = new TimerHandle[16];
  private int size;
  private int cancelled;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The earliest timer, cancelled or not, or null. */
  TimerHandle peek() {
    return size == 0 ? null : heap[0];
  }

  void add(TimerHandle h) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    h.scheduled = true;
    siftUp(size++, h);
  }

  /** Removes and returns the earliest timer. */
  TimerHandle poll() {
    TimerHandle top = heap[0];
    TimerHandle last = heap[--size];
    heap[size] = null;
    if (size > 0) {
      siftDown(0, last);
    }
    top.scheduled = false;
    if (top.cancelled()) {
      cancelled--;
    }
    return top;
  }

  /** Called when a timer in the heap is cancelled. */
  void onCancelled() {
    cancelled++;
    if (size > MIN_PURGE_SIZE && cancelled * 2 > size) {
      purge();
    }
  }

  /** Drops every cancelled timer, then rebuilds the heap: O(n), amortised over the cancels. */
  private void purge() {
    int n = 0;
    for (int i = 0; i < size; i++) {
      TimerHandle h = heap[i];
      if (h.cancelled()) {
        h.scheduled = false;
      } else {
        heap[n++] = h;
      }
    }
    Arrays.fill(heap, n, size, null);
    size = n;
    cancelled = 0;
    for (int i = (n >>> 1) - 1; i >= 0; i--) {
      siftDown(i, heap[i]);
    }
    if (heap.length > 64 && size < heap.length / 4) {
      heap = Arrays.copyOf(heap, Math.max(16, size * 2));
    }
  }

  void clear() {
    Arrays.fill(heap, 0, size, null);
    size = 0;
    cancelled = 0;
  }

  private static boolean before(TimerHandle a, TimerHandle b) {
    return a.whenNanos < b.whenNanos || (a.whenNanos == b.whenNanos && a.seq < b.seq);
  }

  private void siftUp(int i, TimerHandle h) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      TimerHandle p = heap[parent];
      if (!before(h, p)) {
        break;
      }
      heap[i] = p;
      i = parent;
    }
    heap[i] = h;
  }

  private void siftDown(int i, TimerHandle h) {
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      TimerHandle c = heap[child];
      int right = child + 1;
      if (right < size && before(heap[right], c)) {
        child = right;
        c = heap[child];
      }
      if (!before(c, h)) {
        break;
      }
      heap[i] = c;
      i = child;
    }
    heap[i] = h;
  }
}
