package dev.jasyncio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor {@link EventLoop#runInExecutor} uses by default: one virtual thread per job on JDK
 * 21 and later, else a bounded pool of {@code min(32, processors + 4)} daemon threads, the size
 * Python's {@code ThreadPoolExecutor} picks.
 */
final class DefaultExecutor {
  private DefaultExecutor() {}

  static Executor create() {
    if (Runtime.version().feature() < 21) {
      // On JDK 19 and 20 virtual threads are a preview API: newVirtualThreadPerTaskExecutor exists
      // but throws UnsupportedOperationException unless the JVM runs with --enable-preview.
      return boundedPool();
    }
    try {
      return (ExecutorService)
          MethodHandles.publicLookup()
              .findStatic(
                  Executors.class,
                  "newVirtualThreadPerTaskExecutor",
                  MethodType.methodType(ExecutorService.class))
              .invoke();
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return boundedPool();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("cannot create the default executor", t);
    }
  }

  static ExecutorService boundedPool() {
    int size = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            size,
            size,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "jasyncio-executor-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
