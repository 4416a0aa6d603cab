package dev.jasyncio;

import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.gatherReturnExceptions;
import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Coro.Next;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A randomized run of producers and consumers over one queue on the virtual clock, for the queue
 * tests: random sleeps, waiting and non-waiting puts and gets, cancellations of producers and
 * consumers (at random times, and right around puts and gets, when a waiter has just been woken),
 * each replaced by a fresh one, and a shutdown (immediate or not) at a random time. It checks that
 * every item whose put completed was got exactly once, is left in the queue, or was dropped by the
 * shutdown, and that nothing else comes out; that the queue never holds more than its maxsize; that
 * between two ticks nobody waits for an item or room that is there (no lost wake-up); and that
 * {@code join()} is released once every item is done.
 *
 * <p>Everything is decided by the seed, and the loop is deterministic, so a failing seed replays.
 */
final class QueueStress {
  private static final double TICK = 0.001;

  private final long seed;
  private final Random rnd;
  private final Queue<Integer> q;
  private final boolean fifo;
  private final int producers;
  private final int consumers;
  private final int itemsPerProducer;
  private final double shutdownAt;
  private final boolean immediate;

  private final List<Integer> putOrder = new ArrayList<>();
  private final Set<Integer> putDone = new HashSet<>();
  private final List<Integer> gotOrder = new ArrayList<>();
  private final Set<Integer> got = new HashSet<>();
  private final List<Integer> drained = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private final List<Task<?>> producerTasks = new ArrayList<>();
  private final List<Task<?>> consumerTasks = new ArrayList<>();

  /** Every task main must wait for; tasks started later are appended. */
  private final List<Task<?>> tasks = new ArrayList<>();

  private int cancelBudget;
  private int dropped;
  private int cancelled;
  private int waits;
  private Task<?> joiner;

  private QueueStress(long seed, IntFunction<Queue<Integer>> newQueue, boolean fifo) {
    this.seed = seed;
    this.rnd = new Random(seed);
    this.q = newQueue.apply(rnd.nextInt(6)); // 0: unbounded
    this.fifo = fifo;
    this.producers = 1 + rnd.nextInt(5);
    this.consumers = 1 + rnd.nextInt(5);
    this.itemsPerProducer = 10 + rnd.nextInt(60);
    this.shutdownAt = TICK * rnd.nextInt(200);
    this.immediate = rnd.nextBoolean();
    this.cancelBudget = 4 * (producers + consumers);
  }

  /**
   * Runs one seed and checks what it must; {@code fifo} also checks that items come out in the
   * order they went in. Returns the run, for its counts.
   */
  static QueueStress check(long seed, IntFunction<Queue<Integer>> newQueue, boolean fifo) {
    QueueStress s = new QueueStress(seed, newQueue, fifo);
    TestEventLoop loop = new TestEventLoop();
    loop.setEagerTasks(s.rnd.nextBoolean());
    Asyncio.run(s.main(), () -> loop);
    s.verify();
    return s;
  }

  /** How many producers and consumers were cancelled. */
  int cancelled() {
    return cancelled;
  }

  /** How many puts and gets were started on a full or empty queue, so probably waited. */
  int waits() {
    return waits;
  }

  /** How many items the shutdown dropped. */
  int dropped() {
    return dropped;
  }

  boolean immediate() {
    return immediate;
  }

  private String describe() {
    return "seed "
        + seed
        + ": "
        + q
        + " producers="
        + producers
        + " consumers="
        + consumers
        + " items/producer="
        + itemsPerProducer
        + " shutdownAt="
        + shutdownAt
        + " immediate="
        + immediate
        + " put="
        + putDone.size()
        + " got="
        + got.size()
        + " drained="
        + drained.size()
        + " dropped="
        + dropped
        + " cancelled="
        + cancelled
        + " waits="
        + waits;
  }

  private double delay() {
    return TICK * rnd.nextInt(4); // 0 is a plain yield; equal deadlines are common on purpose
  }

  private void checkBounds(String where) {
    if (q.maxsize() > 0 && q.qsize() > q.maxsize()) {
      violations.add(where + ": qsize " + q.qsize() + " > maxsize " + q.maxsize());
    }
  }

  private Coroutine<Object> main() {
    return co(
        "main",
        () -> {
          for (int p = 0; p < producers; p++) {
            startProducer();
          }
          for (int c = 0; c < consumers; c++) {
            startConsumer();
          }
          tasks.add(createTask(co("chaos", () -> chaos(2 * (producers + consumers)))));
          tasks.add(createTask(co("stopper", this::stopper)));
          tasks.add(createTask(co("observer", () -> observe(TICK / 2))));
          return awaitTasks(0);
        });
  }

  /** Awaits the tasks from {@code from} on, then those started meanwhile, then checks the end. */
  private Next awaitTasks(int from) {
    int to = tasks.size();
    if (from == to) {
      return finish();
    }
    return await(
        gatherReturnExceptions(new ArrayList<>(tasks.subList(from, to))),
        outcomes -> {
          for (Object o : (List<?>) outcomes) {
            if (o instanceof Throwable t && !(t instanceof CancelledError)) {
              violations.add("a task failed: " + t);
            }
          }
          return awaitTasks(to);
        });
  }

  private Next finish() {
    // What no consumer took: still in the queue, ready for getNowait.
    while (!q.empty()) {
      Integer item = q.getNowait();
      drained.add(item);
      checkOrigin(item, "drained");
      q.taskDone();
    }
    return await(
        sleep(0),
        v -> {
          if (!joiner.done()) {
            violations.add("join() still waits though every item is done");
          }
          return ret();
        });
  }

  private void startProducer() {
    int p = producerTasks.size();
    Task<?> t = createTask(co("producer-" + p, () -> produce(p, 0)), "producer-" + p);
    producerTasks.add(t);
    tasks.add(t);
  }

  private void startConsumer() {
    int c = consumerTasks.size();
    Task<?> t = createTask(co("consumer-" + c, this::consume), "consumer-" + c);
    consumerTasks.add(t);
    tasks.add(t);
  }

  /**
   * Sometimes cancels one of {@code victims}, and starts a replacement while the queue is open.
   * Producers call it on consumers right before and after a put, and consumers on producers around
   * a get: that is when a waiter has just been woken, or is cancelled while first in line.
   */
  private void maybeCancel(List<Task<?>> victims, int oneIn) {
    if (cancelBudget == 0 || rnd.nextInt(oneIn) != 0) {
      return;
    }
    Task<?> victim = victims.get(rnd.nextInt(victims.size()));
    if (!victim.cancel()) {
      return;
    }
    cancelled++;
    cancelBudget--;
    if (!q.isShutdown()) {
      if (victims == producerTasks) {
        startProducer();
      } else {
        startConsumer();
      }
    }
  }

  private Next produce(int p, int i) {
    if (i == itemsPerProducer) {
      return ret();
    }
    return await(
        sleep(delay()),
        v -> {
          int item = p * 100_000 + i;
          maybeCancel(consumerTasks, 8);
          if (rnd.nextInt(4) == 0) {
            try {
              q.putNowait(item);
            } catch (QueueFull full) {
              return produce(p, i); // try the same item again later
            } catch (QueueShutDown down) {
              return ret();
            }
            putCompleted(item);
            return produce(p, i + 1);
          }
          if (q.full()) {
            waits++;
          }
          return await(
              q.put(item),
              (r, e) -> {
                if (e instanceof QueueShutDown) {
                  return ret();
                }
                if (e != null) {
                  throw e; // cancelled: the item was not put
                }
                putCompleted(item);
                return produce(p, i + 1);
              });
        });
  }

  private void putCompleted(int item) {
    putOrder.add(item);
    putDone.add(item);
    checkBounds("after a put");
    maybeCancel(consumerTasks, 8);
  }

  private Next consume() {
    maybeCancel(producerTasks, 8);
    if (rnd.nextInt(5) == 0) {
      try {
        gotItem(q.getNowait());
      } catch (QueueEmpty empty) {
        // nothing yet
      } catch (QueueShutDown down) {
        return ret();
      }
      return await(sleep(delay()), v -> consume());
    }
    if (q.empty()) {
      waits++;
    }
    return await(
        q.get(),
        (v, e) -> {
          if (e instanceof QueueShutDown) {
            return ret();
          }
          if (e != null) {
            throw e; // cancelled: it took nothing
          }
          gotItem((Integer) v);
          return await(sleep(delay()), x -> consume());
        });
  }

  private void gotItem(Integer item) {
    checkOrigin(item, "got");
    gotOrder.add(item);
    if (!got.add(item)) {
      violations.add("item " + item + " was got twice");
    }
    q.taskDone(); // in the same step, so that the unfinished count is always qsize()
    checkBounds("after a get");
    maybeCancel(producerTasks, 8);
  }

  private void checkOrigin(Integer item, String how) {
    if (item == null || !putDone.contains(item)) {
      violations.add(how + " item " + item + " whose put never completed");
    }
  }

  /** Cancels random workers at random times: waiting, sleeping or just woken. */
  private Next chaos(int rounds) {
    if (rounds == 0) {
      return ret();
    }
    return await(
        sleep(TICK * rnd.nextInt(20)),
        v -> {
          maybeCancel(rnd.nextBoolean() ? producerTasks : consumerTasks, 2);
          checkBounds("chaos");
          return chaos(rounds - 1);
        });
  }

  /**
   * Checks, between two ticks, that no wake-up was lost: every sleep is a whole number of ticks, so
   * at half ticks everything woken has run, and nobody may still wait for an item or for room that
   * is there.
   */
  private Next observe(double delay) {
    return await(
        sleep(delay),
        v -> {
          String state = q.toString();
          if (q.isShutdown()) {
            if (state.contains("getters=") || state.contains("putters=")) {
              violations.add("waiters left after the shutdown: " + state);
            }
            return ret();
          }
          if (!q.empty() && state.contains("getters=")) {
            violations.add("a getter waits while there are items: " + state);
          }
          if (!q.full() && state.contains("putters=")) {
            violations.add("a putter waits while there is room: " + state);
          }
          return observe(TICK);
        });
  }

  private Next stopper() {
    return await(
        sleep(shutdownAt),
        v -> {
          joiner = createTask(co("joiner", () -> await(q.join(), Coro::ret)));
          if (immediate) {
            dropped = q.qsize();
            q.shutdown(true);
          } else {
            q.shutdown();
          }
          checkBounds("shutdown");
          return await(
              sleep(0),
              x -> {
                if (immediate && !joiner.done()) {
                  // Every item got was marked done in the same step, so only dropped items were
                  // unfinished, and the immediate shutdown counted them done.
                  violations.add("join() not released by an immediate shutdown");
                }
                return ret();
              });
        });
  }

  private void verify() {
    String d = describe();
    assertEquals(List.of(), violations, d);
    assertTrue(!immediate || drained.isEmpty(), () -> "drained after an immediate shutdown; " + d);
    assertEquals(putDone.size(), got.size() + drained.size() + dropped, () -> "items lost; " + d);
    Set<Integer> out = new HashSet<>(got);
    for (Integer item : drained) {
      assertTrue(out.add(item), () -> "item " + item + " both got and drained; " + d);
    }
    if (fifo) {
      // Items leave in the order they went in: what was got, then what was drained, then the
      // dropped tail.
      List<Integer> leftOrder = new ArrayList<>(gotOrder);
      leftOrder.addAll(drained);
      assertEquals(
          putOrder.subList(0, leftOrder.size()), leftOrder, () -> "not first in, first out; " + d);
    }
  }
}
