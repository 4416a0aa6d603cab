/**
 * JMH microbenchmarks of jasyncio's hot paths: resuming a suspended coroutine, awaiting a value
 * that is already there, {@code callSoon} and the loop running it, inserting and cancelling a
 * timer, a queue put and get that need not wait, and creating and completing a task. Each measures
 * the average time of one operation, in nanoseconds.
 *
 * <p>Run them from the shaded jar: {@code java -jar benchmarks/target/benchmarks.jar} (all), or
 * with a JMH filter and options, e.g. {@code java -jar benchmarks/target/benchmarks.jar Resume
 * -prof gc}. Benchmarks that need a running loop run a batch of {@code OPS} operations per
 * invocation on a loop made once per trial, so the cost of starting and stopping the loop is spread
 * over the batch.
 */
package dev.jasyncio.bench.jmh;
