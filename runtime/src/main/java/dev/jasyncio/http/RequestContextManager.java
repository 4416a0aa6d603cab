package dev.jasyncio.http;

import dev.jasyncio.AsyncContextManager;
import dev.jasyncio.Asyncio;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Task;
import dev.jasyncio.internal.Deferred;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * A request of a {@link ClientSession} that is sent when it is awaited, as what aiohttp's {@code
 * session.get(url)} returns: a coroutine of the {@link ClientResponse} that is also an async
 * context manager, so that both Python forms have a twin.
 *
 * <pre>{@code
 * // response = await session.get(url)
 * ClientResponse response = await(session.get(url));
 *
 * // async with session.get(url) as response: ...
 * asyncWith(session.get(url), response -> response.text())
 * }</pre>
 *
 * <p>Creating it sends nothing. Awaiting it (or entering it) checks that the session is open, sends
 * the request with {@link java.net.http.HttpClient#sendAsync} and finishes when the status and
 * headers have arrived; the body is read later, by the response. Leaving {@code async with}
 * releases the response. Like any coroutine it is awaited once. The name is that of aiohttp's
 * {@code _RequestContextManager}, the type of what its request methods return.
 *
 * <h2>Cancellation</h2>
 *
 * <p>Cancelling the task that awaits it cancels the exchange in flight: the client's future is
 * cancelled with {@code cancel(true)}, which is what makes the JDK's client abort the exchange and
 * close its connection. A response that arrives anyway is released unread.
 *
 * <h2>Exceptions</h2>
 *
 * <ul>
 *   <li>{@link IllegalStateException} if the session is closed;
 *   <li>{@link IllegalArgumentException} for a URL or header the JDK's client rejects;
 *   <li>{@link IOException} when the exchange fails, with a message that names the method and URL.
 *       The JDK's exception is its cause; the common kinds keep their class ({@link
 *       ConnectException}, {@link HttpTimeoutException} and {@link HttpConnectTimeoutException},
 *       {@link SSLException} and {@link SSLHandshakeException}, {@link EOFException}). A request in
 *       flight when its session closes fails with an {@code IOException} too.
 * </ul>
 *
 * <p>A status of 400 or more is not an exception: see {@link ClientResponse#raiseForStatus()}.
 */
public final class RequestContextManager extends Coroutine<ClientResponse>
    implements AsyncContextManager<ClientResponse> {
  /*
   * Overview: resume() sends at its first step and awaits `view`, a future of our own that copies
   * the client's future `inflight`. The view exists for two reasons. The loop cancels an awaited
   * CompletionStage with cancel(false), which the JDK's client takes as "let the exchange run";
   * the view turns it into inflight.cancel(true). And closing the session fails the view with its
   * own IOException without waiting for the client. Whenever a response arrives that nobody will
   * receive (the view was cancelled or failed first, or the task was cancelled after the
   * response arrived but before it ran), its body is discarded, which closes the connection.
   */

  private static final int START = 0;
  private static final int SENT = 1;
  private static final int DONE = 2;

  private final ClientSession session;
  private final String method;
  private final String url;
  private final String body;
  private final Map<String, String> headers;
  private final Runnable abortOnClose = this::abortBecauseSessionClosed;

  private int state;
  private URI uri;
  private CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> inflight;
  private CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> view;
  private ClientResponse response;
  private boolean entered;

  RequestContextManager(
      ClientSession session, String method, String url, String body, Map<String, String> headers) {
    this.session = session;
    this.method = method.toUpperCase(Locale.ROOT);
    this.url = url;
    this.body = body;
    this.headers = headers;
  }

  @Override
  @SuppressWarnings({"unchecked", "fallthrough"}) // falls through to SENT when the answer is in
  protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
    switch (state) {
      case START:
        state = DONE;
        if (error != null) {
          throw error; // cancelled before it started: nothing was sent
        }
        session.checkOpen(method, url);
        HttpRequest request = session.buildRequest(method, url, body, headers);
        uri = request.uri();
        send(request);
        state = SENT;
        try {
          value = await(task, view);
        } catch (Throwable t) {
          value = null;
          error = t;
        }
        if (value == SUSPENDED) {
          return SUSPENDED;
        }
      // fall through: the response was already there
      case SENT:
        state = DONE;
        session.untrack(abortOnClose);
        if (error != null) {
          // Cancelled, or failed: a response that arrived in the meantime is not delivered.
          Throwable reason = error;
          view.thenAccept(r -> BodyReader.discard(r.body(), reason));
          throw error instanceof IOException io ? withUrl(io, method, uri) : error;
        }
        response =
            new ClientResponse(
                session, method, (HttpResponse<Flow.Publisher<List<ByteBuffer>>>) value);
        if (response.closed()) {
          throw aborted();
        }
        if (entered) {
          response.enteredContext();
        }
        return response;
      default:
        throw reuseError(error);
    }
  }

  private void send(HttpRequest request) {
    CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> sent =
        session.client().sendAsync(request, HttpResponse.BodyHandlers.ofPublisher());
    view =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            sent.cancel(true); // the JDK's client aborts the exchange for cancel(true) only
            return cancelled;
          }
        };
    inflight = sent;
    sent.whenComplete(
        (r, t) -> {
          boolean delivered = t == null ? view.complete(r) : view.completeExceptionally(t);
          if (!delivered && r != null) {
            BodyReader.discard(r.body(), aborted());
          }
        });
    if (!session.track(abortOnClose)) {
      abortBecauseSessionClosed();
    }
  }

  /** Fails the request because its session closed while it was in flight. */
  private void abortBecauseSessionClosed() {
    view.completeExceptionally(aborted());
    inflight.cancel(true);
  }

  private IOException aborted() {
    return new IOException(method + " " + uri + " aborted: " + session + " closed meanwhile");
  }

  /** Produces the response, sending the request; the same as awaiting this. */
  @Override
  public Coroutine<ClientResponse> aenter() {
    entered = true;
    return this;
  }

  /** Releases the response; never suppresses the body's exception. */
  @Override
  public Coroutine<Boolean> aexit(Throwable exception) {
    return new Deferred<>(
        "RequestContextManager.aexit() of " + this,
        () -> {
          if (response != null) {
            response.release();
          }
          return Asyncio.done(false);
        });
  }

  /**
   * {@code e} with a message that names the request, in an exception of the same class when it is
   * one of the common kinds; {@code e} itself if its message already names the URL.
   */
  static IOException withUrl(IOException e, String method, URI uri) {
    String detail = e.getMessage();
    if (detail != null && detail.contains(uri.toString())) {
      return e;
    }
    if (detail == null) {
      detail = e instanceof ConnectException ? "cannot connect" : e.getClass().getName();
    }
    String message = method + " " + uri + " failed: " + detail;
    IOException named;
    Class<?> kind = e.getClass();
    if (kind == ConnectException.class) {
      named = new ConnectException(message);
    } else if (kind == HttpConnectTimeoutException.class) {
      named = new HttpConnectTimeoutException(message);
    } else if (kind == HttpTimeoutException.class) {
      named = new HttpTimeoutException(message);
    } else if (kind == SSLHandshakeException.class) {
      named = new SSLHandshakeException(message);
    } else if (kind == SSLException.class) {
      named = new SSLException(message);
    } else if (kind == EOFException.class) {
      named = new EOFException(message);
    } else {
      named = new IOException(message);
    }
    named.initCause(e);
    return named;
  }

  @Override
  public String toString() {
    String where = method + " " + url;
    switch (state) {
      case START:
        return "<RequestContextManager " + where + " not sent>";
      case SENT:
        return "<RequestContextManager " + where + " in flight>";
      default:
        return "<RequestContextManager " + where + (response != null ? " answered>" : " done>");
    }
  }
}
