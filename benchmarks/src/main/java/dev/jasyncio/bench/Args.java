package dev.jasyncio.bench;

/**
 * The command line of a workload main: {@code [n] [warmups]}, or {@code [n] [sleepSeconds]} for W1.
 * Missing arguments take the size, {@link Workload#DEFAULT_WARMUPS} warm-up rounds and a
 * sleep of {@link Workload#W1_SLEEP_SECONDS}.
 *
 * @param n the number of operations (tasks, awaits, round trips, items)
 * @param warmups the rounds run and discarded before the measured one (0 for W1)
 * @param sleepSeconds W1's sleep; 0 for the other workloads
 */
public record Args(int n, int warmups, double sleepSeconds) {

  /**
   * Parses {@code args} for {@code workload}; {@code 1_000_000} and {@code 1,000,000} are n too.
   */
  public static Args parse(Workload workload, String... args) {
    if (args.length > 2) {
      throw new IllegalArgumentException(usage(workload));
    }
    int n = args.length > 0 ? parseCount(args[0], workload) : workload.defaultN();
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1: " + usage(workload));
    }
    if (workload == Workload.W1) {
      double sleep = args.length > 1 ? Double.parseDouble(args[1]) : Workload.W1_SLEEP_SECONDS;
      if (!(sleep >= 0)) {
        throw new IllegalArgumentException("the sleep must be >= 0 seconds: " + usage(workload));
      }
      return new Args(n, 0, sleep);
    }
    int warmups = args.length > 1 ? parseCount(args[1], workload) : Workload.DEFAULT_WARMUPS;
    if (warmups < 0) {
      throw new IllegalArgumentException("warmups must be >= 0: " + usage(workload));
    }
    return new Args(n, warmups, 0);
  }

  private static int parseCount(String text, Workload workload) {
    try {
      return Integer.parseInt(text.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "not a whole number: '" + text + "'; " + usage(workload), e);
    }
  }

  private static String usage(Workload workload) {
    return workload == Workload.W1
        ? "usage: " + workload.className() + " [n] [sleepSeconds]"
        : "usage: " + workload.className() + " [n] [warmups]";
  }
}
