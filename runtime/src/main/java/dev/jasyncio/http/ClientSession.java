package dev.jasyncio.http;

import dev.jasyncio.AsyncContextManager;
import dev.jasyncio.Asyncio;
import dev.jasyncio.Awaitable;
import dev.jasyncio.Coroutine;
import dev.jasyncio.internal.Deferred;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An HTTP client for coroutines, as aiohttp's {@code ClientSession}, built on the JDK's {@link
 * HttpClient}: requests are sent when awaited and their responses arrive on the event loop, which
 * runs other tasks meanwhile.
 *
 * <pre>{@code
 * // async with aiohttp.ClientSession() as session:
 * //     async with session.get(url) as response:
 * //         return await response.text()
 * try (Entered<ClientSession> entered = asyncWith(new ClientSession())) {
 *   ClientSession session = entered.get();
 *   try (Entered<ClientResponse> response = asyncWith(session.get(url))) {
 *     return done(await(response.get().text()));
 *   }
 * }
 * }</pre>
 *
 * <p>Without the annotation processor the same reads {@code asyncWith(new ClientSession(), s ->
 * asyncWith(s.get(url), r -> r.text()))}. A session is meant to be made once and shared by many
 * requests, which reuse its connections; several requests run at once when their coroutines are
 * gathered or run as tasks.
 *
 * <h2>Closing</h2>
 *
 * <p>Leaving {@code async with}, or awaiting {@link #close()}, closes the session: requests still
 * in flight fail with an {@link java.io.IOException}, responses not yet read are released, and
 * requests made afterwards fail with an {@link IllegalStateException}. A session made with {@link
 * #ClientSession()} also closes the {@code HttpClient} it made, on JDK 21 and later where {@code
 * HttpClient} is {@link AutoCloseable}; that waits for the client's threads to finish, so it runs
 * off the loop, on the loop's default executor. An {@code HttpClient} passed in stays open: it
 * belongs to its creator.
 *
 * <h2>Timeouts</h2>
 *
 * <p>The session's timeout bounds each request until its status and headers have arrived (the JDK's
 * {@link HttpRequest.Builder#timeout}); it raises {@link java.net.http.HttpTimeoutException}. By
 * default it is five minutes, aiohttp's default total timeout. To bound a whole exchange, body
 * included, use {@link Asyncio#timeout}.
 *
 * <h2>Threads</h2>
 *
 * <p>A session is not bound to one loop: its coroutines run on the loop that awaits them, and it
 * may be used from one loop after another. Its methods may be called from any thread.
 */
public final class ClientSession implements AsyncContextManager<ClientSession> {
  /*
   * Overview: the session tracks what holds a connection — requests in flight and responses whose
   * body is not read — as Runnables that abort or release them, so that close() can end them all
   * and the client's orderly shutdown does not wait for them. Both sides follow "publish, then
   * check": track() adds and then reads `closed`, close() sets `closed` and then reads the set,
   * so whichever runs second sees the other.
   */

  /** The timeout of {@link #ClientSession()}: five minutes, as aiohttp's default total timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  private final HttpClient client;
  private final boolean ownsClient;
  private final Duration timeout;
  private final Set<Runnable> open = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean clientClosed = new AtomicBoolean();
  private volatile boolean closed;

  /**
   * A session on a new {@link HttpClient} that follows redirects (except from HTTPS to HTTP), as
   * aiohttp does, with the {@link #DEFAULT_TIMEOUT}. Closing the session closes the client.
   */
  public ClientSession() {
    this(DEFAULT_TIMEOUT);
  }

  /**
   * A session on a new {@link HttpClient}, as {@link #ClientSession()}, whose requests time out
   * after {@code timeout}; null for no timeout.
   */
  public ClientSession(Duration timeout) {
    this(
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build(), true, timeout);
  }

  /**
   * A session that sends through {@code client}: one configured with a proxy, an {@code
   * SSLContext}, an authenticator... Closing the session leaves the client open.
   */
  public ClientSession(HttpClient client) {
    this(client, DEFAULT_TIMEOUT);
  }

  /** A session that sends through {@code client}, with a request timeout; null for none. */
  public ClientSession(HttpClient client, Duration timeout) {
    this(client, false, timeout);
  }

  ClientSession(HttpClient client, boolean ownsClient, Duration timeout) {
    this.client = Objects.requireNonNull(client, "client");
    this.ownsClient = ownsClient;
    if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
      throw new IllegalArgumentException(
          "the timeout of a ClientSession must be positive, or null for none; got " + timeout);
    }
    this.timeout = timeout;
  }

  /** The client that sends this session's requests. */
  public HttpClient client() {
    return client;
  }

  /** The time a request may take until its headers have arrived; empty if there is no limit. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** Whether {@link #close()} has begun. */
  public boolean closed() {
    return closed;
  }

  /** A {@code GET} of {@code url}, sent when awaited; see {@link RequestContextManager}. */
  public RequestContextManager get(String url) {
    return request("GET", url, null, Map.of());
  }

  /** A {@code GET} of {@code url} with extra request headers, sent when awaited. */
  public RequestContextManager get(String url, Map<String, String> headers) {
    return request("GET", url, null, headers);
  }

  /**
   * A {@code POST} of {@code body} to {@code url}, sent when awaited. The body is encoded in UTF-8
   * and, as in aiohttp, sent as {@code text/plain; charset=utf-8} unless a {@code Content-Type}
   * header is given.
   */
  public RequestContextManager post(String url, String body) {
    return request("POST", url, body, Map.of());
  }

  /**
   * A {@code POST} of {@code body} to {@code url} with extra request headers, sent when awaited.
   */
  public RequestContextManager post(String url, String body, Map<String, String> headers) {
    return request("POST", url, body, headers);
  }

  /** A request without a body, sent when awaited. */
  public RequestContextManager request(String method, String url) {
    return request(method, url, null, Map.of());
  }

  /**
   * A request, sent when awaited, as aiohttp's {@code session.request(method, url, data=body,
   * headers=headers)}.
   *
   * @param method the HTTP method, in any case: {@code "put"} is sent as {@code PUT}
   * @param url an absolute {@code http} or {@code https} URL
   * @param body the body, encoded in UTF-8 (see {@link #post(String, String)}); null for none
   * @param headers extra request headers, sent in the map's order; the JDK's client manages some
   *     itself ({@code Host}, {@code Content-Length}, {@code Connection}...) and rejects them
   */
  public RequestContextManager request(
      String method, String url, String body, Map<String, String> headers) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(headers, "headers");
    return new RequestContextManager(
        this, method, url, body, Collections.unmodifiableMap(new LinkedHashMap<>(headers)));
  }

  /**
   * Closes this session, as aiohttp's {@code await session.close()}: see "Closing" above. Closing
   * again does nothing.
   */
  public Coroutine<Void> close() {
    return new Deferred<>("ClientSession.close() of " + this, () -> shutDown(null));
  }

  /** Produces this session, as aiohttp's {@code __aenter__}. */
  @Override
  public Coroutine<ClientSession> aenter() {
    return Asyncio.done(this);
  }

  /** Closes this session; never suppresses the body's exception. */
  @Override
  public Coroutine<Boolean> aexit(Throwable exception) {
    return new Deferred<>("ClientSession.aexit() of " + this, () -> shutDown(false));
  }

  private <T> Awaitable<T> shutDown(T result) {
    closed = true;
    for (Runnable end : List.copyOf(open)) {
      end.run();
    }
    // HttpClient is AutoCloseable from JDK 21 on; its close() blocks until its threads are done.
    if (ownsClient
        && client instanceof AutoCloseable c
        && clientClosed.compareAndSet(false, true)) {
      return Asyncio.toThread(
          () -> {
            c.close();
            return result;
          });
    }
    return Asyncio.done(result);
  }

  /** Throws if this session is closed, naming the request that cannot be sent. */
  void checkOpen(String method, String url) {
    if (closed) {
      throw new IllegalStateException(
          "Session is closed: "
              + this
              + " cannot send "
              + method
              + " "
              + url
              + ". Send requests before the session's async with block ends, or use a new"
              + " ClientSession.");
    }
  }

  HttpRequest buildRequest(String method, String url, String body, Map<String, String> headers) {
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(URI.create(url));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid URL for " + method + ": " + url + " (" + e.getMessage() + ")", e);
    }
    boolean typed = false;
    for (Map.Entry<String, String> h : headers.entrySet()) {
      b.header(h.getKey(), h.getValue());
      typed |= h.getKey().equalsIgnoreCase("Content-Type");
    }
    if (body != null && !typed) {
      b.header("Content-Type", "text/plain; charset=utf-8");
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (timeout != null) {
      b.timeout(timeout);
    }
    return b.build();
  }

  /**
   * Registers what ends an open request or response when this session closes; false (and not
   * registered) if the session is already closed.
   */
  boolean track(Runnable end) {
    open.add(end);
    if (closed) {
      open.remove(end);
      return false;
    }
    return true;
  }

  void untrack(Runnable end) {
    open.remove(end);
  }

  @Override
  public String toString() {
    return closed ? "<ClientSession closed>" : "<ClientSession open>";
  }
}
