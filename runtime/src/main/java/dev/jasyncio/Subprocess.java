package dev.jasyncio;

import dev.jasyncio.internal.Deferred;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A child process whose pipes are streams, as asyncio's {@code asyncio.subprocess.Process}: made by
 * {@link Asyncio#createSubprocessExec} and {@link Asyncio#createSubprocessShell}, over the JDK's
 * {@link Process}. (It is not named {@code Process}, to leave {@code java.lang.Process} alone.)
 *
 * <pre>{@code
 * SubprocessOptions opts = new SubprocessOptions().stdin(PIPE).stdout(PIPE);
 * Subprocess p = await(createSubprocessExec(opts, "sort"));
 * Subprocess.Result r = await(p.communicate("b\na\n".getBytes(UTF_8)));
 * // r.stdout() is "a\nb\n", r.returncode() is 0
 *
 * Subprocess tail = await(createSubprocessExec(opts, "tail", "-f", "app.log"));
 * for (byte[] line; (line = await(tail.stdout().readline())).length > 0; ) {
 *   handle(line);                                  // while tail runs
 * }
 * }</pre>
 *
 * <p>Each stream given {@link Redirect#PIPE} in the {@link SubprocessOptions} is here: {@link
 * #stdin()} is a {@link StreamWriter}, {@link #stdout()} and {@link #stderr()} are {@link
 * StreamReader}s; a stream not piped is null, as in asyncio. {@link #communicate} writes the input,
 * closes stdin and reads both outputs to their end at once, so a child that writes much on both
 * cannot block; {@link #waitSubprocess()} only waits. <b>As in asyncio, a child that writes more to
 * a piped stdout or stderr than the reader's buffer holds (twice its limit) blocks until the
 * program reads it</b>: waiting for such a child to exit without reading its output never ends. Use
 * {@code communicate}, or read the pipes.
 *
 * <h2>Exit</h2>
 *
 * <p>{@link #returncode()} is null while the child runs, then its exit status. A child ended by a
 * signal has, as the JDK reports it on Unix, 128 plus the signal's number: 137 after {@link
 * #kill()}, 143 after {@link #terminate()} (asyncio gives the negative signal number).
 *
 * <h2>Cancellation</h2>
 *
 * <p>Cancelling {@link #waitSubprocess()} or {@link #communicate} leaves the child running, as in
 * asyncio: call {@link #kill()} (for example in a {@code finally} block) to end it. Output that a
 * cancelled {@code communicate} had read is lost; what it had not read stays in the readers.
 *
 * <h2>Threads</h2>
 *
 * <p>The JDK's pipes are blocking streams, so each piped stream has a daemon thread, named {@code
 * jasyncio-subprocess-<pid>-stdout} (or {@code -stderr}, {@code -stdin}), that moves its bytes
 * between the pipe and the loop; it ends when the pipe does. The child's exit is learned from
 * {@link Process#onExit()}. The loop counts all of them as work it waits for. A subprocess is used
 * on the thread of the loop that started it, except {@link #kill()}, {@link #terminate()} and
 * {@link #pid()}, which any thread may call. The child outlives the loop if nobody ends it.
 */
public final class Subprocess {
  /*
   * Overview: as asyncio's BaseSubprocessTransport, the subprocess is finished when the child has
   * exited and every output pipe has reached its end (or failed); only then do the waiters of
   * waitSubprocess() wake, so that communicate() and a program that read the pipes see all of the
   * output before the exit status. Each waiter is its own future, so that cancelling one waiting
   * task cancels nothing shared. The exit callback and the pipes' threads report on the loop
   * through callSoonThreadsafe.
   */

  /**
   * What to connect a standard stream of the child to, as asyncio's {@code subprocess.PIPE}, {@code
   * DEVNULL}, {@code STDOUT} and the default {@code None}.
   */
  public enum Redirect {
    /** A pipe to the program: a {@link StreamWriter} for stdin, a {@link StreamReader} else. */
    PIPE,
    /** Nothing: stdin reads an empty input, output is discarded. */
    DEVNULL,
    /** The Java process's own stream (the default). */
    INHERIT,
    /** For stderr only: into the same place as stdout. */
    STDOUT
  }

  /**
   * What {@link #communicate} produces: all of the child's output and its exit status.
   *
   * @param stdout everything the child wrote to its stdout, or null if stdout was not piped
   * @param stderr everything the child wrote to its stderr, or null if stderr was not piped
   * @param returncode the exit status, as {@link #returncode()}
   */
  public record Result(byte[] stdout, byte[] stderr, int returncode) {
    @Override
    public String toString() {
      return "Result[stdout="
          + (stdout == null ? "null" : stdout.length + " bytes")
          + ", stderr="
          + (stderr == null ? "null" : stderr.length + " bytes")
          + ", returncode="
          + returncode
          + "]";
    }
  }

  private final EventLoop loop;
  private final Process process;
  private final List<String> command;
  private final long pid;
  private final StreamWriter stdin;
  private final PipeTransport.Write stdinTransport;
  private final StreamReader stdout;
  private final StreamReader stderr;

  private Integer returncode;
  private int openPipes;
  private boolean finished;
  private final ArrayList<Future<Integer>> exitWaiters = new ArrayList<>(1);

  private Subprocess(
      EventLoop loop, Process process, List<String> command, SubprocessOptions options) {
    this.loop = loop;
    this.process = process;
    this.command = command;
    this.pid = process.pid();
    String threadPrefix = "jasyncio-subprocess-" + pid + "-";
    String what = describe();
    if (options.stdin() == Redirect.PIPE) {
      StreamProtocol protocol = new StreamProtocol(loop, null);
      stdinTransport =
          new PipeTransport.Write(
              loop,
              "stdin of " + what,
              threadPrefix + "stdin",
              process.getOutputStream(),
              protocol);
      stdin = new StreamWriter(stdinTransport, protocol);
    } else {
      stdinTransport = null;
      stdin = null;
    }
    stdout = options.stdout() == Redirect.PIPE ? new StreamReader(options.limit()) : null;
    stderr = options.stderr() == Redirect.PIPE ? new StreamReader(options.limit()) : null;
  }

  /**
   * Starts {@code command} on {@code loop}, as asyncio's {@code create_subprocess_exec}; the pipes'
   * threads and the exit watch start before this returns. Loop thread.
   *
   * @throws IOException if the program cannot be started; the JDK's message names it ({@code Cannot
   *     run program "x": error=2, No such file or directory})
   */
  static Subprocess start(EventLoop loop, SubprocessOptions options, List<String> command)
      throws IOException {
    loop.checkThread("createSubprocessExec");
    loop.checkClosed();
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectInput(input(options.stdin()));
    pb.redirectOutput(output(options.stdout()));
    if (options.stderr() == Redirect.STDOUT) {
      pb.redirectErrorStream(true);
    } else {
      pb.redirectError(output(options.stderr()));
    }
    if (options.directory() != null) {
      pb.directory(options.directory().toFile());
    }
    Map<String, String> env = pb.environment();
    if (options.environment() != null) {
      env.clear();
      env.putAll(options.environment());
    }
    env.putAll(options.extraEnvironment());
    Process process = pb.start();
    Subprocess p;
    try {
      p = new Subprocess(loop, process, command, options);
      p.watch();
    } catch (RuntimeException | Error e) {
      process.destroyForcibly();
      throw e;
    }
    return p;
  }

  private static ProcessBuilder.Redirect input(Redirect r) {
    switch (r) {
      case PIPE:
        return ProcessBuilder.Redirect.PIPE;
      case DEVNULL:
        return ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null"));
      default:
        return ProcessBuilder.Redirect.INHERIT;
    }
  }

  private static ProcessBuilder.Redirect output(Redirect r) {
    switch (r) {
      case PIPE:
        return ProcessBuilder.Redirect.PIPE;
      case DEVNULL:
        return ProcessBuilder.Redirect.DISCARD;
      default:
        return ProcessBuilder.Redirect.INHERIT;
    }
  }

  static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }

  /** The command that runs {@code command} in the platform's shell: {@code /bin/sh -c}. */
  static List<String> shell(String command) {
    return isWindows() ? List.of("cmd.exe", "/c", command) : List.of("/bin/sh", "-c", command);
  }

  /** Starts the pumps and the exit watch. */
  private void watch() {
    String threadPrefix = "jasyncio-subprocess-" + pid + "-";
    String what = describe();
    if (stdout != null) {
      openPipes++;
      new PipeTransport.Read(
              loop, "stdout of " + what, process.getInputStream(), stdout, this::pipeEnded)
          .start(threadPrefix + "stdout");
    }
    if (stderr != null) {
      openPipes++;
      new PipeTransport.Read(
              loop, "stderr of " + what, process.getErrorStream(), stderr, this::pipeEnded)
          .start(threadPrefix + "stderr");
    }
    loop.outsideWorkStarted();
    process
        .onExit()
        .whenComplete(
            (p, t) -> {
              try {
                loop.callSoonThreadsafe(this::exited);
              } catch (IllegalStateException closedLoop) {
                // Nobody is left to tell.
              }
            });
  }

  private void exited() {
    loop.outsideWorkFinished();
    returncode = process.exitValue();
    if (stdinTransport != null) {
      stdinTransport.processExited();
    }
    tryFinish();
  }

  private void pipeEnded() {
    openPipes--;
    tryFinish();
  }

  private void tryFinish() {
    if (finished || returncode == null || openPipes > 0) {
      return;
    }
    finished = true;
    for (Future<Integer> w : exitWaiters) {
      w.trySetResult(returncode);
    }
    exitWaiters.clear();
  }

  /** The child's process id. */
  public long pid() {
    return pid;
  }

  /** The command line, as given (for a shell command: the shell, its flag and the command). */
  public List<String> command() {
    return command;
  }

  /** The child's standard input, if it was given {@link Redirect#PIPE}; else null. */
  public StreamWriter stdin() {
    return stdin;
  }

  /** The child's standard output, if it was given {@link Redirect#PIPE}; else null. */
  public StreamReader stdout() {
    return stdout;
  }

  /** The child's standard error, if it was given {@link Redirect#PIPE}; else null. */
  public StreamReader stderr() {
    return stderr;
  }

  /**
   * The child's exit status, or null while it runs: set in the first loop iteration after it exits,
   * as asyncio's {@code returncode}. See the class comment for signals.
   */
  public Integer returncode() {
    return returncode;
  }

  /**
   * A coroutine that waits for the child to exit and produces its exit status, as asyncio's {@code
   * process.wait()}: {@code wait} plus the class's name, as {@link Event#waitEvent()}, since {@code
   * wait()} is {@link Object#wait()}.
   *
   * <p>It returns once the child has exited and its piped stdout and stderr have reached their end
   * (at once if {@link #returncode()} is already set). With piped output nobody reads, a child that
   * writes more than the readers buffer never exits: use {@link #communicate}. Cancelling it leaves
   * the child running.
   */
  public Coroutine<Integer> waitSubprocess() {
    return new Deferred<>(
        "waitSubprocess() of " + this,
        () -> {
          if (returncode != null) {
            return Asyncio.done(returncode);
          }
          loop.checkThread("waitSubprocess");
          exitWaiters.removeIf(Future::cancelled);
          Future<Integer> w = loop.createFuture();
          exitWaiters.add(w);
          return w;
        });
  }

  /** {@link #communicate(byte[])} with no input: stdin, if piped, is closed at once. */
  public Coroutine<Result> communicate() {
    return communicate(null);
  }

  /**
   * A coroutine that writes {@code input} to the child's stdin and closes it, reads its stdout and
   * stderr to their end, all at the same time, then waits for it to exit, as asyncio's {@code
   * communicate(input)}. Reading both pipes while writing means no size of output or input can
   * block the child.
   *
   * <p>A child that exits without reading all of its input does not fail it (the broken pipe is
   * ignored, as in asyncio). The outputs not piped are null in the result. Cancelling it leaves the
   * child running.
   *
   * @param input the bytes for stdin, or null for none
   * @throws IllegalArgumentException if {@code input} is given and stdin was not piped
   */
  public Coroutine<Result> communicate(byte[] input) {
    if (input != null && stdin == null) {
      throw new IllegalArgumentException(
          "communicate(input): the stdin of "
              + this
              + " is not piped; start it with new SubprocessOptions().stdin(PIPE)");
    }
    return new Communicate(input == null ? null : input.clone());
  }

  /**
   * Asks the child to end, as asyncio's {@code terminate()}: SIGTERM on Unix ({@link
   * Process#destroy()}). Does nothing if the child has exited. Any thread.
   */
  public void terminate() {
    process.destroy();
  }

  /**
   * Ends the child, as asyncio's {@code kill()}: SIGKILL on Unix ({@link
   * Process#destroyForcibly()}). Does nothing if the child has exited. Any thread.
   */
  public void kill() {
    process.destroyForcibly();
  }

  /** The child, for the names of its pipes: {@code process 1234 (cat -n)}. */
  private String describe() {
    return "process " + pid + " (" + String.join(" ", command) + ")";
  }

  @Override
  public String toString() {
    Integer rc = returncode;
    return "<Subprocess "
        + pid
        + " "
        + (rc == null ? "running" : "returncode=" + rc)
        + " "
        + String.join(" ", command)
        + ">";
  }

  /** The coroutine of {@link #communicate(byte[])}. */
  private final class Communicate extends Coroutine<Result> {
    private final byte[] input;
    private byte state;
    private List<?> outputs;

    Communicate(byte[] input) {
      this.input = input;
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      switch (state) {
        case 0:
          if (error != null) {
            state = 3;
            throw error;
          }
          state = 1;
          List<Awaitable<?>> parts =
              Arrays.asList(
                  stdin != null ? new FeedStdin(input) : Asyncio.done(),
                  stdout != null ? stdout.read(-1) : Asyncio.done(),
                  stderr != null ? stderr.read(-1) : Asyncio.done());
          value = await(task, Asyncio.<Object>gather(parts));
          if (value == SUSPENDED) {
            return SUSPENDED;
          }
        // fall through: everything was already done
        case 1:
          if (error != null) {
            state = 3;
            throw error;
          }
          outputs = (List<?>) value;
          state = 2;
          value = await(task, waitSubprocess());
          if (value == SUSPENDED) {
            return SUSPENDED;
          }
        // fall through
        case 2:
          state = 3;
          if (error != null) {
            throw error;
          }
          return new Result((byte[]) outputs.get(1), (byte[]) outputs.get(2), (Integer) value);
        default:
          throw reuseError(error);
      }
    }

    @Override
    public String toString() {
      return "communicate() of " + Subprocess.this;
    }
  }

  /**
   * Writes the input, waits until the child has taken it, closes stdin; a broken pipe (the child
   * exited or closed its input) ends it quietly, as asyncio's {@code _feed_stdin}.
   */
  private final class FeedStdin extends Coroutine<Void> {
    private final byte[] input;
    private byte state;

    FeedStdin(byte[] input) {
      this.input = input;
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      switch (state) {
        case 0:
          if (error != null) {
            state = 2;
            throw error;
          }
          if (input != null && !stdin.isClosing()) {
            stdin.write(input);
          }
          state = 1;
          try {
            if (await(task, stdin.drain()) == SUSPENDED) {
              return SUSPENDED;
            }
          } catch (IOException brokenPipe) {
            // The child does not read any more; what it did not take is dropped.
          }
          state = 2;
          stdin.close();
          return null;
        case 1:
          state = 2;
          if (error != null && !(error instanceof IOException)) {
            throw error;
          }
          stdin.close();
          return null;
        default:
          throw reuseError(error);
      }
    }

    @Override
    public String toString() {
      return "feeding the stdin of " + Subprocess.this;
    }
  }
}
