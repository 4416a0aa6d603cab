/**
 * The workloads written with virtual threads (JDK 21 and later, reached through {@link
 * dev.jasyncio.bench.VirtualThreads} so that the suite compiles for Java 17): blocking code, one
 * virtual thread per task, on the JDK's default scheduler (as many carrier threads as cores). On an
 * older JVM each main prints a {@code skipped} line instead. There is no W2 here: awaiting a
 * computation that returns at once is a plain method call with threads.
 */
package dev.jasyncio.bench.vthreads;
