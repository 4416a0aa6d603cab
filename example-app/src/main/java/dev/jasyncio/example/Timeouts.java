package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Asyncio;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import dev.jasyncio.TimeoutException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Seed program 22 (coffee shop post, example 6): {@code wait_for} with a 2 s timeout around a
 * {@code gather} of tasks taking 1, 3 and 0.5 s raises {@code TimeoutError} (and cancels them all);
 * with a timeout per task, task 1 succeeds, task 2 times out and task 3 succeeds.
 *
 * <pre>{@code
 * async def slow_operation(task_id: int, duration: float) -> str:
 *     print(f"  🐌 작업 {task_id} 시작 ({duration}초 소요 예정)")
 *     await asyncio.sleep(duration)
 *     print(f"  ✅ 작업 {task_id} 완료")
 *     return f"Result-{task_id}"
 *
 * async def main_example6():
 *     tasks = [slow_operation(1, 1.0), slow_operation(2, 3.0), slow_operation(3, 0.5)]
 *     print("⏱️ 2초 타임아웃으로 작업 실행\n")
 *     try:
 *         results = await asyncio.wait_for(
 *             asyncio.gather(*tasks, return_exceptions=True), timeout=2.0)
 *         print(f"\n✅ 모든 작업 완료: {results}")
 *     except asyncio.TimeoutError:
 *         print("\n⏰ 타임아웃 발생! 일부 작업이 완료되지 않음")
 *
 *     print("\n\n개별 타임아웃:")
 *     for i, task_coro in enumerate([slow_operation(i+10, d) for d in [1.0, 3.0, 0.5]], 1):
 *         try:
 *             result = await asyncio.wait_for(task_coro, timeout=2.0)
 *             print(f"  작업 {i}: 성공 - {result}")
 *         except asyncio.TimeoutError:
 *             print(f"  작업 {i}: 타임아웃!")
 *
 * asyncio.run(main_example6())
 * }</pre>
 *
 * <p>The seed's second part has a bug: the list is built before the loop variable {@code i} has a
 * value, so Python stops there with {@code UnboundLocalError} (a {@code NameError} before 3.12).
 * This program does what the post describes: task ids 10, 11 and 12 (the index plus ten), each
 * awaited with its own two-second timeout.
 */
public final class Timeouts implements Program {
  @Override
  public String name() {
    return "timeouts";
  }

  @Override
  public String summary() {
    return "22: wait_for(gather(...), 2) times out; per-task timeouts: ok, timeout, ok";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    out.println(Py.times("=", 60));
    out.println("Example 6: timeouts");
    out.println(Py.times("=", 60));
    Asyncio.run(Async_Timeouts.mainExample6(out), loops);
  }

  @Async
  static Coroutine<String> slowOperation(PrintStream out, int taskId, double duration) {
    out.println("  task " + taskId + " started (takes " + duration + " s)");
    await(sleep(duration));
    out.println("  task " + taskId + " done");
    return done("Result-" + taskId);
  }

  @Async
  static Coroutine<Void> mainExample6(PrintStream out) {
    List<Coroutine<String>> tasks =
        List.of(slowOperation(out, 1, 1.0), slowOperation(out, 2, 3.0), slowOperation(out, 3, 0.5));
    out.println("Running the tasks with a 2 second timeout");
    out.println();
    try {
      List<Object> results = await(waitFor(gatherReturnExceptions(tasks), 2.0));
      out.println();
      out.println("All tasks done: " + Py.repr(results));
    } catch (TimeoutException e) {
      out.println();
      out.println("Timeout! Some tasks did not finish");
    }

    out.println();
    out.println();
    out.println("Timeout per task:");
    List<Coroutine<String>> perTask = new ArrayList<>();
    for (double d : List.of(1.0, 3.0, 0.5)) {
      perTask.add(slowOperation(out, perTask.size() + 10, d));
    }
    int i = 0;
    for (Coroutine<String> taskCoro : perTask) {
      i++;
      try {
        String result = await(waitFor(taskCoro, 2.0));
        out.println("  task " + i + ": success - " + result);
      } catch (TimeoutException e) {
        out.println("  task " + i + ": timeout!");
      }
    }
    return done();
  }
}
