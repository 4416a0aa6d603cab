package dev.jasyncio;

import static dev.jasyncio.Asyncio.createTask;
import static dev.jasyncio.Asyncio.sleep;
import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link Context}: copies are independent, {@code run} makes a context current and always
 * restores the previous one, re-entry is refused, {@code containsKey}/{@code size}/{@code
 * toString}, and each thread outside a loop has its own context.
 *
 * <p>Tests that set variables outside a loop do it inside {@code new Context().run(...)}, so that
 * the test thread's own context stays empty.
 */
class ContextTest {
  private final ContextVar<String> user = ContextVar.of("user");
  private final ContextVar<Integer> count = ContextVar.of("count", 0);

  // ---- copies ----

  @Test
  void copyContextIsASnapshotThatLaterChangesOnEitherSideDoNotReach() {
    new Context()
        .run(
            () -> {
              user.set("ana");
              Context snapshot = Context.copyContext();
              user.set("bo");

              assertEquals("ana", snapshot.run(() -> user.get()));
              assertEquals("bo", user.get());

              snapshot.run(() -> user.set("cy"));
              assertEquals("cy", snapshot.run(() -> user.get()));
              assertEquals("bo", user.get(), "a write inside the snapshot reached its origin");
            });
  }

  @Test
  void copyOfAContextIsIndependentOfIt() {
    Context original = new Context();
    original.run(() -> user.set("ana"));

    Context copy = original.copy();
    copy.run(
        () -> {
          user.set("bo");
          count.set(7);
        });
    original.run(() -> count.set(1));

    assertNotSame(original, copy);
    assertEquals("ana", original.run(() -> user.get()));
    assertEquals(1, original.run(() -> count.get()));
    assertEquals("bo", copy.run(() -> user.get()));
    assertEquals(7, copy.run(() -> count.get()));
  }

  @Test
  void copyContextInsideATaskCopiesTheTasksContext() {
    Context copy =
        Asyncio.run(
            co(
                () -> {
                  user.set("task value");
                  Context c = Context.copyContext();
                  user.set("changed later");
                  return ret(c);
                }),
            TestEventLoop::new);

    assertEquals("task value", copy.run(() -> user.get()));
  }

  // ---- run ----

  @Test
  void runSupplierMakesTheContextCurrentReturnsTheResultAndRestoresThePreviousOne() {
    Context outer = new Context();
    Context inner = new Context();
    inner.run(() -> user.set("inner"));

    outer.run(
        () -> {
          user.set("outer");
          String seen =
              inner.run(
                  () -> {
                    assertSame(inner, Context.current());
                    return user.get();
                  });
          assertEquals("inner", seen);
          assertSame(outer, Context.current());
          assertEquals("outer", user.get());
        });
  }

  @Test
  void runRunnableMakesTheContextCurrentAndRestoresThePreviousOne() {
    Context outer = new Context();
    Context inner = new Context();
    List<String> seen = new ArrayList<>();

    outer.run(
        () -> {
          user.set("outer");
          inner.run(
              (Runnable)
                  () -> {
                    seen.add(user.get("unset"));
                    user.set("written inside");
                    assertSame(inner, Context.current());
                  });
          assertSame(outer, Context.current());
          seen.add(user.get());
        });

    assertEquals(List.of("unset", "outer"), seen);
    assertEquals("written inside", inner.run(() -> user.get()));
  }

  @Test
  void runRestoresThePreviousContextWhenTheFunctionThrows() {
    Context outer = new Context();
    Context failing = new Context();
    IllegalArgumentException boom = new IllegalArgumentException("boom");

    outer.run(
        () -> {
          IllegalArgumentException fromSupplier =
              assertThrows(
                  IllegalArgumentException.class,
                  () ->
                      failing.run(
                          (Supplier<String>)
                              () -> {
                                throw boom;
                              }));
          assertSame(boom, fromSupplier);
          assertSame(outer, Context.current());

          IllegalArgumentException fromRunnable =
              assertThrows(
                  IllegalArgumentException.class,
                  () ->
                      failing.run(
                          (Runnable)
                              () -> {
                                throw boom;
                              }));
          assertSame(boom, fromRunnable);
          assertSame(outer, Context.current());
        });

    assertEquals("ok", failing.run(() -> "ok"), "a failed run left the context entered");
  }

  @Test
  void runOnALoopThreadSwitchesTheCurrentContextAndRestoresTheCallbacksOne() {
    Context other = new Context();
    other.run(() -> user.set("other"));
    List<String> seen = new ArrayList<>();

    try (TestEventLoop loop = new TestEventLoop()) {
      loop.callSoon(
          () -> {
            user.set("callback");
            Context callbacks = Context.current();
            seen.add(other.run(() -> user.get()));
            assertThrows(
                IllegalStateException.class,
                () ->
                    other.run(
                        (Runnable)
                            () -> {
                              throw new IllegalStateException("inside");
                            }));
            assertSame(callbacks, Context.current());
            seen.add(user.get());
          });
      loop.runUntilComplete(sleep(0));
    }

    assertEquals(List.of("other", "callback"), seen);
  }

  @Test
  @DisplayName("run() on a context that is already entered → error naming the context")
  void reenteringAnEnteredContextThrowsNamingIt() {
    Context ctx = new Context();
    ctx.run(() -> user.set("ana"));

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> ctx.run((Runnable) () -> ctx.run(() -> "never")));

    assertTrue(e.getMessage().contains("cannot enter context"), e.getMessage());
    assertTrue(e.getMessage().contains("<Context user=ana>"), e.getMessage());
    assertTrue(e.getMessage().contains("already entered"), e.getMessage());
    assertEquals("ana", ctx.run(() -> user.get()), "the context stays usable after the error");
  }

  @Test
  void reenteringThroughACopyIsAllowed() {
    Context ctx = new Context();
    String seen =
        ctx.run(
            () -> {
              user.set("ana");
              return Context.copyContext().run(() -> user.get());
            });

    assertEquals("ana", seen);
  }

  @Test
  void aContextEnteredByOneThreadCannotBeEnteredByAnother() throws InterruptedException {
    Context ctx = new Context();
    AtomicReference<Throwable> thrown = new AtomicReference<>();

    ctx.run(
        () -> {
          Thread other = new Thread(() -> thrown.set(catching(() -> ctx.run(() -> "no"))));
          other.start();
          join(other);
        });

    IllegalStateException e = assertInstanceOf(IllegalStateException.class, thrown.get());
    assertTrue(e.getMessage().contains("already entered"), e.getMessage());
  }

  @Test
  void runRejectsANullFunction() {
    Context ctx = new Context();

    NullPointerException supplier =
        assertThrows(NullPointerException.class, () -> ctx.run((Supplier<String>) null));
    NullPointerException runnable =
        assertThrows(NullPointerException.class, () -> ctx.run((Runnable) null));

    assertEquals("fn", supplier.getMessage());
    assertEquals("fn", runnable.getMessage());
  }

  @Test
  @DisplayName("a running task's context can be entered by run() (deliberately unlike asyncio)")
  void aRunningTasksOwnContextCanBeEnteredByRun() {
    // docs/asyncio-differences.md: only explicit nested Context.run calls are checked.
    String seen =
        Asyncio.run(
            co(
                () -> {
                  user.set("task");
                  return ret(Asyncio.currentTask().getContext().run(() -> user.get()));
                }),
            TestEventLoop::new);

    assertEquals("task", seen);
  }

  // ---- contents ----

  @Test
  void containsKeyAndSizeCountOnlyVariablesThatHaveAValue() {
    Context ctx = new Context();
    assertEquals(0, ctx.size());
    assertFalse(ctx.containsKey(user));
    assertFalse(ctx.containsKey(count), "a default value is not a value in the context");

    ContextVar.Token<String> token =
        ctx.run(
            () -> {
              ContextVar.Token<String> t = user.set("ana");
              user.set("bo");
              return t;
            });
    assertTrue(ctx.containsKey(user));
    assertFalse(ctx.containsKey(count));
    assertEquals(1, ctx.size(), "setting the same variable twice counts once");

    ctx.run(() -> count.set(3));
    assertEquals(2, ctx.size());
    assertTrue(ctx.containsKey(count));

    ctx.run(() -> user.reset(token));
    assertFalse(ctx.containsKey(user), "resetting to 'never set' removes the variable");
    assertEquals(1, ctx.size());
  }

  @Test
  void setValuesToNullStillCount() {
    Context ctx = new Context();

    ctx.run(() -> user.set(null));

    assertTrue(ctx.containsKey(user));
    assertEquals(1, ctx.size());
    assertNull(ctx.run(() -> user.get()));
  }

  @Test
  void toStringListsTheVariablesInTheOrderTheyWereFirstSet() {
    Context ctx = new Context();
    assertEquals("<Context>", ctx.toString());

    ctx.run(
        () -> {
          user.set("ana");
          count.set(2);
          user.set("bo");
        });

    assertEquals("<Context user=bo, count=2>", ctx.toString());
  }

  // ---- threads ----

  @Test
  void aFreshThreadHasItsOwnEmptyContext() throws InterruptedException {
    AtomicReference<String> seenThere = new AtomicReference<>();
    AtomicReference<Integer> sizeThere = new AtomicReference<>();
    AtomicReference<Context> currentThere = new AtomicReference<>();
    Context here = new Context();

    here.run(
        () -> {
          user.set("set on the test thread");
          Thread other =
              new Thread(
                  () -> {
                    currentThere.set(Context.current());
                    sizeThere.set(Context.copyContext().size());
                    seenThere.set(user.get("nothing"));
                    user.set("set on the other thread");
                  });
          other.start();
          join(other);
          assertEquals("set on the test thread", user.get(), "the other thread's set leaked");
        });

    assertEquals(0, sizeThere.get());
    assertEquals("nothing", seenThere.get());
    assertNotSame(here, currentThere.get());
  }

  @Test
  void eachTaskRunsInItsOwnCopyWhileCoroutinesItAwaitsShareIt() {
    List<String> seen = new ArrayList<>();
    Asyncio.run(
        co(
            () -> {
              user.set("main");
              Task<Object> child =
                  createTask(
                      co(
                          () -> {
                            seen.add("child sees " + user.get());
                            user.set("child");
                            return ret();
                          }));
              Coroutine<Object> helper =
                  co(
                      () -> {
                        user.set("helper");
                        return ret();
                      });
              return await(
                  child,
                  v ->
                      await(
                          helper,
                          w -> {
                            seen.add("main sees " + user.get());
                            return ret();
                          }));
            }),
        TestEventLoop::new);

    assertEquals(List.of("child sees main", "main sees helper"), seen);
  }

  // ---- a task's context object is made when first needed ----

  @Test
  @DisplayName("getContext() before a task runs gives the context it then runs and sets in")
  void getContextBeforeTheTaskRunsIsTheContextItRunsIn() {
    AtomicReference<Context> inside = new AtomicReference<>();
    AtomicReference<Context> before = new AtomicReference<>();
    Asyncio.run(
        co(
            () -> {
              user.set("creator");
              Task<Object> child =
                  createTask(
                      co(
                          () -> {
                            inside.set(Context.current());
                            user.set("child");
                            return ret();
                          }));
              before.set(child.getContext());
              assertSame(before.get(), child.getContext());
              return await(child, v -> ret());
            }),
        TestEventLoop::new);

    assertSame(before.get(), inside.get());
    assertEquals("child", before.get().run(() -> user.get()));
  }

  @Test
  @DisplayName("a task that never touches its context still holds its creator's values")
  void anUntouchedTaskContextHoldsTheCreatorsValuesAtCreation() {
    AtomicReference<Task<Object>> child = new AtomicReference<>();
    Asyncio.run(
        co(
            () -> {
              user.set("at creation");
              child.set(createTask(co(() -> ret())));
              user.set("later");
              return await(child.get(), v -> ret());
            }),
        TestEventLoop::new);

    Context context = child.get().getContext();
    assertEquals("at creation", context.run(() -> user.get()));
    assertSame(context, child.get().getContext());
  }

  @Test
  @DisplayName("a token from a task's first step resets its variable in a later step")
  void aTokenFromOneStepResetsInALaterStep() {
    List<String> seen = new ArrayList<>();
    Asyncio.run(
        co(
            () -> {
              ContextVar.Token<String> token = user.set("first step");
              return await(
                  sleep(1),
                  v -> {
                    seen.add(user.get());
                    user.reset(token);
                    seen.add(user.get("reset"));
                    return ret();
                  });
            }),
        TestEventLoop::new);

    assertEquals(List.of("first step", "reset"), seen);
  }

  @Test
  @DisplayName("an eager child of a task that never made its context does not leak into it")
  void anEagerChildDoesNotLeakIntoItsCreator() {
    List<String> seen = new ArrayList<>();
    Asyncio.run(
        co(
            () -> {
              Asyncio.getRunningLoop().setEagerTasks(true);
              Task<Object> child =
                  createTask(
                      co(
                          () -> {
                            seen.add("child sees " + user.get("nothing"));
                            user.set("child");
                            return await(
                                sleep(1),
                                v -> {
                                  seen.add("child still sees " + user.get());
                                  return ret();
                                });
                          }));
              seen.add("creator sees " + user.get("nothing"));
              user.set("creator");
              return await(
                  child,
                  v -> {
                    seen.add("creator still sees " + user.get());
                    return ret();
                  });
            }),
        TestEventLoop::new);

    assertEquals(
        List.of(
            "child sees nothing",
            "creator sees nothing",
            "child still sees child",
            "creator still sees creator"),
        seen);
  }

  private static Throwable catching(Runnable r) {
    try {
      r.run();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  private static void join(Thread t) {
    try {
      t.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    assertFalse(t.isAlive(), "the other thread did not finish");
  }
}
