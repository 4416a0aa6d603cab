package dev.jasyncio;

/**
 * The two ends of a connection made by {@link Asyncio#openConnection}: asyncio's {@code (reader,
 * writer)} pair.
 *
 * <pre>{@code
 * Connection c = await(openConnection("127.0.0.1", 8888));
 * c.writer().write(request);
 * byte[] reply = await(c.reader().readline());
 * c.writer().close();
 * await(c.writer().waitClosed());
 * }</pre>
 *
 * @param reader what the peer sends
 * @param writer what is sent to the peer; closing it closes the connection
 */
public record Connection(StreamReader reader, StreamWriter writer) {}
