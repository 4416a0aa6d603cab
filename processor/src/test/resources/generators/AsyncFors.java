package dev.jasyncio.processor.generators;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncGenerator;
import dev.jasyncio.AsyncIterator;
import dev.jasyncio.Coroutine;
import dev.jasyncio.StopAsyncIteration;
import java.util.ArrayList;
import java.util.List;

/** {@code for (T x : asyncFor(source))}: Python's async for, closing the iterator when left early. */
public abstract class AsyncFors extends GeneratorCase {

  /** Emits 0, 1, 2, … up to {@code stop}; its finally block awaits. */
  @Async
  public AsyncGenerator<Integer> numbers(String name, int stop) {
    try {
      for (int i = 0; i < stop; i++) {
        trace(name + " emits " + i);
        emit(i);
      }
      trace(name + " exhausted");
    } finally {
      await(sleep(1.0));
      trace(name + " finally");
    }
    return endGenerator();
  }

  @Async
  public Coroutine<Object> toTheEnd() {
    List<Integer> got = new ArrayList<>();
    for (int i : asyncFor(numbers("g", 3))) {
      got.add(i);
    }
    trace("after the loop");
    return done(got);
  }

  @Async
  public Coroutine<Object> breakClosesAtOnce() {
    for (int i : asyncFor(numbers("g", 10))) {
      trace("body " + i);
      if (i == 1) {
        break;
      }
    }
    trace("after the loop");
    return done(null);
  }

  @Async
  public Coroutine<Object> returnClosesFirst() {
    for (int i : asyncFor(numbers("g", 10))) {
      if (i == 2) {
        trace("returning");
        return done("returned " + i);
      }
    }
    return done("not reached");
  }

  @Async
  public Coroutine<Object> exceptionClosesFirst() {
    try {
      for (int i : asyncFor(numbers("g", 10))) {
        if (i == 1) {
          throw new IllegalStateException("body failed at " + i);
        }
      }
    } catch (IllegalStateException e) {
      trace("caught " + e.getMessage());
    }
    return done(null);
  }

  @Async
  public Coroutine<Object> continueKeepsIterating() {
    List<Integer> odd = new ArrayList<>();
    for (int i : asyncFor(numbers("g", 5))) {
      if (i % 2 == 0) {
        continue;
      }
      await(sleep(0.25));
      odd.add(i);
    }
    return done(odd);
  }

  @Async
  public Coroutine<Object> labeledBreakClosesBoth() {
    outer:
    for (int i : asyncFor(numbers("outer", 10))) {
      for (int j : asyncFor(numbers("inner" + i, 10))) {
        trace("pair " + i + "," + j);
        if (i == 1 && j == 1) {
          break outer;
        }
        if (j == 1) {
          continue outer;
        }
      }
    }
    trace("after both loops");
    return done(null);
  }

  /** Python's AsyncCounter: a hand-written iterator. */
  public abstract static class Counter implements AsyncIterator<Integer> {
    public final List<String> log;
    int current;
    final int stop;

    protected Counter(List<String> log, int stop) {
      this.log = log;
      this.stop = stop;
    }

    @Async
    @Override
    public Coroutine<Integer> anext() {
      if (current == stop) {
        throw new StopAsyncIteration();
      }
      await(sleep(1.0));
      return done(current++);
    }
  }

  /** A counter that says when it is closed. */
  public abstract static class ClosableCounter implements AsyncIterator<Integer> {
    public final List<String> log;
    int current;
    final int stop;

    protected ClosableCounter(List<String> log, int stop) {
      this.log = log;
      this.stop = stop;
    }

    @Async
    @Override
    public Coroutine<Integer> anext() {
      if (current == stop) {
        throw new StopAsyncIteration();
      }
      if (current < 0) {
        throw new IllegalStateException("broken counter");
      }
      await(sleep(1.0));
      return done(current++);
    }

    public void breakNext() {
      current = -100;
    }

    @Async
    @Override
    public Coroutine<Void> aclose() {
      await(sleep(0.5));
      log.add("counter closed");
      return done();
    }
  }

  @Async
  public Coroutine<Object> handWrittenIterator() {
    List<Integer> got = new ArrayList<>();
    for (int i : asyncFor(new Async_AsyncFors_Counter(trace, 3))) {
      got.add(i);
    }
    for (int i : asyncFor(new Async_AsyncFors_ClosableCounter(trace, 3))) {
      if (i == 1) {
        break; // closes it
      }
    }
    ClosableCounter broken = new Async_AsyncFors_ClosableCounter(trace, 3);
    try {
      for (int i : asyncFor(broken)) {
        broken.breakNext(); // the iterator itself fails next: it is not closed
      }
    } catch (IllegalStateException e) {
      trace("iterator failed: " + e.getMessage());
    }
    return done(got);
  }

  @Async
  public Coroutine<Object> sourceEvaluatedOnce() {
    int turns = 0;
    for (int i : asyncFor(traced(numbers("g", 2)))) {
      turns++;
    }
    return done(turns);
  }

  public <T> T traced(T value) {
    trace("source evaluated");
    return value;
  }

  @Async
  public Coroutine<Object> awaitInsideTheSourceAndWideningLoopVariable() {
    long total = 0;
    for (long i : asyncFor(await(sleep(1.0, numbers("g", 3))))) {
      total += i;
    }
    return done(total);
  }

  @Async
  public Coroutine<Object> varLoopVariableCapturedByLambdas() {
    List<java.util.function.Supplier<String>> later = new ArrayList<>();
    for (var i : asyncFor(numbers("g", 3))) {
      await(sleep(0.1));
      later.add(() -> "item " + i);
    }
    List<String> out = new ArrayList<>();
    for (java.util.function.Supplier<String> s : later) {
      out.add(s.get());
    }
    return done(out);
  }
}
