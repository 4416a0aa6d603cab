package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FetchPagesTest {
  @Test
  void everyWayOfFetchingGivesTheSizesInUrlOrder() throws Exception {
    VirtualRun run = VirtualRun.of(new FetchPages(0));
    String sizes = "[74443, 137795, 84429, 327409, 65139, 154872]";
    // the fetches happen on other threads, which a virtual clock does not see
    String time = "execution time: 0.000 s";
    assertEquals(
        List.of(
            "Sequentially, with the blocking client:",
            sizes,
            time,
            "",
            "Concurrently, with the blocking client in the default executor:",
            sizes,
            time,
            "",
            "Concurrently, with the asynchronous client:",
            sizes,
            time),
        run.lines());
    assertEquals(2, run.loops.size());
    assertTrue(run.loops.get(0).isClosed());
    assertTrue(run.loops.get(1).isClosed());
  }
}
