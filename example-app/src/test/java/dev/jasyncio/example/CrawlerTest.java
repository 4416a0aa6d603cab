package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CrawlerTest {
  /** What each part prints, in the order the loads finish: threads decide that order. */
  static final Set<String> REPORTS =
      Set.of(
          "'http://www.foxnews.com/' page is 48213 bytes",
          "'http://www.cnn.com/' page is 97531 bytes",
          "'http://some-made-up-domain.com/' generated an exception:"
              + " some-made-up-domain.com: Name or service not known");

  @Test
  void eachUrlIsReportedOnceWithItsSizeOrItsWorkersException() throws Exception {
    VirtualRun run = VirtualRun.of(new Crawler(0));
    List<String> lines = run.lines();
    assertEquals(9, lines.size(), run.output);
    assertEquals("concurrent.futures:", lines.get(0));
    assertEquals(REPORTS, Set.copyOf(lines.subList(1, 4)));
    assertEquals("", lines.get(4));
    assertEquals("asyncio:", lines.get(5));
    assertEquals(REPORTS, Set.copyOf(lines.subList(6, 9)));
    assertEquals(0.0, run.time());
  }
}
