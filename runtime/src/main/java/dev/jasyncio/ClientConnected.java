package dev.jasyncio;

/**
 * What a server made by {@link Asyncio#startServer} runs for each client, as asyncio's {@code
 * client_connected_cb}: usually an {@code @Async} method referenced as {@code this::handle}.
 *
 * <pre>{@code
 * @Async
 * Coroutine<Void> handle(StreamReader reader, StreamWriter writer) {
 *   byte[] line = await(reader.readline());
 *   writer.write(line);
 *   await(writer.drain());
 *   writer.close();
 *   await(writer.waitClosed());
 *   return done();
 * }
 * }</pre>
 *
 * <p>The coroutine runs as its own task. The connection stays open when it returns (close the
 * writer to close it); if it throws, or its task is cancelled, the server closes the connection,
 * and an exception goes to the loop's exception handler.
 */
@FunctionalInterface
public interface ClientConnected {
  /** The coroutine that serves one client. */
  Coroutine<?> connected(StreamReader reader, StreamWriter writer);
}
