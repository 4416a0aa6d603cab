package dev.jasyncio.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jasyncio.Asyncio;
import dev.jasyncio.Coroutine;
import dev.jasyncio.TestEventLoop;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test for each diagnostic of {@link dev.jasyncio.processor.diag.Message}: the id, the message
 * with its fix, and the exact line it is reported on; the sources are the bad examples of {@code
 * docs/diagnostics/<Id>.md}. Also: that javac's own errors come without follow-up errors, that
 * clean code gets no warnings, that javac is found behind wrapped environments, and that Gradle
 * knows the processor is isolating. Tests marked {@code @Disabled} assert what the processor should
 * do but does not yet; the reason names the cause.
 */
class DiagnosticsTest {

  private static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new AsyncCheckProcessor(), new AsyncProcessor()).compile(sources);
  }

  private static JavaFileObject source(String qualifiedName, String text) {
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }

  /**
   * A class with an {@code @Async} method, so that javac runs the processor at all (see {@link
   * #awaitOutsideAsyncIsReportedWhenNothingIsAsync}).
   */
  private static final JavaFileObject ANY_ASYNC =
      source(
          "shop.Clock",
          """
          package shop;

          import static dev.jasyncio.Asyncio.*;

          import dev.jasyncio.*;

          public abstract class Clock {
            @Async
            Coroutine<Double> now() {
              return done(0.0);
            }
          }
          """);

  /** Errors located in a generated {@code Async_*.java} file. */
  private static List<Diagnostic<? extends JavaFileObject>> errorsInGeneratedFiles(
      Compilation compilation) {
    return compilation.errors().stream()
        .filter(d -> d.getSource() != null && d.getSource().getName().contains("Async_"))
        .toList();
  }

  /** The errors whose message contains {@code text}. */
  private static List<Diagnostic<? extends JavaFileObject>> errorsContaining(
      Compilation compilation, String text) {
    return compilation.errors().stream()
        .filter(d -> d.getMessage(Locale.ROOT).contains(text))
        .toList();
  }

  /**
   * Lambdas with inferred parameter types passed to the class generated from their own class, from
   * a plain static method, an instance method and an {@code @Async} method, in a class whose state
   * machines must be inner classes of {@code Async_Server} (a declaration names Async_Server, a
   * type javac cannot resolve yet), so that javac checks the class before {@code Async_Server}
   * exists: javac then crashes on the lambdas, so each is an error (and javac's crash is gone). The
   * forms that work, and the same lambdas in a class without that declaration, are in {@code
   * AsyncProcessorTest}.
   */
  @Test
  void lambdaToGeneratedClass() {
    JavaFileObject server =
        source(
            "shop.Server",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.function.IntConsumer;

            public abstract class Server {
              @Async
              Coroutine<Void> meet(Async_Server other) {
                return done();
              }

              @Async
              static Coroutine<Void> serve(int n, IntConsumer listening) {
                listening.accept(n);
                return done();
              }

              @Async
              Coroutine<Integer> port(int n, IntConsumer listening) {
                listening.accept(n);
                return done(n);
              }

              @Async
              static Coroutine<Void> twice() {
                await(Async_Server.serve(1, q -> System.out.println(q)));
                return done();
              }

              public static void main(String[] args) {
                run(Async_Server.serve(1, p -> System.out.println(p)));
                run(
                    Async_Server.serve(
                        2,
                        (var p) -> {
                          System.out.println(p);
                        }));
              }

              public int instance() {
                return run(new Async_Server().port(3, n -> {}));
              }
            }
            """);
    Compilation compilation = compile(server);
    assertThat(compilation).hadErrorCount(4);
    String message =
        "[LambdaToGeneratedClass] a lambda with inferred parameter types cannot be passed to a"
            + " method of Async_Server here: Async_Server is generated from Server later in this"
            + " compilation";
    for (String line :
        List.of(
            "q -> System.out.println(q)",
            "p -> System.out.println(p)",
            "(var p) -> {",
            "port(3, n -> {})")) {
      assertThat(compilation).hadErrorContaining(message).inFile(server).onLineContaining(line);
    }
    assertThat(compilation)
        .hadErrorContaining(
            "Declare its parameter types ((int p) -> ... rather than p -> ...), assign it to a"
                + " local variable of its functional interface type first, or pass a method"
                + " reference");
  }

  /**
   * Inside {@code Shop}, values computed through {@code Async_Shop} before it exists: an await of a
   * call around one of its methods, and {@code var} locals. Shop's state machines must be inner
   * classes of {@code Async_Shop} (a declaration names Async_Shop, a type javac cannot resolve
   * yet), so javac checks it before {@code Async_Shop} exists. javac gives them no type; without
   * the report the generated code failed to compile (JDK 17) or the program compiled with a method
   * that only throws. On JDK 25 javac also rejects the awaits itself, so only the processor's
   * errors and their lines are checked for them. The forms that work are in {@code
   * AsyncProcessorTest}.
   */
  @Test
  void valueComputedThroughTheClassGeneratedFromThisOne() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.*;

            public abstract class Shop {
              @Async
              Coroutine<Void> meet(Async_Shop other) {
                return done();
              }

              @Async
              static Coroutine<String> brew(int cup) {
                return done("cup " + cup);
              }

              @Async
              Coroutine<String> serve() {
                return done("served");
              }

              @Async
              Coroutine<List<String>> awaits() {
                List<String> log = new ArrayList<>();
                log.add(await(createTask(Async_Shop.brew(1))));
                return done(log);
              }

              @Async
              Coroutine<Void> shielded() {
                await(shield(new Async_Shop().serve()));
                return done();
              }
            }
            """);
    Compilation compilation = compile(shop);
    String message =
        "Async_Shop is generated from Shop later in this compilation, after javac has had to check"
            + " this code, and a value computed through it gets no type. Call Shop's @Async methods"
            + " without naming Async_Shop (they already return its coroutines), or keep the value"
            + " in a local variable declared with an explicit type (Task<String> t = ...;)";
    assertThat(compilation)
        .hadErrorContaining(
            "[GeneratedClassUntyped] javac cannot type await(createTask(Async_Shop.brew(1)))"
                + " here: "
                + message)
        .inFile(shop)
        .onLineContaining("log.add(await(createTask(Async_Shop.brew(1))));");
    assertThat(compilation)
        .hadErrorContaining(
            "[GeneratedClassUntyped] javac cannot type await(shield(new Async_Shop().serve()))")
        .inFile(shop)
        .onLineContaining("await(shield(new Async_Shop().serve()));");
    assertEquals(2, errorsContaining(compilation, "[GeneratedClassUntyped]").size());
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));

    JavaFileObject locals =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.*;

            public abstract class Shop {
              @Async
              Coroutine<Void> meet(Async_Shop other) {
                return done();
              }

              @Async
              static Coroutine<String> brew(int cup) {
                return done("cup " + cup);
              }

              @Async
              Coroutine<List<String>> locals() {
                List<String> log = new ArrayList<>();
                var task = createTask(Async_Shop.brew(1));
                log.add(await(task));
                return done(log);
              }

              @Async
              Coroutine<List<String>> loop() {
                List<String> log = new ArrayList<>();
                for (var cup : List.of(Async_Shop.brew(2))) {
                  log.add(await(cup));
                }
                return done(log);
              }

              public static void main(String[] args) {
                System.out.println(run(new Async_Shop().locals()));
              }
            }
            """);
    compilation = compile(locals);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("[GeneratedClassUntyped] javac cannot type var task here: " + message)
        .inFile(locals)
        .onLineContaining("var task = createTask(Async_Shop.brew(1));");
    assertThat(compilation)
        .hadErrorContaining("[GeneratedClassUntyped] javac cannot type var cup here: ")
        .inFile(locals)
        .onLineContaining("for (var cup : List.of(Async_Shop.brew(2))) {");
  }

  /**
   * A misspelt name in an {@code @Async} body is javac's error alone: the class is generated in the
   * same round, so code that names {@code Async_Shop} still finds it. (Waiting a round for another
   * processor, as for an unknown class, made that round the last one, in which javac no longer
   * compiles generated files: "cannot find symbol: class Async_Shop" followed.)
   */
  @Test
  void misspeltNameInABodyLeavesTheGeneratedClassInPlace() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              Coroutine<String> make(String name) {
                String label = undefinedLabel(name);
                return done(name + label);
              }

              public static void main(String[] args) {
                System.out.println(run(new Async_Shop().make("latte")));
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(shop)
        .onLineContaining("String label = undefinedLabel(name);");
    assertEquals(List.of(), compilation.warnings());
  }

  /**
   * A misspelt class name in a body of static {@code @Async} methods is javac's error alone. Their
   * class gets its facade {@code Async_Shop} in the first round and its state machines in the next,
   * which does not wait again for another processor to generate the class: the machines are
   * compiled, so {@code Async_Shop}'s calls into them and {@code main}'s call resolve.
   */
  @Test
  void misspeltClassInABodyOfStaticMethodsIsTheOnlyError() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public final class Shop {
              @Async
              static Coroutine<String> make(String name) {
                Object label = new Lable(name);
                return done(name + label);
              }

              public static void main(String[] args) {
                System.out.println(String.valueOf(run(Async_Shop.make("latte"))));
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(shop)
        .onLineContaining("Object label = new Lable(name);");
    assertEquals(List.of(), compilation.warnings());
  }

  // ------------------------------------------------------------------ await where it cannot be

  @Test
  void awaitOutsideAsync() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            public class Shop {
              String price() {
                return await(sleep(1, "3"));
              }
            }
            """);
    Compilation compilation = compile(shop, ANY_ASYNC);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[AwaitOutsideAsync] await() can only be used in a method annotated @Async; price() is"
                + " not one. Annotate price() with @dev.jasyncio.Async and make it return"
                + " Coroutine<T>, or call run(...) to run a coroutine from ordinary code")
        .inFile(shop)
        .onLineContaining("return await(sleep(1, \"3\"));");
  }

  @Test
  void awaitOutsideAsyncInALambdaOfAnOrdinaryMethod() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            public class Shop {
              void open() {
                Runnable r = () -> await(sleep(1));
              }
            }
            """);
    Compilation compilation = compile(shop, ANY_ASYNC);
    assertThat(compilation)
        .hadErrorContaining("[AwaitOutsideAsync] await() can only be used in a method annotated")
        .inFile(shop)
        .onLineContaining("Runnable r = () -> await(sleep(1));");
  }

  @Test
  void awaitOutsideAsyncIsReportedWhenNothingIsAsync() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            public class Shop {
              String price() {
                return await(sleep(1, "3"));
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation)
        .hadErrorContaining("[AwaitOutsideAsync] await() can only be used in a method annotated")
        .inFile(shop)
        .onLineContaining("return await(sleep(1, \"3\"));");
  }

  @Test
  void awaitOutsideAsyncAsAMethodReference() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.function.Function;

            public class Shop {
              String price() {
                Function<Coroutine<String>, String> get = Asyncio::await;
                return get.apply(sleep(1, "3"));
              }
            }
            """);
    Compilation compilation = compile(shop, ANY_ASYNC);
    assertThat(compilation)
        .hadErrorContaining("[AwaitOutsideAsync] await() can only be used in a method annotated")
        .inFile(shop)
        .onLineContaining("Asyncio::await");
  }

  @Test
  void awaitInLambda() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.function.Function;
            import java.util.function.Supplier;

            public abstract class Shop {
              @Async
              Coroutine<String> price() {
                Supplier<String> later = () -> await(sleep(1, "3"));
                return done(later.get());
              }

              @Async
              Coroutine<String> label() {
                Function<Coroutine<String>, String> get = Asyncio::await;
                return done(get.apply(sleep(1, "x")));
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "[AwaitInLambda] await() cannot be called inside a lambda; the lambda is not part of"
                + " Shop.price's state machine. Move it into the @Async method, or make the"
                + " lambda's work an @Async method and await the coroutine it returns")
        .inFile(shop)
        .onLineContaining("Supplier<String> later = () -> await(sleep(1, \"3\"));");
    assertThat(compilation)
        .hadErrorContaining("[AwaitInLambda] await() cannot be called inside a lambda")
        .inFile(shop)
        .onLineContaining("Asyncio::await");
  }

  @Test
  void awaitInLocalClass() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.function.Supplier;

            public abstract class Shop {
              @Async
              Coroutine<String> price() {
                Supplier<String> later =
                    new Supplier<>() {
                      @Override
                      public String get() {
                        return await(sleep(1, "3"));
                      }
                    };
                return done(later.get());
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[AwaitInLocalClass] await() cannot be called inside an anonymous or local class; its"
                + " methods are not part of Shop.price's state machine. Move it into the"
                + " @Async method, or make the class's method an @Async method of a class of its"
                + " own")
        .inFile(shop)
        .onLineContaining("return await(sleep(1, \"3\"));");
  }

  @Test
  void awaitInConstructor() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            public class Shop {
              final String name;

              Shop() {
                name = await(sleep(1, "corner shop"));
              }
            }
            """);
    Compilation compilation = compile(shop, ANY_ASYNC);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[AwaitInConstructor] await() cannot be called in a constructor; a constructor cannot"
                + " suspend. Construct the object first, then await in an @Async method (for"
                + " example a static @Async factory)")
        .inFile(shop)
        .onLineContaining("name = await(sleep(1, \"corner shop\"));");
  }

  @Test
  void awaitInInitializer() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            public class Shop {
              final String name = await(sleep(1, "corner shop"));
              int stock;

              {
                stock = await(sleep(1, 3));
              }
            }
            """);
    Compilation compilation = compile(shop, ANY_ASYNC);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "[AwaitInInitializer] await() cannot be called in a field initializer or initializer"
                + " block; it cannot suspend. Move the await into an @Async method")
        .inFile(shop)
        .onLineContaining("final String name = await(sleep(1, \"corner shop\"));");
    assertThat(compilation)
        .hadErrorContaining("[AwaitInInitializer] await() cannot be called in a field initializer")
        .inFile(shop)
        .onLineContaining("stock = await(sleep(1, 3));");
  }

  @Test
  void awaitInSynchronized() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              int sold;

              @Async
              Coroutine<Integer> sell() {
                synchronized (this) {
                  await(sleep(1));
                  sold++;
                }
                return done(sold);
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[AwaitInSynchronized] await() cannot be called inside a synchronized block; the"
                + " monitor would be held (or silently released) while the coroutine is suspended."
                + " Move it out of the synchronized block: on the single-threaded event"
                + " loop, tasks only interleave at awaits, so code between two awaits needs no"
                + " monitor")
        .inFile(shop)
        .onLineContaining("await(sleep(1));");
  }

  // ------------------------------------------------------------------ the other markers

  @Test
  void markerOutsideAsync() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public class Shop {
              AsyncGenerator<Integer> numbers() {
                emit(1);
                return endGenerator();
              }

              int sum(AsyncIterable<Integer> numbers) {
                int total = 0;
                for (int n : asyncFor(numbers)) {
                  total += n;
                }
                return total;
              }

              String open(AsyncContextManager<String> door) {
                try (Entered<String> d = asyncWith(door)) {
                  return d.get();
                }
              }

              String openNow(AsyncContextManager<String> door) {
                return run(asyncWith(door, d -> done(d + "!")));
              }
            }
            """);
    Compilation compilation = compile(shop, ANY_ASYNC);
    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation)
        .hadErrorContaining(
            "[MarkerOutsideAsync] emit() can only be used in a method annotated @Async; numbers()"
                + " is not one. Annotate numbers() with @dev.jasyncio.Async and declare it to"
                + " return AsyncGenerator<T>")
        .inFile(shop)
        .onLineContaining("emit(1);");
    assertThat(compilation)
        .hadErrorContaining(
            "[MarkerOutsideAsync] endGenerator() can only be used in a method annotated @Async;"
                + " numbers() is not one. Annotate numbers() with @dev.jasyncio.Async and declare"
                + " it to return AsyncGenerator<T>")
        .inFile(shop)
        .onLineContaining("return endGenerator();");
    assertThat(compilation)
        .hadErrorContaining(
            "[MarkerOutsideAsync] asyncFor() can only be used in a method annotated @Async; sum()"
                + " is not one. Loop in an @Async method (annotate sum() with"
                + " @dev.jasyncio.Async), or collect the items with"
                + " run(AsyncIterables.toList(source))")
        .inFile(shop)
        .onLineContaining("for (int n : asyncFor(numbers)) {");
    assertThat(compilation)
        .hadErrorContaining(
            "[MarkerOutsideAsync] asyncWith() can only be used in a method annotated @Async; open()"
                + " is not one. Enter the manager in an @Async method (annotate open() with"
                + " @dev.jasyncio.Async), or run the coroutine asyncWith(manager, body)")
        .inFile(shop)
        .onLineContaining("try (Entered<String> d = asyncWith(door)) {");
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));
  }

  @Test
  void markerOutsideAsyncInAConstructorAndAFieldInitializer() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public class Shop {
              final Object first = emit(1);
              final Object last = endGenerator();
              int total;
              String name;

              Shop(AsyncIterable<Integer> numbers, AsyncContextManager<String> door) {
                for (int n : asyncFor(numbers)) {
                  total += n;
                }
                try (Entered<String> d = asyncWith(door)) {
                  name = d.get();
                }
              }
            }
            """);
    Compilation compilation = compile(shop, ANY_ASYNC);
    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation)
        .hadErrorContaining(
            "[MarkerOutsideAsync] emit() can only be used in a method annotated @Async; an"
                + " initializer is not one. Move it into an @Async method that returns"
                + " AsyncGenerator<T>")
        .inFile(shop)
        .onLineContaining("final Object first = emit(1);");
    assertThat(compilation)
        .hadErrorContaining(
            "[MarkerOutsideAsync] endGenerator() can only be used in a method annotated @Async; an"
                + " initializer is not one. Move it into an @Async method that returns"
                + " AsyncGenerator<T>")
        .inFile(shop)
        .onLineContaining("final Object last = endGenerator();");
    assertThat(compilation)
        .hadErrorContaining(
            "[MarkerOutsideAsync] asyncFor() can only be used in a method annotated @Async; a"
                + " constructor is not one. Loop in an @Async method, or collect the items with"
                + " run(AsyncIterables.toList(source))")
        .inFile(shop)
        .onLineContaining("for (int n : asyncFor(numbers)) {");
    assertThat(compilation)
        .hadErrorContaining(
            "[MarkerOutsideAsync] asyncWith() can only be used in a method annotated @Async; a"
                + " constructor is not one. Enter the manager in an @Async method, or run the"
                + " coroutine asyncWith(manager, body)")
        .inFile(shop)
        .onLineContaining("try (Entered<String> d = asyncWith(door)) {");
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));
  }

  @Test
  void markerOutsideAsyncIsReportedWhenNothingIsAsync() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public class Shop {
              final Object first = emit(1);

              int sum(AsyncIterable<Integer> numbers) {
                int total = 0;
                for (int n : asyncFor(numbers)) {
                  total += n;
                }
                return total;
              }

              String open(AsyncContextManager<String> door) {
                try (Entered<String> d = asyncWith(door)) {
                  return d.get();
                }
              }

              String openNow(AsyncContextManager<String> door) {
                return run(asyncWith(door, d -> done(d + "!")));
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation)
        .hadErrorContaining("[MarkerOutsideAsync] emit() can only be used in a method annotated")
        .inFile(shop)
        .onLineContaining("final Object first = emit(1);");
    assertThat(compilation)
        .hadErrorContaining(
            "[MarkerOutsideAsync] asyncFor() can only be used in a method annotated")
        .inFile(shop)
        .onLineContaining("for (int n : asyncFor(numbers)) {");
    assertThat(compilation)
        .hadErrorContaining(
            "[MarkerOutsideAsync] asyncWith() can only be used in a method annotated")
        .inFile(shop)
        .onLineContaining("try (Entered<String> d = asyncWith(door)) {");
  }

  @Test
  void emitInALambdaOfAGenerator() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.List;

            public abstract class Shop {
              @Async
              AsyncGenerator<Integer> numbers() {
                List.of(1, 2).forEach(n -> emit(n));
                return endGenerator();
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[AwaitInLambda] emit() cannot be called inside a lambda; the lambda is not part of"
                + " Shop.numbers's state machine. Move it into the @Async method, or make the"
                + " lambda's work an @Async method and await the coroutine it returns")
        .inFile(shop)
        .onLineContaining("List.of(1, 2).forEach(n -> emit(n));");
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));
  }

  @Test
  void endGeneratorInAnAnonymousClassOfAGenerator() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.function.Supplier;

            public abstract class Shop {
              @Async
              AsyncGenerator<Integer> numbers() {
                Supplier<Integer> last =
                    new Supplier<>() {
                      @Override
                      public Integer get() {
                        Integer stop = endGenerator();
                        return stop;
                      }
                    };
                emit(last.get());
                return endGenerator();
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[AwaitInLocalClass] endGenerator() cannot be called inside an anonymous or local"
                + " class; its methods are not part of Shop.numbers's state machine. Move it into"
                + " the @Async method, or make the class's method an @Async method of a class of"
                + " its own")
        .inFile(shop)
        .onLineContaining("Integer stop = endGenerator();");
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));
  }

  @Test
  void asyncForInSynchronized() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              int sold;

              @Async
              Coroutine<Integer> sell(AsyncIterable<Integer> orders) {
                synchronized (this) {
                  for (int n : asyncFor(orders)) {
                    sold += n;
                  }
                }
                return done(sold);
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[AwaitInSynchronized] asyncFor() cannot be called inside a synchronized block; the"
                + " monitor would be held (or silently released) while the coroutine is suspended."
                + " Move it out of the synchronized block: on the single-threaded event"
                + " loop, tasks only interleave at awaits, so code between two awaits needs no"
                + " monitor")
        .inFile(shop)
        .onLineContaining("for (int n : asyncFor(orders)) {");
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));
  }

  // ------------------------------------------------------------------ the @Async declaration

  @Test
  void wrongReturnType() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              String price() {
                return "3";
              }

              @Async
              void open() {}
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "[WrongReturnType] an @Async method must return dev.jasyncio.Coroutine<T> (or, for a"
                + " generator, AsyncGenerator<T> or AsyncContextManager<T>); price()"
                + " returns String. Declare the return type as Coroutine<String> and end the body"
                + " with return done(value)")
        .inFile(shop)
        .onLineContaining("String price() {");
    assertThat(compilation)
        .hadErrorContaining(
            "[WrongReturnType] an @Async method must return dev.jasyncio.Coroutine<T> (or, for a"
                + " generator, AsyncGenerator<T> or AsyncContextManager<T>); open()"
                + " returns void. Declare the return type as Coroutine<Void>")
        .inFile(shop)
        .onLineContaining("void open() {}");
  }

  @Test
  void wrongReturnTypeRejectsAnIteratorAndAcceptsTheGeneratorTypes() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.Iterator;

            public abstract class Shop {
              @Async
              Iterator<String> names() {
                return null;
              }

              @Async
              AsyncGenerator<String> teas() {
                emit("green");
                return endGenerator();
              }

              @Async
              AsyncIterator<String> coffees() {
                emit("black");
                return endGenerator();
              }

              @Async
              AsyncIterable<String> juices() {
                emit("orange");
                return endGenerator();
              }

              @Async
              AsyncContextManager<String> door() {
                emit("open");
                return endGenerator();
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[WrongReturnType] an @Async method must return dev.jasyncio.Coroutine<T> (or, for a"
                + " generator, AsyncGenerator<T> or AsyncContextManager<T>); names() returns"
                + " Iterator<String>. Declare the return type as AsyncGenerator<String> and hand"
                + " out the items with emit(item)")
        .inFile(shop)
        .onLineContaining("Iterator<String> names() {");
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));
  }

  @Test
  void declarationDiagnosticIsReportedOnceWhenAnotherBodyHasErrors() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              String price() {
                return "3";
              }

              @Async
              Coroutine<String> name() {
                return done(undefinedName());
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertEquals(1, errorsContaining(compilation, "[WrongReturnType]").size());
    // and javac's own error in the other body, once
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(shop)
        .onLineContaining("return done(undefinedName());");
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));
  }

  @Test
  void asyncNotOverridable() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              final Coroutine<String> price() {
                return done("3");
              }

              @Async
              private Coroutine<String> secret() {
                return done("s");
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "[AsyncNotOverridable] an @Async method must be overridable by the generated class"
                + " Async_Shop; price() is final. Remove the 'final' modifier")
        .inFile(shop)
        .onLineContaining("final Coroutine<String> price() {");
    assertThat(compilation)
        .hadErrorContaining(
            "[AsyncNotOverridable] an @Async method must be overridable by the generated class"
                + " Async_Shop; secret() is private. Remove the 'private' modifier")
        .inFile(shop)
        .onLineContaining("private Coroutine<String> secret() {");
  }

  @Test
  void asyncClassNotAbstract() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public class Shop {
              @Async
              Coroutine<String> price() {
                return done("3");
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[AsyncClassNotAbstract] an @Async instance method must belong to an abstract class or"
                + " an interface, so that Async_Shop can implement it; Shop is a concrete class."
                + " Declare Shop abstract and create instances with new Async_Shop(...)")
        .inFile(shop)
        .onLineContaining("Coroutine<String> price() {");
  }

  @Test
  void asyncUnsupportedClass() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public class Shop {
              abstract class Counter {
                @Async
                Coroutine<String> price() {
                  return done("3");
                }
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[AsyncUnsupportedClass] @Async methods must be declared where the generated class"
                + " can reach them; Counter is an inner (non-static) class. Make Counter static,"
                + " or move the method to a top-level class")
        .inFile(shop)
        .onLineContaining("Coroutine<String> price() {");
  }

  @Test
  void asyncUnsupportedClassForAnEnumInstanceMethod() {
    JavaFileObject size =
        source(
            "shop.Size",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public enum Size {
              SMALL;

              @Async
              Coroutine<String> label() {
                return done(name());
              }
            }
            """);
    Compilation compilation = compile(size);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[AsyncUnsupportedClass] @Async methods must be declared where the generated class"
                + " can reach them; Size is an enum, which Async_Size cannot extend. Make the"
                + " method static, or move it to an abstract class")
        .inFile(size)
        .onLineContaining("Coroutine<String> label() {");
  }

  @Test
  void asyncUnsupportedClassWhenAllConstructorsArePrivate() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              private Shop() {}

              @Async
              Coroutine<String> price() {
                return done("3");
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[AsyncUnsupportedClass] @Async methods must be declared where the generated class"
                + " can reach them; Shop is a class whose constructors are all private, so"
                + " Async_Shop cannot extend it. Give it a package-private or protected"
                + " constructor")
        .inFile(shop)
        .onLineContaining("public abstract class Shop {");
  }

  @Test
  void asyncUnsupportedClassForALocalClass() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              Coroutine<String> name() {
                return done("corner shop");
              }

              Object counter() {
                abstract class Counter {
                  @Async
                  Coroutine<String> price() {
                    return done(await(sleep(1, "3")));
                  }
                }
                return null;
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation)
        .hadErrorContaining(
            "[AsyncUnsupportedClass] @Async methods must be declared where the generated class"
                + " can reach them; Counter is a local or anonymous class. Move the method to a"
                + " top-level or static nested class")
        .inFile(shop)
        .onLineContaining("Coroutine<String> price() {");
  }

  @Test
  void asyncUnsupportedClassForAPrivateNestedClassIsOneErrorWithTheRightFix() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public class Shop {
              private abstract static class Counter {
                @Async
                Coroutine<String> price() {
                  return done("3");
                }
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[AsyncUnsupportedClass]")
        .inFile(shop)
        .onLineContaining("Coroutine<String> price() {");
    String message = compilation.errors().get(0).getMessage(Locale.ROOT);
    assertTrue(message.contains("Counter is private"), message);
    assertFalse(message.contains("make the class static"), message);
  }

  @Test
  void asyncUnsupportedClassNamesAFixThatApplies() {
    JavaFileObject point =
        source(
            "shop.Point",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public record Point(int x) {
              @Async
              Coroutine<Integer> twice() {
                return done(2 * x);
              }
            }
            """);
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              private Shop() {}

              @Async
              Coroutine<String> price() {
                return done("3");
              }
            }
            """);
    Compilation compilation = compile(point, shop);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("Point is a record")
        .inFile(point)
        .onLineContaining("Coroutine<Integer> twice() {");
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      String message = d.getMessage(Locale.ROOT);
      assertFalse(message.contains("make the class static"), message);
    }
  }

  @Test
  void asyncWithoutBody() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              abstract Coroutine<String> price();
            }
            """);
    JavaFileObject counter =
        source(
            "shop.Counter",
            """
            package shop;

            import dev.jasyncio.*;

            public interface Counter {
              @Async
              Coroutine<Integer> count();
            }
            """);
    Compilation compilation = compile(shop, counter);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "[AsyncWithoutBody] an @Async method needs a body to compile into a coroutine; price()"
                + " has none. Give it a body, or remove @Async and let implementations declare it")
        .inFile(shop)
        .onLineContaining("abstract Coroutine<String> price();");
    assertThat(compilation)
        .hadErrorContaining("[AsyncWithoutBody] an @Async method needs a body")
        .inFile(counter)
        .onLineContaining("Coroutine<Integer> count();");
  }

  // ------------------------------------------------------------------ the @Async body

  @Test
  void privateMember() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              private int stock = 3;

              private static String label(int n) {
                return n + " left";
              }

              @Async
              Coroutine<String> take() {
                await(sleep(1));
                stock--;
                return done(label(3));
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "[PrivateMember] an @Async method cannot use the private field stock: its body runs in"
                + " the generated class Async_Shop, which cannot reach private members. Make stock"
                + " package-private")
        .inFile(shop)
        .onLineContaining("stock--;");
    assertThat(compilation)
        .hadErrorContaining(
            "[PrivateMember] an @Async method cannot use the private method label: its body runs"
                + " in the generated class Async_Shop, which cannot reach private members. Make"
                + " label package-private")
        .inFile(shop)
        .onLineContaining("return done(label(3));");
  }

  @Test
  void discardedCoroutine() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              Coroutine<Void> restock() {
                sleep(1);
                return done();
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining(
            "[DiscardedCoroutine] the coroutine returned by sleep(1) is discarded without being"
                + " awaited, so its body never runs. Write await(sleep(1)) to run it here, or"
                + " createTask(sleep(1)) to run it concurrently")
        .inFile(shop)
        .onLineContaining("sleep(1);");
  }

  @Test
  void staticAsyncCall() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              static Coroutine<String> open() {
                await(sleep(1));
                return done("open");
              }

              static String openNow() {
                return run(Shop.open());
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StaticAsyncCall] Shop.open() is a static @Async method; calling it directly runs its"
                + " body as ordinary code, which fails at the first await. Call the generated"
                + " Async_Shop.open(...) instead")
        .inFile(shop)
        .onLineContaining("return run(Shop.open());");
  }

  @Test
  void asyncSuperCall() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop extends Store {
              @Async
              @Override
              Coroutine<String> greet() {
                String base = await(super.greet());
                return done(base + "!");
              }
            }

            abstract class Store {
              Coroutine<String> greet() {
                return done("hello");
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[AsyncSuperCall] an @Async method cannot call super.greet(...) because Shop overrides"
                + " it and the generated subclass can only reach Shop's own version. Call a"
                + " differently named helper method that does the super call")
        .inFile(shop)
        .onLineContaining("String base = await(super.greet());");
  }

  /**
   * {@code Shop.super.greet()} and {@code super::greet} reach Store's greet as much as {@code
   * super.greet()} does, and are reported the same way; a super call inside an anonymous class of
   * the body is that class's own and is not.
   */
  @Test
  void asyncSuperCallQualifiedOrAsAReference() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.function.Supplier;

            public abstract class Shop extends Store {
              @Async
              @Override
              Coroutine<String> greet() {
                String base = await(Shop.super.greet());
                Supplier<Coroutine<String>> again = super::greet;
                Object anon = new Object() {
                  @Override
                  public String toString() {
                    return super.toString();
                  }
                };
                return done(base + anon);
              }

              @Override
              public String toString() {
                return "shop";
              }
            }

            abstract class Store {
              Coroutine<String> greet() {
                return done("hello");
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("[AsyncSuperCall] an @Async method cannot call super.greet(...)")
        .inFile(shop)
        .onLineContaining("String base = await(Shop.super.greet());");
    assertThat(compilation)
        .hadErrorContaining("[AsyncSuperCall] an @Async method cannot call super.greet(...)")
        .inFile(shop)
        .onLineContaining("Supplier<Coroutine<String>> again = super::greet;");
  }

  @Test
  void nonDenotableLocal() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              Coroutine<String> label(boolean many) {
                var count = many ? 3 : "one";
                await(sleep(1));
                return done(count + " left");
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[NonDenotableLocal] the local variable count lives across an await, so it becomes a"
                + " field of the state machine, but its type")
        .inFile(shop)
        .onLineContaining("var count = many ? 3 : \"one\";");
    assertThat(compilation).hadErrorContaining("Declare it with an explicit type");
  }

  /**
   * A var local of an anonymous class kept across an await is reported once, as what makes the
   * class fail even without the await ({@code VarOfAnonymousClass}), not also as a non-denotable
   * field type.
   */
  @Test
  void nonDenotableLocalOfAnAnonymousClass() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              Coroutine<Integer> stock() {
                var counter =
                    new Object() {
                      int left = 3;
                    };
                await(sleep(1));
                return done(counter.left);
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[VarOfAnonymousClass] a var local whose value is an anonymous class")
        .inFile(shop)
        .onLineContaining("var counter =");
  }

  /**
   * A var local of an anonymous class, in an @Async body or in an ordinary method of a class
   * with @Async methods: javac would fail on it with "cannot find symbol: class Shop$1" after the
   * processor had the class attributed. A local class works, in the same class.
   */
  @Test
  void varOfAnonymousClass() throws Exception {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              Coroutine<Integer> stock() {
                await(sleep(1));
                var counter =
                    new Object() {
                      int left = 3;
                    };
                return done(counter.left);
              }

              static int plain() {
                var label = (new Object() {
                  final String text = "plain";
                });
                return label.text.length();
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "[VarOfAnonymousClass] a var local whose value is an anonymous class cannot be"
                + " compiled in Shop, a class with @Async methods")
        .inFile(shop)
        .onLineContaining("var counter =");
    assertThat(compilation)
        .hadErrorContaining("Declare label with a named type")
        .inFile(shop)
        .onLineContaining("var label = (new Object() {");
    assertEquals(List.of(), compilation.warnings());

    JavaFileObject local =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              Coroutine<Integer> stock() {
                class Counter {
                  int left = 3;
                }
                var counter = new Counter();
                Runnable tick = new Runnable() {
                  @Override
                  public void run() {
                    counter.left--;
                  }
                };
                await(sleep(1));
                tick.run();
                return done(counter.left);
              }

              static int stock(int ignored) {
                return run(new Async_Shop() {}.stock(), TestEventLoop::new);
              }
            }
            """);
    JavaFileObject main =
        source(
            "shop.Main",
            """
            package shop;

            public class Main {
              static int left() {
                var counter = new Object() {
                  int left = Shop.stock(0);
                };
                return counter.left;
              }
            }
            """);
    compilation = compile(local, main);
    assertThat(compilation).succeededWithoutWarnings();
    ClassLoader loader =
        new InMemoryClassLoader(compilation.generatedFiles(), getClass().getClassLoader());
    java.lang.reflect.Method left = loader.loadClass("shop.Main").getDeclaredMethod("left");
    left.setAccessible(true);
    assertEquals(2, left.invoke(null));
  }

  @Test
  void asyncUnsupportedConstruct() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              Coroutine<Integer> stock(int shelves) {
                int total = 0;
                for (int i = 0; i < shelves; i++) {
                  int shelf = i;
                  class Counter {
                    int n = shelf;
                  }
                  Counter c = new Counter();
                  c.n += await(sleep(1, 3));
                  total += c.n;
                }
                return done(total);
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[AsyncUnsupportedConstruct] a local class that uses local variables, declared in a"
                + " loop that contains an await, is not supported in an @Async method. Pass the"
                + " values it needs to its constructor, or declare it as a member of Shop")
        .inFile(shop)
        .onLineContaining("class Counter {");
  }

  // ------------------------------------------------------------------ generators, for, with

  @Test
  void notAGenerator() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              Coroutine<Integer> price() {
                emit(3);
                return done(3);
              }

              @Async
              Coroutine<Integer> stock() {
                return endGenerator();
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "[NotAGenerator] emit() can only be used in an @Async method that returns"
                + " AsyncGenerator<T> or AsyncContextManager<T>; price() returns"
                + " Coroutine<Integer>. Declare it to return AsyncGenerator<T> to hand out items"
                + " with emit(x), or remove the emit")
        .inFile(shop)
        .onLineContaining("emit(3);");
    assertThat(compilation)
        .hadErrorContaining(
            "[NotAGenerator] endGenerator() can only be used in an @Async method that returns"
                + " AsyncGenerator<T> or AsyncContextManager<T>; stock() returns"
                + " Coroutine<Integer>. Declare it to return AsyncGenerator<T> to hand out items"
                + " with emit(x), or end the body with return done(value)")
        .inFile(shop)
        .onLineContaining("return endGenerator();");
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));
  }

  @Test
  void emitType() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              AsyncGenerator<Integer> prices() {
                emit(3);
                emit("x");
                return endGenerator();
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[EmitType] prices() hands out items of type Integer; emit(\"x\") gives it a String."
                + " Emit an Integer, or change the item type in the declared return type")
        .inFile(shop)
        .onLineContaining("emit(\"x\");");
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));
  }

  @Test
  void emitTypeOfAnIntInALongGenerator() {
    // An int is boxed to an Integer, never to a Long, as in Long n = 1.
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              AsyncGenerator<Long> ids() {
                emit(1L);
                emit(2);
                return endGenerator();
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[EmitType] ids() hands out items of type Long; emit(2) gives it an int. Emit a Long,"
                + " or change the item type in the declared return type")
        .inFile(shop)
        .onLineContaining("emit(2);");
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));
  }

  @Test
  void emitOfASubtypeCompilesAndRuns() throws Exception {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.ArrayList;
            import java.util.List;

            public abstract class Shop {
              @Async
              AsyncGenerator<Number> amounts() {
                emit(1);
                emit(2.5);
                return endGenerator();
              }

              @Async
              Coroutine<List<Number>> all() {
                List<Number> items = new ArrayList<>();
                for (Number n : asyncFor(amounts())) {
                  items.add(n);
                }
                return done(items);
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).succeededWithoutWarnings();
    assertEquals(List.of(1, 2.5), runAsync(compilation, "all"));
  }

  @Test
  void emitOfADiamondOrAGenericCallIsCheckedByItsClass() {
    // emit takes an Object, so javac infers List.of() as a List<Object>: only List is checked,
    // and a method that returns its type variable T is not checked at all.
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.Map;

            public abstract class Shop {
              static <T> T unknown() {
                return null;
              }

              @Async
              AsyncGenerator<List<String>> shelves() {
                emit(new ArrayList<>());
                emit(List.of());
                emit(unknown());
                emit(Map.of());
                return endGenerator();
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[EmitType] shelves() hands out items of type List<String>; emit(Map.of()) gives it a"
                + " Map. Emit a List<String>, or change the item type in the declared return type")
        .inFile(shop)
        .onLineContaining("emit(Map.of());");
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));
  }

  @Test
  void emitTypeOfAnAnonymousClassNamesWhatItExtends() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              AsyncGenerator<String> names() {
                emit(new Object() {});
                return endGenerator();
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "gives it an anonymous Object. Emit a String, or change the item type in the declared"
                + " return type")
        .inFile(shop)
        .onLineContaining("emit(new Object() {});");
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));
  }

  @Test
  void generatorReturn() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.function.Supplier;

            public abstract class Shop {
              @Async
              AsyncGenerator<String> names() {
                emit("tea");
                return null;
              }

              @Async
              AsyncGenerator<String> labels() {
                Supplier<String> label =
                    () -> {
                      return "coffee";
                    };
                emit(label.get());
                return endGenerator();
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[GeneratorReturn] an @Async generator has no result and ends with return"
                + " endGenerator(); names() returns null here. Emit the value first if the caller"
                + " needs it, then return endGenerator()")
        .inFile(shop)
        .onLineContaining("return null;");
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));
  }

  @Test
  void contextManagerEmits() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              AsyncContextManager<String> closed() {
                await(sleep(1));
                return endGenerator();
              }

              @Async
              AsyncContextManager<String> revolving() {
                emit("in");
                emit("out");
                return endGenerator();
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "[ContextManagerEmits] an @Async method that returns AsyncContextManager<T> must emit"
                + " exactly once, as Python's @asynccontextmanager yields once; closed() never"
                + " emits. Emit the value the with-block binds, between the setup and the cleanup")
        .inFile(shop)
        .onLineContaining("AsyncContextManager<String> closed() {");
    assertThat(compilation)
        .hadErrorContaining(
            "[ContextManagerEmits] an @Async method that returns AsyncContextManager<T> must emit"
                + " exactly once, as Python's @asynccontextmanager yields once; revolving() emits"
                + " 2 times. Keep one emit(...) and put the cleanup after it, in a finally block")
        .inFile(shop)
        .onLineContaining("emit(\"out\");");
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));
  }

  @Test
  void contextManagerWithOneEmitInALoopIsAcceptedAtCompileTime() {
    // Whether the loop runs exactly once is only known when it runs: a second emit is then an
    // error of the context manager, as in Python.
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              AsyncContextManager<String> door(int tries) {
                for (int i = 0; i < tries; i++) {
                  emit("door " + i);
                }
                return endGenerator();
              }
            }
            """);
    assertThat(compile(shop)).succeededWithoutWarnings();
  }

  @Test
  void markerPosition() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              static void log(Object o) {}

              @Async
              AsyncGenerator<Integer> numbers() {
                emit(1);
                log(endGenerator());
                return endGenerator();
              }

              @Async
              Coroutine<String> misuse(AsyncContextManager<String> door) {
                Iterable<Integer> it = asyncFor(numbers());
                Entered<String> e = asyncWith(door);
                return done("");
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation)
        .hadErrorContaining(
            "[MarkerPosition] endGenerator() works only as the value of a return statement, return"
                + " endGenerator(); found it as the argument of a method call. Write return"
                + " endGenerator() where the generator ends")
        .inFile(shop)
        .onLineContaining("log(endGenerator());");
    assertThat(compilation)
        .hadErrorContaining(
            "[MarkerPosition] asyncFor() works only as the source of an enhanced for loop, for (T"
                + " x : asyncFor(source)) {...}; found it in a variable initializer. Write the"
                + " loop, or collect the items with await(AsyncIterables.toList(source))")
        .inFile(shop)
        .onLineContaining("Iterable<Integer> it = asyncFor(numbers());");
    assertThat(compilation)
        .hadErrorContaining(
            "[MarkerPosition] asyncWith() works only as the initializer of a try-with-resources"
                + " resource, try (Entered<T> r = asyncWith(manager)) {...}; found it in a variable"
                + " initializer. Write the try statement, or use the coroutine asyncWith(manager,"
                + " body)")
        .inFile(shop)
        .onLineContaining("Entered<String> e = asyncWith(door);");
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));
  }

  @Test
  void parenthesizedEndGeneratorIsOneError() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              AsyncGenerator<Integer> numbers() {
                emit(1);
                return (endGenerator());
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[MarkerPosition] endGenerator() works only as the value of a return statement, return"
                + " endGenerator(); found it in parentheses. Write return endGenerator() where the"
                + " generator ends")
        .inFile(shop)
        .onLineContaining("return (endGenerator());");
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));
  }

  // ------------------------------------------------------------------ the processor itself

  @Test
  void internalError() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              Coroutine<String> price() {
                return done("3");
              }
            }
            """);
    // The environment javac passes, except that its Filer fails with an unchecked exception when
    // the processor writes Async_Shop: a failure inside the processor, as a bug would be.
    Compilation compilation =
        javac()
            .withProcessors(
                new WrappingProcessor(
                    env -> wrap(env, new FailingFilerHandler(env)), new AsyncProcessor()))
            .compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[InternalError] the jasyncio processor failed on shop.Shop; this is a bug in"
                + " jasyncio, please report it with this stack trace:")
        .inFile(shop)
        .onLineContaining("public abstract class Shop {");
    assertThat(compilation).hadErrorContaining("java.lang.IllegalStateException: disk full");
    assertThat(compilation).hadErrorContaining("at dev.jasyncio.processor.AsyncProcessor.");
  }

  @Test
  void unsupportedCompiler() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              Coroutine<String> price() {
                return done("3");
              }
            }
            """);
    // A ProcessingEnvironment that is not javac's and hides javac's behind it: Trees.instance
    // rejects it and no field of its handler holds an environment.
    ProcessingEnvironment[] seen = new ProcessingEnvironment[1];
    Compilation compilation =
        javac()
            .withProcessors(
                new WrappingProcessor(
                    env -> seen[0] = wrap(env, new NotJavacHandler(env)), new AsyncProcessor()))
            .compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[UnsupportedCompiler] jasyncio needs javac's public compiler API"
                + " (com.sun.source.util.Trees), which this compiler does not provide through "
                + seen[0].getClass().getName()
                + ". Compile with javac (the JDK's compiler), or with a build tool that runs it")
        .inFile(shop)
        .onLineContaining("public abstract class Shop {");
  }

  // ------------------------------------------------------------------ no noise

  @Test
  void errorInTheUsersBodyIsReportedOnlyByJavacForAnUndefinedMethod() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              Coroutine<String> make(String name) {
                await(sleep(3));
                String label = undefinedLabel(name);
                return done(name + label);
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(shop)
        .onLineContaining("String label = undefinedLabel(name);");
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));
  }

  @Test
  void errorInTheUsersBodyIsReportedOnlyByJavacForIncompatibleTypes() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              Coroutine<String> make(String name) {
                await(sleep(3));
                String label = 5;
                return done(name + label);
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("incompatible types: int cannot be converted to")
        .inFile(shop)
        .onLineContaining("String label = 5;");
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));
  }

  @Test
  void asyncBodyMayNameTheClassGeneratedFromIt() throws Exception {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              static Coroutine<Shop> open() {
                await(sleep(1));
                return done(new Async_Shop());
              }
            }
            """);
    assertThat(compile(shop)).succeededWithoutWarnings();

    Compilation compilation = compile(shop, ANY_ASYNC);
    assertThat(compilation).succeededWithoutWarnings();
    ClassLoader loader =
        new InMemoryClassLoader(
            compilation.generatedFiles(), DiagnosticsTest.class.getClassLoader());
    Method open = loader.loadClass("shop.Async_Shop").getDeclaredMethod("open");
    open.setAccessible(true);
    Object opened = Asyncio.run((Coroutine<?>) open.invoke(null), TestEventLoop::new);
    assertEquals("shop.Async_Shop", opened.getClass().getName());
  }

  private static final JavaFileObject CLEAN =
      source(
          "shop.Shop",
          """
          package shop;

          import static dev.jasyncio.Asyncio.*;

          import dev.jasyncio.*;

          public abstract class Shop {
            @Async
            Coroutine<String> make(String name) {
              await(sleep(3));
              return done(name + "!");
            }

            @Async
            static Coroutine<Integer> count(int n) {
              int total = 0;
              for (int i = 0; i < n; i++) {
                total += await(sleep(1, i));
              }
              return done(total);
            }
          }
          """);

  @Test
  void cleanAsyncClassCompilesWithoutWarnings() {
    Compilation compilation = compile(CLEAN);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("shop.Async_Shop").isNotNull();
  }

  @Test
  void cleanAsyncClassCompilesWithoutWarningsUnderXlintAll() {
    Compilation compilation =
        javac()
            .withProcessors(new AsyncCheckProcessor(), new AsyncProcessor())
            .withOptions("-Xlint:all")
            .compile(CLEAN);
    assertThat(compilation).succeededWithoutWarnings();
  }

  private static final JavaFileObject CLEAN_GENERATORS =
      source(
          "shop.Shop",
          """
          package shop;

          import static dev.jasyncio.Asyncio.*;

          import dev.jasyncio.*;

          public abstract class Shop {
            @Async
            AsyncGenerator<Integer> countdown(int from) {
              for (int n = from; n > 0; n--) {
                emit(n);
                await(sleep(1));
              }
              return endGenerator();
            }

            @Async
            AsyncContextManager<String> door(String name) {
              await(sleep(1));
              try {
                emit(name + " open");
              } finally {
                await(sleep(1));
              }
              return endGenerator();
            }

            @Async
            Coroutine<Integer> total() {
              int sum = 0;
              try (Entered<String> door = asyncWith(door("front"))) {
                for (int n : asyncFor(countdown(3))) {
                  sum += n * door.get().length();
                }
              }
              return done(sum);
            }
          }
          """);

  @Test
  void generatorsAsyncForAndAsyncWithCompileWithoutWarnings() throws Exception {
    Compilation compilation = compile(CLEAN_GENERATORS);
    assertThat(compilation).succeededWithoutWarnings();
    assertEquals(60, runAsync(compilation, "total"));

    Compilation linted =
        javac()
            .withProcessors(new AsyncCheckProcessor(), new AsyncProcessor())
            .withOptions("-Xlint:all")
            .compile(CLEAN_GENERATORS);
    assertThat(linted).succeededWithoutWarnings();
  }

  // ------------------------------------------------------------------ wrapped environments

  @Test
  void findsJavacBehindAProxyTheWayIntelliJWrapsTheEnvironment() throws Exception {
    ProcessingEnvironment[] seen = new ProcessingEnvironment[1];
    Compilation compilation =
        javac()
            .withProcessors(
                new WrappingProcessor(
                    env -> seen[0] = wrap(env, new IntelliJStyleHandler(env)),
                    new AsyncProcessor()))
            .compile(CLEAN);
    assertTrue(Proxy.isProxyClass(seen[0].getClass()));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("shop.AsyncMachines_Shop")
        .contentsAsUtf8String()
        .contains("class MakeCoroutine");
    assertEquals("corner shop!", runMake(compilation, "corner shop"));
  }

  @Test
  void findsJavacBehindADelegatingEnvironmentTheWayGradleWrapsIt() throws Exception {
    Compilation compilation =
        javac()
            .withProcessors(
                new WrappingProcessor(GradleStyleEnvironment::new, new AsyncProcessor()))
            .compile(CLEAN);
    assertThat(compilation).succeededWithoutWarnings();
    assertEquals("corner shop!", runMake(compilation, "corner shop"));
  }

  /** Runs {@code new Async_Shop().make(name)} from the compilation on a virtual clock. */
  private static Object runMake(Compilation compilation, String name) throws Exception {
    ClassLoader loader =
        new InMemoryClassLoader(
            compilation.generatedFiles(), DiagnosticsTest.class.getClassLoader());
    Class<?> generated = loader.loadClass("shop.Async_Shop");
    Object shop = generated.getConstructor().newInstance();
    Method make = generated.getSuperclass().getDeclaredMethod("make", String.class);
    make.setAccessible(true);
    Coroutine<?> coroutine = (Coroutine<?>) make.invoke(shop, name);
    return Asyncio.run(coroutine, TestEventLoop::new);
  }

  /** Runs the coroutine {@code new Async_Shop().<method>()} from the compilation. */
  private static Object runAsync(Compilation compilation, String method) throws Exception {
    ClassLoader loader =
        new InMemoryClassLoader(
            compilation.generatedFiles(), DiagnosticsTest.class.getClassLoader());
    Class<?> generated = loader.loadClass("shop.Async_Shop");
    Object shop = generated.getConstructor().newInstance();
    Method m = generated.getSuperclass().getDeclaredMethod(method);
    m.setAccessible(true);
    return Asyncio.run((Coroutine<?>) m.invoke(shop), TestEventLoop::new);
  }

  // ------------------------------------------------------------------ build tool integration

  @Test
  void declaresItselfAnIsolatingProcessorForGradle() throws Exception {
    URL resource =
        AsyncProcessor.class
            .getClassLoader()
            .getResource("META-INF/gradle/incremental.annotation.processors");
    assertNotNull(resource, "META-INF/gradle/incremental.annotation.processors is missing");
    String content;
    try (InputStream in = resource.openStream()) {
      content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(
        List.of(
            AsyncCheckProcessor.class.getName() + ",isolating",
            AsyncProcessor.class.getName() + ",isolating"),
        content.lines().toList());
  }

  // ------------------------------------------------------------------ test doubles

  private static ProcessingEnvironment wrap(ProcessingEnvironment env, InvocationHandler handler) {
    return (ProcessingEnvironment)
        Proxy.newProxyInstance(
            DiagnosticsTest.class.getClassLoader(),
            new Class<?>[] {ProcessingEnvironment.class},
            handler);
  }

  /** Calls {@code target} with {@code args}, rethrowing what it throws. */
  private static Object forward(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /**
   * A processor that hands {@code delegate} a wrapped environment, as IntelliJ and Gradle do with
   * the processors they run.
   */
  private static final class WrappingProcessor implements Processor {
    private final UnaryOperator<ProcessingEnvironment> wrapper;
    private final Processor delegate;

    WrappingProcessor(UnaryOperator<ProcessingEnvironment> wrapper, Processor delegate) {
      this.wrapper = wrapper;
      this.delegate = delegate;
    }

    @Override
    public Set<String> getSupportedOptions() {
      return delegate.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public void init(ProcessingEnvironment env) {
      delegate.init(wrapper.apply(env));
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }

    @Override
    public Iterable<? extends Completion> getCompletions(
        Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
      return delegate.getCompletions(element, annotation, member, userText);
    }
  }

  /**
   * Like IntelliJ's handler: an object that keeps the real environment in a field (typed Object, as
   * a captured generic variable is) and forwards every call to it.
   */
  private static final class IntelliJStyleHandler implements InvocationHandler {
    private final Object delegateTo;

    IntelliJStyleHandler(ProcessingEnvironment env) {
      this.delegateTo = env;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      return forward(delegateTo, method, args);
    }
  }

  /** Forwards to the real environment, except that its Filer cannot create source files. */
  private static final class FailingFilerHandler implements InvocationHandler {
    private final ProcessingEnvironment delegate;

    FailingFilerHandler(ProcessingEnvironment env) {
      this.delegate = env;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getName().equals("getFiler")) {
        Filer real = delegate.getFiler();
        return Proxy.newProxyInstance(
            DiagnosticsTest.class.getClassLoader(),
            new Class<?>[] {Filer.class},
            (p, m, a) -> {
              if (m.getName().equals("createSourceFile")) {
                throw new IllegalStateException("disk full");
              }
              return forward(real, m, a);
            });
      }
      return forward(delegate, method, args);
    }
  }

  /**
   * An environment of some other compiler: it answers with javac's Messager, Filer and utilities
   * (so that diagnostics still reach the compilation), but it is not javac's environment and does
   * not keep one in a field.
   */
  private static final class NotJavacHandler implements InvocationHandler {
    private final Map<String, Object> answers = new HashMap<>();

    NotJavacHandler(ProcessingEnvironment env) {
      Messager messager = env.getMessager();
      Filer filer = env.getFiler();
      Elements elements = env.getElementUtils();
      Types types = env.getTypeUtils();
      answers.put("getMessager", messager);
      answers.put("getFiler", filer);
      answers.put("getElementUtils", elements);
      answers.put("getTypeUtils", types);
      answers.put("getOptions", Map.copyOf(env.getOptions()));
      answers.put("getSourceVersion", env.getSourceVersion());
      answers.put("getLocale", env.getLocale());
      answers.put("isPreviewEnabled", env.isPreviewEnabled());
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      switch (method.getName()) {
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        case "toString":
          return "another compiler's ProcessingEnvironment";
        default:
          if (!answers.containsKey(method.getName())) {
            throw new UnsupportedOperationException(method.getName());
          }
          return answers.get(method.getName());
      }
    }
  }

  /** Like Gradle's IncrementalProcessingEnvironment: a class that delegates to a field. */
  private static final class GradleStyleEnvironment implements ProcessingEnvironment {
    private final ProcessingEnvironment delegate;

    GradleStyleEnvironment(ProcessingEnvironment delegate) {
      this.delegate = delegate;
    }

    @Override
    public Map<String, String> getOptions() {
      return delegate.getOptions();
    }

    @Override
    public Messager getMessager() {
      return delegate.getMessager();
    }

    @Override
    public Filer getFiler() {
      return delegate.getFiler();
    }

    @Override
    public Elements getElementUtils() {
      return delegate.getElementUtils();
    }

    @Override
    public Types getTypeUtils() {
      return delegate.getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
      return delegate.getSourceVersion();
    }

    @Override
    public Locale getLocale() {
      return delegate.getLocale();
    }
  }

  // ------------------------------------------------------------------ inherited @Async methods

  @Test
  void concreteClassesThatInheritAsyncMethodsAreReported() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              @Async
              Coroutine<String> open() {
                await(sleep(1));
                return done("open");
              }

              static class Kiosk extends Shop {}

              static Shop make() {
                class Stall extends Shop {}
                Shop fine = new Async_Shop() {};
                return new Shop() {};
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation)
        .hadErrorContaining(
            "[ConcreteInheritsAsync] Kiosk inherits the @Async method open() from Shop but is not"
                + " compiled by jasyncio, so calling it would run its body as ordinary code, which"
                + " fails at the first await. Declare Kiosk abstract and create instances with new"
                + " Async_Shop_Kiosk(...), or extend Async_Shop instead of Shop")
        .inFile(shop)
        .onLineContaining("static class Kiosk extends Shop {}");
    assertThat(compilation)
        .hadErrorContaining(
            "[ConcreteInheritsAsync] Stall inherits the @Async method open() from Shop but is not"
                + " compiled by jasyncio, so calling it would run its body as ordinary code, which"
                + " fails at the first await. Extend Async_Shop instead of Shop")
        .inFile(shop)
        .onLineContaining("class Stall extends Shop {}");
    assertThat(compilation)
        .hadErrorContaining(
            "[ConcreteInheritsAsync] this anonymous class inherits the @Async method open() from"
                + " Shop but is not compiled by jasyncio, so calling it would run its body as"
                + " ordinary code, which fails at the first await. Create the anonymous class from"
                + " the generated class instead: new Async_Shop(...) {...}")
        .inFile(shop)
        .onLineContaining("return new Shop() {};");
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));
  }

  @Test
  void anInheritedAsyncMethodThatCannotBeCompiledAgainIsReported() {
    JavaFileObject base =
        source(
            "shop.Base",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Base<T> {
              @Async
              Coroutine<String> open() {
                await(sleep(1));
                return done("open");
              }
            }
            """);
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop extends Base<String> {
              @Async
              Coroutine<String> close() {
                return done("closed");
              }
            }
            """);
    Compilation compilation = compile(base, shop);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[InheritedAsync] Shop inherits the @Async method open() from Base, so Async_Shop must"
                + " compile its body too, and cannot: Base is generic. Override open() in Shop as"
                + " an @Async method, or make Base not generic")
        .inFile(shop)
        .onLineContaining("public abstract class Shop extends Base<String> {");
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));
  }

  @Test
  void methodReferencesToMarkersAndStaticAsyncMethods() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.function.Function;
            import java.util.function.Supplier;

            public abstract class Shop {
              @Async
              static Coroutine<Integer> one() {
                await(sleep(1));
                return done(1);
              }

              static Supplier<Coroutine<Integer>> plain() {
                return Shop::one;
              }

              static Function<Object, Object> emitter() {
                return Asyncio::emit;
              }

              @Async
              Coroutine<Integer> fine() {
                Supplier<Coroutine<Integer>> s = Shop::one;
                return done(await(s.get()));
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "[StaticAsyncCall] Shop::one is a static @Async method; calling it directly runs its"
                + " body as ordinary code, which fails at the first await. Call the generated"
                + " Async_Shop::one instead")
        .inFile(shop)
        .onLineContaining("return Shop::one;");
    assertThat(compilation)
        .hadErrorContaining(
            "[MarkerOutsideAsync] emit() can only be used in a method annotated @Async; emitter()"
                + " is not one. Annotate emitter() with @dev.jasyncio.Async and declare it to"
                + " return AsyncGenerator<T>")
        .inFile(shop)
        .onLineContaining("return Asyncio::emit;");
  }

  @Test
  void monitorMethodsOfJasyncioObjects() {
    JavaFileObject shop =
        source(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Shop {
              final Event opened = new Event();
              final Condition stocked = new Condition();

              void open() throws InterruptedException {
                opened.wait();
              }

              @Async
              Coroutine<Void> restock() {
                await(stocked.acquire());
                try {
                  stocked.notifyAll();
                } finally {
                  stocked.release();
                }
                return done();
              }

              void fine() {
                Object lock = new Object();
                synchronized (lock) {
                  lock.notify();
                }
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "[MonitorMethod] opened.wait() calls java.lang.Object's wait(), not asyncio's: an Event"
                + " is not a Java monitor, and the call would throw IllegalMonitorStateException or"
                + " block the event loop's thread. Write await(opened.waitEvent()) in an @Async"
                + " method")
        .inFile(shop)
        .onLineContaining("opened.wait();");
    assertThat(compilation)
        .hadErrorContaining(
            "[MonitorMethod] stocked.notifyAll() calls java.lang.Object's notifyAll(), not"
                + " asyncio's: a Condition is not a Java monitor, and the call would throw"
                + " IllegalMonitorStateException or block the event loop's thread. Call"
                + " stocked.notifyAllWaiters()")
        .inFile(shop)
        .onLineContaining("stocked.notifyAll();");
    assertEquals(List.of(), errorsInGeneratedFiles(compilation));
  }
}
