package dev.jasyncio.http;

import dev.jasyncio.AsyncContextManager;
import dev.jasyncio.Asyncio;
import dev.jasyncio.Coroutine;
import dev.jasyncio.internal.Deferred;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The response to a request of a {@link ClientSession}, as aiohttp's {@code ClientResponse}: the
 * status and headers have arrived; the body is read by awaiting {@link #text()} or {@link #read()}.
 *
 * <pre>{@code
 * // async with session.get(url) as response:
 * //     print(response.status, await response.text())
 * try (Entered<ClientResponse> response = asyncWith(session.get(url))) {
 *   System.out.println(response.get().status() + " " + await(response.get().text()));
 * }
 * }</pre>
 *
 * <h2>The body</h2>
 *
 * <p>The awaited request finishes as soon as the status line and headers are in; the body is read
 * when {@link #read()} or {@link #text()} is first awaited, and kept: later calls give the same
 * bytes without reading again. A response holds its connection until its body is read to the end or
 * it is {@linkplain #release() released}. Leaving {@code async with} releases it, and so does
 * closing the session; a body that was not read by then cannot be read any more.
 *
 * <h2>Cancellation</h2>
 *
 * <p>Cancelling a task that awaits {@code read()} or {@code text()} does not stop the reading,
 * which another await may still use; {@link #release()} stops it.
 *
 * <h2>Threads</h2>
 *
 * <p>The coroutines run on the loop that awaits them. The other methods may be called from any
 * thread.
 */
public final class ClientResponse implements AsyncContextManager<ClientResponse> {
  /*
   * Overview: the HTTP client delivers the body as a Flow.Publisher, read at most once. The first
   * read() subscribes a BodyReader whose future holds the bytes for every later read; release()
   * subscribes one that cancels at once (or cancels the one reading), which makes the client
   * close the connection. Until one of these ends, the session tracks the response so that
   * closing the session releases it.
   */

  private final ClientSession session;
  private final String method;
  private final HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
  private final Runnable releaseOnClose = this::releaseBecauseSessionClosed;

  /** Null until the body is read or released; then the one subscriber of the body. */
  private BodyReader reader;

  /**
   * What readers await: the reader's future, completed only after the response is marked closed, so
   * that whoever sees the body also sees {@link #closed()}.
   */
  private CompletableFuture<byte[]> body;

  private volatile boolean closed;

  /** Inside {@code async with}: raiseForStatus() leaves the release to the exit. */
  private volatile boolean inContext;

  ClientResponse(
      ClientSession session, String method, HttpResponse<Flow.Publisher<List<ByteBuffer>>> r) {
    this.session = session;
    this.method = method;
    this.response = r;
    if (!session.track(releaseOnClose)) {
      releaseBecauseSessionClosed();
    }
  }

  /** The method of the request, as {@code "GET"}. */
  public String method() {
    return method;
  }

  /** The URL of this response: the request's, or the last one a redirect led to. */
  public URI url() {
    return response.uri();
  }

  /** The status code, as {@code 200}. */
  public int status() {
    return response.statusCode();
  }

  /** Whether the status is below 400, as aiohttp's {@code ok}. */
  public boolean ok() {
    return status() < 400;
  }

  /** The response headers; names are case-insensitive. */
  public HttpHeaders headers() {
    return response.headers();
  }

  /** The first value of the header {@code name} (case-insensitive), or null if there is none. */
  public String header(String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  /**
   * The charset of the body, from the {@code charset} parameter of {@code Content-Type}; UTF-8 when
   * there is none or the JDK does not know it.
   */
  public Charset charset() {
    String type = header("Content-Type");
    if (type != null) {
      for (String param : type.split(";")) {
        int eq = param.indexOf('=');
        if (eq > 0 && param.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("charset")) {
          String name = param.substring(eq + 1).trim().replace("\"", "");
          try {
            return Charset.forName(name);
          } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.UTF_8;
          }
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  /**
   * The whole body as bytes, as aiohttp's {@code read()}: read when first awaited, then kept.
   * Awaiting it raises an {@link IOException} if the connection fails while the body is read, or if
   * the response was released before its body was read.
   */
  public Coroutine<byte[]> read() {
    return new Deferred<>(
        "ClientResponse.read() of " + this, () -> Asyncio.wrapFuture(body().copy()));
  }

  /** The whole body decoded with {@link #charset()}; see {@link #read()}. */
  public Coroutine<String> text() {
    return new Deferred<>(
        "ClientResponse.text() of " + this,
        () -> Asyncio.wrapFuture(body().thenApply(b -> new String(b, charset()))));
  }

  /** The whole body decoded with {@code charset}; see {@link #read()}. */
  public Coroutine<String> text(Charset charset) {
    Objects.requireNonNull(charset, "charset");
    return new Deferred<>(
        "ClientResponse.text(" + charset + ") of " + this,
        () -> Asyncio.wrapFuture(body().thenApply(b -> new String(b, charset))));
  }

  /**
   * Throws a {@link ClientResponseError} if the status is 400 or more, as aiohttp's {@code
   * raise_for_status()}. Outside {@code async with} it also releases the response first, since
   * nothing else would.
   */
  public void raiseForStatus() {
    if (ok()) {
      return;
    }
    if (!inContext) {
      release();
    }
    throw new ClientResponseError(status(), method, url());
  }

  /**
   * Frees the connection, as aiohttp's {@code release()}: if the body is not fully read, stops
   * reading it and lets the client close the connection. Does nothing when the body is read or the
   * response is already released.
   */
  public void release() {
    release(new IOException("the body of " + this + " was released before it was read"));
  }

  /** Whether the connection is freed: the body was read to the end, or it was released. */
  public boolean closed() {
    return closed;
  }

  /** Produces this response, as aiohttp's {@code __aenter__}. */
  @Override
  public Coroutine<ClientResponse> aenter() {
    return new Deferred<>(
        "ClientResponse.aenter() of " + this,
        () -> {
          inContext = true;
          return Asyncio.done(this);
        });
  }

  /** Releases this response; never suppresses the body's exception. */
  @Override
  public Coroutine<Boolean> aexit(Throwable exception) {
    return new Deferred<>(
        "ClientResponse.aexit() of " + this,
        () -> {
          inContext = false;
          release();
          return Asyncio.done(false);
        });
  }

  void enteredContext() {
    inContext = true;
  }

  /** The body's future; subscribes the reader on the first call. */
  private synchronized CompletableFuture<byte[]> body() {
    if (reader == null) {
      reader = new BodyReader();
      body = reader.body.whenComplete((b, t) -> freed());
      response.body().subscribe(reader);
    }
    return body;
  }

  private synchronized void release(Throwable reason) {
    if (reader == null) {
      reader = new BodyReader();
      reader.cancel(reason);
      body = reader.body;
      response.body().subscribe(reader);
    } else {
      reader.cancel(reason); // no effect once the body is complete
    }
    freed();
  }

  private void releaseBecauseSessionClosed() {
    release(new IOException("the body of " + this + " was not read before " + session + " closed"));
  }

  private void freed() {
    closed = true;
    session.untrack(releaseOnClose);
  }

  @Override
  public String toString() {
    return "<ClientResponse(" + method + " " + url() + ") [" + status() + "]>";
  }
}
