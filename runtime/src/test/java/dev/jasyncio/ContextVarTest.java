package dev.jasyncio;

import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link ContextVar} and {@link Context}: values, defaults and tokens, context copies and
 * {@link Context#run}, and the contexts that callbacks and tasks run in.
 *
 * <p>Tests that do not run a loop work inside {@code new Context().run(...)} so that nothing they
 * set stays in the test thread's own context.
 */
class ContextVarTest {
  private final TestEventLoop loop = new TestEventLoop();

  /** What reached the loop's exception handler; a test that expects errors clears it. */
  private final List<ExceptionContext> errors = new ArrayList<>();

  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void captureErrors() {
    loop.setExceptionHandler((l, context) -> errors.add(context));
  }

  @AfterEach
  void closeAndCheckNoStrayErrors() {
    loop.close();
    if (!errors.isEmpty()) {
      AssertionError e = new AssertionError("unexpected errors on the loop: " + errors);
      errors.forEach(c -> e.addSuppressed(c.exception()));
      throw e;
    }
  }

  // ---- values ----

  @Test
  @DisplayName("get() without a value or default throws, naming the variable")
  void getWithoutValueOrDefaultThrowsNamingTheVariable() {
    ContextVar<String> requestId = ContextVar.of("request_id");

    new Context()
        .run(
            () -> {
              NoSuchElementException e = assertThrows(NoSuchElementException.class, requestId::get);
              assertTrue(e.getMessage().contains("'request_id'"), e.getMessage());
              assertTrue(e.getMessage().contains("no value"), e.getMessage());
              assertEquals("fallback", requestId.get("fallback"));
            });
  }

  @Test
  @DisplayName("set() then get() gives the value; a default applies until the first set")
  void setGetAndDefaults() {
    ContextVar<String> plain = ContextVar.of("plain");
    ContextVar<String> withDefault = ContextVar.of("level", "info");

    new Context()
        .run(
            () -> {
              assertEquals("info", withDefault.get());
              plain.set("a");
              withDefault.set("debug");
              assertEquals("a", plain.get());
              assertEquals("debug", withDefault.get());
              plain.set("b");
              assertEquals("b", plain.get());
            });
    assertEquals("plain", plain.name());
  }

  @Test
  @DisplayName("get(fallback) prefers the fallback over the variable's default, as Python does")
  void getWithFallbackPrefersTheFallback() {
    ContextVar<String> withDefault = ContextVar.of("level", "info");

    new Context()
        .run(
            () -> {
              assertEquals("fallback", withDefault.get("fallback"));
              withDefault.set("debug");
              assertEquals("debug", withDefault.get("fallback"));
            });
  }

  @Test
  @DisplayName("reset(token) restores the value before the set, or no value at all")
  void resetRestoresThePreviousValueOrRemovesIt() {
    ContextVar<String> var = ContextVar.of("var");
    ContextVar<String> withDefault = ContextVar.of("level", "info");
    Context ctx = new Context();

    ctx.run(
        () -> {
          ContextVar.Token<String> first = var.set("a");
          ContextVar.Token<String> second = var.set("b");
          assertSame(var, second.var());
          var.reset(second);
          assertEquals("a", var.get());
          var.reset(first);
          assertThrows(NoSuchElementException.class, var::get);
          assertFalse(ctx.containsKey(var));

          ContextVar.Token<String> token = withDefault.set("debug");
          withDefault.reset(token);
          assertEquals("info", withDefault.get());
        });
  }

  @Test
  @DisplayName("a token is used once; reusing it → error")
  void resetTwiceThrows() {
    ContextVar<String> var = ContextVar.of("var");

    new Context()
        .run(
            () -> {
              ContextVar.Token<String> token = var.set("a");
              var.reset(token);
              IllegalStateException e =
                  assertThrows(IllegalStateException.class, () -> var.reset(token));
              assertTrue(e.getMessage().contains("already been used"), e.getMessage());
            });
  }

  @Test
  @DisplayName("a token of another variable or another context → error")
  void resetWithAForeignTokenThrows() {
    ContextVar<String> a = ContextVar.of("a");
    ContextVar<String> b = ContextVar.of("b");
    Context first = new Context();
    ContextVar.Token<String> tokenOfA = first.run(() -> a.set("x"));

    first.run(
        () -> {
          IllegalArgumentException e =
              assertThrows(IllegalArgumentException.class, () -> b.reset(tokenOfA));
          assertTrue(e.getMessage().contains("different ContextVar"), e.getMessage());
        });
    new Context()
        .run(
            () -> {
              IllegalArgumentException e =
                  assertThrows(IllegalArgumentException.class, () -> a.reset(tokenOfA));
              assertTrue(e.getMessage().contains("different Context"), e.getMessage());
            });
    assertEquals("x", first.run(() -> a.get()), "the rejected resets changed the value");
  }

  // ---- contexts ----

  @Test
  @DisplayName("a copy and its original do not see each other's later changes")
  void copyContextIsolatesChanges() {
    ContextVar<String> var = ContextVar.of("var");

    new Context()
        .run(
            () -> {
              var.set("original");
              Context copy = Context.copyContext();
              var.set("changed outside");

              assertEquals("original", copy.run(() -> var.get()));
              copy.run(() -> var.set("changed inside"));
              assertEquals("changed inside", copy.run(() -> var.get()));
              assertEquals("changed outside", var.get());
            });
  }

  @Test
  @DisplayName("run() returns the function's value and restores the previous context")
  void runReturnsTheValueAndRestoresThePreviousContext() {
    ContextVar<String> var = ContextVar.of("var");
    Context outer = new Context();
    Context inner = new Context();

    String seen =
        outer.run(
            () -> {
              var.set("outer");
              String insideInner = inner.run(() -> var.get("none"));
              return insideInner + "/" + var.get();
            });

    assertEquals("none/outer", seen);
    assertEquals(1, outer.size());
    assertTrue(outer.containsKey(var));
    assertEquals(0, inner.size());
    assertEquals("<Context var=outer>", outer.toString());
  }

  @Test
  @DisplayName("run() on a context that is already entered → error; it stays usable")
  void runReentryThrows() {
    Context ctx = new Context();

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ctx.run(() -> ctx.run(() -> {})));

    assertTrue(e.getMessage().contains("already entered"), e.getMessage());
    assertEquals("ok", ctx.run(() -> "ok"));
  }

  // ---- callbacks and tasks ----

  @Test
  @DisplayName("a callback runs in a copy of the context current when it was scheduled")
  void callbacksRunInACopyOfTheContextAtSchedulingTime() {
    ContextVar<String> var = ContextVar.of("var");
    Context scheduler = new Context();
    scheduler.run(
        () -> {
          var.set("at callSoon");
          loop.callSoon(
              () -> {
                log.add("soon sees " + var.get());
                var.set("set by soon");
              });
          var.set("at callLater");
          loop.callLater(
              1,
              () -> {
                log.add("later sees " + var.get());
                var.set("set by later");
              });
          var.set("after scheduling");
        });
    loop.callLater(2, loop::stop);

    loop.runForever();

    assertEquals(List.of("soon sees at callSoon", "later sees at callLater"), log);
    assertEquals("after scheduling", scheduler.run(() -> var.get()));
  }

  @Test
  @DisplayName("callbacks scheduled from one context each run in their own copy of it")
  void callbacksFromOneContextDoNotSeeEachOthersSets() {
    ContextVar<String> var = ContextVar.of("var");
    Context scheduler = new Context();
    scheduler.run(
        () -> {
          var.set("scheduled");
          for (String name : List.of("first", "second")) {
            loop.callSoon(
                () -> {
                  log.add(name + " sees " + var.get());
                  var.set("set by " + name);
                });
          }
          loop.callLater(
              0.5,
              () -> {
                log.add("timer sees " + var.get());
                var.set("set by the timer");
              });
        });
    loop.callLater(1, loop::stop);

    loop.runForever();

    assertEquals(
        List.of("first sees scheduled", "second sees scheduled", "timer sees scheduled"), log);
    assertEquals("scheduled", scheduler.run(() -> var.get()));
  }

  @Test
  @DisplayName("a callback given a context runs in that context itself")
  void callbackWithAnExplicitContextRunsInIt() {
    ContextVar<String> var = ContextVar.of("var");
    Context ctx = new Context();
    ctx.run(() -> var.set("before"));
    loop.callSoon(
        () -> {
          log.add("sees " + var.get());
          var.set("set by the callback");
        },
        ctx);
    loop.callSoon(loop::stop);

    loop.runForever();

    assertEquals(List.of("sees before"), log);
    assertEquals("set by the callback", ctx.run(() -> var.get()));
  }

  @Test
  @DisplayName("a task sees its creator's values; its own sets do not leak back to the creator")
  void taskSeesCreatorValuesAndItsSetsDoNotLeakBack() {
    ContextVar<String> var = ContextVar.of("var");

    String creatorSees =
        loop.runUntilComplete(
            co(
                () -> {
                  var.set("creator");
                  Task<Object> child =
                      loop.createTask(
                          co(
                              () -> {
                                log.add("child sees " + var.get());
                                var.set("child");
                                return await(
                                    Asyncio.sleep(1),
                                    v -> {
                                      log.add("child still sees " + var.get());
                                      return ret();
                                    });
                              }));
                  var.set("creator, after createTask");
                  return await(child, v -> ret(var.get()));
                }));

    assertEquals("creator, after createTask", creatorSees);
    assertEquals(List.of("child sees creator", "child still sees child"), log);
  }

  @Test
  @DisplayName("sibling tasks do not see each other's sets")
  void siblingTasksAreIsolated() {
    ContextVar<String> var = ContextVar.of("var", "unset");

    loop.runUntilComplete(
        co(
            () -> {
              Task<Object> first =
                  loop.createTask(
                      co(
                          () -> {
                            var.set("first");
                            return await(
                                Asyncio.sleep(1),
                                v -> {
                                  log.add("first sees " + var.get());
                                  return ret();
                                });
                          }));
              Task<Object> second =
                  loop.createTask(
                      co(
                          () -> {
                            log.add("second sees " + var.get());
                            var.set("second");
                            return ret();
                          }));
              return await(first, x -> await(second, y -> ret()));
            }));

    assertEquals(List.of("second sees unset", "first sees first"), log);
  }

  @Test
  @DisplayName("a task created with a context runs in that context itself")
  void taskCreatedWithAContextRunsInIt() {
    ContextVar<String> var = ContextVar.of("var");
    Context ctx = new Context();
    ctx.run(() -> var.set("given"));

    Task<String> task =
        loop.createTask(
            co(
                () -> {
                  String seen = var.get();
                  var.set("written by the task");
                  return ret(seen);
                }),
            "in-ctx",
            ctx);
    String seen = loop.runUntilComplete(task);

    assertEquals("given", seen);
    assertSame(ctx, task.getContext());
    assertEquals("written by the task", ctx.run(() -> var.get()));
  }
}
