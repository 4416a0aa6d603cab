/**
 * The workloads written with jasyncio: {@code @Async} methods compiled by the annotation processor,
 * run by {@link dev.jasyncio.Asyncio#run} on one event loop on the main thread. Each class is a
 * main that prints one JSON line ({@link dev.jasyncio.bench.Report}).
 */
package dev.jasyncio.bench.jasyncio;
