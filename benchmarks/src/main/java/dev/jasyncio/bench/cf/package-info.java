/**
 * The workloads written with {@link java.util.concurrent.CompletableFuture}: continuations on a
 * single-thread executor standing in for an event loop, the way a Java user composes asynchronous
 * work without virtual threads. The main thread starts the work and waits for it with {@code
 * join()}.
 */
package dev.jasyncio.bench.cf;
