package dev.jasyncio.http;

import static dev.jasyncio.Asyncio.asyncWith;
import static dev.jasyncio.Asyncio.done;
import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.http.Steps.lazy;
import static dev.jasyncio.http.Steps.outcome;
import static dev.jasyncio.http.Steps.then;
import static dev.jasyncio.http.TestServer.respond;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Asyncio;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Task;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link ClientResponse}: the status line and headers, the body read once and kept,
 * charsets, releasing, and {@code raiseForStatus}.
 */
class ClientResponseTest {
  private static final long PATIENCE_SECONDS = 30;

  private final ClientSession session = new ClientSession();

  /** Lets the {@code /in-two-parts} handler send its second part. */
  private final CountDownLatch secondPart = new CountDownLatch(1);

  private final TestServer server;

  ClientResponseTest() throws IOException {
    server =
        new TestServer()
            .on("/hello", ex -> respond(ex, 200, "hello, world"))
            .on(
                "/latin1",
                ex -> {
                  ex.getResponseHeaders().add("Content-Type", "text/plain; charset=ISO-8859-1");
                  respond(ex, 200, "café", ISO_8859_1);
                })
            .on(
                "/quoted",
                ex -> {
                  ex.getResponseHeaders().add("Content-Type", "text/html; Charset=\"utf-8\"");
                  respond(ex, 200, "naïve");
                })
            .on(
                "/unknown-charset",
                ex -> {
                  ex.getResponseHeaders().add("Content-Type", "text/plain; charset=x-no-such");
                  respond(ex, 200, "naïve");
                })
            .on("/plain", ex -> respond(ex, 200, "naïve"))
            .on("/missing", ex -> respond(ex, 404, "no such page"))
            .on(
                "/moved",
                ex -> {
                  ex.getResponseHeaders().add("Location", "/hello");
                  respond(ex, 302, "");
                })
            .on(
                "/big",
                ex -> {
                  byte[] chunk = new byte[64 * 1024];
                  Arrays.fill(chunk, (byte) 'x');
                  ex.sendResponseHeaders(200, 0);
                  try (OutputStream out = ex.getResponseBody()) {
                    for (int i = 0; i < 64; i++) {
                      out.write(chunk);
                    }
                  }
                })
            .on(
                "/in-two-parts",
                ex -> {
                  ex.sendResponseHeaders(200, 0);
                  try (OutputStream out = ex.getResponseBody()) {
                    out.write("first part, ".getBytes(UTF_8));
                    out.flush();
                    secondPart.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
                    out.write("second part".getBytes(UTF_8));
                  }
                });
  }

  @AfterEach
  void tearDown() {
    secondPart.countDown();
    try {
      Asyncio.run(session.close());
    } finally {
      server.close();
    }
  }

  private ClientResponse get(String path) {
    return Asyncio.run(session.get(server.url(path)));
  }

  @Test
  void textDecodesWithTheCharsetOfTheContentType() {
    ClientResponse r = get("/latin1");

    assertEquals(ISO_8859_1, r.charset());
    assertEquals("café", Asyncio.run(r.text()));
  }

  @Test
  void textIsUtf8WhenTheContentTypeNamesNoCharset() {
    ClientResponse r = get("/plain");

    assertEquals(UTF_8, r.charset());
    assertEquals("naïve", Asyncio.run(r.text()));
  }

  @Test
  void aQuotedCharsetIsUnderstoodAndAnUnknownOneFallsBackToUtf8() {
    assertEquals(UTF_8, get("/quoted").charset());
    assertEquals(UTF_8, get("/unknown-charset").charset());
    assertEquals("naïve", Asyncio.run(get("/unknown-charset").text()));
  }

  @Test
  void textWithACharsetUsesItWhateverTheHeaderSays() {
    ClientResponse r = get("/plain");

    assertEquals(new String("naïve".getBytes(UTF_8), ISO_8859_1), Asyncio.run(r.text(ISO_8859_1)));
  }

  @Test
  void theBodyIsReadOnceAndKeptForLaterReads() {
    ClientResponse r = get("/hello");

    byte[] first = Asyncio.run(r.read());
    byte[] second = Asyncio.run(r.read());

    assertArrayEquals("hello, world".getBytes(UTF_8), first);
    assertArrayEquals(first, second);
    assertEquals("hello, world", Asyncio.run(r.text()));
  }

  @Test
  void aBodyReadToTheEndClosesTheResponse() {
    ClientResponse r = get("/hello");
    assertFalse(r.closed());

    Asyncio.run(r.text());

    assertTrue(r.closed());
  }

  @Test
  void asyncWithTheResponseProducesItAndReleasesItOnExitWithoutReadingIt() {
    ClientResponse r = get("/big");

    ClientResponse entered = Asyncio.run(asyncWith(r, x -> done(x)));

    assertSame(r, entered);
    assertTrue(r.closed());
    IOException e = assertThrows(IOException.class, () -> Asyncio.run(r.read()));
    assertTrue(e.getMessage().contains("released before it was read"), e.getMessage());
    assertTrue(e.getMessage().contains(r.toString()), e.getMessage());
  }

  @Test
  void releasingAReadBodyKeepsItAndReleasingTwiceDoesNothing() {
    ClientResponse r = get("/hello");
    Asyncio.run(r.read());

    r.release();
    r.release();

    assertEquals("hello, world", Asyncio.run(r.text()));
  }

  @Test
  void raiseForStatusOutsideAsyncWithReleasesTheResponse() {
    ClientResponse r = get("/missing");

    ClientResponseError e = assertThrows(ClientResponseError.class, r::raiseForStatus);

    assertEquals(404, e.status());
    assertTrue(r.closed(), "nothing else would release it");
  }

  @Test
  void raiseForStatusInsideAsyncWithLeavesTheBodyToRead() {
    String text =
        Asyncio.run(
            asyncWith(
                session.get(server.url("/missing")),
                r -> {
                  assertThrows(ClientResponseError.class, r::raiseForStatus);
                  assertFalse(r.closed());
                  return r.text();
                }));

    assertEquals("no such page", text);
  }

  @Test
  void theUrlIsTheOneARedirectLedTo() {
    ClientResponse r = get("/moved");

    assertEquals(200, r.status());
    assertEquals(server.url("/hello"), r.url().toString());
    assertEquals("hello, world", Asyncio.run(r.text()));
  }

  @Test
  void aTaskCancelledWhileAwaitingTheBodyLeavesTheReadingToOthers() {
    ClientResponse r = get("/in-two-parts");

    List<Object> seen =
        Asyncio.run(
            lazy(
                () -> {
                  Task<String> reader = Asyncio.createTask(r.text());
                  return then(
                      sleep(0), // the reader starts reading and waits for the second part
                      v -> {
                        reader.cancel();
                        return then(
                            outcome(reader),
                            o -> {
                              secondPart.countDown();
                              return then(r.text(), text -> done(List.of(o, text)));
                            });
                      });
                }));

    assertInstanceOf(CancelledError.class, seen.get(0));
    assertEquals("first part, second part", seen.get(1));
    assertTrue(r.closed());
  }

  @Test
  void toStringNamesTheMethodTheUrlAndTheStatus() {
    ClientResponse r = get("/missing");

    assertEquals("<ClientResponse(GET " + server.url("/missing") + ") [404]>", r.toString());
    r.release();
  }
}
