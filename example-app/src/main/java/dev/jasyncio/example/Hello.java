package dev.jasyncio.example;

import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Task;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Seed program 1: a native coroutine run with {@code run_until_complete}.
 *
 * <pre>{@code
 * async def hello():
 *     print('hello, world!')
 *
 * loop = asyncio.get_event_loop()
 * loop.run_until_complete(hello())
 * loop.close()
 * }</pre>
 *
 * <p>The coroutine is written by hand against the runtime's coroutine contract: {@code resume} is
 * the state machine the annotation processor writes for an {@code @Async} method.
 */
public final class Hello implements Program {
  @Override
  public String name() {
    return "hello";
  }

  @Override
  public String summary() {
    return "a coroutine run with runUntilComplete";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    EventLoop loop = loops.get();
    loop.runUntilComplete(hello(out));
    loop.close();
  }

  static Coroutine<Void> hello(PrintStream out) {
    return new Coroutine<>() {
      private boolean done;

      @Override
      protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
        if (done) {
          throw reuseError(error);
        }
        done = true;
        if (error != null) {
          throw error;
        }
        out.println("hello, world!");
        return null;
      }

      @Override
      public String toString() {
        return "hello()";
      }
    };
  }
}
