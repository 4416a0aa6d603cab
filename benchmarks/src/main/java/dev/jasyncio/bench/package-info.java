/**
 * The whole-process workloads of the performance suite and the {@link dev.jasyncio.bench.Runner}
 * that runs them. Each workload (W1–W5 and TIMERS, see {@link dev.jasyncio.bench.Workload}) has one
 * main class per runtime, in {@code dev.jasyncio.bench.jasyncio}, {@code
 * dev.jasyncio.bench.vthreads} and {@code dev.jasyncio.bench.cf}, with the same simple name
 * (virtual threads have none for W2 and TIMERS); each prints one JSON line ({@link
 * dev.jasyncio.bench.Report}). The runner starts every main in a fresh JVM, takes medians and
 * prints a markdown table against the budgets of the performance issue. {@code docs/performance.md}
 * describes the method.
 */
package dev.jasyncio.bench;
