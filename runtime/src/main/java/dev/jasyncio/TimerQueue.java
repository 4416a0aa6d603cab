package dev.jasyncio;

import java.util.Arrays;

/**
 * The loop's timers, ordered by deadline, then by scheduling order. Cancelled timers stay until
 * they come first or until they are most of the timers (as asyncio purges them), so cancelling is
 * O(1) and a cancelled timer does not keep memory for long.
 *
 * <p>Two structures hold them. Timers scheduled in deadline order, as most are (every {@code
 * sleep(d)} with the same {@code d}, a timeout per request), are appended to a FIFO run in O(1);
 * the others go to a binary min-heap in O(log n). The earliest timer is the earlier of the run's
 * head and the heap's top.
 */
final class TimerQueue {
  /** Purge when more than half of at least this many timers are cancelled. */
  private static final int MIN_PURGE_SIZE = 100;

  private TimerHandle[] heap = new TimerHandle[16];
  private int size;

  /** The run: a ring buffer of timers in deadline order, from {@code runHead}. */
  private TimerHandle[] run = new TimerHandle[16];

  private int runHead;
  private int runSize;
  private int cancelled;

  int size() {
    return size + runSize;
  }

  boolean isEmpty() {
    return size + runSize == 0;
  }

  /** The earliest timer, cancelled or not, or null. */
  TimerHandle peek() {
    if (runSize == 0) {
      return size == 0 ? null : heap[0];
    }
    TimerHandle first = run[runHead];
    return size == 0 || before(first, heap[0]) ? first : heap[0];
  }

  void add(TimerHandle h) {
    h.scheduled = true;
    if (runSize == 0 || !before(h, run[(runHead + runSize - 1) & (run.length - 1)])) {
      if (runSize == run.length) {
        growRun();
      }
      run[(runHead + runSize++) & (run.length - 1)] = h;
      return;
    }
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    siftUp(size++, h);
  }

  private void growRun() {
    TimerHandle[] bigger = new TimerHandle[run.length * 2];
    for (int i = 0; i < runSize; i++) {
      bigger[i] = run[(runHead + i) & (run.length - 1)];
    }
    run = bigger;
    runHead = 0;
  }

  /** Removes and returns the earliest timer. */
  TimerHandle poll() {
    TimerHandle top;
    if (runSize > 0 && (size == 0 || before(run[runHead], heap[0]))) {
      top = run[runHead];
      run[runHead] = null;
      runHead = (runHead + 1) & (run.length - 1);
      runSize--;
    } else {
      top = heap[0];
      TimerHandle last = heap[--size];
      heap[size] = null;
      if (size > 0) {
        siftDown(0, last);
      }
    }
    top.scheduled = false;
    if (top.cancelled()) {
      cancelled--;
    }
    return top;
  }

  /** Called when a timer in the queue is cancelled. */
  void onCancelled() {
    cancelled++;
    if (size + runSize > MIN_PURGE_SIZE && cancelled * 2 > size + runSize) {
      purge();
    }
  }

  /** Drops every cancelled timer, then rebuilds the heap: O(n), amortised over the cancels. */
  private void purge() {
    int kept = 0;
    for (int i = 0; i < runSize; i++) {
      TimerHandle h = run[(runHead + i) & (run.length - 1)];
      if (h.cancelled()) {
        h.scheduled = false;
      } else {
        run[(runHead + kept++) & (run.length - 1)] = h;
      }
    }
    for (int i = kept; i < runSize; i++) {
      run[(runHead + i) & (run.length - 1)] = null;
    }
    runSize = kept;
    if (run.length > 64 && runSize < run.length / 4) {
      TimerHandle[] smaller = new TimerHandle[Math.max(16, Integer.highestOneBit(runSize) * 4)];
      for (int i = 0; i < runSize; i++) {
        smaller[i] = run[(runHead + i) & (run.length - 1)];
      }
      run = smaller;
      runHead = 0;
    }
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
    Arrays.fill(run, null);
    runHead = 0;
    runSize = 0;
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
