package dev.jasyncio.it;

import static dev.jasyncio.it.Bytes.b;
import static dev.jasyncio.it.Bytes.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.jasyncio.Asyncio;
import dev.jasyncio.Subprocess;
import dev.jasyncio.SubprocessOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Child processes with their pipes as streams, driven by {@code @Async} code: real Unix programs
 * ({@code /bin/sh}, {@code cat}, {@code echo}, {@code sleep}, {@code head}); skipped on Windows.
 */
class SubprocessTest {
  private final SubprocessPrograms p = new Async_SubprocessPrograms();

  @BeforeEach
  void unixOnly() {
    assumeFalse(
        System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"),
        "the tests run Unix programs");
  }

  @Test
  void echoViaExec() {
    Subprocess.Result r =
        Asyncio.run(
            p.exec(
                new SubprocessOptions().stdout(Subprocess.Redirect.PIPE), null, "echo", "hello"));
    assertEquals("hello\n", s(r.stdout()));
    assertEquals(0, r.returncode());
  }

  @Test
  void echoViaShell() {
    Subprocess.Result r = Asyncio.run(p.shell(SubprocessPrograms.PIPES, "echo hello"));
    assertEquals("hello\n", s(r.stdout()));
    assertEquals("", s(r.stderr()));
  }

  @Test
  void catRoundTripWithCommunicate() {
    Subprocess.Result r = Asyncio.run(p.exec(SubprocessPrograms.PIPES, b("round\ntrip\n"), "cat"));
    assertEquals("round\ntrip\n", s(r.stdout()));
    assertEquals(0, r.returncode());
  }

  @Test
  void fiveMegabytesOfOutputThroughCommunicate() {
    int size = 5 * 1024 * 1024;
    Subprocess.Result r =
        Asyncio.run(
            p.exec(
                SubprocessPrograms.PIPES, null, "head", "-c", Integer.toString(size), "/dev/zero"));
    assertEquals(size, r.stdout().length);
    assertArrayEquals(new byte[size], r.stdout());
  }

  @Test
  void readlineWhileCatRuns() {
    assertEquals(
        List.of("a\n", "running true", "b\n", "running true", "end true", "exit 0"),
        Asyncio.run(p.catLineByLine(List.of("a", "b"))));
  }

  @Test
  void tenThousandLinesReadOneByOne() {
    assertEquals(10_000, Asyncio.run(p.countLines(10_000)));
  }

  @Test
  void stderrSeparateAndMerged() {
    Subprocess.Result separate =
        Asyncio.run(p.shell(SubprocessPrograms.PIPES, "echo out; echo err >&2; exit 4"));
    assertEquals("out\n", s(separate.stdout()));
    assertEquals("err\n", s(separate.stderr()));
    assertEquals(4, separate.returncode());
    Subprocess.Result merged =
        Asyncio.run(p.shell(SubprocessPrograms.merged(), "echo out; echo err >&2"));
    assertEquals("out\nerr\n", s(merged.stdout()));
    assertNull(merged.stderr());
  }

  @Test
  void nonZeroExitCode() {
    assertEquals(
        7,
        Asyncio.run(p.exec(SubprocessPrograms.PIPES, null, "/bin/sh", "-c", "exit 7"))
            .returncode());
  }

  @Test
  void killedSleepReportsSigkill() {
    assertEquals(Arrays.asList(null, 137, 137), Asyncio.run(p.killSleep()));
  }

  @Test
  void cancelledWaitLeavesTheChildRunning() {
    assertEquals(Arrays.asList("cancelled", null, true), Asyncio.run(p.cancelledWait()));
  }

  @Test
  void missingProgramNamesIt() {
    String message = Asyncio.run(p.missingProgram("jasyncio-no-such-program"));
    assertTrue(
        message.startsWith("IOException: Cannot run program \"jasyncio-no-such-program\""),
        message);
  }

  @Test
  void tenMegabytesToCatWithDrain() {
    List<Object> got = Asyncio.run(p.feedCat(10));
    assertTrue((Integer) got.get(0) >= 1024 * 1024, "a whole chunk is buffered before drain()");
    assertEquals(0, got.get(1));
  }
}
