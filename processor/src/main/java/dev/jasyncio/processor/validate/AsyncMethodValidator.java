package dev.jasyncio.processor.validate;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import dev.jasyncio.processor.diag.Message;
import dev.jasyncio.processor.diag.Reporter;
import dev.jasyncio.processor.lower.Javac;
import dev.jasyncio.processor.model.MethodKind;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Checks an {@code @Async} method before it is lowered: where it is declared, what it returns, and
 * what its body does that the generated state machine could not. Reports each problem at the exact
 * tree; lowering runs only for methods that pass.
 */
public final class AsyncMethodValidator {
  private final Javac javac;
  private final Reporter reporter;

  public AsyncMethodValidator(Javac javac, Reporter reporter) {
    this.javac = javac;
    this.reporter = reporter;
  }

  /** Checks the method's declaration (needs no attribution). Returns false if it was rejected. */
  public boolean validateDeclaration(ExecutableElement method, TreePath path) {
    int before = reporter.errors();
    MethodTree tree = path == null ? null : (MethodTree) path.getLeaf();
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    String name = method.getSimpleName() + "()";

    TypeMirror type = method.getReturnType();
    if (type.getKind() != TypeKind.ERROR && javac.kindOf(type) == null) {
      String item = iteratedItem(type);
      String suggested =
          item != null
              ? "Declare the return type as AsyncGenerator<"
                  + item
                  + "> and hand out the items with emit(item)"
              : "Declare the return type as Coroutine<"
                  + suggestedResult(type)
                  + "> and end the body with return done(value)";
      String written = simpleName(type);
      if (tree != null && tree.getReturnType() != null) {
        reporter.at(
            tree.getReturnType(), path, Message.WRONG_RETURN_TYPE, name, written, suggested);
      } else {
        reporter.at(method, Message.WRONG_RETURN_TYPE, name, written, suggested);
      }
    }

    boolean isStatic = method.getModifiers().contains(Modifier.STATIC);
    String generated = generatedName(owner);
    if (tree != null && tree.getBody() == null) {
      reporter.at(method, Message.NO_BODY, name);
    }
    if (owner.getNestingKind() == NestingKind.LOCAL
        || owner.getNestingKind() == NestingKind.ANONYMOUS) {
      reporter.at(
          method,
          Message.UNSUPPORTED_CLASS,
          owner.getSimpleName(),
          "a local or anonymous class",
          "Move the method to a top-level or static nested class");
      return false;
    }
    if (owner.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.at(
          method,
          Message.UNSUPPORTED_CLASS,
          owner.getSimpleName(),
          "private, so " + generated + " cannot use it",
          "Make " + owner.getSimpleName() + " package-private");
    } else if (owner.getNestingKind() == NestingKind.MEMBER
        && !owner.getModifiers().contains(Modifier.STATIC)
        && owner.getKind() == ElementKind.CLASS) {
      reporter.at(
          method,
          Message.UNSUPPORTED_CLASS,
          owner.getSimpleName(),
          "an inner (non-static) class",
          "Make " + owner.getSimpleName() + " static, or move the method to a top-level class");
    }
    if ((owner.getKind() == ElementKind.ENUM || owner.getKind() == ElementKind.RECORD)
        && !isStatic) {
      String kind = owner.getKind() == ElementKind.ENUM ? "an enum" : "a record";
      reporter.at(
          method,
          Message.UNSUPPORTED_CLASS,
          owner.getSimpleName(),
          kind + ", which " + generated + " cannot extend",
          "Make the method static, or move it to an abstract class");
    }
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.at(
          method,
          Message.NOT_OVERRIDABLE,
          isStatic ? "callable" : "overridable",
          generated,
          name,
          "private",
          "private");
    } else if (!isStatic && method.getModifiers().contains(Modifier.FINAL)) {
      reporter.at(
          method, Message.NOT_OVERRIDABLE, "overridable", generated, name, "final", "final");
    }
    if (!isStatic
        && owner.getKind() == ElementKind.CLASS
        && !owner.getModifiers().contains(Modifier.ABSTRACT)) {
      reporter.at(
          method,
          Message.CLASS_NOT_ABSTRACT,
          generated,
          owner.getSimpleName(),
          owner.getSimpleName(),
          generated);
    }
    return reporter.errors() == before;
  }

  /**
   * Checks the method's body, which must be attributed: awaits where they cannot suspend, private
   * members the generated class cannot reach, super calls it cannot make. Also warns about
   * coroutines created and dropped. Returns false if the body was rejected.
   */
  public boolean validateBody(ExecutableElement method, TreePath path) {
    int before = reporter.errors();
    MethodTree tree = (MethodTree) path.getLeaf();
    if (tree.getBody() == null) {
      return true;
    }
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    String methodName = owner.getSimpleName() + "." + method.getSimpleName();
    String generated = generatedName(owner);
    MethodKind kind = javac.kindOf(method.getReturnType());
    List<TreePath> emits = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      private int lambdas;
      private int classes;
      private int synchronizedBlocks;

      @Override
      public Void visitReturn(ReturnTree node, Void unused) {
        // A parenthesized endGenerator() is left to checkMarker, which reports it once.
        if (kind != MethodKind.COROUTINE
            && lambdas == 0
            && classes == 0
            && node.getExpression() != null
            && !javac.isEndGenerator(
                unparenthesized(new TreePath(getCurrentPath(), node.getExpression())))) {
          reporter.at(
              new TreePath(getCurrentPath(), node.getExpression()),
              Message.GENERATOR_RETURN,
              method.getSimpleName() + "()",
              node.getExpression().toString());
        }
        return super.visitReturn(node, unused);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        lambdas++;
        try {
          return super.visitLambdaExpression(node, unused);
        } finally {
          lambdas--;
        }
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        classes++;
        try {
          return super.visitClass(node, unused);
        } finally {
          classes--;
        }
      }

      @Override
      public Void visitSynchronized(SynchronizedTree node, Void unused) {
        scan(node.getExpression(), unused);
        synchronizedBlocks++;
        try {
          return scan(node.getBlock(), unused);
        } finally {
          synchronizedBlocks--;
        }
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        TreePath p = getCurrentPath();
        String marker = javac.marker(p);
        if (marker != null) {
          if (classes > 0) {
            reporter.at(p, Message.AWAIT_IN_LOCAL_CLASS, marker, methodName);
          } else if (lambdas > 0) {
            reporter.at(p, Message.AWAIT_IN_LAMBDA, marker, methodName);
          } else if (synchronizedBlocks > 0) {
            reporter.at(p, Message.AWAIT_IN_SYNCHRONIZED, marker);
          } else {
            checkMarker(p, node, marker, method, kind, emits);
          }
        }
        if (classes == 0 && node.getMethodSelect() instanceof MemberSelectTree select) {
          checkSuper(p, select.getExpression(), owner);
        }
        MonitorCalls.check(javac, reporter, p);
        return super.visitMethodInvocation(node, unused);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree node, Void unused) {
        Element e = javac.element(getCurrentPath());
        String marker = Javac.markerName(e);
        if (marker != null) {
          reporter.at(getCurrentPath(), Message.AWAIT_IN_LAMBDA, marker, methodName);
        }
        checkPrivate(getCurrentPath(), e);
        if (classes == 0) {
          checkSuper(getCurrentPath(), node.getQualifierExpression(), owner);
        }
        return super.visitMemberReference(node, unused);
      }

      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        checkPrivate(getCurrentPath(), javac.element(getCurrentPath()));
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        checkPrivate(getCurrentPath(), javac.element(getCurrentPath()));
        return super.visitMemberSelect(node, unused);
      }

      @Override
      public Void visitExpressionStatement(ExpressionStatementTree node, Void unused) {
        if (node.getExpression() instanceof MethodInvocationTree call) {
          TreePath p = new TreePath(getCurrentPath(), call);
          TypeMirror type = javac.type(p);
          if (javac.isCoroutine(type) && !javac.isAwait(p)) {
            String text = call.toString();
            reporter.at(p, Message.DISCARDED_COROUTINE, text, text, text);
          }
        }
        return super.visitExpressionStatement(node, unused);
      }

      private void checkPrivate(TreePath p, Element e) {
        if (e == null || !e.getModifiers().contains(Modifier.PRIVATE)) {
          return;
        }
        switch (e.getKind()) {
          case FIELD, METHOD, CONSTRUCTOR, CLASS, INTERFACE, ENUM, RECORD -> {}
          default -> {
            return;
          }
        }
        // A private member of a class declared inside the method body is fine: it moves along.
        if (declaredInside(e, path)) {
          return;
        }
        String kind =
            switch (e.getKind()) {
              case FIELD -> "field";
              case METHOD -> "method";
              case CONSTRUCTOR -> "constructor";
              default -> "class";
            };
        String name =
            e.getKind() == ElementKind.CONSTRUCTOR
                ? e.getEnclosingElement().getSimpleName().toString()
                : e.getSimpleName().toString();
        reporter.at(p, Message.PRIVATE_MEMBER, kind, name, generated, name);
      }
    }.scan(new TreePath(path, tree.getBody()), null);
    if (kind == MethodKind.CONTEXT_MANAGER && emits.size() != 1) {
      String name = method.getSimpleName() + "()";
      if (emits.isEmpty()) {
        reporter.at(
            method,
            Message.CONTEXT_MANAGER_EMITS,
            name,
            "never emits",
            "Emit the value the with-block binds, between the setup and the cleanup");
      } else {
        reporter.at(
            emits.get(1),
            Message.CONTEXT_MANAGER_EMITS,
            name,
            "emits " + emits.size() + " times",
            "Keep one emit(...) and put the cleanup after it, in a finally block");
      }
    }
    return reporter.errors() == before;
  }

  /** Checks a marker call inside the @Async body itself: is it in a place where it works? */
  private void checkMarker(
      TreePath p,
      MethodInvocationTree node,
      String marker,
      ExecutableElement method,
      MethodKind kind,
      List<TreePath> emits) {
    String name = method.getSimpleName() + "()";
    Tree parent = p.getParentPath().getLeaf();
    switch (marker) {
      case "emit()", "endGenerator()" -> {
        if (kind == MethodKind.COROUTINE) {
          reporter.at(
              p,
              Message.NOT_A_GENERATOR,
              marker,
              name,
              simpleName(method.getReturnType()),
              marker.equals("emit()") ? "remove the emit" : "end the body with return done(value)");
          return;
        }
        if (marker.equals("endGenerator()")) {
          if (!(parent instanceof ReturnTree)) {
            reporter.at(
                p,
                Message.MARKER_POSITION,
                marker,
                "as the value of a return statement, return endGenerator()",
                where(parent),
                "Write return endGenerator() where the generator ends");
          }
          return;
        }
        emits.add(p);
        if (node.getArguments().size() == 1) {
          checkEmitType(p, node, method, name);
        }
      }
      case "asyncFor()" -> {
        if (!(parent instanceof EnhancedForLoopTree loop && loop.getExpression() == node)) {
          reporter.at(
              p,
              Message.MARKER_POSITION,
              marker,
              "as the source of an enhanced for loop, for (T x : asyncFor(source)) {...}",
              where(parent),
              "Write the loop, or collect the items with await(AsyncIterables.toList(source))");
        }
      }
      case "asyncWith()" -> {
        Tree grandparent =
            p.getParentPath().getParentPath() == null
                ? null
                : p.getParentPath().getParentPath().getLeaf();
        boolean resource =
            parent instanceof VariableTree v
                && v.getInitializer() == node
                && grandparent instanceof TryTree t
                && t.getResources().contains(v);
        if (!resource) {
          reporter.at(
              p,
              Message.MARKER_POSITION,
              marker,
              "as the initializer of a try-with-resources resource,"
                  + " try (Entered<T> r = asyncWith(manager)) {...}",
              where(parent),
              "Write the try statement, or use the coroutine asyncWith(manager, body)");
        }
      }
      default -> {}
    }
  }

  /** The emitted value must be an item of the generator's declared item type. */
  private void checkEmitType(
      TreePath p, MethodInvocationTree node, ExecutableElement method, String name) {
    TypeMirror returned = method.getReturnType();
    if (!(returned instanceof DeclaredType d) || d.getTypeArguments().size() != 1) {
      return;
    }
    TypeMirror item = d.getTypeArguments().get(0);
    TreePath argument = new TreePath(p, node.getArguments().get(0));
    TypeMirror given = javac.type(argument);
    if (given == null || given.getKind() == TypeKind.ERROR || item.getKind() == TypeKind.WILDCARD) {
      return;
    }
    TypeMirror checked = given;
    TypeMirror against = item;
    switch (inference(argument)) {
      case NONE -> {}
      case CLASS_ONLY -> {
        checked = javac.types.erasure(given);
        against = javac.types.erasure(item);
      }
      case UNKNOWN -> {
        return;
      }
    }
    if (javac.types.isAssignable(checked, against)) {
      return;
    }
    reporter.at(
        argument,
        Message.EMIT_TYPE,
        name,
        simpleName(item),
        node.getArguments().get(0).toString(),
        withArticle(simpleName(checked)),
        withArticle(simpleName(item)));
  }

  /** What an emitted expression's type says, given that javac inferred it for an Object target. */
  private enum Inference {
    /** Its type is its own: compare it with the item type. */
    NONE,
    /** A diamond or a generic method's result: the type arguments are Object, the class holds. */
    CLASS_ONLY,
    /** A generic method that returns its type variable: the type is whatever the target is. */
    UNKNOWN
  }

  /**
   * emit takes an Object, so javac infers a diamond's or a generic call's type arguments for that
   * target: emit(List.of()) has type List<Object> although List.of() is a fine List<String>.
   */
  private Inference inference(TreePath argument) {
    TreePath path = unparenthesized(argument);
    Tree t = path.getLeaf();
    if (t instanceof NewClassTree n
        && n.getIdentifier() instanceof ParameterizedTypeTree generic
        && generic.getTypeArguments().isEmpty()) {
      return Inference.CLASS_ONLY;
    }
    if (t instanceof MethodInvocationTree call && call.getTypeArguments().isEmpty()) {
      Element called = javac.element(path);
      if (called instanceof ExecutableElement m && !m.getTypeParameters().isEmpty()) {
        return m.getReturnType().getKind() == TypeKind.TYPEVAR
            ? Inference.UNKNOWN
            : Inference.CLASS_ONLY;
      }
    }
    return Inference.NONE;
  }

  /** {@code type} with "a" or "an" before it. */
  private static String withArticle(String type) {
    return ("AEIOUaeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
  }

  /** {@code path} without the parentheses around its expression. */
  private static TreePath unparenthesized(TreePath path) {
    while (path.getLeaf() instanceof ParenthesizedTree paren) {
      path = new TreePath(path, paren.getExpression());
    }
    return path;
  }

  /** Where a marker was found instead, in words. */
  private static String where(Tree parent) {
    return switch (parent.getKind()) {
      case VARIABLE -> "in a variable initializer";
      case ASSIGNMENT -> "in an assignment";
      case EXPRESSION_STATEMENT -> "as a statement of its own";
      case METHOD_INVOCATION -> "as the argument of a method call";
      case RETURN -> "in a return statement";
      case ENHANCED_FOR_LOOP -> "inside the source expression of a for loop";
      case PARENTHESIZED -> "in parentheses";
      case MEMBER_SELECT -> "as the receiver of a method call or field access";
      default -> "in " + withArticle(parent.getKind().toString().toLowerCase().replace('_', ' '));
    };
  }

  /**
   * Reports {@code super.m(...)} or {@code super::m} at {@code p} ({@code qualifier} being what
   * precedes the method), or the same with {@code Owner.super}, if the owner overrides {@code m}.
   */
  private void checkSuper(TreePath p, ExpressionTree qualifier, TypeElement owner) {
    boolean ownSuper =
        (qualifier instanceof IdentifierTree id && id.getName().contentEquals("super"))
            || (qualifier instanceof MemberSelectTree m
                && m.getIdentifier().contentEquals("super")
                && m.getExpression() instanceof IdentifierTree q
                && q.getName().contentEquals(owner.getSimpleName()));
    if (!ownSuper) {
      return;
    }
    Element called = javac.element(p);
    if (!(called instanceof ExecutableElement m)) {
      return;
    }
    for (Element member : owner.getEnclosedElements()) {
      if (member instanceof ExecutableElement own
          && own.getKind() == ElementKind.METHOD
          && javac.elements.overrides(own, m, owner)) {
        reporter.at(
            p, Message.SUPER_CALL, m.getSimpleName(), owner.getSimpleName(), owner.getSimpleName());
        return;
      }
    }
  }

  private boolean declaredInside(Element e, TreePath methodPath) {
    TreePath declaration = javac.trees.getPath(e);
    if (declaration == null) {
      return false;
    }
    for (TreePath q = declaration; q != null; q = q.getParentPath()) {
      if (q.getLeaf() == methodPath.getLeaf()) {
        return true;
      }
    }
    return false;
  }

  /** {@code type} as people write it: simple names, type arguments kept. */
  private static String simpleName(TypeMirror type) {
    if (type instanceof DeclaredType d
        && d.asElement() instanceof TypeElement t
        && t.getNestingKind() == NestingKind.ANONYMOUS) {
      return "anonymous "
          + simpleName(t.getInterfaces().isEmpty() ? t.getSuperclass() : t.getInterfaces().get(0));
    }
    if (type instanceof DeclaredType d) {
      StringBuilder sb = new StringBuilder(d.asElement().getSimpleName());
      if (!d.getTypeArguments().isEmpty()) {
        sb.append('<');
        for (int i = 0; i < d.getTypeArguments().size(); i++) {
          sb.append(i > 0 ? ", " : "").append(simpleName(d.getTypeArguments().get(i)));
        }
        sb.append('>');
      }
      return sb.toString();
    }
    if (type instanceof javax.lang.model.type.ArrayType a) {
      return simpleName(a.getComponentType()) + "[]";
    }
    return type.toString();
  }

  /**
   * The T of the Coroutine<T> the method should return instead: the boxed primitive, Void for void,
   * the awaited type for an awaitable (a Task<String> method suggests Coroutine<String>).
   */
  private String suggestedResult(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return javac.types.boxedClass((PrimitiveType) type).getSimpleName().toString();
    }
    if (type.getKind() == TypeKind.VOID) {
      return "Void";
    }
    if (type instanceof DeclaredType d && !d.getTypeArguments().isEmpty()) {
      String qualified = ((TypeElement) d.asElement()).getQualifiedName().toString();
      if (qualified.equals("dev.jasyncio.Task")
          || qualified.equals("dev.jasyncio.Future")
          || qualified.equals("dev.jasyncio.Awaitable")
          || qualified.equals("java.util.concurrent.CompletionStage")
          || qualified.equals("java.util.concurrent.CompletableFuture")) {
        return simpleName(d.getTypeArguments().get(0));
      }
    }
    return simpleName(type);
  }

  /**
   * For a method declared to return an iterator or a stream (what a Python generator becomes in
   * Java), the item type: it probably meant an async generator.
   */
  private static String iteratedItem(TypeMirror type) {
    if (type instanceof DeclaredType d && d.getTypeArguments().size() == 1) {
      String qualified = ((TypeElement) d.asElement()).getQualifiedName().toString();
      if (qualified.equals("java.util.Iterator")
          || qualified.equals("java.lang.Iterable")
          || qualified.equals("java.util.stream.Stream")) {
        return simpleName(d.getTypeArguments().get(0));
      }
    }
    return null;
  }

  /** The simple name of the class generated for {@code owner}: Async_Outer_Inner. */
  public static String generatedName(TypeElement owner) {
    StringBuilder name = new StringBuilder(owner.getSimpleName());
    for (Element e = owner.getEnclosingElement();
        e instanceof TypeElement t;
        e = t.getEnclosingElement()) {
      name.insert(0, t.getSimpleName() + "_");
    }
    return "Async_" + name;
  }
}
