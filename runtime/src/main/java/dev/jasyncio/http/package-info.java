/**
 * An HTTP client for the event loop, the twin of aiohttp's client: a {@link
 * dev.jasyncio.http.ClientSession} sends requests with the JDK's {@link java.net.http.HttpClient}
 * when they are awaited, and each {@link dev.jasyncio.http.ClientResponse} reads its body when
 * {@code text()} or {@code read()} is awaited; both are async context managers, so aiohttp's {@code
 * async with session.get(url) as response} has a direct twin. Nothing here blocks the loop: the
 * JDK's client works on its own threads and its results come back to the loop that awaits them.
 */
package dev.jasyncio.http;
