package dev.jasyncio.example;

import dev.jasyncio.Asyncio;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Task;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Seed program 2: a coroutine awaiting another and using its result.
 *
 * <pre>{@code
 * async def add(a, b):
 *     print('{0} + {1}'.format(a, b))
 *     await asyncio.sleep(1.0)
 *     return a + b
 *
 * async def print_add(a, b):
 *     res = await add(a, b)
 *     print('{0} + {1} = {2}'.format(a, b, res))
 *
 * loop = asyncio.get_event_loop()
 * loop.run_until_complete(print_add(1, 2))
 * loop.close()
 * }</pre>
 *
 * <p>Both coroutines are hand-written state machines: each {@code case} is the code between two
 * awaits, and {@code await(task, x)} either finishes at once or returns {@code SUSPENDED}, in which
 * case the value arrives in the next {@code resume}.
 */
public final class Add implements Program {
  @Override
  public String name() {
    return "add";
  }

  @Override
  public String summary() {
    return "print_add awaits add, which sleeps one second";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    EventLoop loop = loops.get();
    loop.runUntilComplete(new PrintAdd(out, 1, 2));
    loop.close();
  }

  /** {@code async def add(a, b)}. */
  static final class AddCoroutine extends Coroutine<Integer> {
    private final PrintStream out;
    private final int a;
    private final int b;
    private int state;

    AddCoroutine(PrintStream out, int a, int b) {
      this.out = out;
      this.a = a;
      this.b = b;
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      switch (state) {
        case 0:
          if (error != null) {
            state = 2;
            throw error;
          }
          // print('{0} + {1}'.format(a, b))
          out.println(a + " + " + b);
          // await asyncio.sleep(1.0)
          state = 1;
          if (await(task, Asyncio.sleep(1.0)) == SUSPENDED) {
            return SUSPENDED;
          }
        // fall through: the sleep was already over
        case 1:
          state = 2;
          if (error != null) {
            throw error;
          }
          // return a + b
          return a + b;
        default:
          throw reuseError(error);
      }
    }

    @Override
    public String toString() {
      return "add(" + a + ", " + b + ") state " + state;
    }
  }

  /** {@code async def print_add(a, b)}. */
  static final class PrintAdd extends Coroutine<Void> {
    private final PrintStream out;
    private final int a;
    private final int b;
    private int state;

    PrintAdd(PrintStream out, int a, int b) {
      this.out = out;
      this.a = a;
      this.b = b;
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      switch (state) {
        case 0:
          if (error != null) {
            state = 2;
            throw error;
          }
          // res = await add(a, b)
          state = 1;
          value = await(task, new AddCoroutine(out, a, b));
          if (value == SUSPENDED) {
            return SUSPENDED;
          }
        // fall through with the result in value
        case 1:
          state = 2;
          if (error != null) {
            throw error;
          }
          int res = (Integer) value;
          // print('{0} + {1} = {2}'.format(a, b, res))
          out.println(a + " + " + b + " = " + res);
          return null;
        default:
          throw reuseError(error);
      }
    }

    @Override
    public String toString() {
      return "print_add(" + a + ", " + b + ") state " + state;
    }
  }
}
