package dev.jasyncio;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Structured concurrency, as Python's {@code asyncio.TaskGroup}: tasks created in the group are
 * awaited when the group exits, and the first failure cancels the rest.
 *
 * <pre>{@code
 * // Python: async with asyncio.TaskGroup() as tg: tg.create_task(a()); tg.create_task(b())
 * try (Entered<TaskGroup> tg = asyncWith(new TaskGroup())) {   // in an @Async method
 *   tg.get().createTask(a());
 *   tg.get().createTask(b());
 * }
 *
 * // the same outside @Async methods:
 * await(asyncWith(new TaskGroup(), tg -> {
 *   tg.createTask(a());
 *   tg.createTask(b());
 *   return done();
 * }));
 * }</pre>
 *
 * <h2>Failures</h2>
 *
 * <p>When a task fails (with anything but a cancellation), the group cancels its other tasks and
 * the body, waits for all of them, and raises an {@link ExceptionGroup} holding every failure,
 * including the body's own. A {@link java.lang.Error} other than {@link CancelledError} and {@link
 * GeneratorExit} (the counterpart of Python's {@code SystemExit}/{@code KeyboardInterrupt}) is
 * raised unwrapped instead. A task that is cancelled on its own is not a failure.
 *
 * <h2>Cancellation</h2>
 *
 * <p>If the task running the body is cancelled from outside, the group cancels its tasks, waits for
 * them, and lets the plain {@link CancelledError} propagate. The group's own cancellation of the
 * body is withdrawn on exit ({@link Task#uncancel()}), so it does not leak to the caller.
 *
 * <p>A group is entered once. {@link #createTask} fails (and closes the coroutine) before the group
 * is entered, once it has finished, and while it is shutting down after a failure.
 */
public final class TaskGroup implements AsyncContextManager<TaskGroup> {
  private boolean entered;
  private boolean exiting;
  private boolean aborting;
  private boolean parentCancelRequested;
  private EventLoop loop;
  private Task<?> parentTask;
  private final Set<Task<?>> tasks = new LinkedHashSet<>();
  private final List<Throwable> errors = new ArrayList<>();
  private Throwable baseError;
  private Future<Boolean> onCompleted;

  public TaskGroup() {}

  @Override
  public Coroutine<TaskGroup> aenter() {
    return new Immediate<>(
        "TaskGroup.aenter",
        () -> {
          if (entered) {
            throw new IllegalStateException("TaskGroup " + this + " has already been entered");
          }
          loop = EventLoop.getRunningLoop();
          parentTask = loop.currentTask();
          if (parentTask == null) {
            throw new IllegalStateException(
                "TaskGroup " + this + " cannot determine the parent task; enter it inside a task");
          }
          entered = true;
          return this;
        });
  }

  @Override
  public Coroutine<Boolean> aexit(Throwable exception) {
    return new Exit(exception);
  }

  /** Creates a task in this group, named {@code Task-N}. */
  public <T> Task<T> createTask(Coroutine<T> coro) {
    return createTask(coro, null, null);
  }

  /** Creates a task in this group with the given name. */
  public <T> Task<T> createTask(Coroutine<T> coro, String name) {
    return createTask(coro, name, null);
  }

  /**
   * Creates a task in this group, running in {@code context} (null: a copy of the current one).
   *
   * @throws IllegalStateException if the group is not entered, has finished, or is shutting down;
   *     {@code coro} is closed first
   */
  public <T> Task<T> createTask(Coroutine<T> coro, String name, Context context) {
    Objects.requireNonNull(coro, "coro");
    if (!entered) {
      coro.close();
      throw new IllegalStateException("TaskGroup " + this + " has not been entered");
    }
    if (exiting && tasks.isEmpty()) {
      coro.close();
      throw new IllegalStateException("TaskGroup " + this + " is finished");
    }
    if (aborting) {
      coro.close();
      throw new IllegalStateException("TaskGroup " + this + " is shutting down");
    }
    Task<T> task = loop.createTask(coro, name, context);
    // Even a task that already finished eagerly is accounted through its done callback (which then
    // runs in the next iteration), as asyncio does since gh-128550: handling its failure right here
    // would abort the group in the middle of the creator's step, before the creator is registered.
    tasks.add(task);
    task.addInternalCallback(this::onTaskDone);
    return task;
  }

  private static boolean isBaseError(Throwable t) {
    return t instanceof Error && !(t instanceof CancelledError) && !(t instanceof GeneratorExit);
  }

  private void abort() {
    aborting = true;
    for (Task<?> t : tasks) {
      if (!t.done()) {
        t.cancel();
      }
    }
  }

  private void onTaskDone(Future<?> task) {
    tasks.remove(task);
    if (onCompleted != null && tasks.isEmpty() && !onCompleted.done()) {
      onCompleted.setResult(true);
    }
    if (task.cancelled()) {
      return;
    }
    Throwable exc = task.exception();
    if (exc == null) {
      return;
    }
    errors.add(exc);
    if (isBaseError(exc) && baseError == null) {
      baseError = exc;
    }
    if (parentTask.done()) {
      loop.callExceptionHandler(
          new ExceptionContext(
              "Task "
                  + task
                  + " has errored out but its parent task "
                  + parentTask
                  + " is already completed",
              exc,
              null,
              task));
      return;
    }
    if (!aborting && !parentCancelRequested) {
      // Cancel the body too, so that it stops waiting on whatever it awaits; exit withdraws this
      // cancellation again so that it does not leak to the caller.
      abort();
      parentCancelRequested = true;
      parentTask.cancel();
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<TaskGroup");
    if (!tasks.isEmpty()) {
      sb.append(" tasks=").append(tasks.size());
    }
    if (!errors.isEmpty()) {
      sb.append(" errors=").append(errors.size());
    }
    if (aborting) {
      sb.append(" cancelling");
    } else if (entered) {
      sb.append(" entered");
    }
    return sb.append('>').toString();
  }

  /** The exit: wait for every task, then decide what propagates. */
  private final class Exit extends Coroutine<Boolean> {
    private final Throwable exception;
    private Throwable propagateCancellation;
    private int state;

    Exit(Throwable exception) {
      this.exception = exception;
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      switch (state) {
        case 0:
          if (error != null) {
            state = 2;
            throw error;
          }
          if (!entered) {
            state = 2;
            throw new IllegalStateException(
                "TaskGroup " + TaskGroup.this + " exited without being entered");
          }
          exiting = true;
          if (exception != null && isBaseError(exception) && baseError == null) {
            baseError = exception;
          }
          propagateCancellation = exception instanceof CancelledError ? exception : null;
          if (exception != null && !aborting) {
            // The body failed or its task is being cancelled: cancel the group's tasks.
            abort();
          }
          state = 1;
          break;
        case 1:
          onCompleted = null;
          if (error instanceof CancelledError c && !aborting) {
            // The parent task is cancelled while the group's tasks still run.
            propagateCancellation = c;
            abort();
          } else if (error != null && !(error instanceof CancelledError)) {
            state = 2;
            throw error;
          }
          break;
        default:
          throw reuseError(error);
      }
      // The loop keeps waiting: onCompleted can be cancelled several times if the parent task is
      // cancelled repeatedly.
      while (!tasks.isEmpty()) {
        onCompleted = loop.createFuture();
        try {
          if (await(task, onCompleted) == SUSPENDED) {
            return SUSPENDED;
          }
        } catch (CancelledError c) {
          if (!aborting) {
            propagateCancellation = c;
            abort();
          }
        }
        onCompleted = null;
      }
      state = 2;
      return finish();
    }

    private Object finish() throws Throwable {
      if (baseError != null) {
        throw baseError;
      }
      if (parentCancelRequested && parentTask.uncancel() == 0) {
        // No cancellation requests are left: do not propagate one.
        propagateCancellation = null;
      }
      if (propagateCancellation != null && errors.isEmpty()) {
        throw propagateCancellation;
      }
      if (exception != null && !(exception instanceof CancelledError)) {
        errors.add(exception);
      }
      if (!errors.isEmpty()) {
        if (parentTask.cancelling() > 0) {
          // The parent is also cancelled from outside: keep its cancel count stable and make sure
          // the cancellation is still delivered.
          parentTask.uncancel();
          parentTask.cancel();
        }
        throw new ExceptionGroup("unhandled errors in a TaskGroup", errors);
      }
      return false;
    }

    @Override
    public String toString() {
      return "TaskGroup.aexit(" + TaskGroup.this + ")";
    }
  }
}
