package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.AsyncGenerator;
import dev.jasyncio.StopAsyncIteration;
import dev.jasyncio.TestEventLoop;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GetDocsTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final TestEventLoop loop = new TestEventLoop();

  private List<String> lines() {
    return List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));
  }

  @Test
  void iteratesTheGeneratorAndTheBufferedIteratorThenSearchesWithForElse() throws Exception {
    VirtualRun run = VirtualRun.of(new GetDocs());
    assertEquals(
        List.of(
            "get_docs(), an async generator:",
            "  fetch_page() -> ['doc 1', 'doc 2']",
            "doc 1",
            "doc 2",
            "  fetch_page() -> ['doc 3']",
            "doc 3",
            "  fetch_page() -> []",
            "  get_docs: finally",
            "",
            "AsyncGetDocs(), an async iterator with a buffer:",
            "  fetch_page() -> ['doc 1', 'doc 2']",
            "doc 1",
            "doc 2",
            "  fetch_page() -> ['doc 3']",
            "doc 3",
            "  fetch_page() -> []",
            "",
            "async for ... else, left by break: the else block does not run",
            "  fetch_page() -> ['doc 1', 'doc 2']",
            "doc 1",
            "doc 2",
            "found 'doc 2': break",
            "  get_docs: finally",
            "",
            "async for ... else, run to the end: the else block runs",
            "  fetch_page() -> ['doc 1', 'doc 2']",
            "doc 1",
            "doc 2",
            "  fetch_page() -> ['doc 3']",
            "doc 3",
            "  fetch_page() -> []",
            "else: no 'doc 4' among the docs"),
        run.lines());
    // Three fetches for each full iteration, one for the search that breaks on the first page.
    assertEquals(10.0, run.time());
    assertTrue(run.loops.get(0).isClosed());
  }

  @Test
  void breakingOutOfTheGeneratorsLoopClosesItAtOnce() {
    GetDocs.Library library = new Async_GetDocs_Library(out, GetDocs.PAGES);
    AsyncGenerator<String> docs = library.getDocs();
    loop.runUntilComplete(Async_GetDocs.findDoc(out, docs, "doc 1"));
    assertEquals(
        List.of(
            "  fetch_page() -> ['doc 1', 'doc 2']",
            "doc 1",
            "found 'doc 1': break",
            "  get_docs: finally"),
        lines());
    assertEquals(1.0, loop.time());
    // Closed: it hands out nothing more, and fetches nothing more.
    assertThrows(StopAsyncIteration.class, () -> loop.runUntilComplete(docs.anext()));
    assertEquals(1.0, loop.time());
    assertEquals(4, lines().size());
  }

  @Test
  void theElsePartRunsAfterTheGeneratorEndedByItself() {
    GetDocs.Library library = new Async_GetDocs_Library(out, GetDocs.PAGES);
    loop.runUntilComplete(Async_GetDocs.findDoc(out, library.getDocs(), "doc 9"));
    List<String> lines = lines();
    assertEquals("  get_docs: finally", lines.get(lines.size() - 2));
    assertEquals("else: no 'doc 9' among the docs", lines.get(lines.size() - 1));
    assertEquals(3.0, loop.time());
  }

  @Test
  void asyncGetDocsFetchesAPageOnlyWhenItsBufferIsEmpty() {
    GetDocs.Library library = new Async_GetDocs_Library(out, GetDocs.PAGES);
    GetDocs.AsyncGetDocs docs = new Async_GetDocs_AsyncGetDocs(library);
    assertEquals("doc 1", loop.runUntilComplete(docs.anext()));
    assertEquals(1.0, loop.time());
    assertEquals(List.of("doc 2"), List.copyOf(docs.buffer)); // prefetched with doc 1
    assertEquals("doc 2", loop.runUntilComplete(docs.anext()));
    assertEquals(1.0, loop.time()); // from the buffer: no fetch
    assertEquals("doc 3", loop.runUntilComplete(docs.anext()));
    assertEquals(2.0, loop.time());
    assertThrows(StopAsyncIteration.class, () -> loop.runUntilComplete(docs.anext()));
    assertEquals(3.0, loop.time()); // the empty page ends the iteration
    assertEquals(3, lines().stream().filter(l -> l.startsWith("  fetch_page()")).count());
  }
}
