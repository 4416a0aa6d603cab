package dev.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Unit tests of the loop's timer heap, {@link TimerQueue}: order by deadline then scheduling
 * sequence, and the counting and purging of cancelled entries.
 */
class TimerQueueTest {
  /** Owns the handles; a handle's cancel() also reports to this loop's own (empty) queue. */
  private final TestEventLoop loop = new TestEventLoop();

  private final Timers queue = new Timers();

  /** A handle that remembers the sequence number it was queued with. */
  static final class SeqTimer extends TimerHandle {
    final int seq;

    SeqTimer(EventLoop loop, long whenNanos, int seq) {
      super(loop, whenNanos, () -> {}, null);
      this.seq = seq;
    }
  }

  /** The queue under test, typed for handles. */
  static final class Timers {
    final TimerQueue queue = new TimerQueue();

    void add(SeqTimer h) {
      queue.add(h, h.whenNanos, h.seq);
    }

    SeqTimer poll() {
      return (SeqTimer) queue.poll();
    }

    SeqTimer peek() {
      return (SeqTimer) queue.peek();
    }

    int size() {
      return queue.size();
    }

    boolean isEmpty() {
      return queue.isEmpty();
    }

    void onCancelled() {
      queue.onCancelled();
    }

    void clear() {
      queue.clear();
    }
  }

  private int seq;

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  private SeqTimer timer(long whenNanos) {
    return timer(whenNanos, seq++);
  }

  private SeqTimer timer(long whenNanos, int sequence) {
    return new SeqTimer(loop, whenNanos, sequence);
  }

  /** Cancels {@code h} and tells the queue, as the loop does for a timer in its heap. */
  private void cancel(SeqTimer h) {
    h.cancel();
    queue.onCancelled();
  }

  private List<SeqTimer> pollAll() {
    List<SeqTimer> out = new ArrayList<>();
    while (!queue.isEmpty()) {
      out.add(queue.poll());
    }
    return out;
  }

  /** The timers of {@code timers} that are not cancelled, in the same order. */
  private static List<SeqTimer> notCancelled(List<SeqTimer> timers) {
    List<SeqTimer> out = new ArrayList<>();
    for (SeqTimer h : timers) {
      if (!h.cancelled()) {
        out.add(h);
      }
    }
    return out;
  }

  /** "deadline#sequence" of each handle, for readable failures. */
  private static List<String> describe(List<SeqTimer> handles) {
    List<String> out = new ArrayList<>();
    for (SeqTimer h : handles) {
      out.add(h.whenNanos + "#" + h.seq + (h.cancelled() ? " cancelled" : ""));
    }
    return out;
  }

  private static final Comparator<SeqTimer> BY_DEADLINE_THEN_SEQ =
      Comparator.<SeqTimer>comparingLong(h -> h.whenNanos).thenComparingLong(h -> h.seq);

  @Test
  @DisplayName("timers come out by deadline, and by scheduling sequence on equal deadlines")
  void pollsByDeadlineThenSequence() {
    List<SeqTimer> added = new ArrayList<>();
    added.add(timer(30, 5));
    added.add(timer(10, 7));
    added.add(timer(20, 1));
    added.add(timer(10, 2));
    added.add(timer(10, 9));
    added.add(timer(20, 0));
    added.add(timer(5, 8));
    added.forEach(queue::add);

    assertEquals(7, queue.size());
    List<SeqTimer> polled = pollAll();

    List<SeqTimer> expected = new ArrayList<>(added);
    expected.sort(BY_DEADLINE_THEN_SEQ);
    assertEquals(describe(expected), describe(polled));
    assertEquals(0, queue.size());
    assertNull(queue.peek());
  }

  @Test
  @DisplayName("peek shows the earliest timer without removing it; add and poll track the heap")
  void peekAndScheduledFlag() {
    SeqTimer late = timer(20);
    SeqTimer early = timer(10);
    queue.add(late);
    queue.add(early);

    assertSame(early, queue.peek());
    assertSame(early, queue.peek());
    assertEquals(2, queue.size());
    assertTrue(early.scheduled);

    assertSame(early, queue.poll());
    assertFalse(early.scheduled, "a polled timer is no longer in the heap");
    assertSame(late, queue.peek());
  }

  @Test
  @DisplayName("2,000 random timers come out in order, ties broken by sequence")
  void manyRandomTimersComeOutInOrder() {
    Random random = new Random(42);
    List<SeqTimer> added = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      added.add(timer(random.nextInt(500)));
    }
    List<SeqTimer> shuffled = new ArrayList<>(added);
    Collections.shuffle(shuffled, random);
    shuffled.forEach(queue::add);

    List<SeqTimer> expected = new ArrayList<>(added);
    expected.sort(BY_DEADLINE_THEN_SEQ);
    assertEquals(describe(expected), describe(pollAll()));
  }

  @Test
  @DisplayName(
      "timers mostly in deadline order, with adds, cancels and polls mixed, match a sorted set")
  void mostlyOrderedTimersWithCancelsAndPollsMatchASortedSet() {
    for (int round = 0; round < 20; round++) {
      Random random = new Random(round);
      java.util.TreeSet<SeqTimer> reference = new java.util.TreeSet<>(BY_DEADLINE_THEN_SEQ);
      List<SeqTimer> live = new ArrayList<>();
      long now = 0;
      for (int step = 0; step < 3_000; step++) {
        int what = random.nextInt(10);
        if (what < 6) {
          // mostly "now + the same delay" (in order), sometimes earlier or equal deadlines
          now += random.nextInt(3);
          long when = random.nextInt(8) == 0 ? now - random.nextInt(50) : now + 100;
          SeqTimer h = timer(when);
          queue.add(h);
          reference.add(h);
          live.add(h);
        } else if (what < 8 && !live.isEmpty()) {
          SeqTimer h = live.remove(random.nextInt(live.size()));
          cancel(h);
          reference.remove(h);
        } else if (!queue.isEmpty()) {
          SeqTimer h = queue.poll();
          if (!h.cancelled()) {
            assertEquals(describe(List.of(reference.first())), describe(List.of(h)));
            reference.pollFirst();
            live.remove(h);
          }
        }
      }
      assertEquals(
          describe(new ArrayList<>(reference)),
          describe(notCancelled(pollAll())),
          "round " + round);
    }
  }

  @Test
  @DisplayName("cancelled timers are purged once they are more than half of over 100")
  void cancelledTimersArePurgedWhenMoreThanHalfOfOverAHundred() {
    List<SeqTimer> added = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      added.add(timer(1000 - i));
    }
    added.forEach(queue::add);

    for (int i = 0; i < 50; i++) {
      cancel(added.get(2 * i));
    }
    assertEquals(101, queue.size(), "50 of 101 cancelled is not more than half");

    cancel(added.get(100));
    assertEquals(50, queue.size(), "51 of 101 cancelled must purge");

    List<SeqTimer> polled = pollAll();
    assertTrue(polled.stream().noneMatch(Handle::cancelled), "a cancelled timer survived");
    List<SeqTimer> expected = notCancelled(added);
    expected.sort(BY_DEADLINE_THEN_SEQ);
    assertEquals(describe(expected), describe(polled));
    assertTrue(added.stream().noneMatch(h -> h.scheduled), "purged timers still marked scheduled");
  }

  @Test
  @DisplayName("with 100 timers or fewer nothing is purged, even when all are cancelled")
  void noPurgeAtOrBelowAHundredTimers() {
    List<SeqTimer> added = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      added.add(timer(i));
    }
    added.forEach(queue::add);

    added.forEach(this::cancel);

    assertEquals(100, queue.size());
    assertEquals(describe(added), describe(pollAll()), "cancelled timers still come out in order");
  }

  @Test
  @DisplayName("polling a cancelled timer lowers the cancelled count")
  void pollingACancelledTimerLowersTheCount() {
    List<SeqTimer> added = new ArrayList<>();
    for (int i = 0; i < 121; i++) {
      added.add(timer(i));
    }
    added.forEach(queue::add);
    for (int i = 0; i < 60; i++) {
      cancel(added.get(i)); // the 60 earliest
    }
    assertEquals(121, queue.size(), "60 of 121 cancelled is not more than half");
    for (int i = 0; i < 10; i++) {
      assertTrue(queue.poll().cancelled());
    }
    // Now 111 timers, 50 of them cancelled.
    assertEquals(111, queue.size());

    for (int i = 60; i < 65; i++) {
      cancel(added.get(i));
    }
    assertEquals(111, queue.size(), "55 of 111 cancelled is not more than half");

    cancel(added.get(65));
    assertEquals(55, queue.size(), "56 of 111 cancelled must purge");
    assertEquals(describe(added.subList(66, 121)), describe(pollAll()));
  }

  @Test
  @DisplayName("after a purge the heap keeps its order as timers are added and polled")
  void orderAfterPurgeAndFurtherAdds() {
    Random random = new Random(7);
    List<SeqTimer> live = new ArrayList<>();
    List<SeqTimer> added = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      added.add(timer(random.nextInt(1000)));
    }
    added.forEach(queue::add);
    for (SeqTimer h : added) {
      if (random.nextInt(10) != 0) {
        cancel(h);
      } else {
        live.add(h);
      }
    }
    assertTrue(queue.size() < 1000, "nothing was purged");
    for (int i = 0; i < 50; i++) {
      SeqTimer h = timer(random.nextInt(1000));
      queue.add(h);
      live.add(h);
    }

    List<SeqTimer> polled = notCancelled(pollAll());
    live.sort(BY_DEADLINE_THEN_SEQ);
    assertEquals(describe(live), describe(polled));
  }

  @Test
  @DisplayName(
      "10,000 timers in deadline order span many chunks; purges and polls keep the order, and an"
          + " emptied run keeps at most two chunks")
  void longRunAcrossChunksKeepsOrderThroughPurges() {
    Random random = new Random(11);
    List<SeqTimer> added = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      SeqTimer h = timer(i / 3); // in order, with runs of equal deadlines
      added.add(h);
      queue.add(h);
    }
    assertTrue(queue.queue.runChunks() > 10, "10,000 timers fit in " + queue.queue.runChunks());
    // Poll some from the head, so that the purge starts inside a chunk.
    List<SeqTimer> polled = new ArrayList<>();
    for (int i = 0; i < 1_500; i++) {
      polled.add(queue.poll());
    }
    // Cancel about two thirds of the rest, and the whole tail, which must purge.
    for (SeqTimer h : added.subList(1_500, 10_000)) {
      if (random.nextInt(3) != 0 || h.seq >= 8_000) {
        cancel(h);
      }
    }
    assertTrue(queue.size() < 8_500, "nothing was purged: " + queue.size());
    // What is left fills full chunks of 1,024, besides a partial first and last, and the spare.
    int afterPurge = queue.queue.runChunks();
    assertTrue(
        afterPurge <= queue.size() / 1024 + 3,
        "the purge kept " + afterPurge + " chunks for " + queue.size() + " timers");
    // Timers added after the purge go after the survivors.
    for (int i = 0; i < 2_000; i++) {
      SeqTimer h = timer(5_000 + i);
      added.add(h);
      queue.add(h);
    }
    polled.addAll(notCancelled(pollAll()));
    List<SeqTimer> expected = notCancelled(added);
    expected.sort(BY_DEADLINE_THEN_SEQ);
    assertEquals(describe(expected), describe(polled));
    assertTrue(
        queue.queue.runChunks() <= 2,
        "an empty run keeps " + queue.queue.runChunks() + " chunks, more than its own and a spare");
  }

  @Test
  @DisplayName(
      "5,000 timers in random order fill several pieces of the heap; purges give them back and"
          + " the order holds")
  void heapAcrossPiecesKeepsOrderAndShrinksAfterPurges() {
    Random random = new Random(13);
    List<SeqTimer> added = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      SeqTimer h = timer(1_000_000 - i * 7L + random.nextInt(5_000));
      added.add(h);
      queue.add(h);
    }
    int pieces = queue.queue.heapPieces();
    assertTrue(pieces >= 4, "5,000 timers mostly out of order fill " + pieces + " pieces");
    // Poll a few, so that the heap's last entries move to its top across pieces.
    List<SeqTimer> polled = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      polled.add(queue.poll());
    }
    List<SeqTimer> live = new ArrayList<>(added);
    live.removeAll(polled);
    // Cancel nineteen in twenty of the rest: the purges drop them and shrink the heap.
    List<SeqTimer> kept = new ArrayList<>();
    for (SeqTimer h : live) {
      if (random.nextInt(20) != 0) {
        cancel(h);
      } else {
        kept.add(h);
      }
    }
    assertEquals(1, queue.queue.heapPieces(), "the heap still holds pieces for 5,000 timers");
    for (int i = 0; i < 2_000; i++) {
      SeqTimer h = timer(random.nextInt(2_000_000));
      kept.add(h);
      queue.add(h);
    }

    List<SeqTimer> earliest = new ArrayList<>(added);
    earliest.sort(BY_DEADLINE_THEN_SEQ);
    assertEquals(describe(earliest.subList(0, 100)), describe(polled));
    kept.sort(BY_DEADLINE_THEN_SEQ);
    assertEquals(describe(kept), describe(notCancelled(pollAll())));
  }

  @Test
  @DisplayName("clear empties the queue and forgets the cancelled count")
  void clearEmptiesTheQueue() {
    List<SeqTimer> added = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      added.add(timer(i));
    }
    added.forEach(queue::add);
    for (int i = 0; i < 70; i++) {
      cancel(added.get(i));
    }

    queue.clear();

    assertEquals(0, queue.size());
    assertTrue(queue.isEmpty());
    assertNull(queue.peek());

    // The 70 earlier cancels must not count against the new timers.
    List<SeqTimer> fresh = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      fresh.add(timer(i));
    }
    fresh.forEach(queue::add);
    for (int i = 0; i < 50; i++) {
      cancel(fresh.get(i));
    }
    assertEquals(101, queue.size());
  }
}
