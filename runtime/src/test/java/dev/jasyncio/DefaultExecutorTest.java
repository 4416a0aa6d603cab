package dev.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link DefaultExecutor}: virtual threads on JDK 21 and later, else a bounded pool of
 * {@code min(32, processors + 4)} daemon threads named {@code jasyncio-executor-N}. The runtime is
 * compiled for JDK 17 and CI runs it on 17 and 21+, so the expectations follow {@link
 * Runtime#version()}, and {@code Thread.isVirtual()} is called by reflection.
 */
class DefaultExecutorTest {
  private static final long BOUND_SECONDS = 30;
  private static final boolean VIRTUAL_THREADS = Runtime.version().feature() >= 21;
  private static final int POOL_SIZE = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);

  /** {@code Thread.isVirtual()}, or false on a JDK that has no virtual threads. */
  private static boolean isVirtual(Thread t) {
    Method isVirtual;
    try {
      isVirtual = Thread.class.getMethod("isVirtual");
    } catch (NoSuchMethodException e) {
      return false;
    }
    try {
      return (Boolean) isVirtual.invoke(t);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** Runs a job on {@code executor} and returns the thread it ran on. */
  private static Thread threadOfAJob(Executor executor) throws Exception {
    CompletableFuture<Thread> ranOn = new CompletableFuture<>();
    executor.execute(() -> ranOn.complete(Thread.currentThread()));
    return ranOn.get(BOUND_SECONDS, TimeUnit.SECONDS);
  }

  private static void shutDown(Executor executor) throws InterruptedException {
    ExecutorService es = assertInstanceOf(ExecutorService.class, executor);
    es.shutdown();
    assertTrue(es.awaitTermination(BOUND_SECONDS, TimeUnit.SECONDS), "the executor did not stop");
  }

  @Test
  void createGivesOneVirtualThreadPerJobOnJdk21AndABoundedPoolBefore() throws Exception {
    Executor executor = DefaultExecutor.create();
    try {
      Thread first = threadOfAJob(executor);
      Thread second = threadOfAJob(executor);
      if (VIRTUAL_THREADS) {
        assertTrue(isVirtual(first), () -> first + " is not a virtual thread");
        assertTrue(isVirtual(second), () -> second + " is not a virtual thread");
        assertFalse(executor instanceof ThreadPoolExecutor, executor::toString);
      } else {
        ThreadPoolExecutor pool = assertInstanceOf(ThreadPoolExecutor.class, executor);
        assertEquals(POOL_SIZE, pool.getMaximumPoolSize());
        assertTrue(first.getName().startsWith("jasyncio-executor-"), first.getName());
        assertTrue(first.isDaemon());
      }
    } finally {
      shutDown(executor);
    }
  }

  @Test
  void runInExecutorWithoutAnExecutorUsesTheDefaultOne() {
    Thread ranOn;
    try (TestEventLoop loop = new TestEventLoop()) {
      ranOn = loop.runUntilComplete(loop.runInExecutor(null, Thread::currentThread));
      loop.shutdownDefaultExecutor(Duration.ofSeconds(BOUND_SECONDS));
    }

    if (VIRTUAL_THREADS) {
      assertTrue(isVirtual(ranOn), () -> ranOn + " is not a virtual thread");
    } else {
      assertTrue(ranOn.getName().startsWith("jasyncio-executor-"), ranOn.getName());
    }
  }

  @Test
  void boundedPoolHasMin32AndProcessorsPlus4ThreadsThatTimeOutWhenIdle() throws Exception {
    ExecutorService executor = DefaultExecutor.boundedPool();
    try {
      ThreadPoolExecutor pool = assertInstanceOf(ThreadPoolExecutor.class, executor);
      assertEquals(POOL_SIZE, pool.getCorePoolSize());
      assertEquals(POOL_SIZE, pool.getMaximumPoolSize());
      assertTrue(pool.allowsCoreThreadTimeOut(), "idle threads would be kept forever");
      assertEquals(60, pool.getKeepAliveTime(TimeUnit.SECONDS));
    } finally {
      shutDown(executor);
    }
  }

  @Test
  void boundedPoolRunsWorkOnDaemonThreadsNamedJasyncioExecutorN() throws Exception {
    ExecutorService executor = DefaultExecutor.boundedPool();
    try {
      Thread t = threadOfAJob(executor);

      assertEquals("jasyncio-executor-1", t.getName());
      assertTrue(t.isDaemon(), "a pool thread would keep the JVM alive");
      assertFalse(isVirtual(t));
      assertEquals(42, executor.submit(() -> 42).get(BOUND_SECONDS, TimeUnit.SECONDS));
    } finally {
      shutDown(executor);
    }
  }

  @Test
  void boundedPoolRunsAtMostItsSizeAtOnceAndQueuesTheRest() throws Exception {
    ThreadPoolExecutor pool = (ThreadPoolExecutor) DefaultExecutor.boundedPool();
    CountDownLatch allStarted = new CountDownLatch(POOL_SIZE);
    CountDownLatch release = new CountDownLatch(1);
    Set<String> names = ConcurrentHashMap.newKeySet();
    try {
      for (int i = 0; i < POOL_SIZE; i++) {
        pool.execute(
            () -> {
              names.add(Thread.currentThread().getName());
              allStarted.countDown();
              try {
                release.await(BOUND_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
      }
      assertTrue(allStarted.await(BOUND_SECONDS, TimeUnit.SECONDS), "not every job started");

      CompletableFuture<String> extra = new CompletableFuture<>();
      pool.execute(() -> extra.complete(Thread.currentThread().getName()));

      assertEquals(POOL_SIZE, pool.getPoolSize(), "the pool grew beyond its size");
      assertEquals(1, pool.getQueue().size(), "the extra job did not wait in the queue");
      assertFalse(extra.isDone());
      Set<String> expected = new TreeSet<>();
      for (int i = 1; i <= POOL_SIZE; i++) {
        expected.add("jasyncio-executor-" + i);
      }
      assertEquals(expected, new TreeSet<>(names));

      release.countDown();
      String extraRanOn = extra.get(BOUND_SECONDS, TimeUnit.SECONDS);
      assertTrue(names.contains(extraRanOn), extraRanOn + " is a thread beyond the pool");
    } finally {
      release.countDown();
      shutDown(pool);
    }
  }

  @Test
  void eachPoolNumbersItsThreadsFromOne() throws Exception {
    ExecutorService a = DefaultExecutor.boundedPool();
    ExecutorService b = DefaultExecutor.boundedPool();
    try {
      assertEquals("jasyncio-executor-1", threadOfAJob(a).getName());
      assertEquals("jasyncio-executor-1", threadOfAJob(b).getName());
    } finally {
      shutDown(a);
      shutDown(b);
    }
  }
}
