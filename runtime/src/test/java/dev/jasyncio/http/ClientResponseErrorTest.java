package dev.jasyncio.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Tests of {@link ClientResponseError}: what it says and carries. */
class ClientResponseErrorTest {
  private static final URI URL = URI.create("http://example.test/page");

  @Test
  void theMessageNamesTheStatusItsClassAndTheRequest() {
    assertEquals(
        "404 Client Error for GET http://example.test/page",
        new ClientResponseError(404, "GET", URL).getMessage());
    assertEquals(
        "503 Server Error for POST http://example.test/page",
        new ClientResponseError(503, "POST", URL).getMessage());
  }

  @Test
  void itCarriesTheStatusTheMethodAndTheUrl() {
    ClientResponseError e = new ClientResponseError(418, "PUT", URL);

    assertEquals(418, e.status());
    assertEquals("PUT", e.method());
    assertEquals(URL, e.url());
  }

  @Test
  void itIsUncheckedSoThatItPassesThroughLambdas() {
    assertInstanceOf(RuntimeException.class, new ClientResponseError(500, "GET", URL));
  }
}
