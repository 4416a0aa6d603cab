package dev.jasyncio.bench;

/**
 * Who runs a workload: jasyncio, or one of the two JVM peers a Java user would pick instead. Each
 * has its own package of workload mains.
 */
public enum Contender {
  JASYNCIO("jasyncio", "jasyncio", "dev.jasyncio.bench.jasyncio"),
  VIRTUAL_THREADS("virtual-threads", "virtual threads", "dev.jasyncio.bench.vthreads"),
  COMPLETABLE_FUTURE("completable-future", "CompletableFuture", "dev.jasyncio.bench.cf");

  private final String id;
  private final String title;
  private final String packageName;

  Contender(String id, String title, String packageName) {
    this.id = id;
    this.title = title;
    this.packageName = packageName;
  }

  /** The value of the {@code "runtime"} field of the JSON line. */
  public String id() {
    return id;
  }

  /** The column title in the runner's table. */
  public String title() {
    return title;
  }

  /**
   * The main class that runs {@code workload}, or null when this contender has no equivalent of it
   * (virtual threads have none for W2: awaiting a coroutine that returns at once is a plain method
   * call there; nor for TIMERS: they have no timer of their own, and the wake-up of a sleeping
   * virtual thread is a delayed task in one of the JDK's schedulers, as {@code CompletableFuture}'s
   * timeouts are).
   */
  public String mainClass(Workload workload) {
    if (this == VIRTUAL_THREADS && (workload == Workload.W2 || workload == Workload.TIMERS)) {
      return null;
    }
    return packageName + "." + workload.className();
  }
}
