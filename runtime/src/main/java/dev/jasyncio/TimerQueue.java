package dev.jasyncio;

import java.util.Arrays;

/**
 * The loop's timers, ordered by deadline, then by scheduling order. Cancelled timers stay until
 * they come first or until they are most of the timers (as asyncio purges them), so cancelling is
 * O(1) and a cancelled timer does not keep memory for long.
 *
 * <p>An entry is a {@link TimerHandle} ({@code callLater}) or a sleeping {@link Task}, which is its
 * own timer: a million sleeping tasks cost no timer objects. The deadline and the sequence number
 * of each entry live in arrays beside it. A task's entry is dead once the task no longer sleeps on
 * it (see {@link Task#sleepsOn}); a handle's once it is cancelled.
 *
 * <p>Two structures hold them. Timers scheduled in deadline order, as most are (every {@code
 * sleep(d)} with the same {@code d}, a timeout per request), are appended to a FIFO run in O(1);
 * the others go to a binary min-heap in O(log n). The earliest timer is the earlier of the run's
 * head and the heap's top.
 */
final class TimerQueue {
  /** Purge when more than half of at least this many timers are cancelled. */
  private static final int MIN_PURGE_SIZE = 100;

  // The heap, in three parallel arrays.
  private Object[] heap = new Object[16];
  private long[] heapWhen = new long[16];
  private int[] heapSeq = new int[16];
  private int size;

  // The run: ring buffers of timers in deadline order, from runHead.
  private Object[] run = new Object[16];
  private long[] runWhen = new long[16];
  private int[] runSeq = new int[16];
  private int runHead;
  private int runSize;

  /** How many entries are dead (cancelled) and not yet dropped. */
  private int cancelled;

  int size() {
    return size + runSize;
  }

  boolean isEmpty() {
    return size + runSize == 0;
  }

  /** Adds {@code entry} (a TimerHandle or a Task) with its deadline and sequence number. */
  void add(Object entry, long whenNanos, int seq) {
    if (entry instanceof TimerHandle h) {
      h.scheduled = true;
    }
    if (runSize == 0) {
      appendToRun(entry, whenNanos, seq);
      return;
    }
    int last = (runHead + runSize - 1) & (run.length - 1);
    if (!before(whenNanos, seq, runWhen[last], runSeq[last])) {
      appendToRun(entry, whenNanos, seq);
      return;
    }
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
      heapWhen = Arrays.copyOf(heapWhen, size * 2);
      heapSeq = Arrays.copyOf(heapSeq, size * 2);
    }
    siftUp(size++, entry, whenNanos, seq);
  }

  private void appendToRun(Object entry, long whenNanos, int seq) {
    if (runSize == run.length) {
      resizeRun(run.length * 2);
    }
    int i = (runHead + runSize++) & (run.length - 1);
    run[i] = entry;
    runWhen[i] = whenNanos;
    runSeq[i] = seq;
  }

  private void resizeRun(int capacity) {
    Object[] e = new Object[capacity];
    long[] w = new long[capacity];
    int[] s = new int[capacity];
    // Two bulk copies (the ring's two segments): a big run is a humongous array for G1, and
    // copying into it element by element would take the slow write barrier for each entry.
    int first = Math.min(runSize, run.length - runHead);
    System.arraycopy(run, runHead, e, 0, first);
    System.arraycopy(runWhen, runHead, w, 0, first);
    System.arraycopy(runSeq, runHead, s, 0, first);
    int rest = runSize - first;
    System.arraycopy(run, 0, e, first, rest);
    System.arraycopy(runWhen, 0, w, first, rest);
    System.arraycopy(runSeq, 0, s, first, rest);
    run = e;
    runWhen = w;
    runSeq = s;
    runHead = 0;
  }

  /** Whether the earliest entry is in the run (else in the heap); the queue is not empty. */
  private boolean firstInRun() {
    return runSize > 0
        && (size == 0 || before(runWhen[runHead], runSeq[runHead], heapWhen[0], heapSeq[0]));
  }

  /** The earliest entry, live or dead, or null. */
  Object peek() {
    if (isEmpty()) {
      return null;
    }
    return firstInRun() ? run[runHead] : heap[0];
  }

  /**
   * Drops the dead entries at the front and returns the deadline of the earliest live one, or
   * {@link Long#MAX_VALUE} if there is none.
   */
  long firstDeadline() {
    while (!isEmpty()) {
      boolean inRun = firstInRun();
      Object e = inRun ? run[runHead] : heap[0];
      int seq = inRun ? runSeq[runHead] : heapSeq[0];
      if (!dead(e, seq)) {
        return inRun ? runWhen[runHead] : heapWhen[0];
      }
      poll();
    }
    return Long.MAX_VALUE;
  }

  /**
   * Removes and returns the earliest live entry if its deadline is at or before {@code nowNanos},
   * dropping dead entries on the way; null if there is none.
   */
  Object pollDue(long nowNanos) {
    long first = firstDeadline();
    return first <= nowNanos ? poll() : null;
  }

  /** Removes and returns the earliest entry, live or dead. */
  Object poll() {
    Object top;
    int seq;
    if (firstInRun()) {
      top = run[runHead];
      seq = runSeq[runHead];
      run[runHead] = null;
      runHead = (runHead + 1) & (run.length - 1);
      runSize--;
    } else {
      top = heap[0];
      seq = heapSeq[0];
      int last = --size;
      Object lastEntry = heap[last];
      heap[last] = null;
      if (size > 0) {
        siftDown(0, lastEntry, heapWhen[last], heapSeq[last]);
      }
    }
    if (top instanceof TimerHandle h) {
      h.scheduled = false;
    }
    if (dead(top, seq)) {
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

  /** Drops every dead entry, then rebuilds the heap: O(n), amortised over the cancels. */
  private void purge() {
    int kept = 0;
    int mask = run.length - 1;
    for (int i = 0; i < runSize; i++) {
      int j = (runHead + i) & mask;
      Object e = run[j];
      if (dead(e, runSeq[j])) {
        unschedule(e);
      } else {
        int k = (runHead + kept++) & mask;
        run[k] = e;
        runWhen[k] = runWhen[j];
        runSeq[k] = runSeq[j];
      }
    }
    for (int i = kept; i < runSize; i++) {
      run[(runHead + i) & mask] = null;
    }
    runSize = kept;
    if (run.length > 64 && runSize < run.length / 4) {
      resizeRun(Math.max(16, Integer.highestOneBit(runSize) * 4));
    }
    int n = 0;
    for (int i = 0; i < size; i++) {
      Object e = heap[i];
      if (dead(e, heapSeq[i])) {
        unschedule(e);
      } else {
        heap[n] = e;
        heapWhen[n] = heapWhen[i];
        heapSeq[n] = heapSeq[i];
        n++;
      }
    }
    Arrays.fill(heap, n, size, null);
    size = n;
    cancelled = 0;
    for (int i = (n >>> 1) - 1; i >= 0; i--) {
      siftDown(i, heap[i], heapWhen[i], heapSeq[i]);
    }
    if (heap.length > 64 && size < heap.length / 4) {
      int capacity = Math.max(16, size * 2);
      heap = Arrays.copyOf(heap, capacity);
      heapWhen = Arrays.copyOf(heapWhen, capacity);
      heapSeq = Arrays.copyOf(heapSeq, capacity);
    }
  }

  private static void unschedule(Object e) {
    if (e instanceof TimerHandle h) {
      h.scheduled = false;
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

  /**
   * Whether the entry scheduled with {@code seq} will not run: cancelled, or no longer slept on.
   */
  private static boolean dead(Object e, int seq) {
    return e instanceof TimerHandle h ? h.cancelled() : !((Task<?>) e).sleepsOn(seq);
  }

  /** Deadline order; ties in scheduling order (seq wraps around, so compare by difference). */
  private static boolean before(long whenA, int seqA, long whenB, int seqB) {
    return whenA < whenB || (whenA == whenB && seqA - seqB < 0);
  }

  private void siftUp(int i, Object e, long when, int seq) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(when, seq, heapWhen[parent], heapSeq[parent])) {
        break;
      }
      heap[i] = heap[parent];
      heapWhen[i] = heapWhen[parent];
      heapSeq[i] = heapSeq[parent];
      i = parent;
    }
    heap[i] = e;
    heapWhen[i] = when;
    heapSeq[i] = seq;
  }

  private void siftDown(int i, Object e, long when, int seq) {
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size
          && before(heapWhen[right], heapSeq[right], heapWhen[child], heapSeq[child])) {
        child = right;
      }
      if (!before(heapWhen[child], heapSeq[child], when, seq)) {
        break;
      }
      heap[i] = heap[child];
      heapWhen[i] = heapWhen[child];
      heapSeq[i] = heapSeq[child];
      i = child;
    }
    heap[i] = e;
    heapWhen[i] = when;
    heapSeq[i] = seq;
  }
}
