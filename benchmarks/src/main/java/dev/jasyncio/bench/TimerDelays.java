package dev.jasyncio.bench;

import java.util.SplittableRandom;

/**
 * TIMERS' delays: {@code n} distinct delays from 1 s up to 2 s, in an order that is random but the
 * same in every run and every runtime. Timers scheduled in random deadline order are the usual mix
 * of a server's timeouts, and they go through the timer heap rather than an in-order fast path.
 */
public final class TimerDelays {
  private TimerDelays() {}

  /** The seed of the shuffle: any fixed value, so that every run schedules the same timers. */
  private static final long SEED = 0x7115_2026L;

  /** {@code n} delays in seconds: 1 + i / n for each i below n, shuffled. */
  public static double[] seconds(int n) {
    double[] delays = new double[n];
    for (int i = 0; i < n; i++) {
      delays[i] = 1.0 + (double) i / n;
    }
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      double d = delays[i];
      delays[i] = delays[j];
      delays[j] = d;
    }
    return delays;
  }
}
