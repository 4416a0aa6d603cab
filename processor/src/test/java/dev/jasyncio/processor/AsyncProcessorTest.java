package dev.jasyncio.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The processor's entry point: registration and the checks it makes on @Async methods. */
class AsyncProcessorTest {
  @Test
  void processorIsRegisteredAsAServiceForJavac() throws Exception {
    var resource =
        AsyncProcessor.class
            .getClassLoader()
            .getResource("META-INF/services/javax.annotation.processing.Processor");
    org.junit.jupiter.api.Assertions.assertNotNull(resource, "service file is missing");
    try (var in = resource.openStream()) {
      String services = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      org.junit.jupiter.api.Assertions.assertTrue(
          services.contains(AsyncProcessor.class.getName()), services);
    }
  }

  @Test
  void asyncMethodReturningIntIsAnErrorOnItsLineNamingCoroutineOfInteger() {
    JavaFileObject shop =
        JavaFileObjects.forSourceLines(
            "test.Shop",
            "package test;",
            "import dev.jasyncio.Async;",
            "abstract class Shop {",
            "  @Async",
            "  int price() { return 3; }",
            "}");
    Compilation compilation =
        javac().withProcessors(new AsyncCheckProcessor(), new AsyncProcessor()).compile(shop);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "[WrongReturnType] an @Async method must return dev.jasyncio.Coroutine<T>")
        .inFile(shop)
        .onLineContaining("int price()");
    assertThat(compilation).hadErrorContaining("Declare the return type as Coroutine<Integer>");
  }
}
