package dev.jasyncio.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
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
    Compilation compilation = compile(shop);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "[WrongReturnType] an @Async method must return dev.jasyncio.Coroutine<T>")
        .inFile(shop)
        .onLineContaining("int price()");
    assertThat(compilation).hadErrorContaining("Declare the return type as Coroutine<Integer>");
  }

  /**
   * A file that names another file's generated class inside nested generic calls waits for that
   * class to exist before it is attributed: attributing it earlier left javac 25 unable to infer
   * {@code await(toList(new Async_Counter()))} in the final compilation.
   */
  @Test
  void aFileNamingAnotherFilesGeneratedClassCompilesOnEveryJdk() throws Exception {
    JavaFileObject counter =
        JavaFileObjects.forSourceString(
            "shop.Counter",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Counter implements AsyncIterator<Integer> {
              int n;

              @Async
              @Override
              public Coroutine<Integer> anext() {
                if (n == 3) {
                  throw new StopAsyncIteration();
                }
                await(sleep(1));
                return done(n++);
              }
            }
            """);
    JavaFileObject user =
        JavaFileObjects.forSourceString(
            "shop.User",
            """
            package shop;

            import static dev.jasyncio.AsyncIterables.*;
            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.List;

            public abstract class User {
              @Async
              public static Coroutine<List<Integer>> all() {
                List<Integer> a = await(toList(new Async_Counter()));
                return done(a);
              }

              public static Object plain() {
                return java.util.Objects.requireNonNull(toList(new Async_Counter()));
              }
            }
            """);
    Compilation compilation = compile(user, counter);
    assertThat(compilation).succeededWithoutWarnings();
    ClassLoader loader =
        new InMemoryClassLoader(compilation.generatedFiles(), getClass().getClassLoader());
    Object coroutine = loader.loadClass("shop.Async_User").getMethod("all").invoke(null);
    dev.jasyncio.TestEventLoop loop = new dev.jasyncio.TestEventLoop();
    Object result = dev.jasyncio.Asyncio.run((dev.jasyncio.Coroutine<?>) coroutine, () -> loop);
    org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(0, 1, 2), result);
    org.junit.jupiter.api.Assertions.assertEquals(3.0, loop.time());
  }

  /**
   * An await whose operand names a class not generated yet, in an expression that says nothing
   * about its type ({@code s += await(Async_X.one(i))}): the user's method declares what it
   * produces.
   */
  @Test
  void awaitingACallOnAClassNotGeneratedYetUsesTheUsersDeclaredResult() throws Exception {
    JavaFileObject sums =
        JavaFileObjects.forSourceString(
            "shop.Sums",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public abstract class Sums {
              @Async
              static Coroutine<Integer> one(int i) {
                return done(i);
              }

              @Async
              Coroutine<Integer> two(int i) {
                return done(2 * i);
              }

              @Async
              public static Coroutine<Long> total(int n) {
                long s = 0;
                for (int i = 0; i < n; i++) {
                  s += await(Async_Sums.one(i));
                  s += await(new Async_Sums().two(i));
                }
                return done(s);
              }
            }
            """);
    Compilation compilation = compile(sums);
    assertThat(compilation).succeededWithoutWarnings();
    ClassLoader loader =
        new InMemoryClassLoader(compilation.generatedFiles(), getClass().getClassLoader());
    Object coroutine =
        loader.loadClass("shop.Async_Sums").getMethod("total", int.class).invoke(null, 4);
    Object result =
        dev.jasyncio.Asyncio.run(
            (dev.jasyncio.Coroutine<?>) coroutine, dev.jasyncio.TestEventLoop::new);
    org.junit.jupiter.api.Assertions.assertEquals(18L, result);
  }

  /**
   * The forms that keep their type while the class generated from this one does not exist: a task
   * of a call on it kept in a local with an explicit type, a call that does not name it at all (the
   * processor calls the generated method), and a call of a method that declares its result ({@code
   * twice}, not generic) with one as argument. The two tasks run at once: 2 seconds on the virtual
   * clock, not 3. (Awaiting {@code createTask(Async_Tasks.brew(2))} directly is an error, see
   * {@code DiagnosticsTest.valueComputedThroughTheClassGeneratedFromThisOne}.)
   */
  @Test
  void tasksOfTheClassNotGeneratedYetKeepTheirTypeInATypedLocalOrWithoutItsName() throws Exception {
    JavaFileObject tasks =
        JavaFileObjects.forSourceString(
            "shop.Tasks",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.*;

            public abstract class Tasks {
              @Async
              static Coroutine<String> brew(int cup) {
                await(sleep(cup));
                return done("cup " + cup);
              }

              @Async
              static Coroutine<String> twice(Coroutine<String> cup) {
                String c = await(cup);
                return done(c + ", " + c);
              }

              @Async
              public static Coroutine<List<String>> both() {
                List<String> log = new ArrayList<>();
                Task<String> second = createTask(Async_Tasks.brew(2));
                log.add(await(twice(Async_Tasks.brew(0))).toUpperCase());
                log.add(await(createTask(brew(1))).toUpperCase());
                log.add(await(second).toUpperCase());
                return done(log);
              }
            }
            """);
    Compilation compilation = compile(tasks);
    assertThat(compilation).succeededWithoutWarnings();
    ClassLoader loader =
        new InMemoryClassLoader(compilation.generatedFiles(), getClass().getClassLoader());
    Object coroutine = loader.loadClass("shop.Async_Tasks").getMethod("both").invoke(null);
    dev.jasyncio.TestEventLoop loop = new dev.jasyncio.TestEventLoop();
    Object result = dev.jasyncio.Asyncio.run((dev.jasyncio.Coroutine<?>) coroutine, () -> loop);
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of("CUP 0, CUP 0", "CUP 1", "CUP 2"), result);
    org.junit.jupiter.api.Assertions.assertEquals(2.0, loop.time());
  }

  /**
   * A class of static @Async methods may pass its generated class's coroutines to overloaded and
   * generic methods, in its ordinary code and in its bodies. Async_Shop is written from the
   * declarations in the first round and the state machines, in AsyncMachines_Shop, in the next, so
   * javac checks Shop while Async_Shop exists. Before, javac 25 rejected these lines with an
   * inference error and compiled no generated code.
   */
  @Test
  void aClassOfStaticMethodsUsesItsGeneratedClassInOverloadedCalls() throws Exception {
    JavaFileObject shop =
        JavaFileObjects.forSourceString(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.*;

            public final class Shop {
              @Async
              static Coroutine<Integer> brew(int cup) {
                await(sleep(cup));
                return done(cup * 10);
              }

              @Async
              static Coroutine<List<String>> both() {
                String one = String.valueOf(await(Async_Shop.brew(1)));
                int most = Math.max(await(Async_Shop.brew(2)), 15);
                return done(List.of(one, String.valueOf(most)));
              }

              static List<String> count() {
                String one = String.valueOf(run(Async_Shop.brew(1), TestEventLoop::new));
                int most = Math.max(run(Async_Shop.brew(2), TestEventLoop::new), 15);
                List<Integer> both = List.of(run(Async_Shop.brew(3), TestEventLoop::new), most);
                return List.of(one, String.valueOf(most), both.toString());
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).succeededWithoutWarnings();
    String facade = generatedSource(compilation, "shop.Async_Shop");
    org.junit.jupiter.api.Assertions.assertTrue(
        facade.contains("return AsyncMachines_Shop.brew(cup);"), facade);
    org.junit.jupiter.api.Assertions.assertFalse(facade.contains("extends Coroutine"), facade);
    String machines = generatedSource(compilation, "shop.AsyncMachines_Shop");
    org.junit.jupiter.api.Assertions.assertTrue(
        machines.contains(
            "private static final class BrewCoroutine extends GeneratedCoroutine<Integer>"),
        machines);
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of("10", "20", "[30, 20]"), callStatic(compilation, "shop.Shop", "count"));
    dev.jasyncio.TestEventLoop loop = new dev.jasyncio.TestEventLoop();
    Object both = callStatic(compilation, "shop.Async_Shop", "both");
    Object result = dev.jasyncio.Asyncio.run((dev.jasyncio.Coroutine<?>) both, () -> loop);
    org.junit.jupiter.api.Assertions.assertEquals(List.of("10", "20"), result);
    org.junit.jupiter.api.Assertions.assertEquals(3.0, loop.time());
  }

  /**
   * An abstract class written with its facade first: its own code may pass Async_Shop's coroutines
   * to overloaded and generic methods, await values computed through them, keep them in var locals
   * and pass them lambdas with inferred parameter types. Its state machines, static classes of
   * AsyncMachines_Shop, reach the object through self: fields and methods named without a
   * qualifier, this, Shop.this, from lambdas and from local and anonymous classes, which keep their
   * own members.
   */
  @Test
  void anAbstractClassUsesItsGeneratedClassAnywhereAndItsMachinesReachTheObject() throws Exception {
    JavaFileObject shop =
        JavaFileObjects.forSourceString(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.*;
            import java.util.function.IntConsumer;

            public abstract class Shop<T> {
              final List<String> log = new ArrayList<>();
              int served;

              abstract T special();

              final class Receipt<R> {
                final String text;

                Receipt(R item) {
                  text = item + " for " + special();
                }
              }

              String label(String s) {
                return "[" + s + "]";
              }

              @Async
              static Coroutine<String> brew(int cup) {
                await(sleep(cup));
                return done("cup " + cup);
              }

              @Async
              Coroutine<String> serve(int n, IntConsumer listening) {
                listening.accept(n);
                await(sleep(1));
                served++;
                return done(label("served " + n + " " + special()));
              }

              @Async
              Coroutine<List<String>> day() {
                String first = await(createTask(Async_Shop.brew(1)));
                var second = createTask(Async_Shop.brew(2));
                String shielded = await(shield(new Async_Shop<String>() {
                  @Override
                  String special() {
                    return "tea";
                  }
                }.serve(3, n -> log.add("listening " + n))));
                Runnable count = () -> served += 10;
                count.run();
                class Local {
                  String show() {
                    return label(first) + served;
                  }
                }
                Object anon = new Object() {
                  final String log = "own log";

                  @Override
                  public String toString() {
                    return log + " " + Shop.this.served + " " + label(special().toString());
                  }
                };
                List<String> out = new ArrayList<>(log);
                out.add(new Receipt<>(await(second)).text);
                out.add(shielded);
                out.add(new Local().show());
                out.add(anon.toString());
                out.add(String.valueOf(this == Shop.this));
                return done(out);
              }

              static List<String> main() {
                Shop<Integer> shop =
                    new Async_Shop<>() {
                      @Override
                      Integer special() {
                        return 7;
                      }
                    };
                List<String> out = new ArrayList<>(run(shop.day(), TestEventLoop::new));
                out.add(String.valueOf(run(Async_Shop.brew(1), TestEventLoop::new)));
                out.addAll(List.of(run(shop.serve(4, p -> {}), TestEventLoop::new)));
                out.add(String.valueOf(Math.max(shop.served, 0)));
                return out;
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).succeededWithoutWarnings();
    String machines = generatedSource(compilation, "shop.AsyncMachines_Shop");
    assertContainsAll(
        machines,
        List.of(
            "private static final class DayCoroutine<T> extends GeneratedCoroutine<List<String>>",
            "private final Async_Shop<T> self;",
            "self.served++;",
            "self.label(\"served \" + n + \" \" + self.special())",
            "self.new Receipt<>(((String) value)).text"));
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of(
            "listening 3",
            "cup 2 for 7",
            "[served 3 tea]",
            "[cup 1]10",
            "own log 10 [7]",
            "true",
            "cup 1",
            "[served 4 7]",
            "11"),
        callStatic(compilation, "shop.Shop", "main"));
  }

  /**
   * super.m(...) in a body: the state machine, in a class apart, calls it through a bridge that
   * Async_Shop declares for each method of that name its superclass has, with the types it has
   * there. A super of an anonymous class in the body stays that class's own.
   */
  @Test
  void superCallsOfABodyGoThroughBridgesOfTheGeneratedClass() throws Exception {
    JavaFileObject base =
        JavaFileObjects.forSourceString(
            "shop.Base",
            """
            package shop;

            public abstract class Base<T> {
              String describe(T item) {
                return "base " + item;
              }

              String describe(T item, int times) {
                return describe(item).repeat(times);
              }
            }
            """);
    JavaFileObject shop =
        JavaFileObjects.forSourceString(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.*;

            public abstract class Shop extends Base<String> {
              @Override
              public String toString() {
                return "shop";
              }

              @Async
              Coroutine<List<String>> describeAll() {
                await(sleep(1));
                Object anon = new Object() {
                  @Override
                  public String toString() {
                    return "anon of " + super.getClass().getSuperclass().getSimpleName();
                  }
                };
                return done(List.of(super.describe("tea"), Shop.super.describe("cup", 2), anon.toString()));
              }

              static List<String> main() {
                return run(new Async_Shop().describeAll(), TestEventLoop::new);
              }
            }
            """);
    Compilation compilation = compile(base, shop);
    assertThat(compilation).succeededWithoutWarnings();
    assertContainsAll(
        generatedSource(compilation, "shop.Async_Shop"),
        List.of(
            "String super$describe(String item) {",
            "return super.describe(item);",
            "String super$describe(String item, int times) {"));
    assertContainsAll(
        generatedSource(compilation, "shop.AsyncMachines_Shop"),
        List.of("self.super$describe(\"tea\")", "self.super$describe(\"cup\", 2)"));
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of("base tea", "base cupbase cup", "anon of Object"),
        callStatic(compilation, "shop.Shop", "main"));
  }

  /**
   * A class that keeps its single Async_Sub (a declaration names Async_Sub, which javac cannot
   * resolve before it is written) and inherits an @Async method of Base, which gets its facade:
   * Base's body is compiled into both generated classes, and the super() javac gives its anonymous
   * class is not a super call of the body.
   */
  @Test
  void classWithInnerMachinesInheritingFromAClassWithAFacade() throws Exception {
    JavaFileObject base =
        JavaFileObjects.forSourceString(
            "shop.Base",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.function.IntUnaryOperator;

            public abstract class Base {
              String kind() {
                return "cup";
              }

              @Async
              Coroutine<String> greet(int n) {
                IntUnaryOperator twice = x -> x * 2;
                Object anon = new Object() {
                  @Override
                  public String toString() {
                    return "anon";
                  }
                };
                await(sleep(1));
                return done(anon + " " + twice.applyAsInt(n));
              }
            }
            """);
    JavaFileObject sub =
        JavaFileObjects.forSourceString(
            "shop.Sub",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.*;

            public abstract class Sub extends Base {
              @Async
              Coroutine<Boolean> same(Async_Sub other) {
                return done(other == this);
              }

              @Async
              Coroutine<String> serve() {
                String hello = await(greet(21));
                java.util.function.Supplier<String> kinds = super::kind;
                return done(hello + " " + kinds.get());
              }

              static List<String> main() {
                return List.of(
                    run(new Async_Sub().serve(), TestEventLoop::new),
                    run(new Async_Base() {}.greet(1), TestEventLoop::new));
              }
            }
            """);
    Compilation compilation = compile(base, sub);
    assertThat(compilation).succeededWithoutWarnings();
    org.junit.jupiter.api.Assertions.assertTrue(
        compilation.generatedSourceFile("shop.AsyncMachines_Sub").isEmpty());
    org.junit.jupiter.api.Assertions.assertTrue(
        compilation.generatedSourceFile("shop.AsyncMachines_Base").isPresent());
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of("anon 42 cup", "anon 2"), callStatic(compilation, "shop.Sub", "main"));
  }

  /**
   * A protected method inherited from another package (AbstractList's removeRange), called without
   * a qualifier or on this: the state machine, in a class apart, calls it through a bridge of
   * Async_Lines.
   */
  @Test
  void protectedMethodOfAnotherPackageGoesThroughABridge() throws Exception {
    JavaFileObject lines =
        JavaFileObjects.forSourceString(
            "shop.Lines",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.*;

            public abstract class Lines extends AbstractList<String> {
              final List<String> items = new ArrayList<>(List.of("a", "b", "c", "d", "e"));

              @Override
              public String get(int i) {
                return items.get(i);
              }

              @Override
              public String remove(int i) {
                return items.remove(i);
              }

              @Override
              public int size() {
                return items.size();
              }

              @Async
              Coroutine<String> trim() {
                await(sleep(1));
                removeRange(0, 1);
                this.removeRange(size() - 1, size());
                return done(String.valueOf(this));
              }

              static String main() {
                return run(new Async_Lines() {}.trim(), TestEventLoop::new);
              }
            }
            """);
    Compilation compilation = compile(lines);
    assertThat(compilation).succeededWithoutWarnings();
    assertContainsAll(
        generatedSource(compilation, "shop.Async_Lines"),
        List.of(
            "void protected$removeRange(int fromIndex, int toIndex) {",
            "removeRange(fromIndex, toIndex);"));
    assertContainsAll(
        generatedSource(compilation, "shop.AsyncMachines_Lines"),
        List.of(
            "self.protected$removeRange(0, 1);",
            "self.protected$removeRange(self.size() - 1, self.size());"));
    org.junit.jupiter.api.Assertions.assertEquals(
        "[b, c, d]", callStatic(compilation, "shop.Lines", "main"));
  }

  /**
   * Protected fields and static members inherited from another package, read in a body: the state
   * machines, in a class apart, read each field through a bridge of Async_Tally (a static one for a
   * static field), call the static method through a static bridge, and write a constant's value
   * where it is named (a case label among them). The class also passes its own coroutines to
   * overloaded and generic methods, which javac 25 rejects if it checks the class before
   * Async_Tally exists.
   */
  @Test
  void protectedFieldsAndStaticMembersOfAnotherPackageGoThroughBridges() throws Exception {
    JavaFileObject counter =
        JavaFileObjects.forSourceString(
            "base.Counter",
            """
            package base;

            public abstract class Counter {
              protected final String name;
              protected int count = 2;
              protected static final int LIMIT = 3;
              protected static final long NEGATIVE = -5L;
              protected static String unit = "cups";

              protected Counter(String name) {
                this.name = name;
              }

              protected static String label(int n) {
                return "#" + n;
              }
            }
            """);
    JavaFileObject tally =
        JavaFileObjects.forSourceString(
            "shop.Tally",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.*;
            import java.util.function.Supplier;

            public abstract class Tally extends base.Counter {
              protected Tally(String name) {
                super(name);
              }

              @Async
              Coroutine<String> report(int n) {
                String before = name + " " + this.count;
                await(sleep(1));
                Supplier<String> later = () -> unit + " " + label(n) + " " + base.Counter.label(LIMIT);
                String kind;
                switch (n) {
                  case LIMIT:
                    kind = "full";
                    break;
                  default:
                    kind = "open";
                }
                Object anon = new Object() {
                  @Override
                  public String toString() {
                    return Tally.this.name + (1-NEGATIVE) + Tally.unit;
                  }
                };
                return done(before + " " + later.get() + " " + kind + " " + anon);
              }

              static List<String> main() {
                return List.of(
                    String.valueOf(run(new Async_Tally("ann").report(3), TestEventLoop::new)),
                    run(new Async_Tally("bo").report(1), TestEventLoop::new));
              }
            }
            """);
    Compilation compilation = compile(counter, tally);
    assertThat(compilation).succeededWithoutWarnings();
    assertContainsAll(
        generatedSource(compilation, "shop.Async_Tally"),
        List.of(
            "String protected$get$name() {",
            "int protected$get$count() {",
            "static String protected$get$unit() {",
            "static String protected$label(int n) {"));
    assertContainsAll(
        generatedSource(compilation, "shop.AsyncMachines_Tally"),
        List.of(
            "self.protected$get$name() + \" \" + self.protected$get$count()",
            "shop.Async_Tally.protected$get$unit() + \" \" + shop.Async_Tally.protected$label(n)",
            "shop.Async_Tally.protected$label(3)",
            "case 3:",
            "self.protected$get$name() + (1-(-5L)) + shop.Async_Tally.protected$get$unit()"));
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of("ann 2 cups #3 #3 full ann6cups", "bo 2 cups #1 #3 open bo6cups"),
        callStatic(compilation, "shop.Tally", "main"));
  }

  /**
   * Method references to what a class apart cannot reach itself: {@code super::m} becomes {@code
   * self::super$m}, a protected method of another package {@code self::protected$m} (or, static,
   * {@code Async_Tally::protected$m}). A {@code super} call inside an anonymous class of the body
   * is that class's own, and is not taken for a super call of a method the user's class overrides.
   */
  @Test
  void methodReferencesGoThroughBridges() throws Exception {
    JavaFileObject counter =
        JavaFileObjects.forSourceString(
            "base.Counter",
            """
            package base;

            public abstract class Counter {
              protected String greet(String who) {
                return "hi " + who;
              }

              protected static String label(int n) {
                return "#" + n;
              }

              public String kind() {
                return "counter";
              }
            }
            """);
    JavaFileObject tally =
        JavaFileObjects.forSourceString(
            "shop.Tally",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.*;
            import java.util.function.*;

            public abstract class Tally extends base.Counter {
              @Override
              public String toString() {
                return "tally";
              }

              @Async
              Coroutine<List<String>> refer(int n) {
                Function<String, String> mine = this::greet;
                Function<String, String> outer = Tally.this::greet;
                Supplier<String> kinds = super::kind;
                IntFunction<String> labels = base.Counter::label;
                Object anon = new Object() {
                  @Override
                  public String toString() {
                    return "anon " + super.toString().contains("@");
                  }
                };
                await(sleep(1));
                return done(
                    List.of(mine.apply("a"), outer.apply("b"), kinds.get(), labels.apply(n),
                        anon.toString()));
              }

              static List<String> main() {
                return run(new Async_Tally() {}.refer(3), TestEventLoop::new);
              }
            }
            """);
    Compilation compilation = compile(counter, tally);
    assertThat(compilation).succeededWithoutWarnings();
    assertContainsAll(
        generatedSource(compilation, "shop.AsyncMachines_Tally"),
        List.of(
            "mine = self::protected$greet;",
            "outer = self::protected$greet;",
            "kinds = self::super$kind;",
            "labels = shop.Async_Tally::protected$label;"));
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of("hi a", "hi b", "counter", "#3", "anon true"),
        callStatic(compilation, "shop.Tally", "main"));
  }

  /**
   * Inner classes of the object created by a body as an anonymous subclass and through constructor
   * references: the state machines, in a class apart, create them with {@code self.new}, a
   * reference becoming a lambda of the same arity.
   */
  @Test
  void innerClassesOfTheObjectAreCreatedThroughSelf() throws Exception {
    JavaFileObject shop =
        JavaFileObjects.forSourceString(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.*;
            import java.util.function.*;

            public abstract class Shop {
              int extra = 10;

              class Cup {
                final int size;

                Cup() {
                  this(0);
                }

                Cup(int size) {
                  this.size = size + extra;
                }

                int total() {
                  return size;
                }
              }

              class Box<T> {
                final T item;

                Box(T item) {
                  this.item = item;
                }
              }

              @Async
              Coroutine<List<Object>> make(int n) {
                Supplier<Cup> plain = Cup::new;
                IntFunction<Cup> sized = Cup::new;
                Function<String, Box<String>> boxes = Box::new;
                Cup doubled = new Cup(n) {
                  @Override
                  int total() {
                    return size * 2 + extra + Shop.this.extra;
                  }
                };
                await(sleep(1));
                extra = 100;
                return done(
                    List.of(
                        plain.get().total(), sized.apply(n).total(), boxes.apply("tea").item,
                        doubled.total()));
              }

              static List<Object> main() {
                return run(new Async_Shop() {}.make(1), TestEventLoop::new);
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).succeededWithoutWarnings();
    assertContainsAll(
        generatedSource(compilation, "shop.AsyncMachines_Shop"),
        List.of(
            "plain = () -> self.new Cup();",
            "sized = (arg$0) -> self.new Cup(arg$0);",
            "boxes = (arg$0) -> self.new Box<>(arg$0);",
            "doubled = self.new Cup(n) {"));
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of(100, 101, "tea", 222), callStatic(compilation, "shop.Shop", "main"));
  }

  /**
   * A body that writes a protected field inherited from another package (here AbstractList's
   * modCount) keeps the single Async_Lines whose state machines are inner classes: a class apart
   * from Lines could not write it.
   */
  @Test
  void protectedMemberOfAnotherPackageKeepsTheMachinesInsideTheGeneratedClass() throws Exception {
    JavaFileObject lines =
        JavaFileObjects.forSourceString(
            "shop.Lines",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.*;

            public abstract class Lines extends AbstractList<String> {
              final List<String> items = new ArrayList<>(List.of("a", "b", "c"));

              @Override
              public String get(int i) {
                return items.get(i);
              }

              @Override
              public int size() {
                return items.size();
              }

              @Async
              Coroutine<String> trim() {
                await(sleep(1));
                items.remove(0);
                modCount++;
                return done(items + " " + modCount);
              }
            }
            """);
    Compilation compilation = compile(lines);
    assertThat(compilation).succeededWithoutWarnings();
    org.junit.jupiter.api.Assertions.assertTrue(
        compilation.generatedSourceFile("shop.AsyncMachines_Lines").isEmpty());
    ClassLoader loader =
        new InMemoryClassLoader(compilation.generatedFiles(), getClass().getClassLoader());
    Object lines0 = loader.loadClass("shop.Async_Lines").getConstructor().newInstance();
    java.lang.reflect.Method trim = loader.loadClass("shop.Lines").getDeclaredMethod("trim");
    trim.setAccessible(true);
    dev.jasyncio.TestEventLoop loop = new dev.jasyncio.TestEventLoop();
    Object result =
        dev.jasyncio.Asyncio.run((dev.jasyncio.Coroutine<?>) trim.invoke(lines0), () -> loop);
    org.junit.jupiter.api.Assertions.assertEquals("[b, c] 1", result);
  }

  /**
   * A type of the user's package named like a java.lang type takes that simple name there, in
   * generated files too: the java.lang type, in a declaration or in a local kept across an await,
   * is written qualified.
   */
  @Test
  void javaLangTypeShadowedByAPackageTypeIsWrittenQualified() throws Exception {
    JavaFileObject integer =
        JavaFileObjects.forSourceString(
            "shop.Integer",
            """
            package shop;

            /** Not java.lang.Integer. */
            public final class Integer {}
            """);
    JavaFileObject counts =
        JavaFileObjects.forSourceString(
            "shop.Counts",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public final class Counts {
              @Async
              static Coroutine<java.lang.Integer> twice(int n) {
                java.lang.Integer boxed = n;
                await(sleep(1));
                return done(boxed * 2);
              }
            }
            """);
    Compilation compilation = compile(integer, counts);
    assertThat(compilation).succeededWithoutWarnings();
    org.junit.jupiter.api.Assertions.assertTrue(
        generatedSource(compilation, "shop.AsyncMachines_Counts")
            .contains("private java.lang.Integer boxed;"));
    dev.jasyncio.TestEventLoop loop = new dev.jasyncio.TestEventLoop();
    Object twice = callStatic(compilation, "shop.Async_Counts", "twice", 21);
    Object result = dev.jasyncio.Asyncio.run((dev.jasyncio.Coroutine<?>) twice, () -> loop);
    org.junit.jupiter.api.Assertions.assertEquals(42, result);
    org.junit.jupiter.api.Assertions.assertEquals(1.0, loop.time());
  }

  /**
   * Another top-level class in the same file may pass the generated class's coroutines to
   * overloaded and generic methods. Only the @Async class's own code is attributed in the round
   * that generates Async_Shop: on JDK 25, attributing the other class then would make javac report
   * {@code String.valueOf(run(Async_Shop.brew(1)))} as an inference error and stop.
   */
  @Test
  void anotherClassInTheFileUsesTheGeneratedClassInOverloadedCalls() throws Exception {
    JavaFileObject shop =
        JavaFileObjects.forSourceString(
            "shop.Shop",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.*;

            public abstract class Shop {
              @Async
              static Coroutine<Integer> brew(int cup) {
                await(sleep(cup));
                return done(cup * 10);
              }
            }

            final class Counter {
              static List<String> count() {
                String one = String.valueOf(run(Async_Shop.brew(1), TestEventLoop::new));
                int most = Math.max(run(Async_Shop.brew(2), TestEventLoop::new), 15);
                List<Integer> both = List.of(run(Async_Shop.brew(3), TestEventLoop::new), most);
                return List.of(one, String.valueOf(most), both.toString());
              }
            }
            """);
    Compilation compilation = compile(shop);
    assertThat(compilation).succeededWithoutWarnings();
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of("10", "20", "[30, 20]"), callStatic(compilation, "shop.Counter", "count"));
  }

  /**
   * The body jumps between states in a local, and writes the field at each await and at the end:
   * while an awaited coroutine runs, the awaiting one shows what it awaits; once it has returned
   * without ever suspending, awaiting it again is a reuse error, not a second run.
   */
  @Test
  void stateFieldShowsTheAwaitInProgressAndTheEndOfAMachineThatNeverSuspended() throws Exception {
    JavaFileObject trace =
        JavaFileObjects.forSourceString(
            "shop.Trace",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;

            public class Trace {
              static int runs;

              @Async
              static Coroutine<String> inner() {
                runs++;
                return done(String.valueOf(currentTask()));
              }

              @Async
              public static Coroutine<String> outer() {
                String seen = await(inner());
                Coroutine<String> once = Async_Trace.inner();
                await(once);
                try {
                  await(once);
                  return done("awaited twice");
                } catch (IllegalStateException e) {
                  return done(seen + " | " + e.getMessage() + " | runs " + runs);
                }
              }
            }
            """);
    Compilation compilation = compile(trace);
    assertThat(compilation).succeededWithoutWarnings();
    Object result = runGenerated(compilation, "shop.Async_Trace", "outer");
    org.junit.jupiter.api.Assertions.assertEquals(
        "<Task pending name='Task-1' coro=Trace.outer() awaiting inner() at Trace.java:18>"
            + " | cannot reuse already awaited coroutine: Trace.inner() done | runs 2",
        result);
  }

  /**
   * A generated coroutine records its own end, so the await that runs it writes nothing after it
   * returns: whether it returned at once, threw at once or finished after suspending, awaiting it
   * again, wrapping it in a task or sending it a value is a reuse error; while it still runs in the
   * await that started it, each is refused as already executing; and an await chain deeper than the
   * Java stack allows still runs.
   */
  @Test
  void generatedCoroutineThatEndedInTheAwaitThatStartedItIsFinishedEverywhere() throws Exception {
    JavaFileObject ends =
        JavaFileObjects.forSourceString(
            "shop.Ends",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.*;

            public class Ends {
              static final List<String> log = new ArrayList<>();
              static Coroutine<String> running;

              @Async
              static Coroutine<String> quick() {
                return done("quick");
              }

              @Async
              static Coroutine<String> broken() {
                if (log != null) {
                  throw new IllegalArgumentException("broken at once");
                }
                return done("never");
              }

              @Async
              static Coroutine<String> later() {
                await(sleep(1));
                return done("later");
              }

              @Async
              static Coroutine<String> twice(Coroutine<String> c) {
                String first;
                try {
                  first = await(c);
                } catch (IllegalArgumentException e) {
                  first = e.getMessage();
                }
                String again;
                try {
                  await(c);
                  again = "ran again";
                } catch (IllegalStateException e) {
                  again = e.getMessage();
                }
                String task;
                try {
                  await(createTask(c));
                  task = "ran as a task";
                } catch (IllegalStateException e) {
                  task = e.getMessage();
                }
                String sent;
                try {
                  c.send(null);
                  sent = "ran by send";
                } catch (IllegalStateException e) {
                  sent = e.getMessage();
                }
                return done(first + " | " + again + " | " + task + " | " + sent);
              }

              @Async
              static Coroutine<String> selfish() {
                try {
                  createTask(running);
                } catch (IllegalStateException e) {
                  log.add("task: " + e.getMessage());
                }
                try {
                  running.send(null);
                } catch (IllegalStateException e) {
                  log.add("send: " + e.getMessage());
                }
                try {
                  await(running);
                } catch (IllegalStateException e) {
                  log.add("await: " + e.getMessage());
                }
                return done("selfish survived");
              }

              @Async
              static Coroutine<Integer> depth(int n) {
                return done(n == 0 ? 0 : 1 + await(depth(n - 1)));
              }

              @Async
              public static Coroutine<String> main() {
                log.add(await(twice(Async_Ends.quick())));
                log.add(await(twice(Async_Ends.broken())));
                log.add(await(twice(Async_Ends.later())));
                running = Async_Ends.selfish();
                log.add(await(running));
                log.add("depth " + await(depth(5000)) + " at " + getRunningLoop().time());
                return done(String.join("\\n", log));
              }
            }
            """);
    Compilation compilation = compile(ends);
    assertThat(compilation).succeededWithoutWarnings();
    Object result = runGenerated(compilation, "shop.Async_Ends", "main");
    org.junit.jupiter.api.Assertions.assertEquals(
        String.join(
            "\n",
            "quick | cannot reuse already awaited coroutine: Ends.quick() done"
                + " | cannot reuse already awaited coroutine: Ends.quick() done"
                + " | cannot reuse already awaited coroutine: Ends.quick() done",
            "broken at once | cannot reuse already awaited coroutine: Ends.broken() done"
                + " | cannot reuse already awaited coroutine: Ends.broken() done"
                + " | cannot reuse already awaited coroutine: Ends.broken() done",
            "later | cannot reuse already awaited coroutine: Ends.later() done"
                + " | cannot reuse already awaited coroutine: Ends.later() done"
                + " | cannot reuse already awaited coroutine: Ends.later() done",
            "task: coroutine is already executing: Ends.selfish() not started runs further up the"
                + " stack; it cannot also run as a task",
            "send: coroutine Ends.selfish() not started is already executing; it cannot also be"
                + " driven by send()",
            "await: coroutine is already executing: Ends.selfish() awaiting running at Ends.java:76"
                + " runs further up the stack",
            "selfish survived",
            "depth 5000 at 1.0"),
        result);
  }

  /**
   * The state field is the narrowest type that holds every state: a byte up to 127 states, a short
   * beyond. A body with 200 awaits needs a short, and still compiles without a cast and runs
   * through every state.
   */
  @Test
  void stateFieldWidensToShortForABodyWithMoreStatesThanAByteHolds() throws Exception {
    StringBuilder awaits = new StringBuilder();
    for (int k = 1; k <= 200; k++) {
      awaits.append("    s += await(later(").append(k).append("));\n");
    }
    JavaFileObject big =
        JavaFileObjects.forSourceString(
            "shop.Big",
            "package shop;\n"
                + "import static dev.jasyncio.Asyncio.*;\n"
                + "import dev.jasyncio.*;\n"
                + "public class Big {\n"
                + "  @Async static Coroutine<Integer> small() {\n"
                + "    return done(await(later(1)));\n"
                + "  }\n"
                + "  @Async public static Coroutine<Long> sum() {\n"
                + "    long s = 0;\n"
                + awaits
                + "    return done(s);\n"
                + "  }\n"
                + "  static Coroutine<Integer> later(int k) {\n"
                + "    return sleep(0.001, k);\n"
                + "  }\n"
                + "}\n");
    Compilation compilation = compile(big);
    assertThat(compilation).succeededWithoutWarnings();
    String generated = generatedSource(compilation, "shop.AsyncMachines_Big");
    String small = generated.substring(generated.indexOf("class SmallCoroutine"));
    String sum = generated.substring(generated.indexOf("class SumCoroutine"));
    org.junit.jupiter.api.Assertions.assertTrue(
        small.contains("private byte state;"), "a small body keeps its state in a byte");
    org.junit.jupiter.api.Assertions.assertTrue(
        sum.contains("private short state;"), "200 awaits need more states than a byte holds");
    Object result = runGenerated(compilation, "shop.Async_Big", "sum");
    org.junit.jupiter.api.Assertions.assertEquals(200L * 201 / 2, result);
  }

  /**
   * {@code await(sleep(d))} compiles to {@code awaitSleep(task, d)}, which creates no coroutine,
   * and behaves as the sleep it replaces: the delay on the loop's clock, a yield for 0, the NaN and
   * null errors raised at the await, a cancel raised where the body sleeps. A {@code sleep} with a
   * result, or a method of the user's own named {@code sleep}, is still awaited as a coroutine.
   */
  @Test
  void awaitOfAPlainSleepSuspendsWithoutItsCoroutineAndKeepsItsBehaviour() throws Exception {
    JavaFileObject naps =
        JavaFileObjects.forSourceString(
            "shop.Naps",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.time.Duration;
            import java.util.ArrayList;
            import java.util.List;

            public class Naps {
              static final class Own {
                static Coroutine<String> sleep(String why) {
                  return Asyncio.sleep(0.5, why);
                }
              }

              static String now() {
                return String.valueOf(getRunningLoop().time());
              }

              @Async
              static Coroutine<Void> other(List<String> log) {
                log.add("other at " + now());
                return done();
              }

              @Async
              static Coroutine<Void> sleeper(List<String> log) {
                try {
                  await(sleep(10));
                  log.add("woke");
                } catch (CancelledError e) {
                  log.add("cancelled at " + now());
                  throw e;
                }
                return done();
              }

              @Async
              public static Coroutine<List<String>> naps() {
                List<String> log = new ArrayList<>();
                await(sleep(1));
                log.add("after 1 at " + now());
                await((Asyncio.sleep(Duration.ofMillis(250))));
                log.add("after 250 ms at " + now());
                Task<Void> t = createTask(other(log));
                await(sleep(0));
                log.add("after sleep(0), other ran: " + t.done());
                log.add(await(Own.sleep("own sleep")) + " at " + now());
                log.add(await(Asyncio.sleep(0.5, "with a result")) + " at " + now());
                try {
                  await(sleep(Double.NaN));
                } catch (IllegalArgumentException e) {
                  log.add(e.getMessage());
                }
                try {
                  Duration none = null;
                  await(sleep(none));
                } catch (NullPointerException e) {
                  log.add("null: " + e.getMessage());
                }
                Task<Void> s = createTask(sleeper(log));
                await(sleep(2));
                log.add(String.valueOf(s));
                s.cancel();
                try {
                  await(s);
                } catch (CancelledError e) {
                  log.add("sleeper cancelled: " + s.cancelled());
                }
                return done(log);
              }
            }
            """);
    Compilation compilation = compile(naps);
    assertThat(compilation).succeededWithoutWarnings();
    String generated = generatedSource(compilation, "shop.AsyncMachines_Naps");
    assertContainsAll(
        generated,
        List.of(
            "awaitSleep(task, 1)",
            "awaitSleep(task, Duration.ofMillis(250))",
            "awaitSleep(task, 0)",
            "await(task, shop.Naps.Own.sleep(\"own sleep\"))",
            "await(task, Asyncio.sleep(0.5, \"with a result\"))",
            "awaitSleep(task, Double.NaN)",
            "awaitSleep(task, none)",
            "awaitSleep(task, 10)"));
    Object result = runGenerated(compilation, "shop.Async_Naps", "naps");
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of(
            "after 1 at 1.0",
            "after 250 ms at 1.25",
            "other at 1.25",
            "after sleep(0), other ran: true",
            "own sleep at 1.75",
            "with a result at 2.25",
            "sleep: the delay is NaN; give a number of seconds",
            "null: duration",
            "<Task pending name='Task-3' coro=Naps.sleeper() awaiting sleep(10) at Naps.java:30"
                + " wait_for=<sleep>>",
            "cancelled at 4.25",
            "sleeper cancelled: true"),
        result);
  }

  @Test
  void awaitOfAQueueGetOrPutTakesNoCoroutineUnlessItWaitsAndKeepsItsBehaviour() throws Exception {
    JavaFileObject lines =
        JavaFileObjects.forSourceString(
            "shop.Lines",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.ArrayList;
            import java.util.List;

            public class Lines {
              abstract static class Relay extends Queue<String> {
                Relay() {
                  super(1);
                }

                @Async
                Coroutine<String> pass(String item) {
                  await(this.put(item));
                  return done(await(get()));
                }
              }

              static Coroutine<String> relay(String item) {
                return new Async_Lines_Relay().pass(item);
              }

              static String now() {
                return String.valueOf(getRunningLoop().time());
              }

              @Async
              static Coroutine<Void> taker(Queue<String> q, List<String> log) {
                await(sleep(1));
                log.add("took " + await(q.get()) + " at " + now());
                return done();
              }

              @Async
              static Coroutine<String> named() {
                await(sleep(0.5));
                return done("named");
              }

              @Async
              public static Coroutine<List<String>> lines() {
                List<String> log = new ArrayList<>();
                Queue<String> q = new Queue<>(1);
                await(q.put("a"));
                log.add("put a at " + now() + ", size " + q.qsize());
                createTask(taker(q, log));
                await(q.put("b"));
                log.add("put b at " + now());
                log.add("got " + await((q.get())) + " at " + now());
                log.add(await(createTask(relay("relayed"))));
                await(q.put(await(named())));
                log.add("put after an await inside it at " + now() + ": " + q.getNowait());
                LifoQueue<Integer> lifo = new LifoQueue<>();
                await(lifo.put(1));
                await(lifo.put(2));
                log.add("lifo " + await(lifo.get()) + await(lifo.get()));
                q.shutdown();
                try {
                  await(q.put("late"));
                } catch (QueueShutDown e) {
                  log.add(e.getMessage());
                }
                try {
                  await(q.get());
                } catch (QueueShutDown e) {
                  log.add(e.getMessage());
                }
                Queue<String> none = null;
                try {
                  await(none.put("x"));
                } catch (NullPointerException e) {
                  log.add(e.getMessage());
                }
                return done(log);
              }
            }
            """);
    Compilation compilation = compile(lines);
    assertThat(compilation).succeededWithoutWarnings();
    String generated = generatedSource(compilation, "shop.AsyncMachines_Lines");
    assertContainsAll(
        generated,
        List.of(
            "awaitPut(task, q, \"a\")",
            "awaitPut(task, q, \"b\")",
            "awaitGet(task, q)",
            "awaitPut(task, lifo, 1)",
            "awaitGet(task, lifo)",
            "awaitPut(task, none, \"x\")",
            "await(task, q.put("));
    String relay = generatedSource(compilation, "shop.AsyncMachines_Lines_Relay");
    // this.put(item) has a receiver written out; get() has none and stays a coroutine (the
    // machine reaches the queue through its self field).
    assertContainsAll(relay, List.of("awaitPut(task, self, item)", "await(task, self.get())"));
    Object result = runGenerated(compilation, "shop.Async_Lines", "lines");
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of(
            "put a at 0.0, size 1",
            "took a at 1.0",
            "put b at 1.0",
            "got b at 1.0",
            "relayed",
            "put after an await inside it at 1.5: named",
            "lifo 21",
            "put() on a shut-down queue: <Queue maxsize=1 qsize=0 tasks=3 shutdown>",
            "get() on a shut-down, empty queue: <Queue maxsize=1 qsize=0 tasks=3 shutdown>",
            "put() on a null queue"),
        result);
  }

  /**
   * A loop whose awaits are statements of its body (or inside an if without else) is also copied
   * into its head's case as a Java loop, which runs while the awaits complete at once; one that
   * suspends resumes in the loop's own cases, whose jump back enters the copy again. Both paths
   * must behave as the loop: continue, break, return and exceptions, whether the await completed at
   * once or resumed later.
   */
  @Test
  void loopsRunInTheirHeadCaseWhileTheirAwaitsCompleteAtOnce() throws Exception {
    JavaFileObject loops =
        JavaFileObjects.forSourceString(
            "shop.Loops",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.ArrayList;
            import java.util.List;

            public class Loops {
              /** i at once, or after a second when i % 3 == 2; fails for 13 and 17. */
              @Async
              static Coroutine<Integer> value(int i) {
                if (i % 3 == 2) {
                  await(sleep(1));
                }
                if (i == 13 || i == 17) {
                  throw new IllegalStateException(i + " at " + getRunningLoop().time());
                }
                return done(i);
              }

              @Async
              static Coroutine<String> find(List<Integer> items, int wanted) {
                for (int item : items) {
                  int v = await(value(item));
                  if (v == wanted) {
                    return done("found " + v + " at " + getRunningLoop().time());
                  }
                }
                return done("none");
              }

              @Async
              static Coroutine<Integer> evens(int n) {
                int total = 0;
                for (int k = 0; k < n; k++) {
                  if (k % 2 == 0) {
                    total += await(value(k));
                  }
                }
                return done(total);
              }

              @Async
              static Coroutine<Integer> alternating(int n) {
                int total = 0;
                for (int k = 0; k < n; k++) {
                  if (k % 2 == 0) {
                    total += await(value(k));
                  } else {
                    total -= await(value(k));
                  }
                }
                return done(total);
              }

              @Async
              public static Coroutine<List<String>> loops() {
                List<String> log = new ArrayList<>();
                int sum = 0;
                for (int i = 0; i < 10; i++) {
                  if (i == 4) {
                    continue;
                  }
                  if (i == 8) {
                    break;
                  }
                  sum += await(value(i));
                }
                log.add("sum " + sum + " at " + getRunningLoop().time());
                int i = 10;
                try {
                  while (true) {
                    log.add("got " + await(value(i)));
                    i++;
                  }
                } catch (IllegalStateException e) {
                  log.add("failed " + e.getMessage());
                }
                log.add(await(find(List.of(3, 5, 8, 9), 8)));
                try {
                  log.add(await(find(List.of(16, 17, 18), 18)));
                } catch (IllegalStateException e) {
                  log.add("failed " + e.getMessage());
                }
                log.add("alternating " + await(alternating(5)) + " at " + getRunningLoop().time());
                int j = 1;
                do {
                  j += await(value(j));
                } while (j < 40);
                log.add("doubled to " + j + " at " + getRunningLoop().time());
                log.add("evens " + await(evens(5)) + " at " + getRunningLoop().time());
                return done(log);
              }
            }
            """);
    Compilation compilation = compile(loops);
    assertThat(compilation).succeededWithoutWarnings();
    String generated = generatedSource(compilation, "shop.AsyncMachines_Loops");
    // The for, the while, the do, find's for and evens's for (its await inside an if without
    // else) each get a copy; the loop of alternating, whose awaits are in the two branches of an
    // if, does not.
    org.junit.jupiter.api.Assertions.assertEquals(
        5, generated.split("the loop runs here while its awaits complete at once", -1).length - 1);
    String alternating = generated.substring(generated.indexOf("class AlternatingCoroutine"));
    alternating = alternating.substring(0, alternating.indexOf("public String toString()"));
    org.junit.jupiter.api.Assertions.assertFalse(
        alternating.contains("the loop runs here"), alternating);
    Object result = runGenerated(compilation, "shop.Async_Loops", "loops");
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of(
            "sum 24 at 2.0",
            "got 10",
            "got 11",
            "got 12",
            "failed 13 at 3.0",
            "found 8 at 5.0",
            "failed 17 at 6.0",
            "alternating 2 at 7.0",
            "doubled to 64 at 10.0",
            "evens 6 at 11.0"),
        result);
  }

  /**
   * A loop's copy keeps the variables it uses in Java locals and writes them back to their fields
   * whenever it is left: by an await that suspends, a break, the loop's end or an exception, so
   * that the code after it, a handler, and the loop's own resume cases all see the current values.
   * A variable that a lambda captures or a pattern variable binds stays in its field, and a name
   * that a Java declaration in the method also has is not copied (two locals of one name).
   */
  @Test
  void aLoopsCopyKeepsItsVariablesInLocalsAndWritesThemBackOnEveryExit() throws Exception {
    JavaFileObject shadows =
        JavaFileObjects.forSourceString(
            "shop.Shadows",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.function.IntSupplier;

            public class Shadows {
              /** i at once, or after a second when i % 3 == 2; fails for 7. */
              @Async
              static Coroutine<Integer> value(int i) {
                if (i % 3 == 2) {
                  await(sleep(1));
                }
                if (i == 7) {
                  throw new IllegalStateException("seven");
                }
                return done(i);
              }

              @Async
              public static Coroutine<List<String>> shadows() {
                List<String> log = new ArrayList<>();
                int sum = 0;
                int i = 0;
                try {
                  for (; i < 10; i++) {
                    sum += await(value(i));
                  }
                } catch (IllegalStateException e) {
                  log.add("failed at " + i + " with " + sum + " at " + getRunningLoop().time());
                }
                int total = 0;
                List<IntSupplier> later = new ArrayList<>();
                for (int k = 0; k < 4; k++) {
                  int twice = k * 2;
                  later.add(() -> twice);
                  total += await(value(k));
                }
                int fromLambdas = 0;
                for (IntSupplier s : later) {
                  fromLambdas += s.getAsInt();
                }
                log.add("total " + total + ", lambdas " + fromLambdas);
                Object[] things = {1, "two", 3};
                int ints = 0;
                for (int t = 0; t < things.length; t++) {
                  if (things[t] instanceof Integer n) {
                    await(value(t));
                    ints += n;
                  }
                }
                log.add("ints " + ints + " at " + getRunningLoop().time());
                int found = -1;
                for (int q = 0; q < 10; q++) {
                  int v = await(value(q));
                  if (v == 5) {
                    found = q;
                    break;
                  }
                }
                log.add("found " + found + " at " + getRunningLoop().time());
                int count = 0;
                for (int m = 0; m < 3; m++) {
                  count += await(value(m));
                  {
                    int extra = m * 10;
                    count += extra;
                  }
                }
                for (int extra = 0; extra < 2; extra++) {
                  count += await(value(extra));
                }
                log.add("count " + count + " at " + getRunningLoop().time());
                return done(log);
              }
            }
            """);
    Compilation compilation = compile(shadows);
    assertThat(compilation).succeededWithoutWarnings();
    String generated = generatedSource(compilation, "shop.AsyncMachines_Shadows");
    // Each copy's variables, in the fields' order: the first loop's counter and sum live in
    // locals while it runs. The captured twice, the bound n and extra (also declared in Java, in
    // the block of the fifth loop) stay in their fields.
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of(
            List.of("sum", "i"),
            List.of("total", "later", "k"),
            List.of("things", "ints", "t"),
            List.of("found", "q", "v"),
            List.of("count", "m"),
            List.of("count")),
        copiedVariables(generated),
        generated);
    assertContainsAll(generated, List.of("this.sum = sum;", "this.i = i;"));
    Object result = runGenerated(compilation, "shop.Async_Shadows", "shadows");
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of(
            "failed at 7 with 21 at 2.0",
            "total 6, lambdas 12",
            "ints 4 at 4.0",
            "found 5 at 6.0",
            "count 34 at 7.0"),
        result);
  }

  /**
   * A coroutine that never awaits runs straight through: its resume is its body, with no state
   * local, loop or switch, and its plain Java (labelled loops, try/catch/finally, a lambda) runs as
   * written. It still ends as every machine does: awaited, sent or run as a task it returns its
   * value; cancelled or closed before it starts, its body never runs; once it has ended, awaiting
   * it again is a reuse error.
   */
  @Test
  void aCoroutineThatNeverAwaitsRunsStraightThroughAndEndsAsEveryMachineDoes() throws Exception {
    JavaFileObject straight =
        JavaFileObjects.forSourceString(
            "shop.Straight",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.function.IntSupplier;

            public class Straight {
              static int runs;

              @Async
              static Coroutine<Integer> sumOdd(int n) {
                runs++;
                int sum = 0;
                outer:
                for (int i = 0; ; i++) {
                  if (i >= n) {
                    break outer;
                  }
                  if (i % 2 == 0) {
                    continue;
                  }
                  try {
                    if (i == 7) {
                      throw new IllegalStateException("seven");
                    }
                    sum += i;
                  } catch (IllegalStateException e) {
                    sum += 1000;
                  } finally {
                    sum *= 1;
                  }
                }
                int last = sum;
                IntSupplier s = () -> last;
                if (n < 0) {
                  throw new IllegalArgumentException("negative: " + n);
                }
                return done(s.getAsInt());
              }

              @Async
              static Coroutine<Integer> withLocalClass() {
                int base = 10;
                class Adder {
                  int add(int x) {
                    return base + x;
                  }
                }
                return done(new Adder().add(1));
              }

              @Async
              public static Coroutine<String> main() {
                List<String> log = new ArrayList<>();
                log.add("sum " + await(sumOdd(10)));
                Coroutine<Integer> sent = sumOdd(4);
                try {
                  sent.send(null);
                } catch (StopIteration e) {
                  log.add("sent " + e.value());
                }
                log.add("task " + await(createTask(sumOdd(6))));
                Task<Integer> cancelled = createTask(sumOdd(100));
                cancelled.cancel();
                try {
                  await(cancelled);
                } catch (CancelledError e) {
                  log.add("cancelled");
                }
                Coroutine<Integer> closed = sumOdd(3);
                closed.close();
                try {
                  await(closed);
                } catch (IllegalStateException e) {
                  log.add(e.getMessage());
                }
                int base = 40;
                class Adder {
                  int add(int x) {
                    return base + x;
                  }
                }
                log.add("local class " + await(withLocalClass()) + " " + new Adder().add(2));
                Coroutine<Integer> failing = sumOdd(-1);
                for (int i = 0; i < 2; i++) {
                  try {
                    await(failing);
                  } catch (IllegalArgumentException | IllegalStateException e) {
                    log.add(e.getMessage());
                  }
                }
                log.add("runs " + runs);
                return done(String.join(" | ", log));
              }
            }
            """);
    Compilation compilation = compile(straight);
    assertThat(compilation).succeededWithoutWarnings();
    String generated = generatedSource(compilation, "shop.AsyncMachines_Straight");
    int start = generated.indexOf("class SumOddCoroutine");
    String resume =
        generated.substring(
            generated.indexOf("protected Object resume(", start),
            generated.indexOf("protected boolean finished()", start));
    assertContainsAll(
        resume,
        List.of(
            "// no await: the body runs once, from its start to its end, and never resumes",
            "throw reuseError(error);",
            "break outer;",
            "int sum = 0;",
            "IntSupplier s = () -> last;",
            "this.state = DONE;\n        return s.getAsInt();"));
    for (String jump : List.of("switch (state)", "loop:", "continue loop", "byte state =")) {
      org.junit.jupiter.api.Assertions.assertFalse(resume.contains(jump), jump + " in\n" + resume);
    }
    // Its locals are Java locals: the machine's only fields are its state and its parameter.
    String machine =
        generated.substring(start, generated.indexOf("protected Object resume(", start));
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of("state", "n"), fieldNames(machine), machine);
    Object result = runGenerated(compilation, "shop.Async_Straight", "main");
    org.junit.jupiter.api.Assertions.assertEquals(
        "sum 1018 | sent 4 | task 9 | cancelled"
            + " | cannot reuse already awaited coroutine: Straight.sumOdd() done"
            + " | local class 11 42"
            + " | negative: -1"
            + " | cannot reuse already awaited coroutine: Straight.sumOdd() done"
            + " | runs 4",
        result);
  }

  /**
   * The locals declared after the last await of their block stay Java locals: those statements run
   * in one case, so no state keeps them. Their scope ends where the source's block does, even where
   * the case goes on after it (a variable of the same name declared after the block, in a field) or
   * a loop's copy runs the next block's case in the same Java block (a sibling block's local of the
   * same name). Lambdas capture them, parameters and fields as Java does, each lambda the values of
   * its own iteration; a {@code var} there may have a type no field could; a pattern variable
   * introduced by a negated test reaches the rest of the block; a return among them still runs a
   * finally that awaits; a local class declared after an await still sees the locals before it.
   */
  @Test
  void localsDeclaredAfterTheLastAwaitOfTheirBlockStayJavaLocals() throws Exception {
    JavaFileObject scopes =
        JavaFileObjects.forSourceString(
            "shop.Scopes",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.function.IntSupplier;

            public class Scopes {
              static final List<String> log = new ArrayList<>();

              @Async
              static Coroutine<Integer> later(int x) {
                await(sleep(0));
                return done(x);
              }

              @Async
              static Coroutine<String> siblings(int n) {
                List<String> out = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                  {
                    int got = await(later(i));
                    int twice = got * 2;
                    out.add("a" + twice);
                  }
                  {
                    await(later(i));
                    int twice = i * 20;
                    IntSupplier s = () -> twice + n;
                    out.add("b" + s.getAsInt());
                  }
                  int twice = i * 300;
                  await(later(0));
                  out.add("c" + twice);
                }
                int total = out.size();
                String joined = String.join(" ", out);
                return done(total + ": " + joined);
              }

              @Async
              static Coroutine<String> capturesARenamedField(int n) {
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < n; i++) {
                  {
                    int twice = await(later(i * 2));
                    await(later(0));
                    out.append("a").append(twice);
                  }
                  {
                    int twice = await(later(i * 20));
                    IntSupplier s = () -> twice;
                    await(later(0));
                    out.append(" b").append(s.getAsInt()).append(' ');
                  }
                }
                return done(out.toString().trim());
              }

              @Async
              static Coroutine<String> lambdasKeepTheirIteration(int n) {
                List<IntSupplier> kept = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                  int x = await(later(i));
                  int tag = 100;
                  for (;;) {
                    kept.add(() -> x);
                    break;
                  }
                  kept.add(() -> x + tag);
                }
                StringBuilder out = new StringBuilder();
                for (IntSupplier s : kept) {
                  out.append(s.getAsInt()).append(' ');
                }
                return done(out.toString().trim());
              }

              @Async
              static Coroutine<String> intersection(boolean many) {
                await(later(0));
                var count = many ? 3 : "one";
                return done(count + " left");
              }

              @Async
              static Coroutine<Integer> capturesItsParameter(int n) {
                IntSupplier s = () -> n * 2;
                int m = s.getAsInt();
                return done(m + 1);
              }

              @Async
              static Coroutine<Integer> lengthOf(Object o) {
                await(later(0));
                int base = 1000;
                if (!(o instanceof String text)) {
                  return done(-1);
                }
                return done(base + text.length());
              }

              @Async
              static Coroutine<Integer> returnsThroughFinally(int x) {
                try {
                  await(later(x));
                  int y = x + 1;
                  if (y > 2) {
                    return done(y * 10);
                  }
                  int z = y * 100;
                  return done(z);
                } finally {
                  log.add("finally " + await(later(x)));
                }
              }

              @Async
              static Coroutine<Integer> classAfterAnAwait() {
                await(later(0));
                int a = 2;
                class Twice {
                  int of() {
                    return a * 2;
                  }
                }
                int b = new Twice().of();
                return done(b + 1);
              }

              @Async
              public static Coroutine<String> main() {
                List<String> results = new ArrayList<>();
                results.add(await(siblings(3)));
                results.add(await(capturesARenamedField(3)));
                results.add(await(lambdasKeepTheirIteration(3)));
                results.add(await(intersection(true)) + ", " + await(intersection(false)));
                results.add("captured " + await(capturesItsParameter(20)));
                results.add("length " + await(lengthOf("four")) + " " + await(lengthOf(4)));
                results.add("finally " + await(returnsThroughFinally(1)) + " " + await(returnsThroughFinally(5)));
                results.add("class " + await(classAfterAnAwait()));
                results.addAll(log);
                return done(String.join(" | ", results));
              }
            }
            """);
    Compilation compilation = compile(scopes);
    assertThat(compilation).succeededWithoutWarnings();
    String generated = generatedSource(compilation, "shop.AsyncMachines_Scopes");
    java.util.function.Function<String, String> machine =
        name -> {
          int start = generated.indexOf("class " + name + " ");
          return generated.substring(
              start, generated.indexOf("protected boolean finished()", start));
        };
    String siblings = machine.apply("SiblingsCoroutine");
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of("state", "n", "out", "i", "got", "twice"), fieldNames(siblings), siblings);
    assertContainsAll(
        siblings,
        List.of(
            "int twice = got * 2;",
            "int twice = i * 20;",
            "twice = i * 300;",
            "int total = out.size();",
            "String joined = String.join(\" \", out);"));
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of("state", "n"), fieldNames(machine.apply("CapturesItsParameterCoroutine")));
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of("state", "o"), fieldNames(machine.apply("LengthOfCoroutine")));
    List<String> throughFinally = fieldNames(machine.apply("ReturnsThroughFinallyCoroutine"));
    org.junit.jupiter.api.Assertions.assertTrue(
        throughFinally.contains("x")
            && !throughFinally.contains("y")
            && !throughFinally.contains("z"),
        throughFinally.toString());
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of("state", "a"), fieldNames(machine.apply("ClassAfterAnAwaitCoroutine")));
    Object result = runGenerated(compilation, "shop.Async_Scopes", "main");
    org.junit.jupiter.api.Assertions.assertEquals(
        "9: a0 b3 c0 a2 b23 c300 a4 b43 c600"
            + " | a0 b0 a2 b20 a4 b40"
            + " | 0 100 1 101 2 102"
            + " | 3 left, one left"
            + " | captured 41"
            + " | length 1004 -1"
            + " | finally 200 60"
            + " | class 5"
            + " | finally 1 | finally 5",
        result);
  }

  /** The names of the instance fields declared in {@code classText}, in order. */
  private static List<String> fieldNames(String classText) {
    List<String> names = new ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?m)^    private (?!static)[\\w.<>, ?\\[\\]]+ (\\w+);$")
            .matcher(classText);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** The variables each loop copy in {@code generated} keeps in locals, copy by copy. */
  private static List<List<String>> copiedVariables(String generated) {
    List<List<String>> out = new ArrayList<>();
    String marker = "// its variables live in these locals meanwhile";
    for (int at = generated.indexOf(marker); at >= 0; at = generated.indexOf(marker, at + 1)) {
      String prologue = generated.substring(at, generated.indexOf("try {", at));
      List<String> names = new ArrayList<>();
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("(\\w+) = this\\.\\1;").matcher(prologue);
      while (m.find()) {
        names.add(m.group(1));
      }
      out.add(names);
    }
    return out;
  }

  /**
   * A static {@code @Async} method whose name is also a method of {@code Coroutine} ({@code send},
   * {@code close}) is called from another one: inside the generated state machine the inherited
   * member must not hide it.
   */
  @Test
  void aStaticAsyncMethodNamedLikeACoroutineMemberIsCalledNotHidden() throws Exception {
    JavaFileObject chat =
        JavaFileObjects.forSourceString(
            "shop.Chatter",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.ArrayList;
            import java.util.List;

            public abstract class Chatter {
              @Async
              static Coroutine<String> send(List<String> log, String message) {
                await(sleep(1));
                log.add(message);
                return done("sent " + message);
              }

              @Async
              static Coroutine<Integer> close(List<String> log) {
                log.add("closed");
                return done(log.size());
              }

              @Async
              public static Coroutine<String> talk() {
                List<String> log = new ArrayList<>();
                String a = await(send(log, "hi"));
                String b = await(send(log, "bye"));
                int n = await(close(log));
                return done(a + ", " + b + ", " + n + " " + log);
              }
            }
            """);
    Compilation compilation = compile(chat);
    assertThat(compilation).succeededWithoutWarnings();
    Object result = runGenerated(compilation, "shop.Async_Chatter", "talk");
    org.junit.jupiter.api.Assertions.assertEquals("sent hi, sent bye, 3 [hi, bye, closed]", result);
  }

  /**
   * A class whose @Async methods take callbacks, and that calls its own generated class with them
   * in the forms that work while that class is not generated yet: lambdas with declared parameter
   * types or assigned to a variable first, anonymous classes, method references (see {@code
   * DiagnosticsTest.lambdaToGeneratedClass}).
   */
  private static final JavaFileObject SERVER =
      JavaFileObjects.forSourceString(
          "shop.Server",
          """
          package shop;

          import static dev.jasyncio.Asyncio.*;

          import dev.jasyncio.*;
          import java.util.function.IntConsumer;

          public abstract class Server {
            @Async
            public static Coroutine<Void> serve(int n, IntConsumer listening) {
              await(sleep(0));
              listening.accept(n);
              return done();
            }

            @Async
            public Coroutine<Integer> port(int n, IntConsumer listening) {
              listening.accept(n);
              await(sleep(0));
              return done(n);
            }

            static void note(StringBuilder log, int p) {
              log.append(" ref ").append(p);
            }

            public static String main() {
              StringBuilder log = new StringBuilder();
              run(Async_Server.serve(1, (int p) -> log.append(" expr ").append(p)));
              run(
                  Async_Server.serve(
                      2,
                      (int p) -> {
                        log.append(" block ").append(p);
                      }));
              run(
                  Async_Server.serve(
                      3,
                      new IntConsumer() {
                        @Override
                        public void accept(int p) {
                          log.append(" anon ").append(p);
                        }
                      }));
              run(Async_Server.serve(4, log::append));
              run(Async_Server.serve(5, (int p) -> note(log, p)));
              IntConsumer local = p -> log.append(" local ").append(p);
              run(Async_Server.serve(6, local));
              return log + new Async_Server().instance();
            }

            public String instance() {
              StringBuilder log = new StringBuilder();
              run(Async_Server.serve(7, (int p) -> log.append(" expr ").append(p)));
              int a = run(new Async_Server().port(8, (int p) -> log.append(" expr ").append(p)));
              int b =
                  run(
                      port(
                          9,
                          p -> {
                            log.append(" block ").append(p);
                          }));
              int c =
                  run(
                      new Async_Server()
                          .port(
                              10,
                              new IntConsumer() {
                                @Override
                                public void accept(int p) {
                                  log.append(" anon ").append(p);
                                }
                              }));
              int d = run(new Async_Server().port(11, log::append));
              return log + " = " + (a + b + c + d);
            }
          }
          """);

  /**
   * Lambdas, anonymous classes and method references passed to a method of a class generated this
   * round, from methods that are not {@code @Async} of the same class (static and instance):
   * attributing such a call before the class exists left javac 17 with a lambda it crashed on
   * ({@code AssertionError: Incorrect number of arguments}).
   */
  @Test
  void callbacksPassedToTheOwnGeneratedClassFromPlainMethodsCompileAndRun() throws Exception {
    Compilation compilation = compile(SERVER);
    assertThat(compilation).succeededWithoutWarnings();
    ClassLoader loader =
        new InMemoryClassLoader(compilation.generatedFiles(), getClass().getClassLoader());
    Object result = loader.loadClass("shop.Server").getMethod("main").invoke(null);
    org.junit.jupiter.api.Assertions.assertEquals(
        " expr 1 block 2 anon 34 ref 5 local 6 expr 7 expr 8 block 9 anon 1011 = 38", result);
  }

  /**
   * Callbacks passed to another file's generated class, lambdas with inferred parameter types
   * included: from a plain class, and from the methods of a class that has {@code @Async} methods
   * of its own. Both files wait for the class to exist before they are attributed; attributing such
   * a lambda before that crashes javac 17 and 25 later ({@code AssertionError: Incorrect number of
   * arguments}).
   */
  @Test
  void callbacksPassedToAnotherFilesGeneratedClassCompileAndRun() throws Exception {
    JavaFileObject client =
        JavaFileObjects.forSourceString(
            "shop.Client",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import java.util.function.IntConsumer;

            public final class Client {
              public static String main() {
                StringBuilder log = new StringBuilder();
                run(Async_Server.serve(1, p -> log.append(" expr ").append(p)));
                run(
                    Async_Server.serve(
                        2,
                        p -> {
                          log.append(" block ").append(p);
                        }));
                run(
                    Async_Server.serve(
                        3,
                        new IntConsumer() {
                          @Override
                          public void accept(int p) {
                            log.append(" anon ").append(p);
                          }
                        }));
                int a = run(new Async_Server().port(4, log::append));
                return log + " = " + a;
              }
            }
            """);
    JavaFileObject agent =
        JavaFileObjects.forSourceString(
            "shop.Agent",
            """
            package shop;

            import static dev.jasyncio.Asyncio.*;

            import dev.jasyncio.*;
            import java.util.function.IntConsumer;

            public abstract class Agent {
              @Async
              public Coroutine<Integer> twice(int n) {
                int a = await(new Async_Server().port(n, p -> {}));
                return done(2 * a);
              }

              public String main() {
                StringBuilder log = new StringBuilder();
                run(Async_Server.serve(1, p -> log.append(" expr ").append(p)));
                int a =
                    run(
                        new Async_Server()
                            .port(
                                2,
                                p -> {
                                  log.append(" block ").append(p);
                                }));
                run(
                    Async_Server.serve(
                        3,
                        new IntConsumer() {
                          @Override
                          public void accept(int p) {
                            log.append(" anon ").append(p);
                          }
                        }));
                run(Async_Server.serve(4, log::append));
                return log + " = " + (a + run(twice(5)));
              }
            }
            """);
    Compilation compilation = compile(client, agent, SERVER);
    assertThat(compilation).succeededWithoutWarnings();
    ClassLoader loader =
        new InMemoryClassLoader(compilation.generatedFiles(), getClass().getClassLoader());
    org.junit.jupiter.api.Assertions.assertEquals(
        " expr 1 block 2 anon 34 = 4",
        loader.loadClass("shop.Client").getMethod("main").invoke(null));
    Object agentInstance =
        loader.loadClass("shop.Async_Agent").getDeclaredConstructor().newInstance();
    org.junit.jupiter.api.Assertions.assertEquals(
        " expr 1 block 2 anon 34 = 12",
        loader.loadClass("shop.Agent").getMethod("main").invoke(agentInstance));
  }

  /** Compiles {@code sources} with both processors, as a user's build runs them. */
  private static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new AsyncCheckProcessor(), new AsyncProcessor()).compile(sources);
  }

  /**
   * The source {@code compilation} generated for {@code className}: for a class with only static
   * {@code @Async} methods, its state machines are in {@code AsyncMachines_<Name>}.
   */
  private static String generatedSource(Compilation compilation, String className)
      throws Exception {
    return compilation.generatedSourceFile(className).orElseThrow().getCharContent(true).toString();
  }

  private static void assertContainsAll(String generated, List<String> calls) {
    for (String call : calls) {
      org.junit.jupiter.api.Assertions.assertTrue(
          generated.contains(call), "no " + call + " in\n" + generated);
    }
  }

  /**
   * Calls the static method {@code method} of {@code className} (the only one of that name),
   * whatever its access, with {@code args}.
   */
  private Object callStatic(
      Compilation compilation, String className, String method, Object... args) throws Exception {
    ClassLoader loader =
        new InMemoryClassLoader(compilation.generatedFiles(), getClass().getClassLoader());
    for (java.lang.reflect.Method m : loader.loadClass(className).getDeclaredMethods()) {
      if (m.getName().equals(method)) {
        m.setAccessible(true);
        return m.invoke(null, args);
      }
    }
    throw new AssertionError("no " + className + "." + method);
  }

  private Object runGenerated(Compilation compilation, String className, String method)
      throws Exception {
    ClassLoader loader =
        new InMemoryClassLoader(compilation.generatedFiles(), getClass().getClassLoader());
    Object coroutine = loader.loadClass(className).getMethod(method).invoke(null);
    return dev.jasyncio.Asyncio.run(
        (dev.jasyncio.Coroutine<?>) coroutine, dev.jasyncio.TestEventLoop::new);
  }
}
