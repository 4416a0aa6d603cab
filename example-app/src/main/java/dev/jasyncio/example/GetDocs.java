package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncGenerator;
import dev.jasyncio.AsyncIterable;
import dev.jasyncio.AsyncIterator;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import dev.jasyncio.StopAsyncIteration;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Seed program 13 (PEP 492 post, after Quentin Pradet's "Using asynchronous for loops in Python"):
 * documents fetched a page at a time, iterated with {@code async for}, first through an
 * asynchronous generator, then through {@code AsyncGetDocs}, an asynchronous iterator with a buffer
 * that it refills by fetching the next page when it runs empty; and {@code async for ... else}.
 *
 * <pre>{@code
 * async def get_docs():
 *     page = await fetch_page()
 *     while page:
 *         for doc in page:
 *             yield doc
 *         page = await fetch_page()
 *
 * class AsyncGetDocs:
 *     def __init__(self):
 *         self.buffer = collections.deque()
 *
 *     def __aiter__(self):
 *         return self
 *
 *     async def __anext__(self):
 *         if not self.buffer:
 *             await self._prefetch()
 *             if not self.buffer:
 *                 raise StopAsyncIteration
 *         return self.buffer.popleft()
 *
 *     async def _prefetch(self):
 *         for doc in await fetch_page():
 *             self.buffer.append(doc)
 *
 * async for doc in AsyncGetDocs():
 *     pass  # work on doc
 *
 * # async for ... else is executed as
 * iter = (ITER)
 * iter = type(iter).__aiter__(iter)
 * running = True
 * while running:
 *     try:
 *         TARGET = await type(iter).__anext__(iter)
 *     except StopAsyncIteration:
 *         running = False
 *     else:
 *         BLOCK
 * else:
 *     BLOCK2
 * }</pre>
 *
 * <p>The post leaves {@code fetch_page} out. Here it sleeps a second, as a request would take, and
 * returns the next of two pages, then an empty page; {@code get_docs} has a {@code finally} block,
 * so that one can see when the generator ends. Each part of the program starts from the first page
 * again, with a {@link Library} of its own. In Python:
 *
 * <pre>{@code
 * async def get_docs():
 *     try:
 *         ...  # as above
 *     finally:
 *         print('  get_docs: finally')
 *
 * async def print_docs(docs):
 *     async for doc in docs:
 *         print(doc)
 *
 * async def find_doc(docs, wanted):
 *     async for doc in docs:
 *         print(doc)
 *         if doc == wanted:
 *             print(f'found {wanted!r}: break')
 *             break
 *     else:
 *         print(f'else: no {wanted!r} among the docs')
 * }</pre>
 *
 * <p>Java has no {@code for ... else}; its exact equivalent is a labeled block holding the loop and
 * then the else part, where Python's {@code break} is {@code break} out of the block: the else part
 * is skipped by that break and runs whenever the loop ends because the iterator is exhausted.
 *
 * <p>When the search finds its document and leaves the generator's loop with {@code break}, the
 * generator is closed at once: its {@code finally} block runs before the code after the loop, as it
 * does in Python when the loop is written inside {@code async with
 * contextlib.aclosing(get_docs())}. Without {@code aclosing}, CPython closes an abandoned generator
 * a little later, from a task that its event loop's finalizer hook schedules.
 */
public final class GetDocs implements Program {
  /** What {@code fetch_page} returns, a page after another; then it returns empty pages. */
  static final List<List<String>> PAGES = List.of(List.of("doc 1", "doc 2"), List.of("doc 3"));

  @Override
  public String name() {
    return "get-docs";
  }

  @Override
  public String summary() {
    return "13: get_docs as an async generator and as AsyncGetDocs with a buffer; async for-else";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    EventLoop loop = loops.get();
    loop.runUntilComplete(Async_GetDocs.main(out));
    loop.close();
  }

  /** Where the documents are: {@code fetch_page}, and {@code get_docs} on top of it. */
  abstract static class Library {
    final PrintStream out;
    final Iterator<List<String>> pages;

    Library(PrintStream out, List<List<String>> pages) {
      this.out = out;
      this.pages = pages.iterator();
    }

    /** {@code fetch_page()}: after a second, the next page of documents, or an empty page. */
    @Async
    Coroutine<List<String>> fetchPage() {
      await(sleep(1.0));
      List<String> page = pages.hasNext() ? pages.next() : List.of();
      out.println("  fetch_page() -> " + Py.repr(page));
      return done(page);
    }

    /** {@code async def get_docs()}: the documents of each page, until an empty page. */
    @Async
    AsyncGenerator<String> getDocs() {
      try {
        List<String> page = await(fetchPage());
        while (!page.isEmpty()) {
          for (String doc : page) {
            emit(doc);
          }
          page = await(fetchPage());
        }
      } finally {
        out.println("  get_docs: finally");
      }
      return endGenerator();
    }
  }

  /**
   * {@code class AsyncGetDocs}: hands out the documents from its buffer, refilling it with the next
   * page when it is empty; an empty page ends the iteration.
   */
  abstract static class AsyncGetDocs implements AsyncIterator<String> {
    final Library library;
    final Deque<String> buffer = new ArrayDeque<>();

    AsyncGetDocs(Library library) {
      this.library = library;
    }

    @Async
    @Override
    public Coroutine<String> anext() {
      if (buffer.isEmpty()) {
        await(prefetch());
        if (buffer.isEmpty()) {
          throw new StopAsyncIteration();
        }
      }
      return done(buffer.removeFirst());
    }

    /** {@code _prefetch}: appends the documents of the next page to the buffer. */
    @Async
    Coroutine<Void> prefetch() {
      for (String doc : await(library.fetchPage())) {
        buffer.addLast(doc);
      }
      return done();
    }
  }

  /** The four parts, each with a library of its own. */
  @Async
  static Coroutine<Void> main(PrintStream out) {
    out.println("get_docs(), an async generator:");
    Library library = new Async_GetDocs_Library(out, PAGES);
    await(printDocs(out, library.getDocs()));

    out.println();
    out.println("AsyncGetDocs(), an async iterator with a buffer:");
    library = new Async_GetDocs_Library(out, PAGES);
    await(printDocs(out, new Async_GetDocs_AsyncGetDocs(library)));

    out.println();
    out.println("async for ... else, left by break: the else block does not run");
    library = new Async_GetDocs_Library(out, PAGES);
    await(findDoc(out, library.getDocs(), "doc 2"));

    out.println();
    out.println("async for ... else, run to the end: the else block runs");
    library = new Async_GetDocs_Library(out, PAGES);
    await(findDoc(out, new Async_GetDocs_AsyncGetDocs(library), "doc 4"));
    return done();
  }

  /** {@code async def print_docs(docs)}. */
  @Async
  static Coroutine<Void> printDocs(PrintStream out, AsyncIterable<String> docs) {
    for (String doc : asyncFor(docs)) {
      out.println(doc);
    }
    return done();
  }

  /** {@code async def find_doc(docs, wanted)}: {@code async for ... else}. */
  @Async
  static Coroutine<Void> findDoc(PrintStream out, AsyncIterable<String> docs, String wanted) {
    search:
    {
      for (String doc : asyncFor(docs)) {
        out.println(doc);
        if (doc.equals(wanted)) {
          out.println("found " + Py.repr(wanted) + ": break");
          break search; // leaves the loop and skips the else part
        }
      }
      // else: reached only when the iterator is exhausted
      out.println("else: no " + Py.repr(wanted) + " among the docs");
    }
    return done();
  }
}
