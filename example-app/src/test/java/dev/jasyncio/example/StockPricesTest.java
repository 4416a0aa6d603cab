package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Asyncio;
import dev.jasyncio.TestEventLoop;
import dev.jasyncio.http.ClientSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StockPricesTest {
  @Test
  void pricesArriveInTickerOrderAfterParallelRequests() throws Exception {
    // The API holds every answer until all five requests are in flight together.
    VirtualRun run = VirtualRun.of(new StockPrices(0, 5));
    assertEquals(
        List.of(
            "============================================================",
            "Example 4: HTTP API requests",
            "============================================================",
            "starting the stock price lookup",
            "",
            "  requesting AAPL...",
            "  requesting GOOGL...",
            "  requesting MSFT...",
            "  requesting TSLA...",
            "  requesting NVDA...",
            "",
            "results:",
            "  AAPL: $136.00",
            "  GOOGL: $126.00",
            "  MSFT: $124.00",
            "  TSLA: $128.00",
            "  NVDA: $117.00"),
        run.lines());
    assertTrue(run.loops.get(0).isClosed());
  }

  @Test
  void theRequestsOverlapAndTheSessionIsClosedOnExit() throws Exception {
    try (StockPrices.StockApi api = new StockPrices.StockApi(0, 5)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
      Asyncio.run(
          Async_StockPrices.mainExample4(out, api.client(), StockPrices.TICKERS),
          TestEventLoop::new);
      assertEquals(5, api.mostInFlight());
    }
  }

  @Test
  void anUnknownTickerIsReportedAsTheSeedsExceptPrintsIt() throws Exception {
    try (StockPrices.StockApi api = new StockPrices.StockApi(0, 0)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
      ClientSession session = new ClientSession(api.client());
      StockPrices.Quote quote =
          Asyncio.run(Async_StockPrices.fetchStockPrice(out, session, "ACME"), TestEventLoop::new);
      assertEquals("ACME", quote.ticker());
      assertNull(quote.price());
      assertTrue(quote.error().contains("404"), quote.error());
      String printed = bytes.toString(StandardCharsets.UTF_8);
      assertEquals("  requesting ACME...\n  ACME request failed: " + quote.error() + "\n", printed);
    }
  }

  @Test
  void thePriceIsReadFromTheJsonAnswer() {
    assertEquals(136.0, StockPrices.price("{\"ticker\": \"AAPL\", \"price\": 136.00}"));
  }
}
