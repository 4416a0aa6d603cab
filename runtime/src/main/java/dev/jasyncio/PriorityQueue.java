package dev.jasyncio;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * A {@link Queue} that hands out its smallest item first, as Python's {@code
 * asyncio.PriorityQueue}: by the items' natural ordering, or by a {@link Comparator}.
 *
 * <pre>{@code
 * record Job(int priority, String name) {}
 *
 * PriorityQueue<Job> jobs = new PriorityQueue<>(Comparator.comparingInt(Job::priority));
 * jobs.putNowait(new Job(2, "later"));
 * jobs.putNowait(new Job(1, "first"));
 * jobs.putNowait(new Job(2, "even later"));
 * Job next = await(jobs.get()); // "first"; then "later", then "even later"
 * }</pre>
 *
 * <p>Items that compare equal come out in the order they were put. Python's heap does not promise
 * that, which is why asyncio code often puts {@code (priority, counter, item)} tuples; here the
 * priority alone is enough.
 *
 * <p>Without a comparator the items must be {@link Comparable} and not {@code null}: a put of an
 * item that is not throws {@link ClassCastException} or {@link NullPointerException} and puts
 * nothing. A comparator decides for itself about {@code null} (see {@link Comparator#nullsFirst}).
 * If the ordering throws, the put or get that compared throws it and the queue is left as it was.
 *
 * <p>Waiting, cancellation, {@code taskDone}/{@code join}, shutdown and threads work as in {@link
 * Queue}. The name clashes with {@link java.util.PriorityQueue}; import the one you mean
 * explicitly.
 *
 * @param <T> the type of the items
 */
public class PriorityQueue<T> extends Queue<T> {
  /*
   * Overview: a binary min-heap in two parallel arrays, the items and the sequence numbers that
   * break ties (so equal items leave in FIFO order without a wrapper object per item). Each sift
   * first finds where the moving item ends up, comparing only, and moves items afterwards, so a
   * comparator that throws leaves the heap untouched.
   */

  private static final int INITIAL_CAPACITY = 16;

  /** Null for the natural ordering. */
  private final Comparator<? super T> comparator;

  private Object[] heap = new Object[INITIAL_CAPACITY];
  private long[] seqs = new long[INITIAL_CAPACITY];
  private int size;
  private long nextSeq;

  /** An unbounded queue ordered by the items' natural ordering. */
  public PriorityQueue() {
    this(0, null);
  }

  /** A queue of at most {@code maxsize} items ({@code <= 0}: unbounded), in natural ordering. */
  public PriorityQueue(int maxsize) {
    this(maxsize, null);
  }

  /** An unbounded queue ordered by {@code comparator}; null means natural ordering. */
  public PriorityQueue(Comparator<? super T> comparator) {
    this(0, comparator);
  }

  /**
   * A queue of at most {@code maxsize} items ({@code <= 0}: unbounded), ordered by {@code
   * comparator}; null means natural ordering.
   */
  public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
    super(maxsize, false);
    this.comparator = comparator;
  }

  /** The comparator, or null if the queue uses the items' natural ordering. */
  public final Comparator<? super T> comparator() {
    return comparator;
  }

  @Override
  int count() {
    return size;
  }

  @Override
  void store(T item) {
    if (comparator == null) {
      Objects.requireNonNull(
          item,
          "a PriorityQueue without a comparator cannot order null; give it a Comparator, e.g."
              + " Comparator.nullsFirst(Comparator.naturalOrder())");
      if (!(item instanceof Comparable)) {
        throw new ClassCastException(
            item.getClass().getName()
                + " is not Comparable; give the PriorityQueue a Comparator for it");
      }
    }
    int k = size;
    if (k == heap.length) {
      int capacity = k + (k >> 1) + 1;
      heap = Arrays.copyOf(heap, capacity);
      seqs = Arrays.copyOf(seqs, capacity);
    }
    long seq = nextSeq;
    int pos = k;
    while (pos > 0) {
      int parent = (pos - 1) >>> 1;
      if (compare(item, seq, parent) >= 0) {
        break;
      }
      pos = parent;
    }
    // The comparisons are over: move the ancestors between k and pos down one level.
    for (int i = k; i > pos; ) {
      int parent = (i - 1) >>> 1;
      heap[i] = heap[parent];
      seqs[i] = seqs[parent];
      i = parent;
    }
    heap[pos] = item;
    seqs[pos] = seq;
    size = k + 1;
    nextSeq = seq + 1;
  }

  @Override
  @SuppressWarnings("unchecked")
  T takeNext() {
    T top = (T) heap[0];
    int n = size - 1;
    if (n > 0) {
      Object last = heap[n];
      long lastSeq = seqs[n];
      // Find where the last item sinks to from the root, comparing only.
      int pos = 0;
      for (int child; (child = 2 * pos + 1) < n; ) {
        int right = child + 1;
        if (right < n && compare(heap[right], seqs[right], child) < 0) {
          child = right;
        }
        if (compare(last, lastSeq, child) <= 0) {
          break;
        }
        pos = child;
      }
      // Move each item on the path from the root to pos up one level: the path is pos's
      // ancestors, read top-down from the bits of pos + 1.
      int m = pos + 1;
      int depth = 31 - Integer.numberOfLeadingZeros(m);
      int parent = 0;
      for (int level = 1; level <= depth; level++) {
        int node = (m >>> (depth - level)) - 1;
        heap[parent] = heap[node];
        seqs[parent] = seqs[node];
        parent = node;
      }
      heap[pos] = last;
      seqs[pos] = lastSeq;
    }
    heap[n] = null;
    size = n;
    return top;
  }

  @Override
  void dropAll() {
    Arrays.fill(heap, 0, size, null);
    size = 0;
  }

  /** Compares {@code item} (with sequence number {@code seq}) with the heap's item at {@code i}. */
  @SuppressWarnings("unchecked")
  private int compare(Object item, long seq, int i) {
    Object other = heap[i];
    int c =
        comparator != null
            ? comparator.compare((T) item, (T) other)
            : ((Comparable<Object>) item).compareTo(other);
    return c != 0 ? c : Long.compare(seq, seqs[i]);
  }
}
