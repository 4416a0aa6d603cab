package dev.jasyncio.http;

import static dev.jasyncio.Asyncio.asyncWith;
import static dev.jasyncio.Asyncio.done;
import static dev.jasyncio.Asyncio.gather;
import static dev.jasyncio.http.Steps.lazy;
import static dev.jasyncio.http.Steps.outcome;
import static dev.jasyncio.http.Steps.then;
import static dev.jasyncio.http.TestServer.respond;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Asyncio;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Task;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link ClientSession} against a local server, on real event loops ({@link Asyncio#run}):
 * requests and their responses, the session as an async context manager, closing, connection
 * errors, concurrency and cancellation. HTTP is real I/O here, so nothing is asserted about time.
 */
class ClientSessionTest {
  /** How long a handler waits for the test before it gives up: long enough never to matter. */
  private static final long PATIENCE_SECONDS = 30;

  private final TestServer server;
  private final ClientSession session = new ClientSession();

  /** Released at the end of each test, so that no handler is left waiting. */
  private final CountDownLatch release = new CountDownLatch(1);

  /** Completed by the {@code /slow} handler when its request has arrived. */
  private final CompletableFuture<Void> slowArrived = new CompletableFuture<>();

  private final List<String> methods = new ArrayList<>();

  ClientSessionTest() throws IOException {
    server =
        new TestServer()
            .on("/hello", ex -> respond(ex, 200, "hello, world"))
            .on(
                "/echo",
                ex -> {
                  synchronized (methods) {
                    methods.add(ex.getRequestMethod());
                  }
                  String type = ex.getRequestHeaders().getFirst("Content-Type");
                  String greeting = ex.getRequestHeaders().getFirst("X-Greeting");
                  ex.getResponseHeaders().add("X-Method", ex.getRequestMethod());
                  ex.getResponseHeaders().add("X-Content-Type", String.valueOf(type));
                  ex.getResponseHeaders().add("X-Echo", String.valueOf(greeting));
                  respond(ex, 200, new String(ex.getRequestBody().readAllBytes(), UTF_8));
                })
            .on("/missing", ex -> respond(ex, 404, "no such page"))
            .on(
                "/slow",
                ex -> {
                  slowArrived.complete(null);
                  release.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
                  respond(ex, 200, "late");
                });
  }

  @AfterEach
  void tearDown() {
    release.countDown();
    try {
      Asyncio.run(session.close());
    } finally {
      server.close();
    }
  }

  /** {@code async with session.get(url) as response: return await response.text()}. */
  private static Coroutine<String> fetchText(ClientSession s, String url) {
    return asyncWith(s.get(url), ClientResponse::text);
  }

  @Test
  void getProducesTheStatusAndTheText() {
    String text = Asyncio.run(fetchText(session, server.url("/hello")));

    assertEquals("hello, world", text);
  }

  @Test
  void awaitingTheRequestProducesTheResponseWithItsStatusAndUrl() {
    ClientResponse response = Asyncio.run(session.get(server.url("/hello")));

    assertEquals(200, response.status());
    assertTrue(response.ok());
    assertEquals("GET", response.method());
    assertEquals(server.url("/hello"), response.url().toString());
    assertEquals("12", response.header("content-length"));
    response.release();
  }

  @Test
  void postSendsItsBodyAsUtf8TextWhichTheServerEchoes() {
    ClientResponse response =
        Asyncio.run(
            asyncWith(
                session.post(server.url("/echo"), "café au lait"),
                r -> then(r.text(), text -> done(r))));

    assertEquals("café au lait", Asyncio.run(response.text()), "the body was kept");
    assertEquals("POST", response.header("X-Method"));
    assertEquals("text/plain; charset=utf-8", response.header("X-Content-Type"));
  }

  @Test
  void aContentTypeHeaderReplacesTheDefaultOne() {
    ClientResponse response =
        Asyncio.run(
            session.post(
                server.url("/echo"), "{\"a\": 1}", Map.of("content-type", "application/json")));

    assertEquals("application/json", response.header("X-Content-Type"));
    response.release();
  }

  @Test
  void requestHeadersReachTheServer() {
    ClientResponse response =
        Asyncio.run(session.get(server.url("/echo"), Map.of("X-Greeting", "hi there")));

    assertEquals("hi there", response.header("X-Echo"));
    assertEquals(List.of("hi there"), response.headers().allValues("x-echo"));
    response.release();
  }

  @Test
  void requestSendsAnyMethodInUpperCase() {
    String body =
        Asyncio.run(
            asyncWith(
                session.request("put", server.url("/echo"), "new value", Map.of()),
                ClientResponse::text));
    Asyncio.run(asyncWith(session.request("delete", server.url("/echo")), r -> done()));

    assertEquals("new value", body);
    assertEquals(List.of("PUT", "DELETE"), methods);
  }

  @Test
  void anErrorStatusIsAResponseUntilRaiseForStatus() {
    String url = server.url("/missing");

    Object result =
        Asyncio.run(
            asyncWith(
                session.get(url),
                r ->
                    then(
                        r.text(),
                        text -> {
                          assertEquals(404, r.status());
                          assertFalse(r.ok());
                          assertEquals("no such page", text);
                          return outcome(lazy(() -> raise(r)));
                        })));

    ClientResponseError e = assertInstanceOf(ClientResponseError.class, result);
    assertEquals(404, e.status());
    assertEquals("GET", e.method());
    assertEquals(url, e.url().toString());
    assertTrue(e.getMessage().contains("404") && e.getMessage().contains(url), e.getMessage());
  }

  private static Coroutine<Void> raise(ClientResponse r) {
    r.raiseForStatus();
    return done();
  }

  @Test
  void raiseForStatusAcceptsASuccess() {
    String text =
        Asyncio.run(
            asyncWith(
                session.get(server.url("/hello")),
                r -> {
                  r.raiseForStatus();
                  return r.text();
                }));

    assertEquals("hello, world", text);
  }

  @Test
  void asyncWithProducesTheSessionAndClosesItOnExit() {
    ClientSession s = new ClientSession();
    String text =
        Asyncio.run(
            asyncWith(
                s,
                entered -> {
                  assertSame(s, entered);
                  assertFalse(entered.closed());
                  return fetchText(entered, server.url("/hello"));
                }));

    assertEquals("hello, world", text);
    assertTrue(s.closed());
  }

  @Test
  void asyncWithClosesTheSessionWhenItsBodyThrowsAndLetsTheExceptionThrough() {
    ClientSession s = new ClientSession();
    IllegalArgumentException boom = new IllegalArgumentException("boom");

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Asyncio.run(
                    asyncWith(
                        s,
                        entered ->
                            then(
                                fetchText(entered, server.url("/hello")),
                                text -> {
                                  throw boom;
                                }))));

    assertSame(boom, e);
    assertTrue(s.closed());
  }

  @Test
  void requestsAfterCloseFailWithAMessageNamingTheSessionAndTheRequest() {
    Asyncio.run(session.close());
    String url = server.url("/hello");

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Asyncio.run(session.get(url)));

    assertTrue(e.getMessage().contains("Session is closed"), e.getMessage());
    assertTrue(e.getMessage().contains(session.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("GET " + url), e.getMessage());
  }

  @Test
  void closingTwiceDoesNothing() {
    Asyncio.run(session.close());
    Asyncio.run(session.close());

    assertTrue(session.closed());
  }

  @Test
  void toStringSaysWhetherTheSessionIsClosed() {
    assertEquals("<ClientSession open>", session.toString());

    Asyncio.run(session.close());

    assertEquals("<ClientSession closed>", session.toString());
  }

  @Test
  void aSessionIsUsableFromOneLoopAfterAnother() {
    assertEquals("hello, world", Asyncio.run(fetchText(session, server.url("/hello"))));
    assertEquals("hello, world", Asyncio.run(fetchText(session, server.url("/hello"))));
  }

  @Test
  void aRefusedConnectionRaisesAConnectExceptionNamingTheUrl() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed below: nothing listens there any more
    }
    String url = "http://127.0.0.1:" + port + "/nowhere";

    ConnectException e = assertThrows(ConnectException.class, () -> Asyncio.run(session.get(url)));

    assertTrue(e.getMessage().contains("GET " + url), e.getMessage());
    assertInstanceOf(ConnectException.class, e.getCause(), "the JDK's exception is the cause");
  }

  @Test
  void anInvalidUrlRaisesWhenAwaitedNamingTheUrl() {
    RequestContextManager request = session.get("ftp://example.com/file");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Asyncio.run(request));

    assertTrue(e.getMessage().contains("ftp://example.com/file"), e.getMessage());
  }

  @Test
  void theSessionsTimeoutBoundsTheWaitForTheResponse() {
    ClientSession impatient = new ClientSession(Duration.ofMillis(200));
    String url = server.url("/slow");
    try {
      HttpTimeoutException e =
          assertThrows(HttpTimeoutException.class, () -> Asyncio.run(impatient.get(url)));

      assertTrue(e.getMessage().contains("GET " + url), e.getMessage());
      assertEquals(Duration.ofMillis(200), impatient.timeout().orElseThrow());
    } finally {
      Asyncio.run(impatient.close());
    }
  }

  @Test
  void aTimeoutMustBePositiveOrNull() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ClientSession(Duration.ZERO));

    assertTrue(e.getMessage().contains("positive"), e.getMessage());
    assertTrue(new ClientSession(new RecordingClient(), null).timeout().isEmpty());
    assertEquals(ClientSession.DEFAULT_TIMEOUT, session.timeout().orElseThrow());
  }

  @Test
  void requestsGatheredTogetherAreInFlightAtTheSameTime() {
    int n = 5;
    CountDownLatch allArrived = new CountDownLatch(n);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger mostInside = new AtomicInteger();
    server.on(
        "/together",
        ex -> {
          mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
          allArrived.countDown();
          boolean overlapped = allArrived.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
          inside.decrementAndGet();
          String query = ex.getRequestURI().getQuery();
          respond(ex, overlapped ? 200 : 504, overlapped ? query : "alone: " + query);
        });
    List<Coroutine<String>> fetches = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      fetches.add(
          asyncWith(
              session.get(server.url("/together?i=" + i)),
              r -> {
                r.raiseForStatus();
                return r.text();
              }));
    }

    List<String> texts = Asyncio.run(lazy(() -> gather(fetches)));

    assertEquals(List.of("i=0", "i=1", "i=2", "i=3", "i=4"), texts);
    assertEquals(n, mostInside.get(), "all the requests were at the server at once");
  }

  @Test
  void cancellingTheTaskAwaitingARequestCancelsTheExchange() {
    RecordingClient client = new RecordingClient();
    ClientSession s = new ClientSession(client);
    String url = server.url("/slow");

    Object[] seen =
        Asyncio.run(
            lazy(
                () -> {
                  Task<ClientResponse> task = Asyncio.createTask(s.get(url));
                  return then(
                      slowArrived,
                      arrived -> {
                        task.cancel();
                        return then(outcome(task), o -> done(new Object[] {o, task}));
                      });
                }));

    assertInstanceOf(CancelledError.class, seen[0]);
    assertTrue(((Task<?>) seen[1]).cancelled());
    assertEquals(1, client.sent.size());
    assertCancelled(client.sent.get(0));
    Asyncio.run(s.close());
  }

  /**
   * Asserts that {@code f} was cancelled. The JDK's client may complete it with its own
   * CancellationException ("Request cancelled") before the cancel itself completes it.
   */
  static void assertCancelled(CompletableFuture<?> f) {
    assertTrue(f.isDone(), () -> "not cancelled: " + f);
    Throwable t = f.handle((v, e) -> e).join();
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    assertInstanceOf(CancellationException.class, t, () -> "not cancelled: " + f);
  }

  @Test
  void closingTheSessionFailsARequestInFlight() {
    String url = server.url("/slow");

    Object seen =
        Asyncio.run(
            lazy(
                () -> {
                  Task<ClientResponse> task = Asyncio.createTask(session.get(url));
                  return then(slowArrived, arrived -> then(session.close(), v -> outcome(task)));
                }));

    IOException e = assertInstanceOf(IOException.class, seen);
    assertTrue(e.getMessage().contains("GET " + url), e.getMessage());
    assertTrue(e.getMessage().contains("<ClientSession closed>"), e.getMessage());
  }

  @Test
  void closingTheSessionReleasesAResponseNotYetRead() {
    ClientResponse response = Asyncio.run(session.get(server.url("/hello")));
    assertFalse(response.closed());

    Asyncio.run(session.close());

    assertTrue(response.closed());
    IOException e = assertThrows(IOException.class, () -> Asyncio.run(response.text()));
    assertTrue(e.getMessage().contains(response.toString()), e.getMessage());
  }

  @Test
  void nothingIsSentBeforeTheRequestIsAwaited() {
    RecordingClient client = new RecordingClient();
    ClientSession s = new ClientSession(client);

    RequestContextManager request = s.get(server.url("/hello"));

    assertEquals(0, client.sent.size());
    Asyncio.run(asyncWith(request, r -> done()));
    assertEquals(1, client.sent.size());
    Asyncio.run(s.close());
  }

  @Test
  void aSessionClosesTheClientItMadeButNotOnePassedIn() {
    RecordingClient made = new RecordingClient();
    RecordingClient passedIn = new RecordingClient();

    Asyncio.run(new ClientSession(made, true, null).close());
    Asyncio.run(new ClientSession(passedIn).close());

    assertTrue(made.closed.get());
    assertFalse(passedIn.closed.get());
    passedIn.close();
  }

  @Test
  void theDefaultClientFollowsRedirects() {
    assertNotNull(session.client());
    assertEquals(HttpClient.Redirect.NORMAL, session.client().followRedirects());
  }
}
