/**
 * Integration tests: {@code @Async} programs compiled by the real processor, run against real
 * loopback sockets. Servers bind 127.0.0.1 on port 0; no test sleeps or asserts elapsed time.
 */
package dev.jasyncio.it;
