/**
 * The TCP echo benchmark, after vmbench: a load client ({@link dev.jasyncio.bench.echo.EchoClient})
 * that keeps a number of connections each sending one message and waiting for it to come back,
 * jasyncio's server ({@link dev.jasyncio.bench.echo.JasyncioEchoServer}, streams on the event
 * loop), the JVM reference server ({@link dev.jasyncio.bench.echo.NioEchoServer}, one NIO selector
 * thread) and the table of results ({@link dev.jasyncio.bench.echo.EchoReport}). {@code
 * benchmarks/echo.sh} runs them against the Python asyncio, uvloop and Node servers of {@code
 * benchmarks/echo/}; {@code docs/performance.md} describes the method.
 *
 * <p>Every server prints one line {@code LISTENING <port>} when it accepts connections, so that the
 * runner can start it on port 0 and learn the port it got.
 */
package dev.jasyncio.bench.echo;
