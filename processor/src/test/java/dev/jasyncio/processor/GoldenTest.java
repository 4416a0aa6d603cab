package dev.jasyncio.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests: each {@code src/test/resources/golden/<Name>.java} compiles, and the generated
 * {@code Async_<Name>.java} is exactly {@code golden/expected/Async_<Name>.java}. Run with the
 * environment variable {@code JASYNCIO_UPDATE_GOLDENS=1} to rewrite the expected files after a
 * deliberate change, then review the diff.
 */
class GoldenTest {
  private static final Path SOURCES = Path.of("src/test/resources/golden");
  private static final Path EXPECTED = SOURCES.resolve("expected");
  private static final boolean UPDATE = "1".equals(System.getenv("JASYNCIO_UPDATE_GOLDENS"));

  @TestFactory
  Stream<DynamicTest> generatedSourceMatchesItsGolden() throws IOException {
    List<Path> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      files.filter(p -> p.toString().endsWith(".java")).sorted().forEach(cases::add);
    }
    return cases.stream()
        .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
  }

  private static void check(Path source) throws IOException {
    String name = source.getFileName().toString().replace(".java", "");
    JavaFileObject file =
        JavaFileObjects.forSourceString(
            "golden." + name, Files.readString(source, StandardCharsets.UTF_8));
    Compilation compilation =
        javac().withProcessors(new AsyncCheckProcessor(), new AsyncProcessor()).compile(file);
    assertThat(compilation).succeededWithoutWarnings();
    JavaFileObject generated =
        compilation
            .generatedSourceFile("golden.Async_" + name)
            .orElseThrow(() -> new AssertionError("no golden.Async_" + name + " was generated"));
    String actual = generated.getCharContent(true).toString();
    Path expectedFile = EXPECTED.resolve("Async_" + name + ".java");
    if (UPDATE) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(expectedFile)) {
      fail(
          "missing golden "
              + expectedFile.toAbsolutePath()
              + "; create it by running the tests with JASYNCIO_UPDATE_GOLDENS=1, then review it");
    }
    assertEquals(
        Files.readString(expectedFile, StandardCharsets.UTF_8),
        actual,
        "generated code for "
            + name
            + " changed; if deliberate, rerun with JASYNCIO_UPDATE_GOLDENS=1");
  }
}
