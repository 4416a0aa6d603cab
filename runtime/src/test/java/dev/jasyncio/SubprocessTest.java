package dev.jasyncio;

import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static dev.jasyncio.Subprocess.Redirect.DEVNULL;
import static dev.jasyncio.Subprocess.Redirect.PIPE;
import static dev.jasyncio.Subprocess.Redirect.STDOUT;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests {@link Subprocess} against real Unix programs ({@code /bin/sh}, {@code cat}, {@code echo},
 * {@code sleep}, {@code head}) on a {@link TestEventLoop}, which fails with "deadlock" if the
 * pipes' threads or the exit watch were not counted as outside work. No test depends on timing.
 */
class SubprocessTest {
  private static final SubprocessOptions PIPES =
      new SubprocessOptions().stdin(PIPE).stdout(PIPE).stderr(PIPE);

  @BeforeEach
  void unixOnly() {
    assumeFalse(Subprocess.isWindows(), "the tests run Unix programs");
  }

  private <T> T run(Coroutine<T> main) {
    return Asyncio.run(main, TestEventLoop::new);
  }

  private static byte[] b(String s) {
    return s.getBytes(US_ASCII);
  }

  private static String s(byte[] bytes) {
    return new String(bytes, US_ASCII);
  }

  private static Coroutine<Subprocess> exec(SubprocessOptions o, String... command) {
    return Asyncio.createSubprocessExec(
        o, command[0], Arrays.copyOfRange(command, 1, command.length));
  }

  /** Starts {@code command} and communicates {@code input} to it. */
  private Subprocess.Result communicate(SubprocessOptions o, byte[] input, String... command) {
    return run(
        co(
            () ->
                await(
                    exec(o, command), p -> await(((Subprocess) p).communicate(input), Coro::ret))));
  }

  @Test
  void echoViaExecProducesItsOutputAndExitStatus() {
    Subprocess.Result r = communicate(new SubprocessOptions().stdout(PIPE), null, "echo", "hello");
    assertEquals("hello\n", s(r.stdout()));
    assertNull(r.stderr());
    assertEquals(0, r.returncode());
  }

  @Test
  void echoViaShellRunsTheCommandInSh() {
    Subprocess.Result r =
        run(
            co(
                () ->
                    await(
                        Asyncio.createSubprocessShell(
                            new SubprocessOptions().stdout(PIPE), "echo hello | tr a-z A-Z"),
                        p -> await(((Subprocess) p).communicate(), Coro::ret))));
    assertEquals("HELLO\n", s(r.stdout()));
    assertEquals(0, r.returncode());
  }

  @Test
  void catRoundTripsTheInputOfCommunicate() {
    Subprocess.Result r = communicate(PIPES, b("one\ntwo\n"), "cat");
    assertEquals("one\ntwo\n", s(r.stdout()));
    assertEquals("", s(r.stderr()));
    assertEquals(0, r.returncode());
  }

  @Test
  void fiveMegabytesOfOutputThroughCommunicateDoNotDeadlock() {
    int size = 5 * 1024 * 1024;
    Subprocess.Result r =
        communicate(PIPES, null, "/bin/sh", "-c", "head -c " + size + " /dev/zero; echo done >&2");
    assertEquals(size, r.stdout().length);
    assertEquals("done\n", s(r.stderr()));
    assertEquals(0, r.returncode());
  }

  @Test
  void fiveMegabytesThroughCatBothWaysDoNotDeadlock() {
    byte[] input = new byte[5 * 1024 * 1024];
    for (int i = 0; i < input.length; i++) {
      input[i] = (byte) (i * 31);
    }
    Subprocess.Result r = communicate(PIPES, input, "cat");
    assertArrayEquals(input, r.stdout());
    assertEquals(0, r.returncode());
  }

  @Test
  void readlineReadsLinesWhileTheProcessRuns() {
    List<String> lines = new ArrayList<>();
    int rc =
        run(
            co(
                () ->
                    await(
                        exec(PIPES, "cat"),
                        v -> {
                          Subprocess p = (Subprocess) v;
                          p.stdin().write(b("first\n"));
                          return await(
                              p.stdout().readline(),
                              l1 -> {
                                lines.add(s((byte[]) l1));
                                assertNull(p.returncode(), "cat waits for more input");
                                p.stdin().write(b("second\n"));
                                return await(
                                    p.stdout().readline(),
                                    l2 -> {
                                      lines.add(s((byte[]) l2));
                                      p.stdin().close();
                                      return await(
                                          p.stdout().readline(),
                                          l3 -> {
                                            lines.add(s((byte[]) l3));
                                            return await(p.waitSubprocess(), Coro::ret);
                                          });
                                    });
                              });
                        })));
    assertEquals(List.of("first\n", "second\n", ""), lines);
    assertEquals(0, rc);
  }

  @Test
  void stderrIsCapturedSeparately() {
    Subprocess.Result r = communicate(PIPES, null, "/bin/sh", "-c", "echo out; echo err >&2");
    assertEquals("out\n", s(r.stdout()));
    assertEquals("err\n", s(r.stderr()));
  }

  @Test
  void stderrMergedIntoStdout() {
    Subprocess.Result r =
        communicate(
            new SubprocessOptions().stdout(PIPE).stderr(STDOUT),
            null,
            "/bin/sh",
            "-c",
            "echo out; echo err >&2");
    assertEquals("out\nerr\n", s(r.stdout()));
    assertNull(r.stderr());
  }

  @Test
  void nonZeroExitStatusIsTheReturncode() {
    Subprocess.Result r = communicate(PIPES, null, "/bin/sh", "-c", "exit 3");
    assertEquals(3, r.returncode());
  }

  @Test
  void killedSleepEndsWithTheSignalStatus() {
    Object[] seen = new Object[2];
    int rc =
        run(
            co(
                () ->
                    await(
                        exec(new SubprocessOptions(), "sleep", "100"),
                        v -> {
                          Subprocess p = (Subprocess) v;
                          seen[0] = p.returncode();
                          p.kill();
                          return await(
                              p.waitSubprocess(),
                              code -> {
                                seen[1] = p.returncode();
                                return ret(code);
                              });
                        })));
    assertNull(seen[0]);
    assertEquals(128 + 9, rc, "SIGKILL, as the JDK reports it");
    assertEquals(rc, seen[1]);
  }

  @Test
  void terminatedSleepEndsWithSigterm() {
    int rc =
        run(
            co(
                () ->
                    await(
                        exec(new SubprocessOptions(), "sleep", "100"),
                        v -> {
                          ((Subprocess) v).terminate();
                          return await(((Subprocess) v).waitSubprocess(), Coro::ret);
                        })));
    assertEquals(128 + 15, rc);
  }

  @Test
  void cancelledWaitLeavesTheProcessRunning() {
    List<Object> log = new ArrayList<>();
    run(
        co(
            () ->
                await(
                    exec(new SubprocessOptions(), "sleep", "100"),
                    v -> {
                      Subprocess p = (Subprocess) v;
                      Task<Integer> waiting = Asyncio.createTask(p.waitSubprocess());
                      return await(
                          Asyncio.sleep(0),
                          x -> {
                            waiting.cancel();
                            return await(
                                waiting,
                                (r, e) -> {
                                  log.add(e instanceof CancelledError);
                                  log.add(p.returncode());
                                  log.add(p.toString().contains("running"));
                                  p.kill();
                                  return await(p.waitSubprocess(), Coro::ret);
                                });
                          });
                    })));
    assertEquals(Arrays.asList(true, null, true), log);
  }

  @Test
  void missingProgramFailsWithAnIOExceptionNamingIt() {
    IOException e =
        assertThrows(
            IOException.class, () -> run(exec(PIPES, "jasyncio-no-such-program-42", "arg")));
    assertTrue(e.getMessage().contains("jasyncio-no-such-program-42"), e.getMessage());
  }

  @Test
  void drainWaitsUntilCatHasTakenTenMegabytes() {
    byte[] data = new byte[10 * 1024 * 1024];
    List<Integer> sizes = new ArrayList<>();
    int rc =
        run(
            co(
                () ->
                    await(
                        exec(new SubprocessOptions().stdin(PIPE).stdout(DEVNULL), "cat"),
                        v -> {
                          Subprocess p = (Subprocess) v;
                          p.stdin().write(data);
                          sizes.add(p.stdin().getWriteBufferSize());
                          return await(
                              p.stdin().drain(),
                              x -> {
                                sizes.add(p.stdin().getWriteBufferSize());
                                p.stdin().close();
                                return await(p.waitSubprocess(), Coro::ret);
                              });
                        })));
    assertEquals(0, rc);
    assertEquals(data.length, sizes.get(0), "the writer thread reports on the loop");
    assertTrue(sizes.get(1) <= 16 * 1024, "drained to the low-water mark: " + sizes.get(1));
  }

  @Test
  void theReaderBuffersAtMostTwiceItsLimitPlusAChunk() {
    int limit = 1024;
    int size = 1024 * 1024;
    int[] maxBuffered = {0};
    int[] total = {0};
    SubprocessOptions o = new SubprocessOptions().stdout(PIPE).limit(limit);
    run(
        co(
            () ->
                await(
                    exec(o, "head", "-c", Integer.toString(size), "/dev/zero"),
                    v -> readSlowly(((Subprocess) v).stdout(), maxBuffered, total))));
    assertEquals(size, total[0]);
    assertTrue(
        maxBuffered[0] <= 2 * limit + PipeTransport.CHUNK,
        "the pump waited for the reader: at most " + maxBuffered[0] + " bytes buffered");
  }

  /** Reads 100 bytes per loop iteration to the end, noting the most the reader buffered. */
  private static Coro.Next readSlowly(StreamReader r, int[] maxBuffered, int[] total) {
    maxBuffered[0] = Math.max(maxBuffered[0], r.buffered());
    return await(
        r.read(100),
        chunk -> {
          int n = ((byte[]) chunk).length;
          if (n == 0) {
            return ret();
          }
          total[0] += n;
          return await(Asyncio.sleep(0), x -> readSlowly(r, maxBuffered, total));
        });
  }

  @Test
  void pipesHaveThreadsNamedAfterTheProcess() {
    List<String> names = new ArrayList<>();
    run(
        co(
            () ->
                await(
                    exec(PIPES, "cat"),
                    v -> {
                      Subprocess p = (Subprocess) v;
                      p.stdin().write(b("x"));
                      for (Thread t : Thread.getAllStackTraces().keySet()) {
                        if (t.getName().startsWith("jasyncio-subprocess-" + p.pid() + "-")) {
                          names.add(t.getName().substring(t.getName().lastIndexOf('-') + 1));
                          assertTrue(t.isDaemon());
                        }
                      }
                      return await(p.communicate(), Coro::ret);
                    })));
    names.sort(null);
    assertEquals(List.of("stderr", "stdin", "stdout"), names);
  }

  @Test
  void devnullStdinReadsAnEmptyInput() {
    Subprocess.Result r =
        communicate(new SubprocessOptions().stdin(DEVNULL).stdout(PIPE), null, "cat");
    assertEquals("", s(r.stdout()));
    assertEquals(0, r.returncode());
  }

  @Test
  void directoryAndEnvironmentReachTheChild(@TempDir Path dir) throws IOException {
    Path real = dir.toRealPath();
    Subprocess.Result r =
        communicate(
            new SubprocessOptions().stdout(PIPE).directory(real).putEnv("JASYNCIO_TEST", "42"),
            null,
            "/bin/sh",
            "-c",
            "pwd; echo $JASYNCIO_TEST");
    assertEquals(real + "\n42\n", s(r.stdout()));
    Subprocess.Result only =
        communicate(
            new SubprocessOptions().stdout(PIPE).environment(Map.of("ONLY", "this")),
            null,
            "/bin/sh",
            "-c",
            "echo \"$ONLY:$HOME\"");
    assertEquals("this:\n", s(only.stdout()));
  }

  @Test
  void stdoutIsRefusedForStdinAndStdout() {
    assertThrows(IllegalArgumentException.class, () -> new SubprocessOptions().stdin(STDOUT));
    assertThrows(IllegalArgumentException.class, () -> new SubprocessOptions().stdout(STDOUT));
  }

  @Test
  void communicateWithInputNeedsAPipedStdin() {
    run(
        co(
            () ->
                await(
                    exec(new SubprocessOptions().stdout(PIPE), "echo"),
                    v -> {
                      Subprocess p = (Subprocess) v;
                      assertThrows(IllegalArgumentException.class, () -> p.communicate(b("x")));
                      return await(p.communicate(), Coro::ret);
                    })));
  }

  @Test
  void communicateIgnoresAChildThatDoesNotReadItsInput() {
    Subprocess.Result r = communicate(PIPES, new byte[1024 * 1024], "/bin/sh", "-c", "exit 0");
    assertEquals(0, r.returncode());
  }

  @Test
  void drainFailsWithABrokenPipeNamingStdinWhenTheChildStopsReading() {
    Throwable[] failure = new Throwable[1];
    run(
        co(
            () ->
                await(
                    exec(new SubprocessOptions().stdin(PIPE), "head", "-c", "1"),
                    v -> {
                      Subprocess p = (Subprocess) v;
                      p.stdin().write(new byte[1024 * 1024]);
                      return await(
                          p.stdin().drain(),
                          (x, e) -> {
                            failure[0] = e;
                            return await(p.waitSubprocess(), Coro::ret);
                          });
                    })));
    assertTrue(failure[0] instanceof IOException, String.valueOf(failure[0]));
    String message = failure[0].getMessage();
    assertTrue(message.startsWith("Broken pipe") && message.endsWith("(head -c 1)"), message);
  }

  @Test
  void drainFailsAfterTheChildHasExited() {
    Throwable[] failure = new Throwable[1];
    run(
        co(
            () ->
                await(
                    exec(new SubprocessOptions().stdin(PIPE), "true"),
                    v -> {
                      Subprocess p = (Subprocess) v;
                      return await(
                          p.waitSubprocess(),
                          rc -> {
                            assertTrue(p.stdin().isClosing(), "the loop has seen the exit");
                            p.stdin().write(new byte[10]);
                            return await(
                                p.stdin().drain(),
                                (x, e) -> {
                                  failure[0] = e;
                                  return ret();
                                });
                          });
                    })));
    assertTrue(failure[0] instanceof IOException, String.valueOf(failure[0]));
  }
}
