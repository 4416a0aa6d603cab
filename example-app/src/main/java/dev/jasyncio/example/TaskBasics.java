package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Asyncio;
import dev.jasyncio.Coroutine;
import dev.jasyncio.DoneAndPending;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.ReturnWhen;
import dev.jasyncio.Task;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Seed program 16 (coffee shop post, "asyncio APIs"): the other ways to run coroutines
 * concurrently, on the post's {@code task1} (2 s) and {@code task2} (1 s).
 *
 * <pre>{@code
 * task1 = asyncio.create_task(task1())   # wrapped in a task and scheduled at once
 * await task1                            # waits for it to finish
 *
 * asyncio.wait([task1(), task2()])       # low level: done and pending sets
 * asyncio.gather(task1(), task2())       # high level: the results, in order
 *
 * asyncio.as_completed([task1(), task2()])  # the results in the order they finish
 * }</pre>
 *
 * <p>Each way takes as long as the longest task (2 s) except where it returns earlier: {@code
 * wait(..., FIRST_COMPLETED)} returns when the first is done, and {@code as_completed} hands over
 * each result as it comes.
 */
public final class TaskBasics implements Program {
  @Override
  public String name() {
    return "tasks";
  }

  @Override
  public String summary() {
    return "16: create_task, wait and as_completed on tasks of 2 s and 1 s";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    Asyncio.run(Async_TaskBasics.main(out), loops);
  }

  @Async
  static Coroutine<String> task1() {
    await(sleep(2));
    return done("Task 1 done");
  }

  @Async
  static Coroutine<String> task2() {
    await(sleep(1));
    return done("Task 2 done");
  }

  static double now() {
    return getRunningLoop().time();
  }

  @Async
  static Coroutine<Void> main(PrintStream out) {
    // create_task: both tasks run from now on; awaiting them only collects the results
    double start = now();
    Task<String> t1 = createTask(task1());
    Task<String> t2 = createTask(task2());
    String r1 = await(t1);
    String r2 = await(t2);
    out.println(
        Py.format("create_task: %s, %s (%.2f seconds)", Py.repr(r1), Py.repr(r2), now() - start));

    // wait: the done and pending sets; the results are read from the done tasks
    start = now();
    DoneAndPending<String> all =
        await(waitTasks(List.of(createTask(task1()), createTask(task2()))));
    out.println(
        Py.format(
            "wait: %d done, %d pending: %s (%.2f seconds)",
            all.done().size(), all.pending().size(), Py.repr(results(all)), now() - start));

    // wait(FIRST_COMPLETED): returns as soon as one is done; the other keeps running
    start = now();
    DoneAndPending<String> first =
        await(
            waitTasks(
                List.of(createTask(task1()), createTask(task2())), ReturnWhen.FIRST_COMPLETED));
    out.println(
        Py.format(
            "wait(FIRST_COMPLETED): %d done, %d pending: %s (%.2f seconds)",
            first.done().size(), first.pending().size(), Py.repr(results(first)), now() - start));
    await(gather(new ArrayList<>(first.pending())));

    // gather: the results in argument order
    start = now();
    List<String> results = await(gather(task1(), task2()));
    out.println(Py.format("gather: %s (%.2f seconds)", Py.repr(results), now() - start));

    // as_completed: each result as soon as its task finishes
    start = now();
    for (Coroutine<String> next : asCompleted(List.of(task1(), task2()))) {
      String result = await(next);
      out.println(Py.format("as_completed: %s (%.2f seconds)", Py.repr(result), now() - start));
    }
    return done();
  }

  /** The results of the done futures, sorted: a set has no order. */
  static List<String> results(DoneAndPending<String> dp) {
    List<String> out = new ArrayList<>();
    for (Future<String> f : dp.done()) {
      out.add(f.result());
    }
    Collections.sort(out);
    return out;
  }
}
