/**
 * The jasyncio annotation processor: it finds {@code @Async} methods, checks them, and writes the
 * generated classes. This package holds the entry point registered with the compiler; the work is
 * split by stage into {@code diag} (messages) and the packages that follow it.
 */
package dev.jasyncio.processor;
