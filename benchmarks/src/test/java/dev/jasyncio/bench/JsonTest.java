package dev.jasyncio.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writtenObjectParsesBackToTheSameFields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("workload", "W1");
    fields.put("n", 1_000_000L);
    fields.put("seconds", 1.234);
    fields.put("peakRssBytes", null);
    fields.put("ok", true);
    fields.put("text", "a \"quoted\"\\ line\n");

    String json = Json.write(fields);

    assertEquals(
        "{\"workload\":\"W1\",\"n\":1000000,\"seconds\":1.234,\"peakRssBytes\":null,"
            + "\"ok\":true,\"text\":\"a \\\"quoted\\\"\\\\ line\\n\"}",
        json);
    assertEquals(fields, Json.parseObject(json));
  }

  @Test
  void wholeDoublesAreWrittenWithoutAFraction() {
    assertEquals("{\"x\":3}", Json.write(Map.of("x", 3.0)));
    assertEquals("{\"x\":0.000125}", Json.write(Map.of("x", 0.000125)));
  }

  @Test
  void malformedTextIsRejectedWithItsOffset() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("{\"a\":1,}"));
    assertEquals("expected '\"' at offset 7 of: {\"a\":1,}", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Json.parseObject("{\"a\":1} x"));
    assertThrows(IllegalArgumentException.class, () -> Json.parseObject("{\"a\":1,\"a\":2}"));
  }
}
