package dev.jasyncio.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.bench.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EchoReportTest {
  private static Map<String, Object> line(String server, int msize, double rps) {
    return Json.parseObject(
        String.format(
            java.util.Locale.ROOT,
            "{\"server\":\"%s\",\"msize\":%d,\"requestsPerSecond\":%s,\"mbPerSecond\":%s,"
                + "\"latencyP50Us\":200,\"latencyP99Us\":900,\"serverPeakRssBytes\":50000000}",
            server,
            msize,
            rps,
            rps * msize / 1e6));
  }

  @Test
  void withoutJasyncioTheNioBaselineIsComparedAndSaysSo() {
    List<Map<String, Object>> lines = new ArrayList<>();
    for (int m : new int[] {1024, 102400}) {
      lines.add(line("node", m, 20000));
      lines.add(line("nio", m, 40000));
      lines.add(line("asyncio", m, 10000));
    }
    lines.add(Json.parseObject("{\"server\":\"uvloop\",\"skipped\":\"not importable\"}"));
    String table = EchoReport.report(lines);

    assertTrue(table.contains("| server | 1 KiB req/s | 1 KiB MB/s | 100 KiB req/s |"), table);
    String[] rows = table.split("\n");
    assertTrue(rows[2].startsWith("| nio | 40,000 | 41.0 | 40,000 | 4096 | 50.0 MB |"), table);
    assertTrue(rows[3].startsWith("| asyncio |"), "the listed order, not the order of the lines");
    assertTrue(table.contains("No jasyncio row yet"), table);
    assertTrue(table.contains("| nio vs | 1 KiB | 100 KiB |"), table);
    assertTrue(table.contains("| asyncio | 4.00× | 4.00× |"), table);
    assertTrue(table.contains("| node | 2.00× | 2.00× |"), table);
    assertFalse(table.contains("| uvloop |"), table);
    assertTrue(table.contains("- uvloop skipped: not importable"), table);
    assertTrue(table.contains("| nio | 200 / 900 | 200 / 900 |"), table);
  }

  @Test
  void withJasyncioItIsTheReference() {
    List<Map<String, Object>> lines =
        List.of(
            line("nio", 1024, 40000),
            line("jasyncio", 1024, 30000),
            line("uvloop", 1024, 20000),
            Json.parseObject("{\"server\":\"node\",\"msize\":1024,\"failed\":\"exit 1\"}"));
    String table = EchoReport.report(lines);
    assertTrue(table.contains("jasyncio's requests per second over the peer's"), table);
    assertTrue(table.contains("| uvloop | 1.50× |"), table);
    assertEquals(2, table.split("\n")[2].indexOf("jasyncio"), table);
    assertTrue(table.contains("- failed: node at 1 KiB: exit 1"), table);
  }

  @Test
  void sizes() {
    assertEquals("1 KiB", EchoReport.size(1024));
    assertEquals("100 KiB", EchoReport.size(102400));
    assertEquals("1000 B", EchoReport.size(1000));
  }
}
