package dev.jasyncio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jasyncio.Asyncio;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A server's life: port 0, serveForever and its cancellation, close, waitClosed, clients. */
class ServerTest {
  private final ServerPrograms p = new Async_ServerPrograms();

  @Test
  void portZeroServeForeverCancellationAndClose() {
    assertEquals(
        List.of(
            "port chosen true",
            "addresses 1 " + "PORT",
            "sockets 1",
            "serving true",
            "welcome",
            "serving after cancel false, sockets 0",
            "serveForever cancelled",
            "after close: ConnectException"),
        Asyncio.run(p.lifecycle()).stream()
            .map(s -> s.startsWith("addresses 1 ") ? "addresses 1 PORT" : s)
            .toList());
  }

  @Test
  void waitClosedWaitsForTheClientsThatCloseClientsAndAbortClientsEnd() {
    assertEquals(
        List.of(
            "waitClosed done with clients open false",
            "a sees EOF 0",
            "b sees EOF 0",
            "waitClosed done"),
        Asyncio.run(p.closeAndAbortClients()));
  }

  @Test
  void asyncWithClosesTheServer() {
    assertEquals("after close: ConnectException", Asyncio.run(p.asyncWithServer()));
  }
}
