package dev.jasyncio.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.jasyncio.processor.codegen.AsyncClassWriter;
import dev.jasyncio.processor.diag.Message;
import dev.jasyncio.processor.lower.ClassContext;
import dev.jasyncio.processor.lower.ClassLowering;
import dev.jasyncio.processor.lower.Javac;
import dev.jasyncio.processor.lower.MethodLowering;
import dev.jasyncio.processor.model.AsyncClass;
import dev.jasyncio.processor.model.AsyncMethod;
import dev.jasyncio.processor.model.Facade;
import dev.jasyncio.processor.model.Signature;
import dev.jasyncio.processor.model.StateMachine;
import dev.jasyncio.processor.validate.AsyncMethodValidator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * The entry point javac calls. For each type with {@code @Async} methods: validate, lower each
 * method to a state machine, write {@code Async_<Type>}. Also reports {@code await} used outside
 * {@code @Async} methods anywhere in the compilation. Every failure inside the processor is
 * reported as an {@link Message#INTERNAL_ERROR} with its stack trace, never thrown at javac.
 *
 * <p>A type is written in two rounds: first {@code Async_<Type>} from the methods' declarations
 * alone (see {@link Facade}), then, with the user's type checked while {@code Async_<Type>} exists,
 * the state machines in {@code AsyncMachines_<Type>}. A type whose bodies need the machines inside
 * {@code Async_<Type>} (see {@link #facade}) gets that single class in one round.
 *
 * <p>A type whose {@code @Async} bodies do not compile yet (for example because they use a class
 * another processor generates this round) is retried once in the next round; if its code still has
 * errors, the generated methods only throw, so that javac's own report about the user's code is the
 * only one.
 */
@AutoService(Processor.class)
public final class AsyncProcessor extends JavacProcessor {
  private boolean reportedNoJavac;

  /** Types postponed to the next round, by qualified name. */
  private final Set<String> deferred = new LinkedHashSet<>();

  /** Types already postponed once. */
  private final Set<String> deferredBefore = new HashSet<>();

  /** Types whose facade is written (see {@link Facade}), by qualified name. */
  private final Set<String> facades = new HashSet<>();

  /**
   * The classes this processor generates (or will, this round), by simple name: an @Async body may
   * name them before they exist.
   */
  private final Map<String, ClassName> generatedNames = new LinkedHashMap<>();

  /** The user's class of each generated class, by the generated class's simple name. */
  private final Map<String, String> generatedOwners = new LinkedHashMap<>();

  /** Types with static @Async methods seen in earlier rounds, by qualified name. */
  private final Set<String> staticOwners = new LinkedHashSet<>();

  /** The annotations this processor claims: its own, and the one on the code it generates. */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(Javac.ASYNC, "javax.annotation.processing.Generated");
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    TypeElement async = processingEnv.getElementUtils().getTypeElement(Javac.ASYNC);
    if (async == null) {
      return false;
    }
    Map<TypeElement, List<ExecutableElement>> byOwner = new LinkedHashMap<>();
    for (Element e : round.getElementsAnnotatedWith(async)) {
      if (e instanceof ExecutableElement method && e.getKind() == ElementKind.METHOD) {
        byOwner
            .computeIfAbsent((TypeElement) e.getEnclosingElement(), k -> new ArrayList<>())
            .add(method);
      }
    }
    // Abstract classes and interfaces that inherit @Async methods without declaring any: their
    // generated class must compile the inherited bodies.
    for (Element root : round.getRootElements()) {
      addInheritingTypes(root, byOwner);
    }
    for (String name : deferred) {
      TypeElement owner = processingEnv.getElementUtils().getTypeElement(name);
      if (owner != null) {
        byOwner.putIfAbsent(owner, asyncMethodsOf(owner));
      }
    }
    deferred.clear();
    if (trees == null) {
      if (!byOwner.isEmpty() && !reportedNoJavac) {
        reportedNoJavac = true;
        reporter.at(
            byOwner.keySet().iterator().next(),
            Message.NO_JAVAC,
            processingEnv.getClass().getName());
      }
      return false;
    }
    Map<ExecutableElement, ClassName> staticAsync = staticAsyncMethods(byOwner);
    Map<String, TypeElement> generatedFrom = new HashMap<>();
    for (TypeElement owner : byOwner.keySet()) {
      ClassName g = ClassLowering.generatedName(javac, owner);
      generatedNames.put(g.simpleName(), g);
      generatedOwners.put(g.simpleName(), owner.getQualifiedName().toString());
      generatedFrom.put(g.simpleName(), owner);
    }
    Set<TypeElement> waiting =
        round.processingOver() ? Set.of() : waitingOwners(byOwner.keySet(), generatedFrom);
    for (Map.Entry<TypeElement, List<ExecutableElement>> entry : byOwner.entrySet()) {
      TypeElement owner = entry.getKey();
      String name = owner.getQualifiedName().toString();
      if (reportVarsOfAnonymousClass(owner)) {
        continue; // javac could not compile the class after attributing it: nothing to generate
      }
      try {
        // The facade needs no attribution, so it is written at once, even for a waiting owner.
        Facade facade =
            round.processingOver() || facades.contains(name)
                ? null
                : facade(owner, entry.getValue(), staticAsync);
        if (facade != null) {
          write(facade.name(), owner, qualify -> AsyncClassWriter.write(facade, qualify));
          facades.add(name);
          deferred.add(name); // its state machines, next round
          continue;
        }
        if (waiting.contains(owner)) {
          deferred.add(name);
          continue;
        }
        processOwner(
            owner, entry.getValue(), staticAsync, round.processingOver(), facades.contains(name));
      } catch (RuntimeException | Error t) {
        internalError(owner, t);
      }
    }
    // @Async is ours, and so is the @Generated on our output (claiming it keeps -Xlint:processing
    // quiet); AsyncCheckProcessor claims nothing, so other processors still see every annotation.
    return true;
  }

  /**
   * The owners to process in a later round: those whose file names a class that another file's
   * owner generates this round (see {@link Javac#missingGeneratedNames}). At least one owner is
   * always processed, so that a cycle of such files still makes progress.
   */
  private Set<TypeElement> waitingOwners(
      Set<TypeElement> owners, Map<String, TypeElement> generatedFrom) {
    Set<TypeElement> waiting = new LinkedHashSet<>();
    for (TypeElement owner : owners) {
      TreePath path = trees.getPath(owner);
      if (path == null) {
        continue;
      }
      for (String name : javac.missingGeneratedNames(path.getCompilationUnit())) {
        TypeElement from = generatedFrom.get(name);
        if (from != null && !topLevel(from).equals(topLevel(owner))) {
          waiting.add(owner);
          break;
        }
      }
    }
    return waiting.size() == owners.size() ? Set.of() : waiting;
  }

  private static TypeElement topLevel(TypeElement type) {
    TypeElement top = type;
    while (top.getEnclosingElement() instanceof TypeElement outer) {
      top = outer;
    }
    return top;
  }

  private void addInheritingTypes(Element e, Map<TypeElement, List<ExecutableElement>> byOwner) {
    if (!(e instanceof TypeElement type) || Javac.isGeneratedByJasyncio(type)) {
      return;
    }
    boolean candidate =
        (type.getKind() == ElementKind.INTERFACE
                || (type.getKind() == ElementKind.CLASS
                    && type.getModifiers().contains(Modifier.ABSTRACT)))
            && !type.getModifiers().contains(Modifier.PRIVATE)
            && !byOwner.containsKey(type)
            && (type.getNestingKind() == javax.lang.model.element.NestingKind.TOP_LEVEL
                || type.getModifiers().contains(Modifier.STATIC)
                || type.getKind() == ElementKind.INTERFACE);
    if (candidate && trees.getPath(type) != null) {
      ClassLowering lowering = new ClassLowering(javac, type, trees.getPath(type), Map.of());
      if (!lowering.inheritedAsyncMethods().isEmpty()) {
        byOwner.put(type, new ArrayList<>());
      }
    }
    for (Element member : type.getEnclosedElements()) {
      addInheritingTypes(member, byOwner);
    }
  }

  private List<ExecutableElement> asyncMethodsOf(TypeElement owner) {
    List<ExecutableElement> out = new ArrayList<>();
    for (Element e : owner.getEnclosedElements()) {
      if (Javac.isAsyncMethod(e)) {
        out.add((ExecutableElement) e);
      }
    }
    return out;
  }

  /** Every static @Async method known this round, with the generated class that runs it. */
  private Map<ExecutableElement, ClassName> staticAsyncMethods(
      Map<TypeElement, List<ExecutableElement>> byOwner) {
    Map<ExecutableElement, ClassName> out = new LinkedHashMap<>();
    Set<TypeElement> owners = new LinkedHashSet<>(byOwner.keySet());
    for (String name : staticOwners) {
      TypeElement t = processingEnv.getElementUtils().getTypeElement(name);
      if (t != null) {
        owners.add(t);
      }
    }
    for (TypeElement owner : owners) {
      for (ExecutableElement m : asyncMethodsOf(owner)) {
        if (m.getModifiers().contains(Modifier.STATIC)) {
          out.put(m, ClassLowering.generatedName(javac, owner));
          staticOwners.add(owner.getQualifiedName().toString());
        }
      }
    }
    return out;
  }

  /**
   * Reports the {@code var} locals of {@code owner}'s top-level class whose value is an anonymous
   * class (see {@link Javac#varsOfAnonymousClass}), each once; returns whether it has any.
   */
  private boolean reportVarsOfAnonymousClass(TypeElement owner) {
    TreePath top = trees.getPath(topLevel(owner));
    if (top == null) {
      return false;
    }
    List<TreePath> vars = javac.varsOfAnonymousClass(top);
    for (TreePath v : vars) {
      if (reportedVars.add(v.getLeaf())) {
        com.sun.source.tree.VariableTree tree = (com.sun.source.tree.VariableTree) v.getLeaf();
        reporter.at(
            v,
            Message.VAR_OF_ANONYMOUS_CLASS,
            topLevel(owner).getSimpleName(),
            topLevel(owner).getSimpleName(),
            tree.getName());
      }
    }
    return !vars.isEmpty();
  }

  /** The variables reported by {@link #reportVarsOfAnonymousClass}. */
  private final Set<Tree> reportedVars =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  /**
   * {@code owner}'s {@link Facade}, from its methods' declarations; null if it gets none. Not when
   * the facade could not repeat the declarations yet (a result of no known kind, a type javac
   * cannot resolve yet), nor where the state machines, in a class of their own, could not reach
   * what the bodies use: a protected member of a class in another package other than an instance
   * method called on the object itself (those go through bridges), an inner class created as an
   * anonymous subclass or by {@code Inner::new} (which need the object as enclosing instance where
   * {@code self.new} cannot be written), {@code super} other than in a call of a class's superclass
   * method (those go through bridges). Such a class keeps a single {@code Async_<Type>} whose
   * machines are inner classes; what is wrong with it is reported then.
   */
  private Facade facade(
      TypeElement owner,
      List<ExecutableElement> methods,
      Map<ExecutableElement, ClassName> staticAsync) {
    TreePath ownerPath = trees.getPath(owner);
    if (ownerPath == null
        || owner.getModifiers().contains(Modifier.PRIVATE)
        || (owner.getKind() != ElementKind.CLASS && owner.getKind() != ElementKind.INTERFACE)
        || (owner.getKind() == ElementKind.CLASS
            && owner.getNestingKind() == javax.lang.model.element.NestingKind.MEMBER
            && !owner.getModifiers().contains(Modifier.STATIC))) {
      return null;
    }
    ClassLowering classLowering = new ClassLowering(javac, owner, ownerPath, staticAsync);
    AsyncClass.Kind kind = classLowering.kind(methods);
    if (kind == AsyncClass.Kind.SUBCLASS && classLowering.constructors().isEmpty()) {
      return null;
    }
    List<ExecutableElement> all = new ArrayList<>(methods);
    if (kind != AsyncClass.Kind.HOLDER) {
      all.addAll(classLowering.inheritedAsyncMethods());
    }
    Set<String> named = new HashSet<>();
    Set<String> superCalls = new java.util.TreeSet<>();
    for (ExecutableElement m : all) {
      if (m.getModifiers().contains(Modifier.PRIVATE)
          || (kind == AsyncClass.Kind.HOLDER && !m.getModifiers().contains(Modifier.STATIC))
          || javac.kindOf(m.getReturnType()) == null
          || Javac.mentionsError(m.asType())) {
        return null;
      }
      TreePath path = trees.getPath(m);
      Set<String> calls = path == null ? null : classLowering.superCalls(path);
      if (calls == null
          || (!calls.isEmpty() && (kind != AsyncClass.Kind.SUBCLASS || !methods.contains(m)))) {
        return null;
      }
      superCalls.addAll(calls);
      named.addAll(Javac.namesUsed(path));
    }
    // A protected method or field of another package is reached through a bridge of the facade (a
    // subclass of the user's class); a constant needs none. Anything else protected there, or
    // reached in another way (a field written, an instance member of another object), keeps the
    // single class.
    List<Signature> protectedBridges = new ArrayList<>();
    List<Signature> fieldBridges = new ArrayList<>();
    Set<String> instanceNames = new HashSet<>();
    Set<String> staticNames = new HashSet<>();
    Set<String> fieldNames = new HashSet<>();
    for (Element member : javac.elements.getAllMembers(owner)) {
      String name = member.getSimpleName().toString();
      if (!named.contains(name) || !classLowering.protectedElsewhere(member)) {
        continue;
      }
      boolean isStatic = member.getModifiers().contains(Modifier.STATIC);
      if (kind != AsyncClass.Kind.SUBCLASS) {
        return null;
      }
      if (member instanceof ExecutableElement m && m.getKind() == ElementKind.METHOD) {
        protectedBridges.add(classLowering.protectedBridge(m));
      } else if (member instanceof VariableElement f && f.getKind() == ElementKind.FIELD) {
        fieldNames.add(name);
        if (f.getConstantValue() != null) {
          continue; // the machines write its value
        }
        fieldBridges.add(classLowering.protectedFieldBridge(f));
      } else {
        return null;
      }
      (isStatic ? staticNames : instanceNames).add(name);
    }
    for (ExecutableElement m : all) {
      if (!classLowering.reachesProtectedThroughBridges(
          trees.getPath(m), instanceNames, staticNames, fieldNames)) {
        return null;
      }
    }
    List<Signature> superBridges = new ArrayList<>();
    for (ExecutableElement m : classLowering.superMethods(superCalls)) {
      superBridges.add(classLowering.superBridge(m));
    }
    List<Facade.Method> entries = new ArrayList<>();
    for (ExecutableElement m : all) {
      entries.add(
          new Facade.Method(
              classLowering.signature(m),
              javac.kindOf(m.getReturnType()),
              m.getEnclosingElement().getSimpleName() + "." + m.getSimpleName()));
    }
    return new Facade(
        owner,
        ClassLowering.generatedName(javac, owner),
        ClassLowering.machinesName(javac, owner),
        kind,
        classLowering.superType(),
        kind == AsyncClass.Kind.HOLDER ? List.of() : classLowering.typeVariables(),
        owner.getModifiers().contains(Modifier.PUBLIC),
        kind != AsyncClass.Kind.HOLDER && classLowering.leavesAbstractMethods(new HashSet<>(all)),
        kind == AsyncClass.Kind.SUBCLASS ? classLowering.constructors() : List.of(),
        entries,
        superBridges,
        protectedBridges,
        fieldBridges,
        classLowering.sourceFile());
  }

  /**
   * Writes the source of {@code name} that {@code writer} gives; written again with the java.lang
   * names it uses qualified where a type of the package has the same simple name.
   */
  private void write(
      ClassName name, TypeElement owner, java.util.function.Function<Set<String>, String> writer) {
    String source = writer.apply(Set.of());
    Set<String> shadowed = javac.javaLangNamesShadowedIn(owner, source);
    if (!shadowed.isEmpty()) {
      source = writer.apply(shadowed);
    }
    try (Writer w =
        processingEnv.getFiler().createSourceFile(name.canonicalName(), owner).openWriter()) {
      w.write(source);
    } catch (IOException e) {
      processingEnv
          .getMessager()
          .printMessage(
              javax.tools.Diagnostic.Kind.ERROR, "cannot write " + name + ": " + e, owner);
    }
  }

  private void processOwner(
      TypeElement owner,
      List<ExecutableElement> methods,
      Map<ExecutableElement, ClassName> staticAsync,
      boolean lastRound,
      boolean facaded) {
    AsyncMethodValidator validator = new AsyncMethodValidator(javac, reporter);
    TreePath ownerPath = trees.getPath(owner);
    if (ownerPath == null) {
      return; // compiled from a class file: nothing to generate
    }
    // Reported lambdas make the file fail anyway: waiting a round would only add javac's errors.
    boolean failing = reportLambdasNamingMissing(trees.getPath(topLevel(owner)));
    javac.attribute(trees.getPath(topLevel(owner)));

    Set<ExecutableElement> broken = new HashSet<>();
    boolean missingClass = false;
    for (ExecutableElement m : methods) {
      TreePath path = trees.getPath(m);
      if (path != null && javac.hasErrors(path, generatedNames)) {
        broken.add(m);
        missingClass |= javac.namesMissingClass(path, generatedNames);
      }
    }
    if (!missingClass) {
      for (ExecutableElement m : broken) {
        // javac's final check passes once the class exists, so the stub would fail silently
        TreePath local = javac.untypedLocal(trees.getPath(m), generatedNames);
        if (local != null) {
          reportUntyped(local, trees.getPath(m));
        }
      }
    }
    // Waiting a round only helps if another processor may generate a class the code names; for
    // any other error it would only move this class's output to the last round, where javac no
    // longer compiles generated files, and add "cannot find symbol Async_..." to the user's error.
    // A class with a facade has already waited the round in which the facade was written.
    String name = owner.getQualifiedName().toString();
    if (missingClass && !lastRound && !failing && !facaded && deferredBefore.add(name)) {
      deferred.add(name); // perhaps a class generated this round: try again next round
      return;
    }
    Map<ExecutableElement, Boolean> valid = new LinkedHashMap<>();
    for (ExecutableElement m : methods) {
      valid.put(m, validator.validateDeclaration(m, trees.getPath(m)));
    }
    if (owner.getModifiers().contains(Modifier.PRIVATE)
        || (owner.getNestingKind() == javax.lang.model.element.NestingKind.MEMBER
            && owner.getKind() == ElementKind.CLASS
            && !owner.getModifiers().contains(Modifier.STATIC))) {
      return; // reported: no class could be generated for it
    }

    ClassName generated =
        facaded
            ? ClassLowering.machinesName(javac, owner)
            : ClassLowering.generatedName(javac, owner);
    if (facaded) {
      // Its own calls go straight to the machines class, which has the same static methods.
      staticAsync = new LinkedHashMap<>(staticAsync);
      for (ExecutableElement m : methods) {
        if (m.getModifiers().contains(Modifier.STATIC)) {
          staticAsync.put(m, generated);
        }
      }
    }
    ClassLowering classLowering = new ClassLowering(javac, owner, ownerPath, staticAsync);
    AsyncClass.Kind kind = classLowering.kind(methods);
    if (kind == AsyncClass.Kind.SUBCLASS
        && classLowering.constructors().isEmpty()
        && !owner.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.at(
          owner,
          Message.UNSUPPORTED_CLASS,
          owner.getSimpleName(),
          "a class whose constructors are all private, so "
              + generated.simpleName()
              + " cannot extend it",
          "Give it a package-private or protected constructor");
      return;
    }
    List<ExecutableElement> inherited =
        kind == AsyncClass.Kind.HOLDER ? List.of() : classLowering.inheritedAsyncMethods();
    for (ExecutableElement m : inherited) {
      TreePath path = trees.getPath(m);
      if (path != null) {
        classLowering.addInherited(path);
      }
    }
    Set<String> reserved = classLowering.reservedNames();
    Set<String> machineNames = new HashSet<>(reserved);
    ClassContext context =
        new ClassContext(
            owner,
            generated,
            kind != AsyncClass.Kind.HOLDER && !facaded,
            staticAsync,
            reserved,
            generatedNames,
            generatedOwners,
            facaded);
    List<AsyncMethod> generatedMethods = new ArrayList<>();
    for (ExecutableElement m : methods) {
      TreePath path = trees.getPath(m);
      StateMachine machine = null;
      if (valid.get(m) && !broken.contains(m) && path != null && validator.validateBody(m, path)) {
        try {
          machine =
              new MethodLowering(javac, context, path)
                  .lower(ClassLowering.machineName(m, machineNames));
        } catch (MethodLowering.Unsupported u) {
          reporter.at(u.tree, path, u.message, u.args);
        } catch (RuntimeException | Error t) {
          internalError(m, t);
        }
      }
      generatedMethods.add(classLowering.method(m, machine));
    }
    String conflict = inherited.isEmpty() ? null : classLowering.conflictingImport();
    for (ExecutableElement m : inherited) {
      StateMachine machine = null;
      try {
        machine = lowerInherited(owner, generated, m, context, machineNames, conflict);
      } catch (RuntimeException | Error t) {
        internalError(m, t);
      }
      generatedMethods.add(classLowering.method(m, machine));
    }
    Set<ExecutableElement> implemented = new HashSet<>(methods);
    implemented.addAll(inherited);
    AsyncClass cls =
        new AsyncClass(
            owner,
            generated,
            kind,
            classLowering.superType(),
            classLowering.typeVariables(),
            owner.getModifiers().contains(Modifier.PUBLIC),
            kind != AsyncClass.Kind.HOLDER && classLowering.leavesAbstractMethods(implemented),
            kind == AsyncClass.Kind.SUBCLASS ? classLowering.constructors() : List.of(),
            generatedMethods,
            classLowering.imports(),
            classLowering.sourceFile(),
            classLowering.typeNamesInUse(),
            facaded ? ClassLowering.generatedName(javac, owner) : null);
    write(generated, owner, qualify -> AsyncClassWriter.write(cls, qualify));
  }

  /**
   * The state machine of {@code method}, an {@code @Async} method {@code owner} inherits, compiled
   * again into {@code owner}'s generated class; null (the method then only throws) if it cannot be.
   * Problems of the method itself were reported when its own class was compiled; only what stops it
   * from being inherited is reported here.
   */
  private StateMachine lowerInherited(
      TypeElement owner,
      ClassName generated,
      ExecutableElement method,
      ClassContext context,
      Set<String> machineNames,
      String conflictingImport) {
    TypeElement declaring = (TypeElement) method.getEnclosingElement();
    TreePath path = trees.getPath(method);
    String problem = null;
    String alternative = "move " + owner.getSimpleName() + " next to " + declaring.getSimpleName();
    if (path == null) {
      problem = "its source is not part of this compilation";
      alternative = "compile " + owner.getSimpleName() + " with " + declaring.getSimpleName();
    } else if (!declaring.getTypeParameters().isEmpty()) {
      problem = declaring.getSimpleName() + " is generic";
      alternative = "make " + declaring.getSimpleName() + " not generic";
    } else if (!javac.elements.getPackageOf(declaring).equals(javac.elements.getPackageOf(owner))) {
      problem = declaring.getSimpleName() + " is in another package";
      alternative = "put them in the same package";
    } else if (conflictingImport != null) {
      problem = "their files import " + conflictingImport;
      alternative = "import one of them under its full name";
    } else if (!Set.of()
        .equals(ClassLowering.superCalls(path, declaring.getSimpleName().toString()))) {
      problem = "its body calls a method of super, which means another class there";
      alternative = "call the super method from a helper method of " + declaring.getSimpleName();
    }
    if (problem != null) {
      reporter.at(
          owner,
          Message.INHERITED_ASYNC,
          owner.getSimpleName(),
          method.getSimpleName() + "()",
          declaring.getSimpleName(),
          ClassLowering.generatedName(javac, owner).simpleName(),
          problem,
          method.getSimpleName() + "()",
          owner.getSimpleName(),
          alternative);
      return null;
    }
    reportLambdasNamingMissing(trees.getPath(topLevel(declaring)));
    javac.attribute(trees.getPath(topLevel(declaring)));
    if (javac.hasErrors(path, generatedNames)) {
      return null;
    }
    AsyncMethodValidator silent =
        new AsyncMethodValidator(javac, new dev.jasyncio.processor.diag.Reporter(SILENT, null));
    if (!silent.validateDeclaration(method, path) || !silent.validateBody(method, path)) {
      return null;
    }
    try {
      return new MethodLowering(javac, context, path)
          .lower(ClassLowering.machineName(method, machineNames));
    } catch (MethodLowering.Unsupported u) {
      return null; // reported with the declaring class
    }
  }

  /**
   * Reports the lambdas javac would compile wrongly once the class at {@code classPath} is
   * attributed: those with inferred parameter types passed to a class generated later (see {@link
   * Javac#lambdasNamingMissing}). The class is still attributed and its generated class written, so
   * that this is the only error. Each lambda is reported once; returns whether there are any.
   */
  private boolean reportLambdasNamingMissing(TreePath classPath) {
    Set<String> missing =
        new LinkedHashSet<>(javac.missingGeneratedNames(classPath.getCompilationUnit()));
    missing.retainAll(generatedNames.keySet());
    Map<TreePath, String> lambdas = javac.lambdasNamingMissing(classPath, missing);
    for (Map.Entry<TreePath, String> e : lambdas.entrySet()) {
      if (reportedLambdas.add(e.getKey().getLeaf())) {
        String owner = generatedOwners.get(e.getValue());
        reporter.at(
            e.getKey(),
            Message.LAMBDA_TO_GENERATED,
            e.getValue(),
            e.getValue(),
            owner.substring(owner.lastIndexOf('.') + 1));
      }
    }
    return !lambdas.isEmpty();
  }

  /** The lambdas reported by {@link #reportLambdasNamingMissing}. */
  private final Set<com.sun.source.tree.Tree> reportedLambdas =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  /** Where diagnostics go that were already reported once. */
  private static final javax.annotation.processing.Messager SILENT =
      new javax.annotation.processing.Messager() {
        @Override
        public void printMessage(javax.tools.Diagnostic.Kind kind, CharSequence msg) {}

        @Override
        public void printMessage(javax.tools.Diagnostic.Kind kind, CharSequence msg, Element e) {}

        @Override
        public void printMessage(
            javax.tools.Diagnostic.Kind kind,
            CharSequence msg,
            Element e,
            javax.lang.model.element.AnnotationMirror a) {}

        @Override
        public void printMessage(
            javax.tools.Diagnostic.Kind kind,
            CharSequence msg,
            Element e,
            javax.lang.model.element.AnnotationMirror a,
            javax.lang.model.element.AnnotationValue v) {}
      };

  /**
   * Reports the {@code var} local at {@code local}, which has no type because its initializer names
   * a class generated later from this file (see {@link Javac#untypedLocal}).
   */
  private void reportUntyped(TreePath local, TreePath method) {
    com.sun.source.tree.VariableTree v = (com.sun.source.tree.VariableTree) local.getLeaf();
    Tree source =
        v.getInitializer() != null
            ? v.getInitializer()
            : ((com.sun.source.tree.EnhancedForLoopTree) local.getParentPath().getLeaf())
                .getExpression();
    String generated = Javac.firstMentioned(source, generatedNames.keySet());
    String owner = generatedOwners.get(generated);
    String ownerSimple = owner.substring(owner.lastIndexOf('.') + 1);
    reporter.at(
        v,
        method,
        Message.GENERATED_CLASS_UNTYPED,
        "var " + v.getName(),
        generated,
        ownerSimple,
        ownerSimple,
        generated);
  }

  private void internalError(Element e, Throwable t) {
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    reporter.at(e, Message.INTERNAL_ERROR, e, trace);
  }
}
