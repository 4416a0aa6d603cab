package dev.jasyncio.processor.validate;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import dev.jasyncio.processor.diag.Message;
import dev.jasyncio.processor.diag.Reporter;
import dev.jasyncio.processor.lower.Javac;
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
    if (type.getKind() != TypeKind.ERROR && !isCoroutine(type)) {
      String boxed =
          type.getKind().isPrimitive()
              ? javac.types.boxedClass((PrimitiveType) type).getSimpleName().toString()
              : type.getKind() == TypeKind.VOID ? "Void" : type.toString();
      if (tree != null && tree.getReturnType() != null) {
        reporter.at(tree.getReturnType(), path, Message.WRONG_RETURN_TYPE, name, type, boxed);
      } else {
        reporter.at(method, Message.WRONG_RETURN_TYPE, name, type, boxed);
      }
    }

    boolean isStatic = method.getModifiers().contains(Modifier.STATIC);
    if (tree != null && tree.getBody() == null) {
      reporter.at(method, Message.NO_BODY, name);
    }
    if (owner.getNestingKind() == NestingKind.LOCAL
        || owner.getNestingKind() == NestingKind.ANONYMOUS) {
      reporter.at(
          method, Message.UNSUPPORTED_CLASS, owner.getSimpleName(), "a local or anonymous class");
      return false;
    }
    if (owner.getNestingKind() == NestingKind.MEMBER
        && !owner.getModifiers().contains(Modifier.STATIC)
        && owner.getKind() == ElementKind.CLASS) {
      reporter.at(
          method, Message.UNSUPPORTED_CLASS, owner.getSimpleName(), "an inner (non-static) class");
    }
    if (owner.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.at(method, Message.UNSUPPORTED_CLASS, owner.getSimpleName(), "private");
    }
    if (owner.getKind() == ElementKind.ENUM || owner.getKind() == ElementKind.RECORD) {
      if (!isStatic) {
        reporter.at(
            method,
            Message.UNSUPPORTED_CLASS,
            owner.getSimpleName(),
            "an "
                + owner.getKind().toString().toLowerCase()
                + ", which the generated class cannot extend; make the method static or move it");
      }
    }
    if (isStatic) {
      if (method.getModifiers().contains(Modifier.PRIVATE)) {
        reporter.at(method, Message.NOT_OVERRIDABLE, name, "private", "private");
      }
    } else {
      if (method.getModifiers().contains(Modifier.PRIVATE)) {
        reporter.at(method, Message.NOT_OVERRIDABLE, name, "private", "private");
      } else if (method.getModifiers().contains(Modifier.FINAL)) {
        reporter.at(method, Message.NOT_OVERRIDABLE, name, "final", "final");
      }
      boolean interfaceOwner = owner.getKind() == ElementKind.INTERFACE;
      if (!interfaceOwner
          && owner.getKind() == ElementKind.CLASS
          && !owner.getModifiers().contains(Modifier.ABSTRACT)) {
        String generated = generatedName(owner);
        reporter.at(
            method,
            Message.CLASS_NOT_ABSTRACT,
            generated,
            owner.getSimpleName(),
            owner.getSimpleName(),
            generated);
      }
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
    new TreePathScanner<Void, Void>() {
      private int lambdas;
      private int classes;
      private int synchronizedBlocks;

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
        if (javac.isAwait(p)) {
          if (classes > 0) {
            reporter.at(p, Message.AWAIT_IN_LOCAL_CLASS, methodName);
          } else if (lambdas > 0) {
            reporter.at(p, Message.AWAIT_IN_LAMBDA, methodName);
          } else if (synchronizedBlocks > 0) {
            reporter.at(p, Message.AWAIT_IN_SYNCHRONIZED);
          }
        }
        checkSuperCall(p, node, owner);
        return super.visitMethodInvocation(node, unused);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree node, Void unused) {
        Element e = javac.element(getCurrentPath());
        if (Javac.isAsyncioMethod(e, "await")) {
          reporter.at(getCurrentPath(), Message.AWAIT_IN_LAMBDA, methodName);
        }
        checkPrivate(getCurrentPath(), e);
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
    return reporter.errors() == before;
  }

  private void checkSuperCall(TreePath p, MethodInvocationTree node, TypeElement owner) {
    if (!(node.getMethodSelect() instanceof MemberSelectTree select)
        || !(select.getExpression() instanceof IdentifierTree id)
        || !id.getName().contentEquals("super")) {
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

  private boolean isCoroutine(TypeMirror type) {
    return type instanceof DeclaredType d
        && d.asElement() instanceof TypeElement te
        && te.getQualifiedName().contentEquals(Javac.COROUTINE);
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
