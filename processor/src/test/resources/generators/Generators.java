package dev.jasyncio.processor.generators;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncGenerator;
import dev.jasyncio.AsyncIterator;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Coroutine;
import dev.jasyncio.StopAsyncIteration;
import dev.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;

/** The protocol of a generated async generator: anext, asend, athrow, aclose. */
public abstract class Generators extends GeneratorCase {

  /** Python's async_counter: an item, then a second's sleep, three times. */
  @Async
  public AsyncGenerator<Integer> counter(int stop) {
    int n = 0;
    while (n < stop) {
      emit(n);
      n++;
      await(sleep(1.0));
    }
    return endGenerator();
  }

  @Async
  public Coroutine<Object> itemsThenStop() {
    AsyncGenerator<Integer> g = counter(2);
    trace(await(g.anext()));
    trace(await(g.anext()));
    try {
      await(g.anext());
    } catch (StopAsyncIteration e) {
      trace("stop after 2");
    }
    try {
      await(g.anext());
    } catch (StopAsyncIteration e) {
      trace("stop again");
    }
    return done(g.toString());
  }

  /** Replies to what it is sent: Python's {@code received = yield value}. */
  @Async
  public AsyncGenerator<String> echo() {
    String reply = emit("ready");
    while (reply != null) {
      reply = emit("got " + reply);
    }
    return endGenerator();
  }

  @Async
  public Coroutine<Object> sendValues() {
    AsyncGenerator<String> g = echo();
    try {
      await(g.asend("too early"));
    } catch (IllegalArgumentException e) {
      trace(e.getMessage().startsWith("can't send non-null value to a just-started"));
    }
    trace(await(g.anext()));
    trace(await(g.asend("a")));
    trace(await(g.asend("b")));
    try {
      await(g.anext()); // sends null: the loop ends
    } catch (StopAsyncIteration e) {
      trace("stopped");
    }
    return done(null);
  }

  @Async
  public AsyncGenerator<String> resilient() {
    int errors = 0;
    while (errors < 2) {
      try {
        emit("item after " + errors + " errors");
      } catch (IllegalArgumentException e) {
        errors++;
        trace("caught " + e.getMessage());
      }
    }
    return endGenerator();
  }

  @Async
  public Coroutine<Object> throwIntoGenerator() {
    AsyncGenerator<String> g = resilient();
    trace(await(g.anext()));
    trace(await(g.athrow(new IllegalArgumentException("first"))));
    try {
      await(g.athrow(new IllegalArgumentException("second")));
    } catch (StopAsyncIteration e) {
      trace("caught the second and ended");
    }
    AsyncGenerator<String> h = resilient();
    trace(await(h.anext()));
    try {
      await(h.athrow(new UnsupportedOperationException("not caught")));
    } catch (UnsupportedOperationException e) {
      trace("propagated " + e.getMessage());
    }
    try {
      await(h.anext());
    } catch (StopAsyncIteration e) {
      trace("finished by the exception");
    }
    AsyncGenerator<String> fresh = resilient();
    try {
      await(fresh.athrow(new IllegalArgumentException("before start")));
    } catch (IllegalArgumentException e) {
      trace("unstarted generator raised " + e.getMessage());
    }
    return done(trace.size());
  }

  @Async
  public AsyncGenerator<Integer> withCleanup(String name) {
    try {
      for (int i = 0; ; i++) {
        emit(i);
      }
    } finally {
      trace(name + " cleanup starts");
      await(sleep(0.5));
      trace(name + " cleanup ends");
    }
  }

  @Async
  public Coroutine<Object> closeRunsFinally() {
    AsyncGenerator<Integer> g = withCleanup("g");
    trace(await(g.anext()));
    trace(await(g.anext()));
    await(g.aclose());
    trace("closed");
    await(g.aclose());
    trace("closed again");
    try {
      await(g.anext());
    } catch (StopAsyncIteration e) {
      trace("exhausted after close");
    }
    AsyncGenerator<Integer> never = withCleanup("never");
    await(never.aclose());
    trace("closing an unstarted generator runs nothing");
    return done(null);
  }

  @Async
  public AsyncGenerator<Integer> stubborn() {
    try {
      emit(1);
    } finally {
      emit(2); // during aclose: "ignored GeneratorExit"
    }
    return endGenerator();
  }

  @Async
  public Coroutine<Object> emitDuringClose() {
    AsyncGenerator<Integer> g = stubborn();
    trace(await(g.anext()));
    try {
      await(g.aclose());
    } catch (IllegalStateException e) {
      trace(e.getMessage().startsWith("async generator ignored GeneratorExit"));
    }
    return done(null);
  }

  @Async
  public AsyncGenerator<Integer> slow() {
    trace("slow starts");
    await(sleep(1.0));
    emit(1);
    return endGenerator();
  }

  @Async
  public Coroutine<Object> alreadyRunning() {
    AsyncGenerator<Integer> g = slow();
    Task<Integer> first = createTask(g.anext());
    await(sleep(0.1)); // first is now inside the generator, sleeping
    for (Coroutine<?> request : List.<Coroutine<?>>of(g.anext(), g.asend(null), g.aclose())) {
      try {
        await(request);
      } catch (IllegalStateException e) {
        trace(e.getMessage().substring(0, e.getMessage().indexOf(" running") + " running".length()));
      }
    }
    trace(await(first));
    return done(null);
  }

  @Async
  public AsyncGenerator<Integer> leaky() {
    emit(1);
    throw new StopAsyncIteration(); // a bug: it would end the consumer's loop silently
  }

  @Async
  public Coroutine<Object> stopAsyncIterationInBody() {
    AsyncGenerator<Integer> g = leaky();
    trace(await(g.anext()));
    try {
      await(g.anext());
    } catch (IllegalStateException e) {
      trace(e.getMessage().substring(0, e.getMessage().indexOf(':')));
      trace(e.getCause() instanceof StopAsyncIteration);
    }
    return done(null);
  }

  @Async
  public AsyncGenerator<Integer> ticking() {
    try {
      while (true) {
        await(sleep(1.0));
        emit(0);
      }
    } finally {
      trace("ticking cleanup");
    }
  }

  @Async
  public Coroutine<Object> consume(AsyncGenerator<Integer> g) {
    while (true) {
      await(g.anext());
    }
  }

  @Async
  public Coroutine<Object> cancelWhileGeneratorAwaits() {
    AsyncGenerator<Integer> g = ticking();
    Task<Object> consumer = createTask(consume(g));
    await(sleep(2.5));
    consumer.cancel();
    try {
      await(consumer);
    } catch (CancelledError e) {
      trace("consumer cancelled");
    }
    try {
      await(g.anext());
    } catch (StopAsyncIteration e) {
      trace("generator finished by the cancellation");
    }
    return done(null);
  }

  /** A static generic generator. */
  @Async
  public static <T> AsyncGenerator<T> repeat(T item, int times) {
    for (int i = 0; i < times; i++) {
      emit(item);
    }
    return endGenerator();
  }

  /** Declared as AsyncIterator: the same generator behind a narrower type. */
  @Async
  public AsyncIterator<String> letters(String word) {
    for (char c : word.toCharArray()) {
      switch (c) {
        case ' ':
          continue;
        default:
          emit(String.valueOf(c));
      }
    }
    return endGenerator();
  }

  @Async
  public Coroutine<Object> staticGenericAndIterator() {
    List<String> out = new ArrayList<>();
    for (String s : asyncFor(Async_Generators.repeat("x", 3))) {
      out.add(s);
    }
    for (String s : asyncFor(letters("a b"))) {
      out.add(s);
    }
    return done(out);
  }

  @Async
  public AsyncGenerator<Integer> many(int n) {
    for (int i = 0; i < n; i++) {
      emit(i);
    }
    return endGenerator();
  }

  @Async
  public Coroutine<Object> millionItemsWithoutSuspending() {
    long sum = 0;
    for (int i : asyncFor(many(1_000_000))) {
      sum += i;
    }
    return done(sum);
  }
}
