package dev.jasyncio.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Virtual threads through method handles, so that the suite compiles for Java 17 and the
 * virtual-thread peer runs wherever the JVM has them (JDK 21 and later; on 19 and 20 they are a
 * preview that needs a flag, and count as absent).
 */
public final class VirtualThreads {
  /** The {@code skipped} reason of the virtual-thread mains on a JVM without virtual threads. */
  public static final String UNAVAILABLE = "n/a (JDK < 21)";

  private static final MethodHandle START_VIRTUAL_THREAD;
  private static final MethodHandle NEW_PER_TASK_EXECUTOR;

  static {
    MethodHandle start = null;
    MethodHandle executor = null;
    if (Runtime.version().feature() >= 21) {
      try {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        start =
            lookup.findStatic(
                Thread.class,
                "startVirtualThread",
                MethodType.methodType(Thread.class, Runnable.class));
        executor =
            lookup.findStatic(
                Executors.class,
                "newVirtualThreadPerTaskExecutor",
                MethodType.methodType(ExecutorService.class));
      } catch (NoSuchMethodException | IllegalAccessException e) {
        start = null;
        executor = null;
      }
    }
    START_VIRTUAL_THREAD = start;
    NEW_PER_TASK_EXECUTOR = executor;
  }

  private VirtualThreads() {}

  /** Whether this JVM has virtual threads. */
  public static boolean available() {
    return START_VIRTUAL_THREAD != null;
  }

  /** {@code Thread.startVirtualThread(task)}: a started virtual thread running {@code task}. */
  public static Thread start(Runnable task) {
    try {
      return (Thread) START_VIRTUAL_THREAD.invokeExact(task);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** {@code Executors.newVirtualThreadPerTaskExecutor()}. */
  public static ExecutorService newThreadPerTaskExecutor() {
    try {
      return (ExecutorService) NEW_PER_TASK_EXECUTOR.invokeExact();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException("virtual threads are not available: " + t, t);
  }
}
