package dev.jasyncio.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.sun.source.util.TreePath;
import dev.jasyncio.processor.diag.Message;
import dev.jasyncio.processor.lower.ClassLowering;
import dev.jasyncio.processor.lower.Javac;
import dev.jasyncio.processor.validate.AwaitUsageScanner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Reports {@code await} where it cannot work — outside any {@code @Async} method, in a constructor,
 * in an initializer — in every compilation, including those with no {@code @Async} method at all
 * (the usual case of a forgotten annotation). Also reports direct calls of static {@code @Async}
 * methods, coroutines created and dropped, and {@code @Async} methods in local or anonymous
 * classes, which javac does not show to {@link AsyncProcessor}.
 *
 * <p>It looks at every class ({@code "*"}) but claims nothing, so other processors see every
 * annotation; a class is attributed only when its text mentions {@code await} or an {@code @Async}
 * method's name, and only once the classes generated from its file exist.
 *
 * <p>Its name sorts before {@link AsyncProcessor}'s on purpose: javac asks processors in the order
 * of the service file (which AutoService sorts), and once {@link AsyncProcessor} has claimed
 * {@code @Async} javac would not ask a processor that comes after it about a round with no other
 * annotation.
 */
@AutoService(Processor.class)
public final class AsyncCheckProcessor extends JavacProcessor {

  /** Types with static @Async methods seen in earlier rounds, by qualified name. */
  private final Set<String> staticOwners = new LinkedHashSet<>();

  private final Set<String> asyncNames = new HashSet<>();

  /** Types whose check waits for a generated class they name, by qualified name. */
  private final Set<String> waiting = new LinkedHashSet<>();

  /** The simple names of the types that declare @Async instance methods. */
  private final Set<String> asyncTypeNames = new HashSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (trees == null) {
      return false; // AsyncProcessor reports the unsupported compiler
    }
    TypeElement async = processingEnv.getElementUtils().getTypeElement(Javac.ASYNC);
    if (async == null) {
      return false; // jasyncio is not on the class path: nothing can be misused
    }
    Map<ExecutableElement, ClassName> staticAsync = new LinkedHashMap<>();
    for (Element e : round.getElementsAnnotatedWith(async)) {
      if (e instanceof ExecutableElement m) {
        asyncNames.add(m.getSimpleName().toString());
        if (!m.getModifiers().contains(Modifier.STATIC)) {
          asyncTypeNames.add(m.getEnclosingElement().getSimpleName().toString());
        }
        if (m.getModifiers().contains(Modifier.STATIC)) {
          staticOwners.add(((TypeElement) m.getEnclosingElement()).getQualifiedName().toString());
        }
      }
    }
    for (String name : staticOwners) {
      TypeElement owner = processingEnv.getElementUtils().getTypeElement(name);
      if (owner == null) {
        continue;
      }
      for (Element e : owner.getEnclosedElements()) {
        if (Javac.isAsyncMethod(e) && e.getModifiers().contains(Modifier.STATIC)) {
          staticAsync.put((ExecutableElement) e, ClassLowering.generatedName(javac, owner));
        }
      }
    }
    // A class with @Async methods is attributed once its generated class exists (the round after
    // its facade is written): attributed before, javac would keep stale symbols of its anonymous
    // classes and lambdas for that round.
    Set<String> pendingOwners = new HashSet<>();
    for (Element e : round.getElementsAnnotatedWith(async)) {
      if (e.getEnclosingElement() instanceof TypeElement owner
          && processingEnv
                  .getElementUtils()
                  .getTypeElement(ClassLowering.generatedName(javac, owner).canonicalName())
              == null) {
        pendingOwners.add(topLevel(owner).getQualifiedName().toString());
      }
    }
    AwaitUsageScanner scanner = new AwaitUsageScanner(javac, reporter);
    Set<TypeElement> types = new LinkedHashSet<>();
    for (String name : waiting) {
      TypeElement t = processingEnv.getElementUtils().getTypeElement(name);
      if (t != null) {
        types.add(t);
      }
    }
    waiting.clear();
    for (Element root : round.getRootElements()) {
      if (root instanceof TypeElement type) {
        types.add(type);
      }
    }
    for (TypeElement type : types) {
      if (type.getEnclosingElement().getKind() == ElementKind.PACKAGE
          && !Javac.isGeneratedByJasyncio(type)) {
        try {
          TreePath path = trees.getPath(type);
          if (path != null
              && !round.processingOver()
              && (pendingOwners.contains(type.getQualifiedName().toString())
                  || !javac.missingGeneratedNames(path.getCompilationUnit()).isEmpty())) {
            // It names a class generated later: check it once that exists.
            waiting.add(type.getQualifiedName().toString());
            continue;
          }
          // Attributed, a class with a var local of an anonymous class would not compile
          // afterwards (see Javac#varsOfAnonymousClass): it goes unchecked. AsyncProcessor
          // reports such a var in a class with @Async methods.
          if (path != null && javac.varsOfAnonymousClass(path).isEmpty()) {
            scanner.scan(path, staticAsync, asyncNames, asyncTypeNames);
          }
        } catch (RuntimeException | Error t) {
          StringWriter trace = new StringWriter();
          t.printStackTrace(new PrintWriter(trace));
          reporter.at(type, Message.INTERNAL_ERROR, type, trace);
        }
      }
    }
    return false;
  }

  private static TypeElement topLevel(TypeElement type) {
    TypeElement top = type;
    while (top.getEnclosingElement() instanceof TypeElement outer) {
      top = outer;
    }
    return top;
  }
}
