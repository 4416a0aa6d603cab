package dev.jasyncio.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests: each {@code src/test/resources/golden/<Name>.java} compiles, and the generated
 * {@code Async_<Name>.java} (and {@code AsyncMachines_<Name>.java}, for a class with only static
 * {@code @Async} methods) is exactly the file of the same name in {@code golden/expected}. Run with
 * the environment variable {@code JASYNCIO_UPDATE_GOLDENS=1} to rewrite the expected files after a
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
    compilation
        .generatedSourceFile("golden.Async_" + name)
        .orElseThrow(() -> new AssertionError("no golden.Async_" + name + " was generated"));
    for (String generatedName : List.of("Async_" + name, "AsyncMachines_" + name)) {
      Optional<JavaFileObject> generated =
          compilation.generatedSourceFile("golden." + generatedName);
      Path expectedFile = EXPECTED.resolve(generatedName + ".java");
      if (generated.isEmpty()) {
        assertFalse(Files.exists(expectedFile), "no golden." + generatedName + " was generated");
        continue;
      }
      String actual = generated.get().getCharContent(true).toString();
      if (UPDATE) {
        Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
        continue;
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
              + generatedName
              + " changed; if deliberate, rerun with JASYNCIO_UPDATE_GOLDENS=1");
    }
  }
}
