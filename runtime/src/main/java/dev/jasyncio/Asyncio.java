package dev.jasyncio;

import dev.jasyncio.internal.Deferred;
import dev.jasyncio.internal.Sneaky;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The asyncio module: the static entry points of jasyncio, meant for {@code import static
 * dev.jasyncio.Asyncio.*}.
 *
 * <pre>{@code
 * import static dev.jasyncio.Asyncio.*;
 *
 * public abstract class Greeter {
 *   @Async
 *   Coroutine<String> greet(String name) {
 *     await(sleep(1.0));
 *     return done("hello, " + name);
 *   }
 *
 *   public static void main(String[] args) {
 *     System.out.println(run(new Async_Greeter().greet("world")));
 *   }
 * }
 * }</pre>
 *
 * <p>The names are asyncio's in Java casing ({@code create_task} is {@link #createTask}, {@code
 * wait_for} is {@link #waitFor}). Two are renamed: {@code asyncio.wait} is {@link #waitTasks},
 * because a static {@code wait} would be hidden by {@link Object#wait()} in every class, and {@code
 * gather(..., return_exceptions=True)} is {@link #gatherReturnExceptions}.
 *
 * <p>Unless a method says otherwise it must be called on a running loop's thread, typically from
 * inside a coroutine.
 */
public final class Asyncio {
  private static final Duration EXECUTOR_JOIN_TIMEOUT = Duration.ofSeconds(300);

  private Asyncio() {}

  // ---- markers compiled away by the annotation processor ----

  /**
   * Suspends the enclosing {@link Async} method until {@code awaitable} is done and evaluates to
   * its result; raises its exception, or {@link CancelledError} if it was cancelled. A coroutine
   * runs inside the awaiting task; a future or task is waited for.
   *
   * <p>Only meaningful inside an {@code @Async} method, whose body the annotation processor
   * compiles; called as ordinary code it throws.
   *
   * @throws IllegalStateException always, when it runs as ordinary code
   */
  public static <T> T await(Awaitable<T> awaitable) {
    throw awaitOutsideAsync();
  }

  /**
   * Suspends the enclosing {@link Async} method until {@code stage} completes, on whatever thread,
   * and evaluates to its result; raises its exception (unwrapped from {@link
   * java.util.concurrent.CompletionException}).
   *
   * @throws IllegalStateException always, when it runs as ordinary code
   */
  public static <T> T await(CompletionStage<T> stage) {
    throw awaitOutsideAsync();
  }

  /**
   * Hands out {@code value} as the next item of the enclosing {@code @Async} generator (a method
   * that returns {@link AsyncGenerator} or {@link AsyncContextManager}) and suspends it until the
   * next request, as Python's {@code yield value}. Evaluates to what {@link AsyncGenerator#asend}
   * sends: null for {@code anext()}.
   *
   * <p>{@code yield} is a restricted identifier in Java, hence the name.
   *
   * @throws IllegalStateException always, when it runs as ordinary code
   */
  public static <S> S emit(Object value) {
    throw markerOutsideAsync(
        "emit(...)", "an @Async method that returns AsyncGenerator<T> or AsyncContextManager<T>");
  }

  /**
   * Ends the enclosing {@code @Async} generator: {@code return endGenerator();}, Python's bare
   * {@code return} in a generator. The awaiting {@code anext()} then raises {@link
   * StopAsyncIteration}.
   *
   * @throws IllegalStateException always, when it runs as ordinary code
   */
  public static <G> G endGenerator() {
    throw markerOutsideAsync(
        "endGenerator()",
        "an @Async method that returns AsyncGenerator<T> or AsyncContextManager<T>");
  }

  /**
   * The source of an asynchronous for loop, Python's {@code async for}: {@code for (T x :
   * asyncFor(source)) {...}} inside an {@code @Async} method awaits {@code source.aiter().anext()}
   * before each turn and ends at {@link StopAsyncIteration}. Leaving the loop early ({@code break},
   * {@code return}, an exception) awaits the iterator's {@link AsyncIterator#aclose()} before going
   * on.
   *
   * @throws IllegalStateException always, when it runs as ordinary code
   */
  public static <T> Iterable<T> asyncFor(AsyncIterable<? extends T> source) {
    throw markerOutsideAsync("asyncFor(...)", "the source of a for loop in an @Async method");
  }

  /**
   * Python's {@code async with manager as r}: {@code try (Entered<T> r = asyncWith(manager)) {...}}
   * inside an {@code @Async} method awaits {@code manager.aenter()}, binds its value to {@code
   * r.get()}, runs the block, and awaits {@code manager.aexit(e)} however the block ends — {@code
   * e} is the block's exception or null; if the exit produces true the exception is suppressed.
   * Several resources exit in reverse order.
   *
   * @throws IllegalStateException always, when it runs as ordinary code
   */
  public static <T> Entered<T> asyncWith(AsyncContextManager<? extends T> manager) {
    throw markerOutsideAsync(
        "asyncWith(manager)", "the initializer of a try-with-resources in an @Async method");
  }

  private static IllegalStateException markerOutsideAsync(String marker, String where) {
    return new IllegalStateException(
        marker
            + " ran as ordinary code: it only works in "
            + where
            + ", whose body the jasyncio annotation processor compiles into a state machine. Use"
            + " it there, make sure jasyncio-processor is on the annotation processor path, and"
            + " call the generated class (Async_<YourClass>).");
  }

  private static IllegalStateException awaitOutsideAsync() {
    return new IllegalStateException(
        "await(...) ran as ordinary code: it only works inside a method annotated @Async, whose"
            + " body the jasyncio annotation processor compiles into a state machine. Annotate the"
            + " enclosing method with @Async, make sure jasyncio-processor is on the annotation"
            + " processor path, and call the generated class (Async_<YourClass>).");
  }

  /**
   * A coroutine that is already finished with {@code value}: {@code return done(x)} in an
   * {@code @Async} method.
   */
  public static <T> Coroutine<T> done(T value) {
    return new Completed<>(value);
  }

  /** A coroutine that is already finished, without a value. */
  public static Coroutine<Void> done() {
    return Completed.VOID;
  }

  // ---- sleeping ----

  /**
   * Suspends for {@code seconds}, as {@code asyncio.sleep}. {@code sleep(0)} (or any delay ≤ 0)
   * yields to the loop once, letting other ready tasks run.
   *
   * @throws IllegalArgumentException if {@code seconds} is NaN
   */
  public static Coroutine<Void> sleep(double seconds) {
    return new Sleep<>(seconds, null);
  }

  /** Suspends for {@code seconds}, then produces {@code result}. */
  public static <T> Coroutine<T> sleep(double seconds, T result) {
    return new Sleep<>(seconds, result);
  }

  /** Suspends for {@code duration}. */
  public static Coroutine<Void> sleep(Duration duration) {
    return new Sleep<>(Sleep.seconds(duration), null);
  }

  // ---- running ----

  /**
   * Runs {@code main} on a new event loop and returns its result, as {@code asyncio.run}. On the
   * way out it cancels the tasks still running and waits for them, closes the async generators left
   * unfinished ({@link EventLoop#shutdownAsyncgens()}), shuts down the default executor and closes
   * the loop.
   *
   * @throws IllegalStateException if a loop is already running on this thread
   * @throws Throwable whatever {@code main} raised, unchanged (checked exceptions undeclared)
   */
  public static <T> T run(Coroutine<T> main) {
    return run(main, EventLoop::new);
  }

  /**
   * Runs {@code main} on a loop made by {@code loopFactory}: for example {@code TestEventLoop::new}
   * to run on a virtual clock.
   */
  public static <T> T run(Coroutine<T> main, Supplier<? extends EventLoop> loopFactory) {
    Objects.requireNonNull(main, "main");
    Objects.requireNonNull(loopFactory, "loopFactory");
    if (EventLoop.runningOrNull() != null) {
      throw new IllegalStateException(
          "run() cannot be called from a running event loop; await the coroutine instead");
    }
    EventLoop loop = Objects.requireNonNull(loopFactory.get(), "loopFactory returned null");
    try {
      return loop.runUntilComplete(loop.createTask(main));
    } finally {
      try {
        cancelAllTasks(loop);
        loop.runUntilComplete(loop.shutdownAsyncgens());
        loop.shutdownDefaultExecutor(EXECUTOR_JOIN_TIMEOUT);
      } finally {
        loop.close();
      }
    }
  }

  private static void cancelAllTasks(EventLoop loop) {
    Set<Task<?>> leftovers = loop.allTasks();
    if (leftovers.isEmpty()) {
      return;
    }
    for (Task<?> t : leftovers) {
      t.cancel();
    }
    loop.runUntilComplete(Gather.of(leftovers, true));
    for (Task<?> t : leftovers) {
      if (!t.cancelled() && t.exception() != null) {
        loop.callExceptionHandler(
            new ExceptionContext(
                "unhandled exception during run() shutdown", t.exception(), null, t));
      }
    }
  }

  /** The loop running on this thread; throws if there is none. */
  public static EventLoop getRunningLoop() {
    return EventLoop.getRunningLoop();
  }

  /** Wraps {@code coro} in a task on the running loop, scheduled to start. */
  public static <T> Task<T> createTask(Coroutine<T> coro) {
    return getRunningLoop().createTask(coro);
  }

  /** Wraps {@code coro} in a task with the given name on the running loop. */
  public static <T> Task<T> createTask(Coroutine<T> coro, String name) {
    return getRunningLoop().createTask(coro, name);
  }

  /** The task running now, or null when a plain callback runs; throws if no loop is running. */
  public static Task<?> currentTask() {
    return getRunningLoop().currentTask();
  }

  /** The running loop's tasks that are not done yet; throws if no loop is running. */
  public static Set<Task<?>> allTasks() {
    return getRunningLoop().allTasks();
  }

  /**
   * {@code awaitable} as a future: a future itself, the future behind {@link #gather} or {@link
   * #shield}, or a new task on the running loop for a coroutine.
   */
  public static <T> Future<T> ensureFuture(Awaitable<T> awaitable) {
    Objects.requireNonNull(awaitable, "awaitable");
    if (awaitable instanceof Future<T> f) {
      return f;
    }
    if (awaitable instanceof AwaitFuture<T> v) {
      return v.future;
    }
    return getRunningLoop().ensureFuture(awaitable);
  }

  /** A future on the running loop that completes with {@code stage}, completed on any thread. */
  public static <T> Future<T> wrapFuture(CompletionStage<T> stage) {
    Objects.requireNonNull(stage, "stage");
    return getRunningLoop().wrapStage(stage);
  }

  // ---- combinators ----

  /**
   * Runs the awaitables concurrently and produces their results in argument order, as {@code
   * asyncio.gather}. Coroutines are wrapped in tasks now. The first exception propagates at once
   * and the others keep running; cancelling the awaiting task cancels them all. {@code
   * ensureFuture(gather(...))} is the gather's own future, for {@code cancel()}.
   */
  @SafeVarargs
  public static <T> Coroutine<List<T>> gather(Awaitable<? extends T>... awaitables) {
    return gather(Arrays.asList(awaitables));
  }

  /** {@link #gather(Awaitable[])} over a collection. */
  public static <T> Coroutine<List<T>> gather(
      Collection<? extends Awaitable<? extends T>> awaitables) {
    Objects.requireNonNull(awaitables, "awaitables");
    return new AwaitFuture<>(Gather.of(awaitables, false));
  }

  /**
   * {@code asyncio.gather(..., return_exceptions=True)}: like {@link #gather(Awaitable[])}, but a
   * failed or cancelled awaitable puts its exception (a {@link Throwable}) in its place in the
   * result list instead of failing the gather.
   */
  public static Coroutine<List<Object>> gatherReturnExceptions(Awaitable<?>... awaitables) {
    return gatherReturnExceptions(Arrays.asList(awaitables));
  }

  /** {@link #gatherReturnExceptions(Awaitable[])} over a collection. */
  public static Coroutine<List<Object>> gatherReturnExceptions(
      Collection<? extends Awaitable<?>> awaitables) {
    Objects.requireNonNull(awaitables, "awaitables");
    return new AwaitFuture<>(Gather.<Object>of(awaitables, true));
  }

  /**
   * Waits until every future is done, as {@code asyncio.wait}; see {@link #waitTasks(Collection,
   * double, ReturnWhen)}.
   */
  public static <T> Coroutine<DoneAndPending<T>> waitTasks(
      Collection<? extends Future<? extends T>> futures) {
    return new Wait<>(futures, Double.POSITIVE_INFINITY, ReturnWhen.ALL_COMPLETED);
  }

  /** Waits until {@code returnWhen} holds. */
  public static <T> Coroutine<DoneAndPending<T>> waitTasks(
      Collection<? extends Future<? extends T>> futures, ReturnWhen returnWhen) {
    return new Wait<>(futures, Double.POSITIVE_INFINITY, returnWhen);
  }

  /**
   * Waits until {@code returnWhen} holds or {@code timeout} seconds pass, then produces the done
   * and pending futures, as {@code asyncio.wait}. It never raises the futures' exceptions and never
   * cancels them, not even on timeout. Tasks and futures only: wrap coroutines with {@link
   * #createTask} first.
   *
   * @throws IllegalArgumentException if {@code futures} is empty or {@code timeout} is NaN
   */
  public static <T> Coroutine<DoneAndPending<T>> waitTasks(
      Collection<? extends Future<? extends T>> futures, double timeout, ReturnWhen returnWhen) {
    return new Wait<>(futures, timeout, returnWhen);
  }

  /**
   * The awaitables in the order they finish, as {@code asyncio.as_completed}; coroutines are
   * wrapped in tasks now. Iterating it gives coroutines of the results; iterating it with {@code
   * asyncFor} gives the finished futures themselves, as {@code async for} does since Python 3.13.
   */
  public static <T> AsCompleted<T> asCompleted(
      Collection<? extends Awaitable<? extends T>> awaitables) {
    return new AsCompleted<>(awaitables, Double.POSITIVE_INFINITY);
  }

  /**
   * The awaitables in the order they finish; those not finished within {@code timeout} seconds
   * raise {@link TimeoutException} when their turn comes. Nothing is cancelled.
   */
  public static <T> AsCompleted<T> asCompleted(
      Collection<? extends Awaitable<? extends T>> awaitables, double timeout) {
    return new AsCompleted<>(awaitables, timeout);
  }

  /**
   * Awaits {@code awaitable} for at most {@code timeout} seconds, as {@code asyncio.wait_for}: on
   * timeout it is cancelled, its cleanup runs, and {@link TimeoutException} is raised. If it
   * swallows the cancellation and returns a value, that value is the result. Built on {@link
   * #timeout(double)}, so an outside cancellation is never lost.
   */
  public static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, double timeout) {
    Objects.requireNonNull(awaitable, "awaitable");
    EventLoop.checkDelay(timeout, "waitFor");
    if (timeout <= 0) {
      return new WaitForNow<>(awaitable);
    }
    return new Deferred<>(
        "waitFor(" + awaitable + ", " + timeout + ")",
        () -> new AsyncWith<>(timeout(timeout), t -> awaitable));
  }

  /** {@link #waitFor(Awaitable, double)} with a {@link Duration}. */
  public static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return waitFor(awaitable, timeout.toNanos() / 1e9);
  }

  /**
   * Protects {@code awaitable} from cancellation, as {@code asyncio.shield}: cancelling the task
   * that awaits the result raises {@link CancelledError} there, while the inner task runs on.
   */
  public static <T> Coroutine<T> shield(Awaitable<T> awaitable) {
    Objects.requireNonNull(awaitable, "awaitable");
    return new AwaitFuture<>(Shield.of(awaitable));
  }

  /**
   * A {@link Timeout} that expires {@code delay} seconds from now on the running loop, as {@code
   * asyncio.timeout}; use it with {@link #asyncWith}.
   */
  public static Timeout timeout(double delay) {
    EventLoop.checkDelay(delay, "timeout");
    return new Timeout(getRunningLoop().time() + delay);
  }

  /** {@link #timeout(double)} with a {@link Duration}. */
  public static Timeout timeout(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    return timeout(delay.toNanos() / 1e9);
  }

  /**
   * A {@link Timeout} that expires at {@code when} on the loop's clock, or never if null (until
   * {@link Timeout#reschedule}), as {@code asyncio.timeout_at}.
   */
  public static Timeout timeoutAt(Double when) {
    return new Timeout(when);
  }

  /**
   * Python's {@code async with manager as r: body}: enters {@code manager}, awaits what {@code
   * body} returns for the entered value, and exits with the body's exception, which the manager may
   * suppress (the result is then null).
   */
  public static <R, T> Coroutine<T> asyncWith(
      AsyncContextManager<R> manager, Function<? super R, ? extends Awaitable<? extends T>> body) {
    return new AsyncWith<>(manager, body);
  }

  // ---- streams ----

  /**
   * Opens a TCP connection to {@code host}:{@code port}, as {@code asyncio.open_connection}, with
   * readers limited to {@link StreamReader#DEFAULT_LIMIT}. See {@link #openConnection(String, int,
   * int)}.
   */
  public static Coroutine<Connection> openConnection(String host, int port) {
    return openConnection(host, port, StreamReader.DEFAULT_LIMIT);
  }

  /**
   * Opens a TCP connection to {@code host}:{@code port} and produces its reader and writer, as
   * {@code asyncio.open_connection(host, port, limit=limit)}.
   *
   * <p>A host name is resolved on the loop's default executor (the JDK's resolver blocks); a
   * literal address and {@code "localhost"} need no lookup. Each address is tried in turn, and the
   * connect itself does not block. A failure throws the first address's error, naming it: {@code
   * java.net.ConnectException: Connection refused: localhost/127.0.0.1:1234}. Cancelling the
   * coroutine while it connects closes the socket.
   *
   * @param limit the limit of the connection's {@link StreamReader}
   * @throws IllegalArgumentException if {@code port} is not in 0-65535 or {@code limit <= 0}
   */
  public static Coroutine<Connection> openConnection(String host, int port, int limit) {
    Objects.requireNonNull(host, "host");
    Streams.checkPort(port);
    Streams.checkLimit(limit);
    return new Streams.OpenConnection(host, port, limit);
  }

  /**
   * Starts a TCP server on {@code host}:{@code port}, as {@code asyncio.start_server}. See {@link
   * #startServer(ClientConnected, String, int, int, int)}.
   */
  public static Coroutine<Server> startServer(ClientConnected handler, String host, int port) {
    return startServer(handler, host, port, StreamReader.DEFAULT_LIMIT, Streams.DEFAULT_BACKLOG);
  }

  /** Starts a TCP server whose connections' readers have the given limit. */
  public static Coroutine<Server> startServer(
      ClientConnected handler, String host, int port, int limit) {
    return startServer(handler, host, port, limit, Streams.DEFAULT_BACKLOG);
  }

  /**
   * Starts a TCP server that runs {@code handler} as a new task for each connection, as {@code
   * asyncio.start_server(handler, host, port, limit=limit, backlog=backlog)}; the server accepts
   * connections as soon as the coroutine produces it.
   *
   * <p>The server listens on every address of {@code host} (null: on every interface; a name is
   * resolved on the default executor), on {@code port}; port 0 picks a free port, which {@link
   * Server#port()} tells.
   *
   * @param limit the limit of each connection's {@link StreamReader}
   * @param backlog the listen backlog, and how many connections are accepted per loop iteration
   * @throws IllegalArgumentException if {@code port} is not in 0-65535, or {@code limit} or {@code
   *     backlog} is not positive
   */
  public static Coroutine<Server> startServer(
      ClientConnected handler, String host, int port, int limit, int backlog) {
    Objects.requireNonNull(handler, "handler");
    Streams.checkPort(port);
    Streams.checkLimit(limit);
    if (backlog <= 0) {
      throw new IllegalArgumentException("the backlog must be > 0, got " + backlog);
    }
    return new Streams.StartServer(handler, host, port, limit, backlog);
  }

  // ---- threads ----

  /**
   * Runs blocking {@code fn} on the loop's default executor (virtual threads on JDK 21+) in a copy
   * of the current {@link Context}, as {@code asyncio.to_thread}; the work starts when the
   * coroutine is awaited.
   */
  public static <T> Coroutine<T> toThread(Callable<? extends T> fn) {
    Objects.requireNonNull(fn, "fn");
    return new Deferred<>(
        "toThread(" + fn + ")",
        () -> {
          EventLoop loop = getRunningLoop();
          Context context = Context.copyContext();
          return loop.<T>runInExecutor(
              null,
              () ->
                  context.run(
                      () -> {
                        try {
                          return fn.call();
                        } catch (Exception e) {
                          throw Sneaky.throwUnchecked(e);
                        }
                      }));
        });
  }

  /**
   * Submits {@code coro} to {@code loop} from any other thread and returns a {@link
   * CompletableFuture} of its result, as {@code asyncio.run_coroutine_threadsafe}.
   */
  public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coro, EventLoop loop) {
    Objects.requireNonNull(loop, "loop");
    return loop.runCoroutineThreadsafe(coro);
  }

  // ---- subprocesses ----

  /**
   * Starts {@code program} with {@code args}, as {@code asyncio.create_subprocess_exec(program,
   * *args)}: the child inherits the Java process's standard streams, working directory and
   * environment. See {@link #createSubprocessExec(SubprocessOptions, String, String...)}.
   */
  public static Coroutine<Subprocess> createSubprocessExec(String program, String... args) {
    return createSubprocessExec(new SubprocessOptions(), program, args);
  }

  /**
   * Starts {@code program} with {@code args} as {@code options} say, as {@code
   * asyncio.create_subprocess_exec(program, *args, stdin=..., stdout=..., ...)}: no shell is
   * involved, each argument reaches the program as it is. The program is looked up on the {@code
   * PATH} when its name has no directory.
   *
   * <pre>{@code
   * SubprocessOptions opts = new SubprocessOptions().stdout(PIPE);
   * Subprocess p = await(createSubprocessExec(opts, "git", "rev-parse", "HEAD"));
   * Subprocess.Result r = await(p.communicate());
   * }</pre>
   *
   * <p>The child starts when the coroutine is awaited, on the loop's thread, as in asyncio.
   *
   * @throws java.io.IOException (from the coroutine, undeclared) if the program cannot be started;
   *     the message names it: {@code Cannot run program "x": error=2, No such file or directory}
   */
  public static Coroutine<Subprocess> createSubprocessExec(
      SubprocessOptions options, String program, String... args) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(args, "args");
    List<String> command = new java.util.ArrayList<>(args.length + 1);
    command.add(program);
    for (String a : args) {
      command.add(Objects.requireNonNull(a, "an argument is null"));
    }
    return startSubprocess(options, List.copyOf(command));
  }

  /**
   * Runs {@code command} in the shell, as {@code asyncio.create_subprocess_shell(cmd)}: {@code
   * /bin/sh -c command} ({@code cmd.exe /c command} on Windows). See {@link
   * #createSubprocessShell(SubprocessOptions, String)}.
   */
  public static Coroutine<Subprocess> createSubprocessShell(String command) {
    return createSubprocessShell(new SubprocessOptions(), command);
  }

  /**
   * Runs {@code command} in the shell as {@code options} say. The shell interprets the command:
   * quote what comes from outside, or use {@link #createSubprocessExec}. Signals from {@link
   * Subprocess#kill()} reach the shell, not the programs it started.
   */
  public static Coroutine<Subprocess> createSubprocessShell(
      SubprocessOptions options, String command) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(command, "command");
    return startSubprocess(options, Subprocess.shell(command));
  }

  private static Coroutine<Subprocess> startSubprocess(
      SubprocessOptions options, List<String> command) {
    return new Deferred<>(
        "createSubprocess(" + String.join(" ", command) + ")",
        () -> done(Subprocess.start(getRunningLoop(), options, command)));
  }
}
