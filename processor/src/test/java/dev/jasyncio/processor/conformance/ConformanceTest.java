package dev.jasyncio.processor.conformance;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jasyncio.Asyncio;
import dev.jasyncio.Coroutine;
import dev.jasyncio.TestEventLoop;
import dev.jasyncio.processor.InMemoryClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compiles every case in {@code src/test/resources/conformance} twice — with the processor, and as
 * plain Java where {@code await} returns at once — and checks that each case's coroutine behaves as
 * the plain method does: the same trace, the same result or exception, both when awaitables are
 * already complete and when they complete later on the loop.
 *
 * <p>Cases the processor does not handle yet live in {@code src/test/resources/conformance-failing}
 * and are not run by default; {@code -Dconformance.cases=conformance-failing} runs them instead.
 * When the cases do not compile together, each is compiled alone, so that a case that does not
 * compile fails by itself with its compiler errors.
 */
class ConformanceTest {
  private static final String PACKAGE = "dev.jasyncio.processor.conformance";

  private static final List<String> names = new ArrayList<>();
  private static final Map<String, Build> builds = new HashMap<>();
  private static final Map<String, String> compileErrors = new HashMap<>();

  /** The class loaders of a case's two builds. */
  private record Build(ClassLoader async, ClassLoader sync) {}

  /** A case's source as written and in its plain form. */
  private record Source(String name, JavaFileObject async, JavaFileObject sync) {}

  @BeforeAll
  static void compileCases() throws Exception {
    String folder = System.getProperty("conformance.cases", "conformance");
    Path dir = Path.of(ConformanceTest.class.getResource("/" + folder).toURI());
    List<Source> sources = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        String file = f.getFileName().toString();
        if (!file.endsWith(".java")) {
          continue;
        }
        String name = file.substring(0, file.length() - ".java".length());
        String source = Files.readString(f, StandardCharsets.UTF_8);
        names.add(name);
        sources.add(
            new Source(
                name,
                JavaFileObjects.forSourceString(PACKAGE + "." + name, source),
                JavaFileObjects.forSourceString(PACKAGE + "." + name, plain(source))));
      }
    }
    if (!compile(sources)) {
      for (Source s : sources) {
        compile(List.of(s));
      }
    }
  }

  /** Compiles {@code sources} together; records their build, or the errors of a single case. */
  private static boolean compile(List<Source> sources) {
    Compilation async =
        javac()
            .withProcessors(
                new dev.jasyncio.processor.AsyncCheckProcessor(),
                new dev.jasyncio.processor.AsyncProcessor())
            .compile(sources.stream().map(Source::async).toList());
    Compilation sync =
        javac().withOptions("-proc:none").compile(sources.stream().map(Source::sync).toList());
    if (async.status() == Compilation.Status.SUCCESS
        && sync.status() == Compilation.Status.SUCCESS) {
      ClassLoader parent = ConformanceTest.class.getClassLoader();
      Build build =
          new Build(
              new InMemoryClassLoader(async.generatedFiles(), parent),
              new InMemoryClassLoader(sync.generatedFiles(), parent));
      for (Source s : sources) {
        builds.put(s.name(), build);
      }
      return true;
    }
    if (sources.size() == 1) {
      compileErrors.put(
          sources.get(0).name(),
          "with the processor:\n" + errors(async) + "as plain Java:\n" + errors(sync));
    }
    return false;
  }

  private static String errors(Compilation c) {
    StringBuilder b = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      b.append("  ")
          .append(d.getSource() == null ? "" : d.getSource().getName())
          .append(':')
          .append(d.getLineNumber())
          .append(": ")
          .append(d.getMessage(Locale.ROOT))
          .append('\n');
    }
    return b.length() == 0 ? "  (no errors)\n" : b.toString();
  }

  /** The reference build of a case: no @Async, a concrete class, await that returns at once. */
  static String plain(String source) {
    String s = source.replace("@Async", "");
    s = s.replaceFirst("public abstract class", "public class");
    s =
        s.replaceFirst(
            "(?m)^(import static dev\\.jasyncio\\.Asyncio\\.\\*;)",
            "$1\nimport static " + PACKAGE + ".Sync.await;");
    return s;
  }

  @TestFactory
  Stream<DynamicTest> everyCaseBehavesAsThePlainMethodDoes() {
    return names.stream()
        .flatMap(
            name ->
                Stream.of(
                    DynamicTest.dynamicTest(
                        name + " with awaitables already complete",
                        () -> compare(name, ConformanceCase.Mode.READY)),
                    DynamicTest.dynamicTest(
                        name + " with awaitables completing later",
                        () -> compare(name, ConformanceCase.Mode.LATER))));
  }

  private static void compare(String name, ConformanceCase.Mode mode) throws Exception {
    if (compileErrors.containsKey(name)) {
      fail(name + " does not compile\n" + compileErrors.get(name));
    }
    Outcome expected = runSync(name);
    Outcome actual = runAsync(name, mode);
    assertEquals(expected.toString(), actual.toString(), name + " in mode " + mode);
  }

  record Outcome(List<String> trace, String result) {
    @Override
    public String toString() {
      return "trace " + trace + "\nresult " + result;
    }
  }

  static String describe(Throwable t) {
    String message = t.getMessage();
    if (t instanceof NullPointerException && message != null && message.startsWith("Cannot ")) {
      // A helpful NPE message names the bytecode that failed, which differs between the builds.
      message = "(the JVM's description of the null access)";
    }
    return "threw " + t.getClass().getName() + ": " + message;
  }

  private static Outcome runSync(String name) throws Exception {
    ConformanceCase c =
        (ConformanceCase)
            builds
                .get(name)
                .sync()
                .loadClass(PACKAGE + "." + name)
                .getDeclaredConstructor()
                .newInstance();
    c.mode = ConformanceCase.Mode.SYNC;
    String result;
    try {
      Coroutine<Object> body = c.body();
      result = "returned " + Sync.await(body);
    } catch (Throwable t) {
      result = describe(t);
    }
    return new Outcome(c.trace, result);
  }

  private static Outcome runAsync(String name, ConformanceCase.Mode mode) throws Exception {
    ConformanceCase c =
        (ConformanceCase)
            builds
                .get(name)
                .async()
                .loadClass(PACKAGE + ".Async_" + name)
                .getDeclaredConstructor()
                .newInstance();
    c.mode = mode;
    String result;
    try {
      result = "returned " + Asyncio.run(c.body(), TestEventLoop::new);
    } catch (Throwable t) {
      result = describe(t);
    }
    return new Outcome(c.trace, result);
  }
}
