package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * TRANSFORM_NOTES case 5: a labeled break runs the inner then the outer finally, both awaiting; a
 * throw in the inner finally replaces the break.
 */
public abstract class Case05_LabeledBreakThroughTwoFinallys extends ConformanceCase {
  boolean failInFinally = true;

  @Async
  public Coroutine<Object> body() {
    out:
    for (; ; ) {
      try {
        try {
          trace("inner try");
          break out;
        } finally {
          await(v("a", null));
          trace("inner finally");
        }
      } finally {
        await(v("b", null));
        trace("outer finally");
      }
    }
    trace("after out");
    try {
      out2:
      for (; ; ) {
        try {
          try {
            break out2;
          } finally {
            await(v("c", null));
            if (failInFinally) {
              throw new IllegalStateException("replaces the break");
            }
          }
        } finally {
          await(v("d", null));
          trace("outer finally 2");
        }
      }
      trace("not reached");
    } catch (IllegalStateException e) {
      trace("caught " + e.getMessage());
    }
    return done("end");
  }
}
