package dev.jasyncio.processor.validate;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import dev.jasyncio.processor.diag.Message;
import dev.jasyncio.processor.diag.Reporter;
import dev.jasyncio.processor.lower.Javac;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Finds, in code outside {@code @Async} methods, what only makes sense inside one: {@code await}
 * (in methods, constructors and initializers), direct calls of static {@code @Async} methods whose
 * bodies would run as ordinary code, and coroutines created and dropped. Only classes that mention
 * such a name are attributed.
 */
public final class AwaitUsageScanner {
  private final Javac javac;
  private final Reporter reporter;

  public AwaitUsageScanner(Javac javac, Reporter reporter) {
    this.javac = javac;
    this.reporter = reporter;
  }

  /**
   * Scans the top-level class at {@code classPath}.
   *
   * @param staticAsync the static {@code @Async} methods known, with their generated classes
   */
  public void scan(
      TreePath classPath,
      Map<ExecutableElement, ClassName> staticAsync,
      Set<String> asyncNames,
      Set<String> asyncTypeNames) {
    Set<String> names = new java.util.HashSet<>(asyncNames);
    names.addAll(List.of("await", "emit", "endGenerator", "asyncFor", "asyncWith"));
    names.addAll(MonitorCalls.NAMES);
    for (ExecutableElement m : staticAsync.keySet()) {
      names.add(m.getSimpleName().toString());
    }
    if (!mentions(classPath.getLeaf(), names) && !namesType(classPath.getLeaf(), asyncTypeNames)) {
      return;
    }
    javac.attribute(classPath);
    new TreePathScanner<Void, Void>() {
      /** Where the scan is: "method", "constructor", "initializer", or "async" inside @Async. */
      private String where = "initializer";

      private String enclosingName = "";

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        checkInherited(getCurrentPath(), node);
        String saved = where;
        String savedName = enclosingName;
        where = "initializer";
        enclosingName = node.getSimpleName().toString();
        try {
          return super.visitClass(node, unused);
        } finally {
          where = saved;
          enclosingName = savedName;
        }
      }

      @Override
      public Void visitMethod(MethodTree node, Void unused) {
        String saved = where;
        String savedName = enclosingName;
        Element e = javac.element(getCurrentPath());
        if (Javac.isAsyncMethod(e)) {
          TypeElement owner = (TypeElement) e.getEnclosingElement();
          if (owner.getNestingKind() == javax.lang.model.element.NestingKind.LOCAL
              || owner.getNestingKind() == javax.lang.model.element.NestingKind.ANONYMOUS) {
            // javac does not show @Async methods of local classes to AsyncProcessor.
            reporter.at(
                e,
                Message.UNSUPPORTED_CLASS,
                owner.getSimpleName().length() == 0
                    ? "this anonymous class"
                    : owner.getSimpleName(),
                "a local or anonymous class",
                "Move the method to a top-level or static nested class");
          }
          return null; // checked by AsyncMethodValidator
        } else if (node.getName().contentEquals("<init>")) {
          where = "constructor";
        } else {
          where = "method";
          enclosingName = node.getName() + "()";
        }
        try {
          return super.visitMethod(node, unused);
        } finally {
          where = saved;
          enclosingName = savedName;
        }
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        TreePath p = getCurrentPath();
        if (!where.equals("async")) {
          MonitorCalls.check(javac, reporter, p);
          String marker = javac.marker(p);
          if (marker != null) {
            reportMarker(p, marker);
          } else if (javac.element(p) instanceof ExecutableElement m
              && staticAsync.containsKey(m)) {
            TypeElement owner = (TypeElement) m.getEnclosingElement();
            reporter.at(
                p,
                Message.STATIC_ASYNC_CALL,
                owner.getSimpleName() + "." + m.getSimpleName() + "()",
                staticAsync.get(m).simpleName() + "." + m.getSimpleName() + "(...)");
          }
        }
        return super.visitMethodInvocation(node, unused);
      }

      @Override
      public Void visitMemberReference(com.sun.source.tree.MemberReferenceTree node, Void unused) {
        TreePath p = getCurrentPath();
        if (!where.equals("async")) {
          Element e = javac.element(p);
          String marker = Javac.markerName(e);
          if (marker != null) {
            reportMarker(p, marker);
          } else if (e instanceof ExecutableElement m && staticAsync.containsKey(m)) {
            TypeElement owner = (TypeElement) m.getEnclosingElement();
            reporter.at(
                p,
                Message.STATIC_ASYNC_CALL,
                owner.getSimpleName() + "::" + m.getSimpleName(),
                staticAsync.get(m).simpleName() + "::" + m.getSimpleName());
          }
        }
        return super.visitMemberReference(node, unused);
      }

      /** A marker (a call of it or a reference to it) where it cannot work. */
      private void reportMarker(TreePath p, String marker) {
        if (marker.equals("await()")) {
          switch (where) {
            case "constructor" -> reporter.at(p, Message.AWAIT_IN_CONSTRUCTOR);
            case "initializer" -> reporter.at(p, Message.AWAIT_IN_INITIALIZER);
            default -> reporter.at(p, Message.AWAIT_OUTSIDE_ASYNC, enclosingName, enclosingName);
          }
          return;
        }
        String place =
            switch (where) {
              case "constructor" -> "a constructor";
              case "initializer" -> "an initializer";
              default -> enclosingName;
            };
        reporter.at(
            p,
            Message.MARKER_OUTSIDE_ASYNC,
            marker,
            place,
            markerFix(marker, where.equals("method") ? enclosingName : null));
      }

      @Override
      public Void visitExpressionStatement(
          com.sun.source.tree.ExpressionStatementTree node, Void unused) {
        if (node.getExpression() instanceof MethodInvocationTree call) {
          TreePath p = new TreePath(getCurrentPath(), call);
          if (javac.isCoroutine(javac.type(p)) && !javac.isAwait(p)) {
            String text = call.toString();
            reporter.at(p, Message.DISCARDED_COROUTINE, text, text, text);
          }
        }
        return super.visitExpressionStatement(node, unused);
      }
    }.scan(classPath, null);
  }

  /**
   * A concrete class (named, local or anonymous) that inherits an {@code @Async} method without
   * overriding it would run the method's body as ordinary code: only generated classes compile it.
   */
  private void checkInherited(TreePath path, ClassTree node) {
    Element e = javac.element(path);
    if (!(e instanceof TypeElement type)
        || type.getKind() == javax.lang.model.element.ElementKind.INTERFACE
        || type.getModifiers().contains(javax.lang.model.element.Modifier.ABSTRACT)) {
      return;
    }
    for (Element member : javac.elements.getAllMembers(type)) {
      if (member instanceof ExecutableElement m
          && m.getKind() == javax.lang.model.element.ElementKind.METHOD
          && !m.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)
          && !m.getEnclosingElement().equals(type)
          && Javac.isAsyncMethod(m)) {
        TypeElement declaring = (TypeElement) m.getEnclosingElement();
        TypeElement parent = declaring;
        for (javax.lang.model.type.TypeMirror t : javac.types.directSupertypes(type.asType())) {
          if (javac.types.asElement(t) instanceof TypeElement st
              && javac.elements.getAllMembers(st).contains(m)) {
            parent = st;
            break;
          }
        }
        String generated = AsyncMethodValidator.generatedName(parent);
        boolean anonymous = node.getSimpleName().length() == 0;
        String fix =
            anonymous
                ? "Create the anonymous class from the generated class instead: new "
                    + generated
                    + "(...) {...}"
                : type.getNestingKind() == javax.lang.model.element.NestingKind.LOCAL
                    ? "Extend " + generated + " instead of " + parent.getSimpleName()
                    : "Declare "
                        + type.getSimpleName()
                        + " abstract and create instances with new "
                        + AsyncMethodValidator.generatedName(type)
                        + "(...), or extend "
                        + generated
                        + " instead of "
                        + parent.getSimpleName();
        reporter.at(
            path,
            Message.CONCRETE_INHERITS_ASYNC,
            anonymous ? "this anonymous class" : type.getSimpleName(),
            m.getSimpleName() + "()",
            declaring.getSimpleName(),
            fix);
        return;
      }
    }
  }

  /** Whether {@code tree} names one of {@code typeNames} anywhere. */
  private static boolean namesType(Tree tree, Set<String> typeNames) {
    if (typeNames.isEmpty()) {
      return false;
    }
    boolean[] found = new boolean[1];
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        found[0] |= typeNames.contains(node.getName().toString());
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        found[0] |= typeNames.contains(node.getIdentifier().toString());
        return super.visitMemberSelect(node, unused);
      }
    }.scan(tree, null);
    return found[0];
  }

  /** How to fix a marker used outside {@code @Async}, in words. */
  private static String markerFix(String marker, String method) {
    return switch (marker) {
      case "emit()", "endGenerator()" ->
          method == null
              ? "Move it into an @Async method that returns AsyncGenerator<T>"
              : "Annotate "
                  + method
                  + " with @dev.jasyncio.Async and declare it to return AsyncGenerator<T>";
      case "asyncFor()" ->
          "Loop in an @Async method"
              + (method == null ? "" : " (annotate " + method + " with @dev.jasyncio.Async)")
              + ", or collect the items with run(AsyncIterables.toList(source))";
      default ->
          "Enter the manager in an @Async method"
              + (method == null ? "" : " (annotate " + method + " with @dev.jasyncio.Async)")
              + ", or run the coroutine asyncWith(manager, body)";
    };
  }

  private static boolean mentions(Tree tree, Set<String> names) {
    boolean[] found = new boolean[1];
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        Tree select = node.getMethodSelect();
        String name =
            select instanceof IdentifierTree id
                ? id.getName().toString()
                : select instanceof MemberSelectTree m ? m.getIdentifier().toString() : "";
        if (names.contains(name)) {
          found[0] = true;
        }
        return found[0] ? null : super.visitMethodInvocation(node, unused);
      }

      @Override
      public Void visitMemberReference(com.sun.source.tree.MemberReferenceTree node, Void unused) {
        found[0] |= names.contains(node.getName().toString());
        return super.visitMemberReference(node, unused);
      }

      @Override
      public Void visitAnnotation(com.sun.source.tree.AnnotationTree node, Void unused) {
        String type = node.getAnnotationType().toString();
        found[0] |= type.equals("Async") || type.endsWith(".Async");
        return super.visitAnnotation(node, unused);
      }
    }.scan(tree, null);
    return found[0];
  }
}
