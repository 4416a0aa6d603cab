package dev.jasyncio.processor.diag;

import javax.tools.Diagnostic;

/**
 * The processor's diagnostics. Each has an id (shown in brackets and documented in {@code
 * docs/diagnostics/<Id>.md}), a kind, and a template of the form "rule; what was found. fix".
 */
public enum Message {
  AWAIT_OUTSIDE_ASYNC(
      "AwaitOutsideAsync",
      Diagnostic.Kind.ERROR,
      "await() can only be used in a method annotated @Async; %s is not one. Annotate %s with"
          + " @dev.jasyncio.Async and make it return Coroutine<T>, or call run(...) to run a"
          + " coroutine from ordinary code"),
  AWAIT_IN_LAMBDA(
      "AwaitInLambda",
      Diagnostic.Kind.ERROR,
      "%s cannot be called inside a lambda; the lambda is not part of %s's state machine."
          + " Move it into the @Async method, or make the lambda's work an @Async method"
          + " and await the coroutine it returns"),
  AWAIT_IN_LOCAL_CLASS(
      "AwaitInLocalClass",
      Diagnostic.Kind.ERROR,
      "%s cannot be called inside an anonymous or local class; its methods are not part of"
          + " %s's state machine. Move it into the @Async method, or make the class's"
          + " method an @Async method of a class of its own"),
  AWAIT_IN_CONSTRUCTOR(
      "AwaitInConstructor",
      Diagnostic.Kind.ERROR,
      "await() cannot be called in a constructor; a constructor cannot suspend. Construct the"
          + " object first, then await in an @Async method (for example a static @Async factory)"),
  AWAIT_IN_INITIALIZER(
      "AwaitInInitializer",
      Diagnostic.Kind.ERROR,
      "await() cannot be called in a field initializer or initializer block; it cannot suspend."
          + " Move the await into an @Async method"),
  AWAIT_IN_SYNCHRONIZED(
      "AwaitInSynchronized",
      Diagnostic.Kind.ERROR,
      "%s cannot be called inside a synchronized block; the monitor would be held (or"
          + " silently released) while the coroutine is suspended. Move it out of the"
          + " synchronized block: on the single-threaded event loop, tasks only interleave at"
          + " awaits, so code between two awaits needs no monitor"),
  WRONG_RETURN_TYPE(
      "WrongReturnType",
      Diagnostic.Kind.ERROR,
      "an @Async method must return dev.jasyncio.Coroutine<T> (or, for a generator,"
          + " AsyncGenerator<T> or AsyncContextManager<T>); %s returns %s. %s"),
  INHERITED_ASYNC(
      "InheritedAsync",
      Diagnostic.Kind.ERROR,
      "%s inherits the @Async method %s from %s, so %s must compile its body too, and cannot:"
          + " %s. Override %s in %s as an @Async method, or %s"),
  CONCRETE_INHERITS_ASYNC(
      "ConcreteInheritsAsync",
      Diagnostic.Kind.ERROR,
      "%s inherits the @Async method %s from %s but is not compiled by jasyncio, so calling it"
          + " would run its body as ordinary code, which fails at the first await. %s"),
  MONITOR_METHOD(
      "MonitorMethod",
      Diagnostic.Kind.ERROR,
      "%s calls java.lang.Object's %s(), not asyncio's: %s is not a Java monitor, and the call"
          + " would throw IllegalMonitorStateException or block the event loop's thread. %s"),
  MARKER_OUTSIDE_ASYNC(
      "MarkerOutsideAsync",
      Diagnostic.Kind.ERROR,
      "%s can only be used in a method annotated @Async; %s is not one. %s"),
  NOT_A_GENERATOR(
      "NotAGenerator",
      Diagnostic.Kind.ERROR,
      "%s can only be used in an @Async method that returns AsyncGenerator<T> or"
          + " AsyncContextManager<T>; %s returns %s. Declare it to return AsyncGenerator<T> to"
          + " hand out items with emit(x), or %s"),
  EMIT_TYPE(
      "EmitType",
      Diagnostic.Kind.ERROR,
      "%s hands out items of type %s; emit(%s) gives it %s. Emit %s, or change the item type"
          + " in the declared return type"),
  GENERATOR_RETURN(
      "GeneratorReturn",
      Diagnostic.Kind.ERROR,
      "an @Async generator has no result and ends with return endGenerator(); %s returns %s"
          + " here. Emit the value first if the caller needs it, then return endGenerator()"),
  CONTEXT_MANAGER_EMITS(
      "ContextManagerEmits",
      Diagnostic.Kind.ERROR,
      "an @Async method that returns AsyncContextManager<T> must emit exactly once, as Python's"
          + " @asynccontextmanager yields once; %s %s. %s"),
  MARKER_POSITION("MarkerPosition", Diagnostic.Kind.ERROR, "%s works only %s; found it %s. %s"),
  NOT_OVERRIDABLE(
      "AsyncNotOverridable",
      Diagnostic.Kind.ERROR,
      "an @Async method must be %s by the generated class %s; %s is %s. Remove the '%s'"
          + " modifier"),
  CLASS_NOT_ABSTRACT(
      "AsyncClassNotAbstract",
      Diagnostic.Kind.ERROR,
      "an @Async instance method must belong to an abstract class or an interface, so that"
          + " %s can implement it; %s is a concrete class. Declare %s abstract and create"
          + " instances with new %s(...)"),
  UNSUPPORTED_CLASS(
      "AsyncUnsupportedClass",
      Diagnostic.Kind.ERROR,
      "@Async methods must be declared where the generated class can reach them; %s is %s. %s"),
  NO_BODY(
      "AsyncWithoutBody",
      Diagnostic.Kind.ERROR,
      "an @Async method needs a body to compile into a coroutine; %s has none. Give it a body,"
          + " or remove @Async and let implementations declare it"),
  PRIVATE_MEMBER(
      "PrivateMember",
      Diagnostic.Kind.ERROR,
      "an @Async method cannot use the private %s %s: its body runs in the generated class %s,"
          + " which cannot reach private members. Make %s package-private"),
  DISCARDED_COROUTINE(
      "DiscardedCoroutine",
      Diagnostic.Kind.WARNING,
      "the coroutine returned by %s is discarded without being awaited, so its body never runs."
          + " Write await(%s) to run it here, or createTask(%s) to run it concurrently"),
  STATIC_ASYNC_CALL(
      "StaticAsyncCall",
      Diagnostic.Kind.ERROR,
      "%s is a static @Async method; calling it directly runs its body as ordinary code, which"
          + " fails at the first await. Call the generated %s instead"),
  SUPER_CALL(
      "AsyncSuperCall",
      Diagnostic.Kind.ERROR,
      "an @Async method cannot call super.%s(...) because %s overrides it and the generated"
          + " subclass can only reach %s's own version. Call a differently named helper method"
          + " that does the super call"),
  NON_DENOTABLE_LOCAL(
      "NonDenotableLocal",
      Diagnostic.Kind.ERROR,
      "the local variable %s lives across an await, so it becomes a field of the state machine,"
          + " but its type %s cannot be written in Java. Declare it with an explicit type"),
  UNSUPPORTED_CONSTRUCT(
      "AsyncUnsupportedConstruct",
      Diagnostic.Kind.ERROR,
      "%s is not supported in an @Async method. %s"),
  LAMBDA_TO_GENERATED(
      "LambdaToGeneratedClass",
      Diagnostic.Kind.ERROR,
      "a lambda with inferred parameter types cannot be passed to a method of %s here: %s is"
          + " generated from %s later in this compilation, after javac has had to check this"
          + " code, and javac then compiles the lambda wrongly. Declare its parameter types"
          + " ((int p) -> ... rather than p -> ...), assign it to a local variable of its"
          + " functional interface type first, or pass a method reference"),
  GENERATED_CLASS_UNTYPED(
      "GeneratedClassUntyped",
      Diagnostic.Kind.ERROR,
      "javac cannot type %s here: %s is generated from %s later in this compilation, after javac"
          + " has had to check this code, and a value computed through it gets no type. Call %s's"
          + " @Async methods without naming %s (they already return its coroutines), or keep the"
          + " value in a local variable declared with an explicit type (Task<String> t = ...;)"),
  VAR_OF_ANONYMOUS_CLASS(
      "VarOfAnonymousClass",
      Diagnostic.Kind.ERROR,
      "a var local whose value is an anonymous class cannot be compiled in %s, a class with @Async"
          + " methods: javac checks the class while processing annotations and keeps the"
          + " anonymous class's name from then, which no longer exists when it compiles the"
          + " class (\"cannot find symbol: class %s$1\"). Declare %s with a named type (the"
          + " class or interface it extends, or a local class declared before it)"),
  INTERNAL_ERROR(
      "InternalError",
      Diagnostic.Kind.ERROR,
      "the jasyncio processor failed on %s; this is a bug in jasyncio, please report it with this"
          + " stack trace:%n%s"),
  NO_JAVAC(
      "UnsupportedCompiler",
      Diagnostic.Kind.ERROR,
      "jasyncio needs javac's public compiler API (com.sun.source.util.Trees), which this"
          + " compiler does not provide through %s. Compile with javac (the JDK's compiler), or"
          + " with a build tool that runs it");

  private final String id;
  private final Diagnostic.Kind kind;
  private final String template;

  Message(String id, Diagnostic.Kind kind, String template) {
    this.id = id;
    this.kind = kind;
    this.template = template;
  }

  public String id() {
    return id;
  }

  public Diagnostic.Kind kind() {
    return kind;
  }

  /** The full text: {@code [Id] } followed by the template filled with {@code args}. */
  public String format(Object... args) {
    return "[" + id + "] " + String.format(template, args);
  }
}
