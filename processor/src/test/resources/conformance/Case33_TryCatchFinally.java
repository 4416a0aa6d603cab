package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * try/catch/finally with awaits in every part: clauses tried in order, exceptions no clause
 * matches, return, throw, break and continue out of every part, finally overriding them, a pending
 * throw abandoned by a jump (TRANSFORM_NOTES case 4), and nested tries. The jumps sit in ifs whose
 * conditions await, and catch clauses that return or jump also await; the same jumps in ifs
 * without an await are in Case40, catch clauses without an await that return or
 * jump in Case33_CatchWithoutAwaitReturns, and multi-catch around an await in
 * Case33_MultiCatchAroundAwait.
 */
public abstract class Case33_TryCatchFinally extends ConformanceCase {
  RuntimeException make(int kind) {
    switch (kind) {
      case 0:
        return new IllegalArgumentException("iae");
      case 1:
        return new UnsupportedOperationException("uoe");
      case 2:
        return new UncheckedIOException(new IOException("io"));
      default:
        return new ArithmeticException("arith");
    }
  }

  @Async
  Coroutine<String> clauses(int kind) {
    try {
      await(v("try " + kind, null));
      if (kind >= 0) {
        await(fail(make(kind)));
      }
      return done("no exception");
    } catch (IllegalArgumentException e) {
      String name = await(v(e.getClass().getSimpleName()));
      return done("iae " + name + " " + e.getMessage());
    } catch (UncheckedIOException e) {
      await(v("io catch", null));
      throw new IllegalStateException("rethrown " + e.getCause().getMessage());
    } catch (RuntimeException e) {
      trace("general " + e.getMessage());
    } finally {
      trace("finally " + await(v(kind)));
    }
    return done("after try " + kind);
  }

  @Async
  Coroutine<String> finallyWins(int how) {
    try {
      try {
        if (how == 0) {
          return done(await(v("try returns")));
        }
        throw new IllegalStateException(await(v("try throws")));
      } catch (IllegalStateException e) {
        if (await(v(how == 1))) return done("catch returns");
        throw new IllegalArgumentException("catch throws");
      } finally {
        await(v("inner finally", null));
        if (await(v(how == 2))) return done("finally returns");
        if (how == 3) {
          throw new UnsupportedOperationException("finally throws");
        }
      }
    } catch (IllegalArgumentException e) {
      return done("outer caught iae " + await(v(e.getMessage())));
    } catch (UnsupportedOperationException e) {
      return done("outer caught " + await(v(e.getMessage())));
    } finally {
      trace("outer finally " + how);
    }
  }

  @Async
  Coroutine<Integer> jumps() {
    int count = 0;
    for (int i = 0; i < 6; i++) {
      try {
        if (await(v(i == 0))) continue;
        if (i == 1) throw new IllegalStateException("i=1");
        count += await(v(i));
        if (await(v(i == 4))) break;
      } catch (IllegalStateException e) {
        await(v("catch " + e.getMessage(), null));
        continue;
      } finally {
        count += 100;
        if (await(v(i == 2))) continue;
        trace("end of try " + i);
      }
      trace("after try " + i);
    }
    return done(count);
  }

  @Async
  Coroutine<String> abandonedThrow() {
    for (int i = 0; i < 2; i++) {
      try {
        if (i == 0) {
          throw new IllegalStateException("E" + i);
        }
        await(v("x" + i, null));
      } finally {
        await(v("y" + i, null));
        if (await(v(i == 0))) continue;
      }
      trace("after try " + i);
    }
    int rounds = 0;
    while (true) {
      rounds++;
      try {
        try {
          if (rounds == 1) {
            await(fail(new IllegalArgumentException("abandoned")));
          }
          trace("round " + rounds);
        } finally {
          await(v("inner finally " + rounds, null));
          if (await(v(rounds == 1))) continue;
          if (await(v(rounds == 3))) break;
        }
      } finally {
        trace("outer finally " + rounds);
      }
    }
    return done("completed after " + rounds);
  }

  @Async
  Coroutine<String> nested() {
    try {
      try {
        await(fail(new IllegalStateException("inner")));
      } finally {
        trace("inner finally " + await(v(1)));
      }
    } catch (IllegalStateException outer) {
      try {
        await(fail(new IllegalArgumentException("in catch")));
      } catch (IllegalArgumentException inner) {
        return done(outer.getMessage() + "+" + inner.getMessage() + await(v("")));
      }
    }
    return done("not reached");
  }

  @Async
  public Coroutine<Object> body() {
    for (int kind = -1; kind <= 3; kind++) {
      try {
        trace(await(clauses(kind)));
      } catch (IllegalStateException e) {
        trace("caller caught " + e.getMessage());
      }
    }
    for (int how = 0; how < 5; how++) {
      trace(await(finallyWins(how)));
    }
    trace("jumps " + await(jumps()));
    trace(await(abandonedThrow()));
    trace(await(nested()));
    try {
      await(v(null));
      throw new Error("an Error");
    } catch (Exception e) {
      trace("not reached");
    } finally {
      trace("finally before the Error escapes");
    }
    return done("not reached");
  }
}
