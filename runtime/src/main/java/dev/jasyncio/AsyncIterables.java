package dev.jasyncio;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Python's async comprehensions for Java: collect an {@link AsyncIterable} into a list, set or map,
 * or transform it item by item, without writing the loop.
 *
 * <pre>{@code
 * import static dev.jasyncio.AsyncIterables.*;
 *
 * @Async
 * Coroutine<List<String>> activeNames(AsyncIterable<User> users) {
 *   // [u.name async for u in users if u.active]
 *   List<String> names = await(toList(map(filter(users, User::active), User::name)));
 *   return done(names);
 * }
 * }</pre>
 *
 * <table>
 *   <caption>Python and jasyncio</caption>
 *   <tr><th>Python</th><th>jasyncio</th></tr>
 *   <tr><td>{@code [x async for x in src]}</td><td>{@code await(toList(src))}</td></tr>
 *   <tr><td>{@code {x async for x in src}}</td><td>{@code await(toSet(src))}</td></tr>
 *   <tr><td>{@code {k(x): v(x) async for x in src}}</td>
 *       <td>{@code await(toMap(src, k, v))}</td></tr>
 *   <tr><td>{@code (f(x) async for x in src)}</td><td>{@code map(src, f)}</td></tr>
 *   <tr><td>{@code (await f(x) async for x in src)}</td><td>{@code mapAwait(src, f)}</td></tr>
 *   <tr><td>{@code (x async for x in src if p(x))}</td><td>{@code filter(src, p)}</td></tr>
 *   <tr><td>{@code [await c for c in coros]}</td><td>{@code await(awaitEach(coros))}</td></tr>
 * </table>
 *
 * <h2>Laziness</h2>
 *
 * <p>Nothing runs until it is awaited or iterated. The coroutines ({@link #toList}, {@link #toSet},
 * {@link #toMap}, {@link #awaitEach}) start iterating when they are awaited, inside the awaiting
 * task. The iterators ({@link #map}, {@link #mapAwait}, {@link #filter}, {@link #take}) call {@code
 * source.aiter()} at once, as a Python generator expression evaluates its outermost iterable at
 * once, and fetch one item of the source per {@code anext()}. Each is its own iterator: {@code
 * aiter()} returns it, and it can be iterated once.
 *
 * <h2>Closing</h2>
 *
 * <p>These helpers leave an iterator the way {@code asyncFor} leaves one: when their own code stops
 * early, they await the source iterator's {@link AsyncIterator#aclose()}. {@link #take} closes the
 * source after its n-th item (Python's {@code break}); the function of {@code map}, {@code
 * mapAwait} or {@code filter}, or the key or value function of {@code toMap}, raising an exception
 * closes the source before the exception propagates. An exception raised by the source's own {@code
 * anext()} does not close it: the source raised it and is finished. The iterators forward their own
 * {@code aclose()} to the source, once.
 *
 * <h2>Exceptions</h2>
 *
 * <p>An exception from the source, or from a function passed here, propagates from the {@code
 * anext()} (or the coroutine) that ran into it, and ends the iteration: later {@code anext()} calls
 * raise {@link StopAsyncIteration} without touching the source, as they do on a Python generator
 * that raised. If closing the source fails too, that failure propagates instead, as it would from a
 * {@code finally} block. A {@link StopAsyncIteration} raised by a function passed here would end
 * the caller's loop silently; it is turned into an {@link IllegalStateException}, as Python turns
 * it into a {@code RuntimeError}. Null arguments throw {@link NullPointerException} at once.
 *
 * <h2>Threads</h2>
 *
 * <p>The coroutines and iterators run on the thread of the loop that awaits them and are not
 * thread-safe. An iterator serves one {@code anext()} at a time: a second one while the first is
 * suspended is an {@link IllegalStateException}, as Python's "asynchronous generator is already
 * running".
 */
public final class AsyncIterables {
  /*
   * Overview: each helper is a hand-written state machine (see Coroutine#resume).
   *
   * An item that is ready at once (a source that does not suspend) costs one pass of a for loop
   * inside resume, never a Java call per item: await(task, coroutine) returns the value directly
   * when the awaited coroutine finishes without suspending, and the loops below go round again in
   * that case. Iterating a million ready items therefore uses a constant amount of stack.
   *
   * The four iterators share Operator, whose Next coroutine pulls from the source and asks the
   * operator what to make of each item (onItem): hand it out, skip it (filter) or await something
   * first (mapAwait). take is the one operator that stops early (limitReached).
   */

  private AsyncIterables() {}

  // ---- comprehensions that collect ----

  /**
   * All items of {@code source}, in order, in a new {@link ArrayList} the caller owns: Python's
   * {@code [x async for x in source]}.
   */
  public static <T> Coroutine<List<T>> toList(AsyncIterable<? extends T> source) {
    Objects.requireNonNull(source, "toList: source is null");
    return new Collect<T, List<T>>("toList", source, ArrayList::new, List::add);
  }

  /**
   * All distinct items of {@code source}, in the order they first came, in a new {@link
   * LinkedHashSet}: Python's {@code {x async for x in source}} (whose set is unordered).
   */
  public static <T> Coroutine<Set<T>> toSet(AsyncIterable<? extends T> source) {
    Objects.requireNonNull(source, "toSet: source is null");
    return new Collect<T, Set<T>>("toSet", source, LinkedHashSet::new, Set::add);
  }

  /**
   * A new {@link LinkedHashMap} from {@code keyFn(x)} to {@code valueFn(x)} for every item {@code
   * x} of {@code source}: Python's {@code {k(x): v(x) async for x in source}}. The key is computed
   * before the value. A key that comes again keeps its first position and takes the later value, as
   * in a dict comprehension.
   */
  public static <T, K, V> Coroutine<Map<K, V>> toMap(
      AsyncIterable<? extends T> source,
      Function<? super T, ? extends K> keyFn,
      Function<? super T, ? extends V> valueFn) {
    Objects.requireNonNull(source, "toMap: source is null");
    Objects.requireNonNull(keyFn, "toMap: keyFn is null");
    Objects.requireNonNull(valueFn, "toMap: valueFn is null");
    return new Collect<T, Map<K, V>>(
        "toMap",
        source,
        LinkedHashMap::new,
        (map, x) -> {
          K key = keyFn.apply(x);
          map.put(key, valueFn.apply(x));
        });
  }

  /**
   * Awaits {@code awaitables} one after another, in iteration order, and produces their results in
   * that order: Python's {@code [await c for c in awaitables]}.
   *
   * <p>This is sequential: each awaitable is awaited only after the previous one finished, so three
   * {@code sleep(1.0)} take three seconds. Coroutines start only when their turn comes. To run them
   * concurrently, use {@link Asyncio#gather}.
   *
   * <p>The first exception (or cancellation) propagates at once and {@code awaitables} is not
   * iterated any further. The rest are left alone, as Python leaves them un-awaited: coroutines
   * among them have not started and hold nothing, and tasks or futures among them keep running;
   * nothing is closed or cancelled. (Closing them would mean iterating the rest of {@code
   * awaitables}, which may be lazy or endless.)
   *
   * @throws NullPointerException (from the coroutine) if an element is null
   */
  public static <T> Coroutine<List<T>> awaitEach(
      Iterable<? extends Awaitable<? extends T>> awaitables) {
    Objects.requireNonNull(awaitables, "awaitEach: awaitables is null");
    return new AwaitEach<>(awaitables);
  }

  // ---- comprehensions that transform ----

  /**
   * The items of {@code source} passed through {@code fn}: Python's {@code (fn(x) async for x in
   * source)}.
   */
  public static <T, R> AsyncIterator<R> map(
      AsyncIterable<? extends T> source, Function<? super T, ? extends R> fn) {
    Objects.requireNonNull(source, "map: source is null");
    Objects.requireNonNull(fn, "map: fn is null");
    return new Operator<T, R>("map", source, false) {
      @Override
      Object onItem(T item) {
        return fn.apply(item);
      }
    };
  }

  /**
   * The results of awaiting {@code fn(x)} for each item {@code x} of {@code source}, one at a time:
   * Python's {@code (await fn(x) async for x in source)}. The next item is fetched only after the
   * previous result is ready.
   *
   * @throws NullPointerException (from {@code anext()}) if {@code fn} returns null
   */
  public static <T, R> AsyncIterator<R> mapAwait(
      AsyncIterable<? extends T> source, Function<? super T, ? extends Awaitable<? extends R>> fn) {
    Objects.requireNonNull(source, "mapAwait: source is null");
    Objects.requireNonNull(fn, "mapAwait: fn is null");
    return new Operator<T, R>("mapAwait", source, true) {
      @Override
      Object onItem(T item) {
        return Objects.requireNonNull(
            fn.apply(item), () -> "mapAwait: fn returned null for " + Future.abbreviate(item));
      }
    };
  }

  /**
   * The items of {@code source} for which {@code predicate} holds: Python's {@code (x async for x
   * in source if predicate(x))}. Items that fail the test are skipped inside the same {@code
   * anext()}.
   */
  public static <T> AsyncIterator<T> filter(
      AsyncIterable<? extends T> source, Predicate<? super T> predicate) {
    Objects.requireNonNull(source, "filter: source is null");
    Objects.requireNonNull(predicate, "filter: predicate is null");
    return new Operator<T, T>("filter", source, false) {
      @Override
      Object onItem(T item) {
        return predicate.test(item) ? item : SKIP;
      }
    };
  }

  /**
   * The first {@code n} items of {@code source}, as {@code async for} with a {@code break} after
   * {@code n} items. The {@code anext()} after the n-th item does not ask the source for more: it
   * awaits the source's {@code aclose()} and then raises {@link StopAsyncIteration}. A source that
   * ends sooner is not closed.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public static <T> AsyncIterator<T> take(AsyncIterable<? extends T> source, int n) {
    Objects.requireNonNull(source, "take: source is null");
    if (n < 0) {
      throw new IllegalArgumentException("take: n must not be negative, was " + n);
    }
    return new Operator<T, T>("take", source, false) {
      private int taken;

      @Override
      boolean limitReached() {
        return taken >= n;
      }

      @Override
      Object onItem(T item) {
        taken++;
        return item;
      }

      @Override
      public String toString() {
        return "take(" + this.source + ", " + n + ")";
      }
    };
  }

  // ---- sources ----

  /**
   * {@code iterable} as an {@link AsyncIterable}: each {@code aiter()} starts a new {@code
   * iterable.iterator()}, and each {@code anext()} takes one item from it when awaited, without
   * suspending.
   */
  public static <T> AsyncIterable<T> fromIterable(Iterable<? extends T> iterable) {
    Objects.requireNonNull(iterable, "fromIterable: iterable is null");
    return new FromIterable<>(iterable);
  }

  // ---- implementation ----

  /** {@code source.aiter()}, which must not be null. */
  private static <T> AsyncIterator<? extends T> aiterOf(AsyncIterable<? extends T> source) {
    return Objects.requireNonNull(source.aiter(), () -> "aiter() of " + source + " returned null");
  }

  /** {@code iterator.anext()}, which must not be null. */
  private static Coroutine<?> anextOf(AsyncIterator<?> iterator) {
    return Objects.requireNonNull(
        iterator.anext(), () -> "anext() of " + iterator + " returned null");
  }

  /** {@code iterator.aclose()}, which must not be null. */
  private static Coroutine<?> acloseOf(AsyncIterator<?> iterator) {
    return Objects.requireNonNull(
        iterator.aclose(), () -> "aclose() of " + iterator + " returned null");
  }

  /** A function's {@link StopAsyncIteration}, made unable to end the caller's loop. */
  private static Throwable fromFunction(Throwable t, Object where) {
    if (t instanceof StopAsyncIteration) {
      return new IllegalStateException("a function passed to " + where + " raised " + t, t);
    }
    return t;
  }

  /** The coroutine of toList, toSet and toMap: adds every item of the source to a container. */
  private static final class Collect<T, C> extends Coroutine<C> {
    private static final int START = 0;
    private static final int FETCHING = 1; // awaiting anext() of the source
    private static final int CLOSING = 2; // awaiting aclose() of the source after a failed add
    private static final int DONE = 3;

    private final String name;
    private final AsyncIterable<? extends T> source;
    private final Supplier<C> container;
    private final BiConsumer<C, T> add;
    private AsyncIterator<? extends T> iterator;
    private C result;
    private Throwable pending;
    private int state;

    Collect(
        String name,
        AsyncIterable<? extends T> source,
        Supplier<C> container,
        BiConsumer<C, T> add) {
      this.name = name;
      this.source = source;
      this.container = container;
      this.add = add;
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      if (state == DONE) {
        throw reuseError(error);
      }
      Object r;
      try {
        r = advance(task, value, error);
      } catch (Throwable t) {
        state = DONE;
        throw t;
      }
      if (r != SUSPENDED) {
        state = DONE;
      }
      return r;
    }

    @SuppressWarnings("unchecked")
    private Object advance(Task<?> task, Object value, Throwable error) throws Throwable {
      switch (state) {
        case START:
          if (error != null) {
            throw error; // cancelled before it started
          }
          iterator = aiterOf(source);
          result = container.get();
          state = FETCHING;
          break;
        case FETCHING:
          if (error != null) {
            if (error instanceof StopAsyncIteration) {
              return result;
            }
            throw error;
          }
          if (!accept((T) value)) {
            return close(task);
          }
          break;
        case CLOSING:
          throw error != null ? error : pending;
        default:
          throw new AssertionError(state);
      }
      for (; ; ) {
        Object item;
        try {
          item = await(task, anextOf(iterator));
        } catch (StopAsyncIteration end) {
          return result;
        }
        if (item == SUSPENDED) {
          return SUSPENDED;
        }
        if (!accept((T) item)) {
          return close(task);
        }
      }
    }

    /** Adds {@code item}; false (with the exception in {@link #pending}) if adding failed. */
    private boolean accept(T item) {
      try {
        add.accept(result, item);
        return true;
      } catch (Throwable t) {
        pending = fromFunction(t, this);
        return false;
      }
    }

    /** Closes the source after a failed add, then raises the failure. */
    private Object close(Task<?> task) throws Throwable {
      state = CLOSING;
      if (await(task, acloseOf(iterator)) == SUSPENDED) {
        return SUSPENDED;
      }
      throw pending;
    }

    @Override
    public String toString() {
      return name + "(" + source + ")";
    }
  }

  /** The coroutine of {@link #awaitEach}. */
  private static final class AwaitEach<T> extends Coroutine<List<T>> {
    private final Iterable<? extends Awaitable<? extends T>> awaitables;
    private Iterator<? extends Awaitable<? extends T>> iterator;
    private List<T> results;
    private boolean finished;

    AwaitEach(Iterable<? extends Awaitable<? extends T>> awaitables) {
      this.awaitables = awaitables;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      if (finished) {
        throw reuseError(error);
      }
      try {
        if (iterator == null) {
          if (error != null) {
            throw error; // cancelled before it started
          }
          iterator =
              Objects.requireNonNull(
                  awaitables.iterator(), () -> "iterator() of " + awaitables + " returned null");
          results = new ArrayList<>();
        } else {
          if (error != null) {
            throw error;
          }
          results.add((T) value);
        }
        while (iterator.hasNext()) {
          Awaitable<? extends T> next = iterator.next();
          if (next == null) {
            throw new NullPointerException("awaitEach: awaitable #" + results.size() + " is null");
          }
          Object r = await(task, next);
          if (r == SUSPENDED) {
            return SUSPENDED;
          }
          results.add((T) r);
        }
      } catch (Throwable t) {
        finished = true;
        throw t;
      }
      finished = true;
      return results;
    }

    @Override
    public String toString() {
      return "awaitEach("
          + (results == null ? "not started" : results.size() + " awaited")
          + " of "
          + Future.abbreviate(awaitables)
          + ")";
    }
  }

  /**
   * The iterator of map, mapAwait, filter and take: each {@link #anext()} pulls from the source
   * until {@link #onItem} makes something of an item.
   */
  private abstract static class Operator<T, R> implements AsyncIterator<R> {
    /** Returned by {@link #onItem}: leave this item out and fetch the next one. */
    static final Object SKIP = new Object();

    final String name;
    final AsyncIterator<? extends T> source;

    /** Whether {@link #onItem} returns an awaitable whose result is the item to hand out. */
    final boolean awaitsItem;

    /** An anext() is in progress (possibly suspended). */
    boolean running;

    /** No more items: the source ended, something raised, the limit was reached, or closed. */
    boolean finished;

    /** The source's aclose() has been called. */
    boolean closed;

    Operator(String name, AsyncIterable<? extends T> source, boolean awaitsItem) {
      this.name = name;
      this.source = aiterOf(source);
      this.awaitsItem = awaitsItem;
    }

    /** Whether the source must be closed instead of asked for another item: take's limit. */
    boolean limitReached() {
      return false;
    }

    /**
     * What to make of {@code item}: the item to hand out, {@link #SKIP}, or, if {@link
     * #awaitsItem}, an awaitable of it.
     */
    abstract Object onItem(T item);

    @Override
    public final Coroutine<R> anext() {
      return new Next<>(this);
    }

    @Override
    public final Coroutine<Void> aclose() {
      return new Close(this);
    }

    @Override
    public String toString() {
      return name + "(" + source + ")";
    }
  }

  /** One {@code anext()} of an {@link Operator}. */
  private static final class Next<T, R> extends Coroutine<R> {
    private static final int START = 0;
    private static final int FETCH = 1; // about to ask the source for an item
    private static final int FETCHING = 2; // awaiting anext() of the source
    private static final int APPLYING = 3; // awaiting what onItem returned (mapAwait)
    private static final int STOPPING = 4; // awaiting aclose() of the source at take's limit
    private static final int FAILING = 5; // awaiting aclose() of the source after onItem failed
    private static final int DONE = 6;

    private final Operator<T, R> op;
    private Throwable pending;
    private int state;

    Next(Operator<T, R> op) {
      this.op = op;
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      if (state == DONE) {
        throw reuseError(error);
      }
      if (state == START) {
        if (error != null) {
          state = DONE;
          throw error; // cancelled before it started
        }
        if (op.running) {
          state = DONE;
          throw new IllegalStateException("anext(): " + op + " is already running");
        }
        op.running = true;
        state = FETCH;
      }
      Object r;
      try {
        r = advance(task, value, error);
      } catch (Throwable t) {
        state = DONE;
        op.running = false;
        op.finished = true;
        throw t;
      }
      if (r != SUSPENDED) {
        state = DONE;
        op.running = false;
      }
      return r;
    }

    @SuppressWarnings("unchecked")
    private Object advance(Task<?> task, Object value, Throwable error) throws Throwable {
      for (; ; ) {
        switch (state) {
          case FETCH:
            if (op.finished) {
              throw new StopAsyncIteration();
            }
            if (op.limitReached()) {
              op.finished = true;
              op.closed = true;
              state = STOPPING;
              value = await(task, acloseOf(op.source));
            } else {
              state = FETCHING;
              value = await(task, anextOf(op.source)); // its exception is the source's: no close
            }
            if (value == SUSPENDED) {
              return SUSPENDED;
            }
            continue;
          case FETCHING:
            if (error != null) {
              throw error; // the end of the source, or its failure
            }
            Object out;
            try {
              out = op.onItem((T) value);
              if (out == Operator.SKIP) {
                state = FETCH;
                continue;
              }
              if (!op.awaitsItem) {
                return out;
              }
              state = APPLYING;
              value = await(task, (Awaitable<?>) out);
            } catch (Throwable t) {
              return fail(task, t);
            }
            if (value == SUSPENDED) {
              return SUSPENDED;
            }
            continue;
          case APPLYING:
            if (error != null) {
              return fail(task, error);
            }
            return value;
          case STOPPING:
            if (error != null) {
              throw error;
            }
            throw new StopAsyncIteration();
          case FAILING:
            throw error != null ? error : pending;
          default:
            throw new AssertionError(state);
        }
      }
    }

    /** Closes the source because the operator's function failed with {@code t}, then raises it. */
    private Object fail(Task<?> task, Throwable t) throws Throwable {
      pending = fromFunction(t, op);
      op.finished = true;
      if (op.closed) {
        throw pending;
      }
      op.closed = true;
      state = FAILING;
      if (await(task, acloseOf(op.source)) == SUSPENDED) {
        return SUSPENDED;
      }
      throw pending;
    }

    @Override
    public String toString() {
      return "anext() of " + op;
    }
  }

  /** The {@code aclose()} of an {@link Operator}: closes the source, once. */
  private static final class Close extends Coroutine<Void> {
    private final Operator<?, ?> op;
    private boolean started;
    private boolean finished;

    Close(Operator<?, ?> op) {
      this.op = op;
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      if (finished) {
        throw reuseError(error);
      }
      if (started || error != null) {
        finished = true; // the source's aclose() is over, or this was cancelled before it started
        if (error != null) {
          throw error;
        }
        return null;
      }
      started = true;
      if (op.running) {
        finished = true;
        throw new IllegalStateException("aclose(): " + op + " is running an anext()");
      }
      op.finished = true;
      if (op.closed) {
        finished = true;
        return null;
      }
      op.closed = true;
      Object r;
      try {
        r = await(task, acloseOf(op.source));
      } catch (Throwable t) {
        finished = true;
        throw t;
      }
      if (r == SUSPENDED) {
        return SUSPENDED;
      }
      finished = true;
      return null;
    }

    @Override
    public String toString() {
      return "aclose() of " + op;
    }
  }

  /** The iterable of {@link #fromIterable}. */
  private static final class FromIterable<T> implements AsyncIterable<T> {
    private final Iterable<? extends T> iterable;

    FromIterable(Iterable<? extends T> iterable) {
      this.iterable = iterable;
    }

    @Override
    public AsyncIterator<T> aiter() {
      Iterator<? extends T> it =
          Objects.requireNonNull(
              iterable.iterator(), () -> "iterator() of " + iterable + " returned null");
      return new AsyncIterator<>() {
        @Override
        public Coroutine<T> anext() {
          return new Coroutine<>() {
            private boolean finished;

            @Override
            protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
              if (finished) {
                throw reuseError(error);
              }
              finished = true;
              if (error != null) {
                throw error;
              }
              if (!it.hasNext()) {
                throw new StopAsyncIteration();
              }
              return it.next();
            }

            @Override
            public String toString() {
              return "anext() of " + FromIterable.this;
            }
          };
        }

        @Override
        public String toString() {
          return "iterator of " + FromIterable.this;
        }
      };
    }

    @Override
    public String toString() {
      return "fromIterable(" + Future.abbreviate(iterable) + ")";
    }
  }
}
