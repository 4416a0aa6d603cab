package dev.jasyncio.processor.conformance;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compiles every case in {@code src/test/resources/conformance} twice — with the processor, and as
 * plain Java where {@code await} returns at once — and checks that each case's coroutine behaves as
 * the plain method does: the same trace, the same result or exception, both when awaitables are
 * already complete and when they complete later on the loop.
 */
class ConformanceTest {
  private static final String PACKAGE = "dev.jasyncio.processor.conformance";

  private static List<String> names;
  private static ClassLoader asyncClasses;
  private static ClassLoader syncClasses;

  @BeforeAll
  static void compileCases() throws Exception {
    Path dir = Path.of(ConformanceTest.class.getResource("/conformance").toURI());
    names = new ArrayList<>();
    List<JavaFileObject> async = new ArrayList<>();
    List<JavaFileObject> sync = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        String file = f.getFileName().toString();
        if (!file.endsWith(".java")) {
          continue;
        }
        String name = file.substring(0, file.length() - ".java".length());
        String source = Files.readString(f, StandardCharsets.UTF_8);
        names.add(name);
        async.add(JavaFileObjects.forSourceString(PACKAGE + "." + name, source));
        sync.add(JavaFileObjects.forSourceString(PACKAGE + "." + name, plain(source)));
      }
    }
    Compilation asyncCompilation =
        javac()
            .withProcessors(
                new dev.jasyncio.processor.AsyncCheckProcessor(),
                new dev.jasyncio.processor.AsyncProcessor())
            .compile(async);
    assertThat(asyncCompilation).succeeded();
    Compilation syncCompilation = javac().withOptions("-proc:none").compile(sync);
    assertThat(syncCompilation).succeeded();
    asyncClasses =
        new InMemoryClassLoader(
            asyncCompilation.generatedFiles(), ConformanceTest.class.getClassLoader());
    syncClasses =
        new InMemoryClassLoader(
            syncCompilation.generatedFiles(), ConformanceTest.class.getClassLoader());
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

  private static String describe(Throwable t) {
    return "threw " + t.getClass().getName() + ": " + t.getMessage();
  }

  private static Outcome runSync(String name) throws Exception {
    ConformanceCase c =
        (ConformanceCase)
            syncClasses.loadClass(PACKAGE + "." + name).getDeclaredConstructor().newInstance();
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
            asyncClasses
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
