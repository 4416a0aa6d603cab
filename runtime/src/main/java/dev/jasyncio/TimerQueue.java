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
 *
 * <p>The run is a chain of fixed-size chunks rather than one array that doubles: a million sleepers
 * then never cost a copy of the whole run on the loop thread, nor the doubled arrays' 16 bytes a
 * timer of garbage, and each chunk is an ordinary young object for the collector rather than a
 * humongous one.
 */
final class TimerQueue {
  /** Purge when more than half of at least this many timers are cancelled. */
  private static final int MIN_PURGE_SIZE = 100;

  // The heap, in three parallel arrays: entries, deadlines, sequence numbers. The entries are kept
  // in pieces of HEAP_PIECE (the first one smaller while the heap is small), so that a heap of a
  // million timers never has an array of references of megabytes: G1 would make it a humongous
  // object in the old generation, which young collections do not free, and every store of a young
  // timer into it would take the slow path of the write barrier.
  private static final int HEAP_PIECE_SHIFT = 10;
  private static final int HEAP_PIECE = 1 << HEAP_PIECE_SHIFT;
  private Object[][] heap = {new Object[16]};
  private long[] heapWhen = new long[16];
  private int[] heapSeq = new int[16];
  private int size;

  private Object entry(int i) {
    return heap[i >>> HEAP_PIECE_SHIFT][i & (HEAP_PIECE - 1)];
  }

  private void setEntry(int i, Object e) {
    heap[i >>> HEAP_PIECE_SHIFT][i & (HEAP_PIECE - 1)] = e;
  }

  /** Gives the heap room for {@code capacity} entries (a power of two, at least 16). */
  private void resizeHeap(int capacity) {
    heapWhen = Arrays.copyOf(heapWhen, capacity);
    heapSeq = Arrays.copyOf(heapSeq, capacity);
    if (capacity <= HEAP_PIECE) {
      heap = new Object[][] {Arrays.copyOf(heap[0], capacity)};
      return;
    }
    Object[][] pieces = Arrays.copyOf(heap, capacity >>> HEAP_PIECE_SHIFT);
    if (pieces[0].length < HEAP_PIECE) {
      pieces[0] = Arrays.copyOf(pieces[0], HEAP_PIECE);
    }
    for (int p = 1; p < pieces.length; p++) {
      if (pieces[p] == null) {
        pieces[p] = new Object[HEAP_PIECE];
      }
    }
    heap = pieces;
  }

  /** A piece of the run: timers in deadline order, with their deadlines and sequence numbers. */
  private static final class Chunk {
    final Object[] entries;
    final long[] when;
    final int[] seq;
    Chunk next;

    Chunk(int capacity) {
      entries = new Object[capacity];
      when = new long[capacity];
      seq = new int[capacity];
    }

    int capacity() {
      return entries.length;
    }
  }

  /** The first chunk's size; each new chunk is as big as the run, up to MAX_CHUNK. */
  private static final int MIN_CHUNK = 16;

  /** 1,024 timers: 16 KiB of arrays, well under a G1 region. */
  private static final int MAX_CHUNK = 1024;

  // The run: from index runHead of runFirst to index runTail (exclusive) of runLast.
  private Chunk runFirst;
  private Chunk runLast;
  private int runHead;
  private int runTail;
  private int runSize;

  /**
   * An emptied chunk kept for the next one the run needs, so a run that stays short allocates none.
   */
  private Chunk spare;

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
    if (runSize == 0
        || !before(whenNanos, seq, runLast.when[runTail - 1], runLast.seq[runTail - 1])) {
      appendToRun(entry, whenNanos, seq);
      return;
    }
    if (size == heapWhen.length) {
      resizeHeap(size * 2);
    }
    siftUp(size++, entry, whenNanos, seq);
  }

  private void appendToRun(Object entry, long whenNanos, int seq) {
    if (runLast == null) {
      runFirst = runLast = newChunk();
      runHead = runTail = 0;
    } else if (runTail == runLast.capacity()) {
      Chunk c = newChunk();
      runLast.next = c;
      runLast = c;
      runTail = 0;
    }
    runLast.entries[runTail] = entry;
    runLast.when[runTail] = whenNanos;
    runLast.seq[runTail] = seq;
    runTail++;
    runSize++;
  }

  /** The spare chunk if there is one, else a new one sized to the run. */
  private Chunk newChunk() {
    Chunk c = spare;
    if (c != null) {
      spare = null;
      return c;
    }
    return new Chunk(Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Integer.highestOneBit(runSize))));
  }

  /** Keeps {@code c}, whose entries are all null, as the spare if it is bigger than the spare. */
  private void retire(Chunk c) {
    c.next = null;
    if (spare == null || spare.capacity() < c.capacity()) {
      spare = c;
    }
  }

  /** The pieces the heap's entries are kept in now: for tests of its growing and shrinking. */
  int heapPieces() {
    return heap.length;
  }

  /** The chunks the run holds now, and the spare: for tests of what an emptied run keeps. */
  int runChunks() {
    int n = spare == null ? 0 : 1;
    for (Chunk c = runFirst; c != null; c = c.next) {
      n++;
    }
    return n;
  }

  /** Whether the earliest entry is in the run (else in the heap); the queue is not empty. */
  private boolean firstInRun() {
    return runSize > 0
        && (size == 0
            || before(runFirst.when[runHead], runFirst.seq[runHead], heapWhen[0], heapSeq[0]));
  }

  /** The earliest entry, live or dead, or null. */
  Object peek() {
    if (isEmpty()) {
      return null;
    }
    return firstInRun() ? runFirst.entries[runHead] : entry(0);
  }

  /**
   * Drops the dead entries at the front and returns the deadline of the earliest live one, or
   * {@link Long#MAX_VALUE} if there is none.
   */
  long firstDeadline() {
    while (!isEmpty()) {
      boolean inRun = firstInRun();
      Object e = inRun ? runFirst.entries[runHead] : entry(0);
      int seq = inRun ? runFirst.seq[runHead] : heapSeq[0];
      if (!dead(e, seq)) {
        return inRun ? runFirst.when[runHead] : heapWhen[0];
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
      Chunk c = runFirst;
      top = c.entries[runHead];
      seq = c.seq[runHead];
      c.entries[runHead] = null;
      runHead++;
      runSize--;
      if (runSize == 0) {
        // Empty: this chunk, the last, serves the next timers from its start.
        runHead = runTail = 0;
      } else if (runHead == c.capacity()) {
        runFirst = c.next;
        runHead = 0;
        retire(c);
      }
    } else {
      top = entry(0);
      seq = heapSeq[0];
      int last = --size;
      Object lastEntry = entry(last);
      setEntry(last, null);
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
    purgeRun();
    int n = 0;
    for (int i = 0; i < size; i++) {
      Object e = entry(i);
      if (dead(e, heapSeq[i])) {
        unschedule(e);
      } else {
        setEntry(n, e);
        heapWhen[n] = heapWhen[i];
        heapSeq[n] = heapSeq[i];
        n++;
      }
    }
    for (int i = n; i < size; i++) {
      setEntry(i, null);
    }
    size = n;
    cancelled = 0;
    for (int i = (n >>> 1) - 1; i >= 0; i--) {
      siftDown(i, entry(i), heapWhen[i], heapSeq[i]);
    }
    if (heapWhen.length > 64 && size < heapWhen.length / 4) {
      // Room for twice the timers left, rounded up to a power of two.
      resizeHeap(Math.max(16, Integer.highestOneBit(Math.max(1, size) * 2 - 1) << 1));
    }
  }

  /**
   * Slides the live timers of the run towards its head, in order, and lets go of the chunks that
   * empties at its end.
   */
  private void purgeRun() {
    if (runSize == 0) {
      return;
    }
    Chunk to = runFirst;
    int k = runHead;
    int kept = 0;
    Chunk from = runFirst;
    int j = runHead;
    for (int i = 0; i < runSize; i++) {
      if (j == from.capacity()) {
        from = from.next;
        j = 0;
      }
      Object e = from.entries[j];
      if (dead(e, from.seq[j])) {
        unschedule(e);
      } else {
        if (k == to.capacity()) {
          to = to.next;
          k = 0;
        }
        to.entries[k] = e;
        to.when[k] = from.when[j];
        to.seq[k] = from.seq[j];
        k++;
        kept++;
      }
      j++;
    }
    // Clear what the live timers no longer fill, up to the old end; drop the chunks after it.
    Arrays.fill(to.entries, k, to == runLast ? runTail : to.capacity(), null);
    if (to != runLast) {
      Chunk c = to.next;
      while (c != null) {
        Chunk next = c.next;
        Arrays.fill(c.entries, null);
        retire(c);
        c = next;
      }
      to.next = null;
    }
    runLast = to;
    runTail = k;
    runSize = kept;
    if (runSize == 0) {
      runFirst = runLast = to;
      runHead = runTail = 0;
    }
  }

  private static void unschedule(Object e) {
    if (e instanceof TimerHandle h) {
      h.scheduled = false;
    }
  }

  void clear() {
    heap = new Object[][] {new Object[16]};
    heapWhen = new long[16];
    heapSeq = new int[16];
    size = 0;
    runFirst = runLast = spare = null;
    runHead = runTail = runSize = 0;
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
      setEntry(i, entry(parent));
      heapWhen[i] = heapWhen[parent];
      heapSeq[i] = heapSeq[parent];
      i = parent;
    }
    setEntry(i, e);
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
      setEntry(i, entry(child));
      heapWhen[i] = heapWhen[child];
      heapSeq[i] = heapSeq[child];
      i = child;
    }
    setEntry(i, e);
    heapWhen[i] = when;
    heapSeq[i] = seq;
  }
}
