package dev.jasyncio;

import dev.jasyncio.Subprocess.Redirect;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link Asyncio#createSubprocessExec(SubprocessOptions, String, String...)} and {@link
 * Asyncio#createSubprocessShell(SubprocessOptions, String)} start a process: asyncio's keyword
 * arguments {@code stdin=}, {@code stdout=}, {@code stderr=}, {@code cwd=}, {@code env=} and {@code
 * limit=}, as an immutable value whose methods return a changed copy.
 *
 * <pre>{@code
 * import static dev.jasyncio.Subprocess.Redirect.PIPE;
 * import static dev.jasyncio.Subprocess.Redirect.STDOUT;
 *
 * SubprocessOptions opts = new SubprocessOptions().stdout(PIPE).stderr(STDOUT).directory(dir);
 * Subprocess p = await(createSubprocessExec(opts, "make", "all"));
 * }</pre>
 *
 * <p>By default, as in asyncio, the child inherits the three standard streams, the working
 * directory and the environment of the Java process.
 */
public final class SubprocessOptions {
  private final Redirect stdin;
  private final Redirect stdout;
  private final Redirect stderr;
  private final Path directory;
  private final Map<String, String> environment;
  private final Map<String, String> extraEnvironment;
  private final int limit;

  /** Options that inherit everything from the Java process, with the default reader limit. */
  public SubprocessOptions() {
    this(
        Redirect.INHERIT,
        Redirect.INHERIT,
        Redirect.INHERIT,
        null,
        null,
        Map.of(),
        StreamReader.DEFAULT_LIMIT);
  }

  private SubprocessOptions(
      Redirect stdin,
      Redirect stdout,
      Redirect stderr,
      Path directory,
      Map<String, String> environment,
      Map<String, String> extraEnvironment,
      int limit) {
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
    this.directory = directory;
    this.environment = environment;
    this.extraEnvironment = extraEnvironment;
    this.limit = limit;
  }

  /**
   * Where the child's standard input comes from: {@code PIPE} (write it through {@link
   * Subprocess#stdin()}), {@code DEVNULL} (it reads an empty input) or {@code INHERIT}.
   *
   * @throws IllegalArgumentException for {@code STDOUT}
   */
  public SubprocessOptions stdin(Redirect stdin) {
    Objects.requireNonNull(stdin, "stdin");
    if (stdin == Redirect.STDOUT) {
      throw new IllegalArgumentException(
          "STDOUT is only for stderr; give stdin PIPE, DEVNULL or INHERIT");
    }
    return new SubprocessOptions(
        stdin, stdout, stderr, directory, environment, extraEnvironment, limit);
  }

  /**
   * Where the child's standard output goes: {@code PIPE} (read it from {@link
   * Subprocess#stdout()}), {@code DEVNULL} (discarded) or {@code INHERIT}.
   *
   * @throws IllegalArgumentException for {@code STDOUT}
   */
  public SubprocessOptions stdout(Redirect stdout) {
    Objects.requireNonNull(stdout, "stdout");
    if (stdout == Redirect.STDOUT) {
      throw new IllegalArgumentException(
          "STDOUT is only for stderr; give stdout PIPE, DEVNULL or INHERIT");
    }
    return new SubprocessOptions(
        stdin, stdout, stderr, directory, environment, extraEnvironment, limit);
  }

  /**
   * Where the child's standard error goes: {@code PIPE} (read it from {@link Subprocess#stderr()}),
   * {@code DEVNULL}, {@code INHERIT}, or {@code STDOUT}: merged into the standard output, wherever
   * that goes (the JDK's {@code redirectErrorStream}).
   */
  public SubprocessOptions stderr(Redirect stderr) {
    Objects.requireNonNull(stderr, "stderr");
    return new SubprocessOptions(
        stdin, stdout, stderr, directory, environment, extraEnvironment, limit);
  }

  /** The child's working directory, asyncio's {@code cwd=}; null to inherit the Java process's. */
  public SubprocessOptions directory(Path directory) {
    return new SubprocessOptions(
        stdin, stdout, stderr, directory, environment, extraEnvironment, limit);
  }

  /**
   * The child's whole environment, asyncio's {@code env=}: the child sees these variables and no
   * others; null to inherit the Java process's. Variables set by {@link #putEnv} are applied on
   * top.
   */
  public SubprocessOptions environment(Map<String, String> environment) {
    Map<String, String> copy =
        environment == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    return new SubprocessOptions(stdin, stdout, stderr, directory, copy, extraEnvironment, limit);
  }

  /** Sets one variable in the child's environment, keeping the others (inherited or given). */
  public SubprocessOptions putEnv(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Map<String, String> extra = new LinkedHashMap<>(extraEnvironment);
    extra.put(name, value);
    return new SubprocessOptions(
        stdin, stdout, stderr, directory, environment, Collections.unmodifiableMap(extra), limit);
  }

  /**
   * The limit of the {@link StreamReader}s of piped stdout and stderr, asyncio's {@code limit=}: 64
   * KiB by default.
   *
   * @throws IllegalArgumentException if {@code limit <= 0}
   */
  public SubprocessOptions limit(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("the limit must be > 0, got " + limit);
    }
    return new SubprocessOptions(
        stdin, stdout, stderr, directory, environment, extraEnvironment, limit);
  }

  public Redirect stdin() {
    return stdin;
  }

  public Redirect stdout() {
    return stdout;
  }

  public Redirect stderr() {
    return stderr;
  }

  /** The working directory, or null to inherit. */
  public Path directory() {
    return directory;
  }

  /** The whole environment set by {@link #environment(Map)}, or null to inherit. */
  public Map<String, String> environment() {
    return environment;
  }

  /** The variables set by {@link #putEnv}, in order. */
  public Map<String, String> extraEnvironment() {
    return extraEnvironment;
  }

  public int limit() {
    return limit;
  }

  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("SubprocessOptions[stdin=")
            .append(stdin)
            .append(", stdout=")
            .append(stdout)
            .append(", stderr=")
            .append(stderr);
    if (directory != null) {
      sb.append(", directory=").append(directory);
    }
    if (environment != null) {
      sb.append(", environment=").append(environment.keySet());
    }
    if (!extraEnvironment.isEmpty()) {
      sb.append(", putEnv=").append(extraEnvironment.keySet());
    }
    if (limit != StreamReader.DEFAULT_LIMIT) {
      sb.append(", limit=").append(limit);
    }
    return sb.append(']').toString();
  }
}
