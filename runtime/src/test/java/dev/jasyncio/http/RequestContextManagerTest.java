package dev.jasyncio.http;

import static dev.jasyncio.Asyncio.asyncWith;
import static dev.jasyncio.Asyncio.done;
import static dev.jasyncio.http.Steps.lazy;
import static dev.jasyncio.http.Steps.outcome;
import static dev.jasyncio.http.TestServer.respond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Asyncio;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Task;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link RequestContextManager}, what {@code session.get(url)} returns: sent when awaited
 * or entered, awaited once, released on exit, and its failures named after the request.
 */
class RequestContextManagerTest {
  private static final URI URL = URI.create("http://example.test:8080/path");

  private final RecordingClient client = new RecordingClient();
  private final ClientSession session = new ClientSession(client);
  private final TestServer server;

  RequestContextManagerTest() throws IOException {
    server = new TestServer().on("/hello", ex -> respond(ex, 200, "hello, world"));
  }

  @AfterEach
  void tearDown() {
    try {
      Asyncio.run(session.close());
      client.close();
    } finally {
      server.close();
    }
  }

  @Test
  void enteringSendsTheRequestAndExitingReleasesTheResponse() {
    RequestContextManager request = session.get(server.url("/hello"));

    ClientResponse response = Asyncio.run(asyncWith(request, r -> done(r)));

    assertEquals(1, client.sent.size());
    assertEquals(200, response.status());
    assertTrue(response.closed(), "the exit released the unread response");
  }

  @Test
  void awaitingItTwiceIsAnError() {
    RequestContextManager request = session.get(server.url("/hello"));
    Asyncio.run(request).release();

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.run(request));

    assertTrue(e.getMessage().contains("cannot reuse already awaited coroutine"), e.getMessage());
    assertEquals(1, client.sent.size());
  }

  @Test
  void aTaskCancelledBeforeItStartsSendsNothing() {
    Object seen =
        Asyncio.run(
            lazy(
                () -> {
                  Task<ClientResponse> task = Asyncio.createTask(session.get(server.url("/hello")));
                  task.cancel();
                  return outcome(task);
                }));

    assertInstanceOf(CancelledError.class, seen);
    assertEquals(0, client.sent.size());
  }

  @Test
  void toStringTellsWhereTheRequestIs() {
    String url = server.url("/hello");
    RequestContextManager request = session.get(url);
    assertEquals("<RequestContextManager GET " + url + " not sent>", request.toString());

    Asyncio.run(request).release();

    assertEquals("<RequestContextManager GET " + url + " answered>", request.toString());
  }

  @Test
  void aConnectExceptionWithoutAMessageGetsOneNamingTheRequest() {
    ConnectException jdk = new ConnectException();

    IOException named = RequestContextManager.withUrl(jdk, "GET", URL);

    assertInstanceOf(ConnectException.class, named);
    assertEquals("GET " + URL + " failed: cannot connect", named.getMessage());
    assertSame(jdk, named.getCause());
  }

  @Test
  void theCommonKindsKeepTheirClass() {
    assertSame(
        HttpTimeoutException.class,
        RequestContextManager.withUrl(new HttpTimeoutException("request timed out"), "GET", URL)
            .getClass());
    assertSame(
        HttpConnectTimeoutException.class,
        RequestContextManager.withUrl(new HttpConnectTimeoutException("timed out"), "GET", URL)
            .getClass());
    assertSame(
        SSLHandshakeException.class,
        RequestContextManager.withUrl(new SSLHandshakeException("bad cert"), "GET", URL)
            .getClass());
    assertSame(
        EOFException.class,
        RequestContextManager.withUrl(new EOFException("EOF reached"), "GET", URL).getClass());
  }

  @Test
  void anotherKindBecomesAnIoExceptionWhoseCauseIsTheOriginal() {
    SocketException jdk = new SocketException("Connection reset");

    IOException named = RequestContextManager.withUrl(jdk, "POST", URL);

    assertSame(IOException.class, named.getClass());
    assertEquals("POST " + URL + " failed: Connection reset", named.getMessage());
    assertSame(jdk, named.getCause());
  }

  @Test
  void anExceptionThatAlreadyNamesTheUrlIsKept() {
    IOException jdk = new IOException("aborted: " + URL);

    assertSame(jdk, RequestContextManager.withUrl(jdk, "GET", URL));
    assertFalse(jdk.getMessage().contains("GET"));
  }
}
