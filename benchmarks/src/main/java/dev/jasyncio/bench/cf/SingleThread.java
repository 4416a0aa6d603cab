package dev.jasyncio.bench.cf;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The single-thread executor of a round: the "event loop" the continuations run on. */
final class SingleThread {
  private SingleThread() {}

  /** A new single-thread executor whose thread is a daemon, so that it never holds the JVM. */
  static ExecutorService executor() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, "cf-loop");
          t.setDaemon(true);
          return t;
        });
  }

  /** Shuts {@code executor} down and waits for its thread to finish. */
  static void close(ExecutorService executor) {
    executor.shutdown();
    try {
      executor.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
