package dev.jasyncio.processor.generators;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncContextManager;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Entered;
import java.io.Closeable;
import java.util.List;

/**
 * {@code try (Entered<T> r = asyncWith(manager))}: Python's async with, with hand-written managers
 * and with generated ones (Python's {@code @asynccontextmanager}).
 */
public abstract class AsyncWiths extends GeneratorCase {

  /** A hand-written manager that logs its calls; it suppresses IllegalArgumentException. */
  public abstract static class Resource implements AsyncContextManager<String> {
    final List<String> log;
    final String name;

    protected Resource(List<String> log, String name) {
      this.log = log;
      this.name = name;
    }

    @Async
    @Override
    public Coroutine<String> aenter() {
      await(sleep(1.0));
      if (name.equals("unavailable")) {
        throw new IllegalStateException(name + " cannot be entered");
      }
      log.add("enter " + name);
      return done(name + " resource");
    }

    @Async
    @Override
    public Coroutine<Boolean> aexit(Throwable exception) {
      await(sleep(0.5));
      log.add("exit " + name + " with " + exception);
      if (name.equals("failing exit")) {
        throw new UnsupportedOperationException(name + " failed");
      }
      return done(exception instanceof IllegalArgumentException);
    }
  }

  public Resource resource(String name) {
    return new Async_AsyncWiths_Resource(trace, name);
  }

  @Async
  public Coroutine<Object> enterBodyExit() {
    try (Entered<String> r = asyncWith(resource("a"))) {
      trace("body with " + r.get());
    }
    trace("after");
    return done(null);
  }

  @Async
  public Coroutine<Object> exceptionReachesExitAndPropagates() {
    try {
      try (Entered<String> r = asyncWith(resource("a"))) {
        throw new IllegalStateException("body failed");
      }
    } catch (IllegalStateException e) {
      trace("caught " + e.getMessage());
    }
    return done(null);
  }

  @Async
  public Coroutine<Object> exitSuppresses() {
    for (int i = 0; i < 2; i++) {
      try (Entered<String> r = asyncWith(resource("a"))) {
        if (i == 0) {
          throw new IllegalArgumentException("suppressed " + i);
        }
        trace("turn " + i);
      }
      trace("after turn " + i);
    }
    return done(null);
  }

  @Async
  public Coroutine<Object> severalExitInReverse() throws java.io.IOException {
    try (Entered<String> a = asyncWith(resource("a"));
        Closeable plain = () -> trace("close plain");
        Entered<String> b = asyncWith(resource("b"))) {
      trace("body with " + a.get() + " and " + b.get());
    }
    return done(null);
  }

  @Async
  public Coroutine<Object> returnAndBreakExitWithNull() {
    for (int i = 0; ; i++) {
      try (Entered<String> r = asyncWith(resource("loop"))) {
        if (i == 1) {
          break;
        }
      }
    }
    try (Entered<String> r = asyncWith(resource("return"))) {
      return done("returned from " + r.get());
    }
  }

  @Async
  public Coroutine<Object> enterFailsSoNoExit() {
    try {
      try (Entered<String> r = asyncWith(resource("unavailable"))) {
        trace("not reached");
      }
    } catch (IllegalStateException e) {
      trace("caught " + e.getMessage());
    }
    return done(null);
  }

  @Async
  public Coroutine<Object> exitExceptionReplacesKeepingTheOriginal() {
    try {
      try (Entered<String> r = asyncWith(resource("failing exit"))) {
        throw new IllegalStateException("body failed");
      }
    } catch (UnsupportedOperationException e) {
      trace("caught " + e.getMessage());
      trace("suppressed " + e.getSuppressed()[0].getMessage());
    }
    return done(null);
  }

  @Async
  public Coroutine<Object> catchAndFinallyAroundTheResource() {
    try (Entered<String> r = asyncWith(resource("a"))) {
      throw new IllegalStateException("body failed");
    } catch (IllegalStateException e) {
      trace("catch runs after the exit: " + e.getMessage());
    } finally {
      trace("finally runs last");
    }
    return done(null);
  }

  // ---- generated managers: Python's @asynccontextmanager

  @Async
  public AsyncContextManager<String> session(String name) {
    trace("open " + name);
    await(sleep(1.0));
    try {
      emit(name + " session");
      trace("body of " + name + " ended normally");
    } catch (IllegalArgumentException e) {
      trace(name + " handles " + e.getMessage()); // and so suppresses it
    } catch (IllegalStateException e) {
      trace(name + " replaces " + e.getMessage());
      throw new UnsupportedOperationException(name + " replaced it");
    } finally {
      await(sleep(0.5));
      trace("close " + name);
    }
    return endGenerator();
  }

  @Async
  public Coroutine<Object> generatedManager() {
    try (Entered<String> s = asyncWith(session("a"))) {
      trace("body with " + s.get());
    }
    try (Entered<String> s = asyncWith(session("b"))) {
      if (!s.get().isEmpty()) {
        throw new IllegalArgumentException("b's problem");
      }
    }
    trace("after b");
    return done(null);
  }

  @Async
  public Coroutine<Object> generatedManagerPassesOrReplaces() {
    try {
      try (Entered<String> s = asyncWith(session("c"))) {
        throw new UnsupportedOperationException("not handled");
      }
    } catch (UnsupportedOperationException e) {
      trace("propagated " + e.getMessage());
    }
    try {
      try (Entered<String> s = asyncWith(session("d"))) {
        throw new IllegalStateException("d's problem");
      }
    } catch (UnsupportedOperationException e) {
      trace("caught " + e.getMessage());
    }
    return done(null);
  }

  @Async
  public AsyncContextManager<Integer> maybe(boolean emitIt, int times) {
    if (emitIt) {
      for (int i = 0; i < times; i++) {
        emit(i);
      }
    }
    return endGenerator();
  }

  @Async
  public Coroutine<Object> generatedManagerMisbehaves() {
    try {
      try (Entered<Integer> s = asyncWith(maybe(false, 0))) {
        trace("not reached");
      }
    } catch (IllegalStateException e) {
      trace(e.getMessage().substring(0, e.getMessage().indexOf(':')));
    }
    try {
      try (Entered<Integer> s = asyncWith(maybe(true, 2))) {
        trace("body with " + s.get());
      }
    } catch (IllegalStateException e) {
      trace(e.getMessage().substring(0, e.getMessage().indexOf(':')));
    }
    return done(null);
  }

  @Async
  public Coroutine<Object> timeoutAndTaskGroupAsResources() {
    try {
      try (Entered<dev.jasyncio.Timeout> t = asyncWith(timeout(1.0))) {
        await(sleep(5.0));
      }
    } catch (dev.jasyncio.TimeoutException e) {
      trace("timed out");
    }
    try (Entered<dev.jasyncio.TaskGroup> tg = asyncWith(new dev.jasyncio.TaskGroup())) {
      tg.get().createTask(sleep(2.0, "a"));
      tg.get().createTask(sleep(1.0, "b"));
    }
    trace("group done");
    return done(null);
  }

  @Async
  public Coroutine<Void> useLock(dev.jasyncio.Lock lock, String name) {
    try (Entered<Void> held = asyncWith(lock)) {
      trace(name + " holds the lock at " + getRunningLoop().time());
      await(sleep(1.0));
    }
    return done();
  }

  @Async
  public Coroutine<Void> useSemaphore(dev.jasyncio.Semaphore semaphore, String name) {
    try (var permit = asyncWith(semaphore)) {
      trace(name + " has a permit at " + getRunningLoop().time());
      await(sleep(1.0));
    }
    return done();
  }

  @Async
  public Coroutine<Object> locksAndSemaphoresAsResources() {
    dev.jasyncio.Lock lock = new dev.jasyncio.Lock();
    await(gather(useLock(lock, "a"), useLock(lock, "b"), useLock(lock, "c")));
    dev.jasyncio.Semaphore two = new dev.jasyncio.Semaphore(2);
    await(gather(useSemaphore(two, "x"), useSemaphore(two, "y"), useSemaphore(two, "z")));
    return done(lock.locked() + " " + two.locked());
  }
}
