/**
 * Integration tests: {@code @Async} programs compiled by the real processor, run against real
 * loopback sockets and real child processes. Servers bind 127.0.0.1 on port 0; the subprocess tests
 * run only standard Unix programs; no test sleeps or asserts elapsed time.
 */
package dev.jasyncio.it;
