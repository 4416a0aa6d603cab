package dev.jasyncio.bench;

/**
 * One measured round of a workload.
 *
 * @param nanos the time of the measured part only, from {@link System#nanoTime()}
 * @param check a count or sum the work produced (tasks finished, items received, the sum of the
 *     awaited values), so that the work cannot be optimised away and the smoke test can see it was
 *     all done
 */
public record Round(long nanos, long check) {}
