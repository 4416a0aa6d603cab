package dev.jasyncio.http;

import java.net.URI;

/**
 * The error status of a response, raised by {@link ClientResponse#raiseForStatus()}: aiohttp's
 * {@code ClientResponseError}.
 *
 * <pre>{@code
 * try {
 *   response.raiseForStatus();
 * } catch (ClientResponseError e) {
 *   if (e.status() == 404) { ... }
 * }
 * }</pre>
 *
 * <p>It is unchecked, so that it passes through the lambdas of {@code asyncWith} bodies; the
 * transport's failures, which the request's await raises, are {@link java.io.IOException}s.
 */
public class ClientResponseError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String method;
  private final URI url;

  /** An error for a response with {@code status} to {@code method url}. */
  public ClientResponseError(int status, String method, URI url) {
    super(status + " " + reason(status) + " for " + method + " " + url);
    this.status = status;
    this.method = method;
    this.url = url;
  }

  /** The response's status code, as {@code 404}. */
  public int status() {
    return status;
  }

  /** The method of the request, as {@code "GET"}. */
  public String method() {
    return method;
  }

  /** The URL of the response (after redirects). */
  public URI url() {
    return url;
  }

  /** The class of a status: the JDK's client does not give the server's reason phrase. */
  private static String reason(int status) {
    if (status >= 500) {
      return "Server Error";
    }
    if (status >= 400) {
      return "Client Error";
    }
    return "Status";
  }
}
