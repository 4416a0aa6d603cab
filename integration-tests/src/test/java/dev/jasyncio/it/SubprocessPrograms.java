package dev.jasyncio.it;

import static dev.jasyncio.Asyncio.*;
import static dev.jasyncio.Subprocess.Redirect.DEVNULL;
import static dev.jasyncio.Subprocess.Redirect.PIPE;
import static dev.jasyncio.Subprocess.Redirect.STDOUT;
import static dev.jasyncio.it.Bytes.b;
import static dev.jasyncio.it.Bytes.s;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Coroutine;
import dev.jasyncio.StreamWriter;
import dev.jasyncio.Subprocess;
import dev.jasyncio.SubprocessOptions;
import dev.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;

/** Programs that run child processes, written as users write them: {@code @Async} methods. */
abstract class SubprocessPrograms {
  static final SubprocessOptions PIPES =
      new SubprocessOptions().stdin(PIPE).stdout(PIPE).stderr(PIPE);

  /** Runs {@code program args...} with {@code options} and communicates {@code input}. */
  @Async
  Coroutine<Subprocess.Result> exec(
      SubprocessOptions options, byte[] input, String program, String... args) {
    Subprocess p = await(createSubprocessExec(options, program, args));
    return done(await(p.communicate(input)));
  }

  /** Runs {@code command} in the shell with stdout and stderr piped. */
  @Async
  Coroutine<Subprocess.Result> shell(SubprocessOptions options, String command) {
    Subprocess p = await(createSubprocessShell(options, command));
    return done(await(p.communicate()));
  }

  /** Talks to {@code cat} line by line: each line written comes back while cat runs. */
  @Async
  Coroutine<List<String>> catLineByLine(List<String> lines) {
    Subprocess cat = await(createSubprocessExec(PIPES, "cat"));
    List<String> got = new ArrayList<>();
    for (String line : lines) {
      cat.stdin().write(b(line + "\n"));
      await(cat.stdin().drain());
      got.add(s(await(cat.stdout().readline())));
      got.add("running " + (cat.returncode() == null));
    }
    cat.stdin().close();
    got.add("end " + s(await(cat.stdout().readline())).isEmpty());
    got.add("exit " + await(cat.waitSubprocess()));
    return done(got);
  }

  /** Counts the lines a shell loop prints, reading them as they come. */
  @Async
  Coroutine<Integer> countLines(int n) {
    Subprocess p =
        await(
            createSubprocessShell(
                new SubprocessOptions().stdout(PIPE),
                "i=0; while [ $i -lt " + n + " ]; do echo line $i; i=$((i+1)); done"));
    int count = 0;
    while (true) {
      byte[] line = await(p.stdout().readline());
      if (line.length == 0) {
        break;
      }
      if (!s(line).equals("line " + count + "\n")) {
        throw new AssertionError("line " + count + " is " + s(line));
      }
      count++;
    }
    await(p.waitSubprocess());
    return done(count);
  }

  /** Kills a long sleep and reports the returncode before and after. */
  @Async
  Coroutine<List<Object>> killSleep() {
    Subprocess p = await(createSubprocessExec("sleep", "100"));
    List<Object> got = new ArrayList<>();
    got.add(p.returncode());
    p.kill();
    got.add(await(p.waitSubprocess()));
    got.add(p.returncode());
    return done(got);
  }

  /** Cancels a wait for a sleep: the sleep still runs; then kills it. */
  @Async
  Coroutine<List<Object>> cancelledWait() {
    Subprocess p = await(createSubprocessExec("sleep", "100"));
    Task<Integer> waiting = createTask(p.waitSubprocess());
    await(sleep(0));
    waiting.cancel();
    List<Object> got = new ArrayList<>();
    try {
      await(waiting);
    } catch (CancelledError e) {
      got.add("cancelled");
    }
    got.add(p.returncode());
    p.kill();
    await(p.waitSubprocess());
    got.add(p.returncode() != null);
    return done(got);
  }

  /** Writes {@code megabytes} MB to cat, whose output goes nowhere, with drain() after each. */
  @Async
  Coroutine<List<Object>> feedCat(int megabytes) {
    Subprocess cat =
        await(createSubprocessExec(new SubprocessOptions().stdin(PIPE).stdout(DEVNULL), "cat"));
    StreamWriter in = cat.stdin();
    byte[] chunk = new byte[1024 * 1024];
    int mostBuffered = 0;
    for (int i = 0; i < megabytes; i++) {
      in.write(chunk);
      mostBuffered = Math.max(mostBuffered, in.getWriteBufferSize());
      await(in.drain());
      if (in.getWriteBufferSize() > in.getWriteBufferLow()) {
        throw new AssertionError("drain() returned with " + in.getWriteBufferSize() + " buffered");
      }
    }
    in.close();
    await(in.waitClosed());
    List<Object> got = new ArrayList<>();
    got.add(mostBuffered);
    got.add(await(cat.waitSubprocess()));
    return done(got);
  }

  /** A program that does not exist: the message of the failure. */
  @Async
  Coroutine<String> missingProgram(String name) {
    try {
      await(createSubprocessExec(name));
      return done("started");
    } catch (Exception e) {
      // The IOException is undeclared: a coroutine's failure is not a checked exception.
      return done(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** Merged output: stderr goes where stdout goes. */
  static SubprocessOptions merged() {
    return new SubprocessOptions().stdout(PIPE).stderr(STDOUT);
  }
}
