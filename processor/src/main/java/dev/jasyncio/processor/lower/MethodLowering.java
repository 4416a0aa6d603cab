package dev.jasyncio.processor.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import dev.jasyncio.processor.model.Case;
import dev.jasyncio.processor.model.Handler;
import dev.jasyncio.processor.model.MachineNames;
import dev.jasyncio.processor.model.MethodKind;
import dev.jasyncio.processor.model.Slot;
import dev.jasyncio.processor.model.StateMachine;
import dev.jasyncio.processor.model.Suspension;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Turns one attributed {@code @Async} method into a {@link StateMachine}, following regenerator's
 * algorithm (see TRANSFORM_NOTES.md): statements without awaits are copied as written; a statement
 * with an await is taken apart into cases, its locals become fields (but those declared after the
 * last await of their block stay Java locals), and operands evaluated before an await are kept in
 * typed temporaries so that Java's evaluation order holds.
 */
public final class MethodLowering {
  /** Names of Coroutine's and Object's members: a user call by these names must be qualified. */
  private static final Set<String> FRAME_MEMBERS =
      Set.of(
          "resume",
          "await",
          "send",
          "throwIn",
          "close",
          "reuseError",
          "finished",
          "SUSPENDED",
          "step",
          "anext",
          "asend",
          "athrow",
          "aclose",
          "aiter",
          "isExhausted",
          "EXHAUSTED",
          "toString",
          "equals",
          "hashCode",
          "getClass",
          "notify",
          "notifyAll",
          "wait",
          "clone",
          "finalize");

  private static final ClassName BIND = ClassName.get("dev.jasyncio.internal", "Bind");
  private static final ClassName ASYNC_EXIT = ClassName.get("dev.jasyncio.internal", "AsyncExit");
  private static final ClassName ENTERED = ClassName.get("dev.jasyncio", "Entered");
  private static final ClassName ASYNC_ITERATOR = ClassName.get("dev.jasyncio", "AsyncIterator");
  private static final ClassName ASYNC_CONTEXT_MANAGER =
      ClassName.get("dev.jasyncio", "AsyncContextManager");
  private static final ClassName STOP_ASYNC_ITERATION =
      ClassName.get("dev.jasyncio", "StopAsyncIteration");

  private final Javac javac;
  private final ClassContext cls;
  private final TreePath methodPath;
  private final MethodTree methodTree;
  private final ExecutableElement method;
  private final SourceText src;
  private final Reachability reachability;
  private final MethodKind kind;

  /**
   * The class the method is written in: the user's class, or a supertype of it when the generated
   * class compiles an inherited method.
   */
  private final TypeElement declaring;

  private final Map<Tree, Boolean> suspends = new IdentityHashMap<>();
  private final Set<String> taken = new HashSet<>();

  /** Hoisted locals and parameters: element → field. */
  private final Map<Element, String> fieldOf = new HashMap<>();

  private final Map<Element, TypeName> fieldTypeOf = new HashMap<>();
  private final List<Slot> parameters = new ArrayList<>();
  private final List<Slot> fields = new ArrayList<>();
  private final List<dev.jasyncio.processor.model.Suspension> suspensions = new ArrayList<>();
  private final Deque<Target> targets = new ArrayDeque<>();
  private final Region root = Region.root();
  private final List<Region> regions = new ArrayList<>();
  private MachineNames names;
  private Listing listing;

  private int temps;
  private int records;
  private String caughtField;

  /** Locals assigned somewhere in the expression statement being lowered: not stable. */
  private Set<Element> assignedHere = Set.of();

  /** A break/continue target: a loop, a switch, a labeled statement. */
  private record Target(
      Tree tree, String label, Listing.Label breakTo, Listing.Label continueTo, Region region) {}

  /** Code and the hoisted locals it captures in lambdas or classes (copied in when emitted). */
  private record Code(CodeBlock code, Set<Element> captures) {
    static Code of(CodeBlock code) {
      return new Code(code, Set.of());
    }

    static Code of(String format, Object... args) {
      return new Code(CodeBlock.of(format, args), Set.of());
    }
  }

  public MethodLowering(Javac javac, ClassContext cls, TreePath methodPath) {
    this.javac = javac;
    this.cls = cls;
    this.methodPath = methodPath;
    this.methodTree = (MethodTree) methodPath.getLeaf();
    this.method = (ExecutableElement) javac.element(methodPath);
    this.src = new SourceText(methodPath.getCompilationUnit(), javac.trees.getSourcePositions());
    this.reachability = new Reachability(javac, methodPath.getCompilationUnit());
    this.kind = javac.kindOf(method.getReturnType());
    this.declaring = (TypeElement) method.getEnclosingElement();
  }

  /** Lowers the method. Precondition: it was validated and its body has no errors. */
  public StateMachine lower(String className) {
    taken.addAll(cls.reservedNames());
    names =
        new MachineNames(
            allocate("DONE"),
            allocate("state"),
            allocate("task"),
            allocate("value"),
            allocate("error"),
            allocate("thrown"),
            allocate("caught"),
            allocate("loop"),
            method.getModifiers().contains(Modifier.STATIC)
                ? null
                : cls.machinesApart() ? allocate("self") : cls.generated().simpleName() + ".this");
    listing = new Listing(names.state(), names.loop(), root);
    for (VariableTree p : methodTree.getParameters()) {
      TreePath pp = new TreePath(methodPath, p);
      Element e = javac.element(pp);
      String name = p.getName().toString();
      taken.add(name);
      fieldOf.put(e, name);
      TypeName type = typeName(e.asType(), p);
      fieldTypeOf.put(e, type);
      parameters.add(new Slot(name, type, "parameter"));
    }
    TreePath body = new TreePath(methodPath, methodTree.getBody());
    lowerStatements(body, methodTree.getBody().getStatements());
    if (listing.reachable()) {
      // Valid Java cannot fall off the end of a method returning Coroutine<T>; guard anyway.
      listing.addTerminal(
          CodeBlock.of(
              "throw new $T($S);\n",
              IllegalStateException.class,
              "fell off the end of " + describeMethod()));
    }
    List<Case> cases = listing.cases(shadowable());
    return new StateMachine(
        localClassSources,
        kind,
        className,
        describeMethod(),
        src.fileName(),
        src.line(methodTree),
        typeVariables(),
        resultType(),
        parameters,
        fields,
        names,
        cases,
        handlers(),
        suspensions,
        method.getModifiers().contains(Modifier.STATIC));
  }

  /**
   * The fields of parameters and hoisted locals, by name, that a loop's copy may keep in Java
   * locals of the same names (see {@code Listing.inlineLoop}): all of them but those whose name
   * some Java declaration in the generated code also has (a local of a statement copied as written,
   * a lambda's parameter, a pattern variable, a member of a local class, the copy of a captured
   * local whose field was renamed), as a local of that name declared inside the copy would clash
   * with the copy's own.
   */
  private Map<String, TypeName> shadowable() {
    Set<String> declared = new HashSet<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        Element e = javac.element(getCurrentPath());
        if (e == null
            || !fieldOf.containsKey(e)
            || getCurrentPath().getParentPath().getLeaf()
                instanceof com.sun.source.tree.BindingPatternTree) {
          declared.add(node.getName().toString());
        }
        return super.visitVariable(node, unused);
      }
    }.scan(new TreePath(methodPath, methodTree.getBody()), null);
    // A lambda's copy of a captured local has the local's own name, which may be another's field.
    fieldOf.forEach(
        (local, field) -> {
          if (!local.getSimpleName().contentEquals(field)) {
            declared.add(local.getSimpleName().toString());
          }
        });
    Set<String> hoisted = new HashSet<>(fieldOf.values());
    Map<String, TypeName> out = new LinkedHashMap<>();
    for (List<Slot> slots : List.of(parameters, fields)) {
      for (Slot slot : slots) {
        if (hoisted.contains(slot.name()) && !declared.contains(slot.name())) {
          out.put(slot.name(), slot.type());
        }
      }
    }
    return out;
  }

  private String describeMethod() {
    return method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName();
  }

  private List<TypeVariableName> typeVariables() {
    List<TypeVariableName> out = new ArrayList<>();
    for (TypeParameterElement t : method.getTypeParameters()) {
      out.add(TypeVariableName.get(t));
    }
    return out;
  }

  private TypeName resultType() {
    DeclaredType coroutine = (DeclaredType) method.getReturnType();
    return TypeName.get(coroutine.getTypeArguments().get(0));
  }

  // ---------------------------------------------------------------- names

  private String allocate(String preferred) {
    String name = preferred;
    for (int i = 2; taken.contains(name); i++) {
      name = preferred + i;
    }
    taken.add(name);
    return name;
  }

  /** The field for a local declared at {@code path}, created on first use. */
  private String hoist(TreePath path, Element local) {
    String existing = fieldOf.get(local);
    if (existing != null) {
      return existing;
    }
    String original = local.getSimpleName().toString();
    String name = taken.contains(original) && !reusable(original) ? allocate(original) : original;
    taken.add(name);
    fieldOf.put(local, name);
    ClassName pending = pendingClass(local.asType());
    TypeMirror localType = local.asType();
    if (localType.getKind() == TypeKind.UNION) {
      // A multi-catch parameter: the closest common superclass holds it.
      localType =
          Types2.lub(javac, ((javax.lang.model.type.UnionType) localType).getAlternatives());
    }
    TypeName moved = pending != null ? null : movedLocalClass(localType);
    if (moved != null) {
      fieldTypeOf.put(local, moved);
      fields.add(new Slot(name, moved, "local " + original + ", line " + src.line(path.getLeaf())));
      return name;
    }
    TypeMirror denotable = pending != null ? null : Types2.denotable(javac, localType);
    if (pending == null && denotable == null) {
      throw new Unsupported(
          path.getLeaf(),
          dev.jasyncio.processor.diag.Message.NON_DENOTABLE_LOCAL,
          original,
          local.asType());
    }
    TypeName type = pending != null ? pending : TypeName.get(denotable);
    fieldTypeOf.put(local, type);
    fields.add(new Slot(name, type, "local " + original + ", line " + src.line(path.getLeaf())));
    return name;
  }

  /**
   * Whether a hoisted local may take its own name: no other use of the name would change meaning.
   */
  private boolean reusable(String name) {
    return !fieldOf.containsValue(name) && !usesAsField(name);
  }

  private Set<String> namesUsedAsFields;

  private boolean usesAsField(String name) {
    if (namesUsedAsFields == null) {
      namesUsedAsFields = new HashSet<>();
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitIdentifier(IdentifierTree node, Void unused) {
          Element e = javac.element(getCurrentPath());
          if (e != null
              && (e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.ENUM_CONSTANT)) {
            namesUsedAsFields.add(node.getName().toString());
          }
          return null;
        }
      }.scan(methodPath, null);
      namesUsedAsFields.addAll(FRAME_MEMBERS);
    }
    return namesUsedAsFields.contains(name);
  }

  private String temp(TypeMirror type, Tree at, String purpose) {
    String name = allocate("t" + (++temps));
    fields.add(new Slot(name, typeName(type, at), purpose + ", line " + src.line(at)));
    return name;
  }

  private String temp(TypeName type, Tree at, String purpose) {
    String name = allocate("t" + (++temps));
    fields.add(new Slot(name, type, purpose + ", line " + src.line(at)));
    return name;
  }

  private String caught() {
    if (caughtField == null) {
      caughtField = names.caught();
      fields.add(
          new Slot(
              caughtField, TypeName.get(Throwable.class), "the exception a catch clause receives"));
    }
    return caughtField;
  }

  private TypeName typeName(TypeMirror type, Tree at) {
    ClassName pending = pendingClass(type);
    if (pending != null) {
      return pending;
    }
    TypeName moved = movedLocalClass(type);
    if (moved != null) {
      return moved;
    }
    TypeMirror denotable = Types2.denotable(javac, type);
    if (denotable == null) {
      throw new Unsupported(
          at,
          "a value of type " + type + " (which Java cannot write down) kept across an await",
          "Assign it to a local variable with an explicit type before the await");
    }
    return TypeName.get(denotable);
  }

  /**
   * The generated class an erroneous type stands for: javac cannot resolve a generated class
   * (Async_Shop) before it exists, but the user's code may already name it.
   */
  private ClassName pendingClass(TypeMirror type) {
    if (type == null || type.getKind() != TypeKind.ERROR) {
      return null;
    }
    String name = type.toString();
    return cls.generatedNames().get(name.substring(name.lastIndexOf('.') + 1));
  }

  // ---------------------------------------------------------------- analysis

  /** Whether {@code tree} contains a suspension: an await, or a return of an awaitable. */
  boolean suspends(Tree tree) {
    if (tree == null) {
      return false;
    }
    Boolean known = suspends.get(tree);
    if (known != null) {
      return known;
    }
    boolean[] found = new boolean[1];
    TreePath start = TreePath.getPath(methodPath.getCompilationUnit(), tree);
    new TreePathScanner<Void, Void>() {
      @Override
      public Void scan(Tree t, Void unused) {
        if (found[0] || t == null) {
          return null;
        }
        return super.scan(t, unused);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        TreePath p = getCurrentPath();
        if (javac.isAwait(p) || javac.isEmit(p) || javac.isAsyncFor(p) || javac.isAsyncWith(p)) {
          found[0] = true;
          return null;
        }
        return super.visitMethodInvocation(node, unused);
      }

      @Override
      public Void visitReturn(ReturnTree node, Void unused) {
        TreePath value =
            node.getExpression() == null
                ? null
                : new TreePath(getCurrentPath(), node.getExpression());
        if (value != null && !javac.isDone(value) && !javac.isEndGenerator(value)) {
          found[0] = true;
          return null;
        }
        return super.visitReturn(node, unused);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        return null; // awaits there are errors, reported by validation
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }
    }.scan(start, null);
    suspends.put(tree, found[0]);
    return found[0];
  }

  /** Whether evaluating {@code path} later instead of now gives the same value and effects. */
  private boolean stable(TreePath path) {
    Tree t = path.getLeaf();
    switch (t.getKind()) {
      case PARENTHESIZED:
        return stable(child(path, ((ParenthesizedTree) t).getExpression()));
      case LAMBDA_EXPRESSION:
        return true;
      case MEMBER_REFERENCE:
        {
          MemberReferenceTree ref = (MemberReferenceTree) t;
          TreePath q = child(path, ref.getQualifierExpression());
          Element qe = javac.element(q);
          return qe instanceof TypeElement || stable(q);
        }
      case IDENTIFIER:
        {
          Element e = javac.element(path);
          if (e == null) {
            return false;
          }
          if (((IdentifierTree) t).getName().contentEquals("this")) {
            return true;
          }
          if (e.getKind() == ElementKind.LOCAL_VARIABLE
              || e.getKind() == ElementKind.PARAMETER
              || e.getKind() == ElementKind.EXCEPTION_PARAMETER
              || e.getKind() == ElementKind.RESOURCE_VARIABLE
              || e.getKind() == ElementKind.BINDING_VARIABLE) {
            return !assignedHere.contains(e);
          }
          return e instanceof VariableElement v && v.getConstantValue() != null;
        }
      case MEMBER_SELECT:
        {
          Element e = javac.element(path);
          if (((MemberSelectTree) t).getIdentifier().contentEquals("class")) {
            return true;
          }
          return e instanceof VariableElement v && v.getConstantValue() != null;
        }
      case UNARY_PLUS:
      case UNARY_MINUS:
      case LOGICAL_COMPLEMENT:
      case BITWISE_COMPLEMENT:
        return stable(child(path, ((UnaryTree) t).getExpression()));
      case DIVIDE:
      case REMAINDER:
        return false; // may throw ArithmeticException, which must happen before the await
      case CONDITIONAL_EXPRESSION:
        {
          ConditionalExpressionTree c = (ConditionalExpressionTree) t;
          return stable(child(path, c.getCondition()))
              && stable(child(path, c.getTrueExpression()))
              && stable(child(path, c.getFalseExpression()));
        }
      default:
        if (t instanceof LiteralTree) {
          return true;
        }
        if (t instanceof BinaryTree b) {
          return stable(child(path, b.getLeftOperand()))
              && stable(child(path, b.getRightOperand()));
        }
        return false;
    }
  }

  private static TreePath child(TreePath parent, Tree tree) {
    return new TreePath(parent, tree);
  }

  private Set<Element> assignedLocals(TreePath path) {
    Set<Element> out = new HashSet<>();
    new TreePathScanner<Void, Void>() {
      private void target(ExpressionTree variable) {
        if (variable instanceof IdentifierTree) {
          Element e = javac.element(new TreePath(getCurrentPath(), variable));
          if (e != null && e.getKind() != ElementKind.FIELD) {
            out.add(e);
          }
        }
      }

      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        target(node.getVariable());
        return super.visitAssignment(node, unused);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
        target(node.getVariable());
        return super.visitCompoundAssignment(node, unused);
      }

      @Override
      public Void visitUnary(UnaryTree node, Void unused) {
        switch (node.getKind()) {
          case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT ->
              target(node.getExpression());
          default -> {}
        }
        return super.visitUnary(node, unused);
      }
    }.scan(path, null);
    return out;
  }

  // ---------------------------------------------------------------- rendering

  /**
   * The text of {@code path} as it must read in the generated class: locals that became fields, the
   * user's {@code this}, names the generated class would hide, calls of static {@code @Async}
   * methods, and (in statements) returns and jumps that leave the statement.
   */
  private Code render(TreePath path) {
    Set<Element> captures = new LinkedHashSet<>();
    Tree rootTree = path.getLeaf();
    CodeBlock code = src.render(path, p -> rewrite(p, rootTree, captures));
    return new Code(code, captures);
  }

  private CodeBlock rewrite(TreePath p, Tree rootTree, Set<Element> captures) {
    Tree t = p.getLeaf();
    switch (t.getKind()) {
      case IDENTIFIER:
        return text(rewriteIdentifier(p, (IdentifierTree) t, rootTree, captures));
      case MEMBER_SELECT:
        return text(rewriteMemberSelect(p, (MemberSelectTree) t, captures, rootTree));
      case RETURN:
        return rewriteReturn(p, (ReturnTree) t, rootTree);
      case BREAK:
        {
          Target target = targetOf(p, true);
          return target == null || inside(target.tree, rootTree)
              ? null
              : jumpText(target.breakTo, target.region);
        }
      case CONTINUE:
        {
          Target target = targetOf(p, false);
          return target == null || inside(target.tree, rootTree)
              ? null
              : jumpText(target.continueTo, target.region);
        }
      case INSTANCE_OF:
        return rewriteInstanceOf(p, (InstanceOfTree) t, captures, rootTree);
      case NEW_CLASS:
        return selfNew(p)
            ? CodeBlock.of(
                "$L.$L",
                names.outerThis(),
                src.render(p, q -> q.getLeaf() == t ? null : rewrite(q, rootTree, captures)))
            : null;
      case MEMBER_REFERENCE:
        {
          // Shop::open, a static @Async method: the generated class's open makes the coroutine.
          Element e = javac.element(p);
          if (e instanceof ExecutableElement m && cls.staticAsyncMethods().containsKey(m)) {
            return CodeBlock.of(
                "$L::$L",
                cls.staticAsyncMethods().get(m).canonicalName(),
                ((MemberReferenceTree) t).getName());
          }
          CodeBlock bridge = bridgeReference(p, (MemberReferenceTree) t, e);
          return bridge != null ? bridge : selfNewReference(p);
        }
      case YIELD:
        {
          YieldTarget target = yieldTargetOf(p);
          if (target == null || inside(target.tree, rootTree)) {
            return null;
          }
          com.sun.source.tree.YieldTree y = (com.sun.source.tree.YieldTree) t;
          CodeBlock value = src.render(child(p, y.getValue()), q -> rewrite(q, rootTree, captures));
          return CodeBlock.of(
              "{\n$>$N = $L;\n$L$<}",
              target.result,
              value,
              jumpCode(listing.region(), listing.part(), target.after, target.region));
        }
      default:
        return null;
    }
  }

  /**
   * The switch expression a yield at {@code p} gives its value to, if the state machine manages it.
   */
  private YieldTarget yieldTargetOf(TreePath p) {
    for (TreePath q = p.getParentPath(); q != null; q = q.getParentPath()) {
      Tree a = q.getLeaf();
      if (a instanceof LambdaExpressionTree || a instanceof ClassTree || a instanceof MethodTree) {
        return null;
      }
      if (a instanceof com.sun.source.tree.SwitchExpressionTree) {
        for (YieldTarget y : yieldTargets) {
          if (y.tree == a) {
            return y;
          }
        }
        return null;
      }
    }
    return null;
  }

  private String rewriteIdentifier(
      TreePath p, IdentifierTree id, Tree rootTree, Set<Element> captures) {
    String name = id.getName().toString();
    Element e = javac.element(p);
    if (name.equals("this")) {
      return isOwnerThis(e, p) ? names.outerThis() : null;
    }
    if (name.equals("super")) {
      // super.m(): the user's superclass; from the generated class that is Outer.super (the
      // validator rejects methods the user's class overrides).
      return names.outerThis() != null && !insideClassBody(p, rootTree)
          ? cls.generated().simpleName() + ".super"
          : null;
    }
    if (e == null) {
      return null;
    }
    String field = fieldOf.get(e);
    if (field != null) {
      if (insideCapture(p, rootTree)) {
        captures.add(e);
        return null; // the copied-in local keeps the original name
      }
      return field.equals(name) ? null : field;
    }
    if (namedByQualifiedCreation(p)) {
      return null; // outer.new Inner(...) names the class as written
    }
    switch (e.getKind()) {
      case FIELD:
      case ENUM_CONSTANT:
      case METHOD:
        return qualifyMember(p, e, name);
      case CLASS:
      case INTERFACE:
      case ENUM:
      case RECORD:
      case ANNOTATION_TYPE:
        return qualifyType((TypeElement) e, name);
      default:
        return null;
    }
  }

  /**
   * Whether identifier {@code this} at {@code p} means the user's object (not an inner class's).
   */
  private boolean isOwnerThis(Element e, TreePath p) {
    if (names.outerThis() == null) {
      return false;
    }
    TypeMirror type = javac.type(p);
    return type != null
        && javac.types.isSameType(
            javac.types.erasure(type), javac.types.erasure(declaring.asType()));
  }

  /** A member named without a qualifier: does it still mean the same inside the generated class? */
  private String qualifyMember(TreePath p, Element member, String name) {
    boolean isStatic = member.getModifiers().contains(Modifier.STATIC);
    Element declaring = member.getEnclosingElement();
    if (member.getKind() == ElementKind.METHOD
        && isStatic
        && cls.staticAsyncMethods().containsKey(member)) {
      ClassName target = cls.staticAsyncMethods().get(member);
      // Inside the generated class a Coroutine member of the same name (send, close, ...) would
      // hide the factory: qualify it then.
      return target.equals(cls.generated()) && !clashes(name)
          ? null
          : target.canonicalName() + "." + name;
    }
    boolean inherited =
        declaring instanceof TypeElement d
            && javac.types.isSubtype(
                javac.types.erasure(cls.owner().asType()), javac.types.erasure(d.asType()));
    String constant = protectedConstant(member);
    if (constant != null) {
      return constant;
    }
    if (isStatic && inherited && bridged(member)) {
      return facadeName() + "." + bridgeCall(member);
    }
    if (isStatic) {
      boolean enclosing = declaring instanceof TypeElement d && !inherited && enclosesOwner(d);
      boolean unreachable = inherited && (!cls.extendsOwner() || isInterfaceStaticMethod(member));
      if (enclosing || unreachable || clashes(name)) {
        return ((TypeElement) declaring).getQualifiedName() + "." + name;
      }
      return null; // a static import, or inherited: resolves the same in the generated class
    }
    if (!inherited) {
      return null; // a member of an inner class's own scope: unchanged
    }
    if (cls.machinesApart() && names.outerThis() != null && !receiverInsideMethod(p, member)) {
      // the machine is not inside the user's object, nor in a subclass of the class of another
      // package that declares a protected member
      return names.outerThis() + "." + (bridged(member) ? bridgeCall(member) : name);
    }
    if (clashes(name) && names.outerThis() != null) {
      return names.outerThis() + "." + name;
    }
    return null;
  }

  /**
   * Whether a member named without a qualifier at {@code p} belongs to an instance of a class
   * declared in the method (a local or anonymous class that has the member), not to the user's
   * object.
   */
  private boolean receiverInsideMethod(TreePath p, Element member) {
    for (TreePath q = p.getParentPath();
        q != null && q.getLeaf() != methodTree;
        q = q.getParentPath()) {
      if (q.getLeaf() instanceof ClassTree
          && javac.element(q) instanceof TypeElement type
          && javac.elements.getAllMembers(type).contains(member)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code new Inner(...)} at {@code p}, or {@code new Inner(...) { ... }}, creates an
   * instance of an inner class of the user's type (or of an anonymous subclass) with the user's
   * object as its enclosing instance, which the machine, in a class apart, must give as {@code
   * self.new Inner(...)}.
   */
  private boolean selfNew(TreePath p) {
    return cls.machinesApart()
        && names.outerThis() != null
        && p.getLeaf() instanceof NewClassTree n
        && n.getEnclosingExpression() == null
        && ownInnerClass(p, javac.element(child(p, n.getIdentifier())));
  }

  /**
   * Whether {@code e}, named at {@code p}, is an inner class of the user's class (or of a class it
   * extends) whose instances the user's object encloses: a machine apart creates them with {@code
   * self.new}.
   */
  private boolean ownInnerClass(TreePath p, Element e) {
    if (!(e instanceof TypeElement created)
        || created.getNestingKind() != javax.lang.model.element.NestingKind.MEMBER
        || created.getModifiers().contains(Modifier.STATIC)
        || created.getKind() != ElementKind.CLASS
        || !(created.getEnclosingElement() instanceof TypeElement outer)) {
      return false;
    }
    return javac.types.isSubtype(
            javac.types.erasure(cls.owner().asType()), javac.types.erasure(outer.asType()))
        && !receiverInsideMethod(p, created);
  }

  /**
   * A method reference that a machine apart makes through a bridge of the generated class: {@code
   * super::m} as {@code self::super$m}, and a protected method of another package, {@code this::m}
   * as {@code self::protected$m} or a static {@code Base::m} as {@code Async_X::protected$m}; null
   * for any other reference.
   */
  private CodeBlock bridgeReference(TreePath p, MemberReferenceTree ref, Element e) {
    if (!cls.machinesApart()
        || ref.getMode() != MemberReferenceTree.ReferenceMode.INVOKE
        || ref.getTypeArguments() != null) {
      return null;
    }
    String name = ref.getName().toString();
    TreePath qualifier = child(p, ref.getQualifierExpression());
    if (names.outerThis() != null && isOwnSuper(qualifier)) {
      return CodeBlock.of("$L::$L", names.outerThis(), ClassLowering.superBridgeName(name));
    }
    if (bridged(e) && e.getModifiers().contains(Modifier.STATIC)) {
      return CodeBlock.of("$L::$L", facadeName(), ClassLowering.protectedBridgeName(name));
    }
    if (bridged(e) && names.outerThis() != null && isOwnThis(qualifier)) {
      return CodeBlock.of("$L::$L", names.outerThis(), ClassLowering.protectedBridgeName(name));
    }
    return null;
  }

  /**
   * {@code Inner::new} for an inner class of the user's class, in a machine apart: the same
   * function as a lambda that creates it with {@code self.new}, which a constructor reference
   * cannot; null for any other reference.
   */
  private CodeBlock selfNewReference(TreePath p) {
    MemberReferenceTree ref = (MemberReferenceTree) p.getLeaf();
    if (!cls.machinesApart()
        || names.outerThis() == null
        || ref.getMode() != MemberReferenceTree.ReferenceMode.NEW
        || ref.getTypeArguments() != null) {
      return null;
    }
    TreePath qualifier = child(p, ref.getQualifierExpression());
    Element created = javac.element(qualifier);
    int arity = arity(javac.type(p));
    if (!ownInnerClass(p, created) || arity < 0) {
      return null;
    }
    List<String> args = new ArrayList<>();
    for (int i = 0; i < arity; i++) {
      args.add("arg$" + i);
    }
    boolean generic = !((TypeElement) created).getTypeParameters().isEmpty();
    return CodeBlock.of(
        "($L) -> $L.new $L$L($L)",
        String.join(", ", args),
        names.outerThis(),
        created.getSimpleName(),
        generic ? "<>" : "",
        String.join(", ", args));
  }

  /**
   * How many parameters the function of {@code type}, a functional interface, takes; -1 if that
   * cannot be told.
   */
  private int arity(TypeMirror type) {
    if (!(type instanceof javax.lang.model.type.DeclaredType d)) {
      return -1;
    }
    for (Element e : javac.elements.getAllMembers((TypeElement) d.asElement())) {
      if (e instanceof ExecutableElement m
          && m.getModifiers().contains(Modifier.ABSTRACT)
          && !objectMethod(m)) {
        return m.getParameters().size();
      }
    }
    return -1;
  }

  /** Whether {@code m} is one of Object's public methods, which an interface may redeclare. */
  private static boolean objectMethod(ExecutableElement m) {
    String name = m.getSimpleName().toString();
    int n = m.getParameters().size();
    return (name.equals("equals") && n == 1)
        || ((name.equals("hashCode") || name.equals("toString")) && n == 0);
  }

  /**
   * Whether the identifier at {@code p} is the class of a creation with an enclosing instance,
   * {@code outer.new Inner(...)} or the {@code self.new Inner(...)} of a {@link #selfNew}: only its
   * simple name can stand there.
   */
  private boolean namedByQualifiedCreation(TreePath p) {
    TreePath q = p.getParentPath();
    if (q.getLeaf() instanceof com.sun.source.tree.ParameterizedTypeTree pt
        && pt.getType() == p.getLeaf()) {
      p = q;
      q = q.getParentPath();
    }
    if (q.getLeaf() instanceof ClassTree body
        && body.getExtendsClause() == p.getLeaf()
        && q.getParentPath().getLeaf() instanceof NewClassTree n
        && n.getClassBody() == body) {
      // javac shares the class of new Inner(...) { ... } with its anonymous class's extends clause
      return n.getEnclosingExpression() != null || selfNew(q.getParentPath());
    }
    return q.getLeaf() instanceof NewClassTree n
        && n.getIdentifier() == p.getLeaf()
        && (n.getEnclosingExpression() != null || selfNew(q));
  }

  /** Whether {@code p} is {@code super} or {@code Owner.super} meaning the user's superclass. */
  private boolean isOwnSuper(TreePath p) {
    Tree t = p.getLeaf();
    boolean plain = t instanceof IdentifierTree id && id.getName().contentEquals("super");
    boolean qualified =
        t instanceof MemberSelectTree m
            && m.getIdentifier().contentEquals("super")
            && javac.element(child(p, m.getExpression())) instanceof TypeElement te
            && te.equals(declaring);
    if (!plain && !qualified) {
      return false;
    }
    for (TreePath q = p.getParentPath();
        q != null && q.getLeaf() != methodTree;
        q = q.getParentPath()) {
      if (q.getLeaf() instanceof ClassTree) {
        return false; // a class of the body: its own super
      }
    }
    return true;
  }

  /** Whether {@code type} lexically encloses the user's class (its members are in scope there). */
  private boolean enclosesOwner(TypeElement type) {
    for (Element e = declaring.getEnclosingElement();
        e instanceof TypeElement t;
        e = t.getEnclosingElement()) {
      if (t.equals(type)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isInterfaceStaticMethod(Element member) {
    return member.getKind() == ElementKind.METHOD
        && member.getEnclosingElement().getKind() == ElementKind.INTERFACE;
  }

  /** Whether a name used by the user would be hidden by a member of the state machine. */
  private boolean clashes(String name) {
    return FRAME_MEMBERS.contains(name)
        || fieldOf.containsValue(name)
        || name.equals(names.state())
        || name.equals(caughtField)
        || fields.stream().anyMatch(f -> f.name().equals(name));
  }

  private String qualifyType(TypeElement type, String name) {
    Element enclosing = type.getEnclosingElement();
    if (!(enclosing instanceof TypeElement outer)) {
      return null; // top level: imports and the package still apply
    }
    boolean inherited =
        cls.extendsOwner()
            && javac.types.isSubtype(
                javac.types.erasure(cls.owner().asType()), javac.types.erasure(outer.asType()));
    return inherited ? null : type.getQualifiedName().toString();
  }

  private String rewriteMemberSelect(
      TreePath p, MemberSelectTree select, Set<Element> captures, Tree rootTree) {
    String name = select.getIdentifier().toString();
    if (cls.machinesApart()
        && names.outerThis() != null
        && p.getParentPath().getLeaf() instanceof com.sun.source.tree.MethodInvocationTree call
        && call.getMethodSelect() == select
        && isOwnSuper(child(p, select.getExpression()))) {
      // super.m(...): the machine is not a subclass; Async_X calls it for the machine.
      return names.outerThis() + "." + ClassLowering.superBridgeName(name);
    }
    if (name.equals("this") || name.equals("super")) {
      // Owner.this and Owner.super: the user's object, now the generated class's.
      Element e = javac.element(child(p, select.getExpression()));
      if (e instanceof TypeElement te && te.equals(declaring) && names.outerThis() != null) {
        return name.equals("this") ? names.outerThis() : cls.generated().simpleName() + ".super";
      }
      return null;
    }
    Element e = javac.element(p);
    if (e instanceof ExecutableElement m && cls.staticAsyncMethods().containsKey(m)) {
      return cls.staticAsyncMethods().get(m).canonicalName() + "." + name;
    }
    String constant = protectedConstant(e);
    if (constant != null) {
      return constant; // Base.LIMIT, this.LIMIT
    }
    if (bridged(e) && e.getModifiers().contains(Modifier.STATIC)) {
      return facadeName() + "." + bridgeCall(e); // Base.label(...), Shop.tag
    }
    if (bridged(e) && names.outerThis() != null && isOwnThis(child(p, select.getExpression()))) {
      return names.outerThis() + "." + bridgeCall(e); // this.greet(...), Shop.this.count
    }
    return null;
  }

  /**
   * Whether the machines reach {@code member} through a bridge of the generated class: a protected
   * method or field (not a constant) of a class in another package, when the machines are apart
   * from the generated class (see {@code AsyncProcessor#facade}, which writes the bridges).
   */
  private boolean bridged(Element member) {
    return cls.machinesApart()
        && member != null
        && (member.getKind() == ElementKind.METHOD || member.getKind() == ElementKind.FIELD)
        && member.getModifiers().contains(Modifier.PROTECTED)
        && !javac.elements.getPackageOf(member).equals(javac.elements.getPackageOf(declaring));
  }

  /**
   * The class users call, {@code Async_X}, which declares the bridges: with the machines apart, not
   * the class being written.
   */
  private String facadeName() {
    return ClassLowering.generatedName(javac, cls.owner()).canonicalName();
  }

  /**
   * The bridge that stands for {@code member} (see {@link #bridged}), without its receiver: {@code
   * protected$greet} for a method, whose arguments follow as written, or {@code
   * protected$get$count()} for a field.
   */
  private static String bridgeCall(Element member) {
    String name = member.getSimpleName().toString();
    return member.getKind() == ElementKind.FIELD
        ? ClassLowering.protectedFieldBridgeName(name) + "()"
        : ClassLowering.protectedBridgeName(name);
  }

  /**
   * The value of {@code member} if it is a bridged field that is a constant, as a literal: the
   * machines cannot name it, and javac would put its value in their place anyway.
   */
  private String protectedConstant(Element member) {
    if (!bridged(member)
        || !(member instanceof VariableElement f)
        || f.getConstantValue() == null) {
      return null;
    }
    String literal = javac.elements.getConstantExpression(f.getConstantValue());
    return literal.startsWith("-") || literal.startsWith("(") ? "(" + literal + ")" : literal;
  }

  /** Whether {@code p} is {@code this} or {@code Owner.this} meaning the user's object. */
  private boolean isOwnThis(TreePath p) {
    Tree t = p.getLeaf();
    if (t instanceof IdentifierTree id && id.getName().contentEquals("this")) {
      return isOwnerThis(javac.element(p), p);
    }
    return t instanceof MemberSelectTree m
        && m.getIdentifier().contentEquals("this")
        && javac.element(child(p, m.getExpression())) instanceof TypeElement te
        && te.equals(declaring);
  }

  private static CodeBlock text(String s) {
    return s == null ? null : CodeBlock.of("$L", s);
  }

  private CodeBlock rewriteInstanceOf(
      TreePath p, InstanceOfTree node, Set<Element> captures, Tree rootTree) {
    Tree pattern = node.getPattern();
    if (!(pattern instanceof com.sun.source.tree.BindingPatternTree binding)) {
      return null;
    }
    VariableTree var = binding.getVariable();
    TreePath varPath = new TreePath(new TreePath(p, pattern), var);
    Element e = javac.element(varPath);
    String field = fieldOf.get(e);
    if (field == null) {
      return null;
    }
    // A binding used after an await lives in a field: copy it there as the test succeeds.
    CodeBlock expr =
        src.render(child(p, node.getExpression()), q -> rewrite(q, rootTree, captures));
    String type = src.text(var.getType());
    String name = var.getName().toString();
    return CodeBlock.of(
        "($L instanceof $L $N && $T.set(this.$N = $N))", expr, type, name, BIND, field, name);
  }

  private CodeBlock rewriteReturn(TreePath p, ReturnTree ret, Tree rootTree) {
    if (ret == rootTree || insideCapture(p, rootTree)) {
      return null; // a lambda's or class's own return
    }
    return CodeBlock.of("{\n$>$L$<}", returnCode(p, ret));
  }

  private CodeBlock returnCode(TreePath p, ReturnTree ret) {
    ExpressionTree expr = ret.getExpression();
    TreePath ep = child(p, expr);
    // Only done(...) and endGenerator() returns reach here: any other return suspends.
    MethodInvocationTree done = (MethodInvocationTree) expr;
    CodeBlock value;
    if (javac.isEndGenerator(ep)) {
      value = CodeBlock.of("EXHAUSTED");
    } else if (done.getArguments().isEmpty()) {
      value = CodeBlock.of("null");
    } else {
      value = render(child(ep, done.getArguments().get(0))).code;
    }
    return completion(listing.region(), listing.part(), value);
  }

  /** Whether {@code p} lies in a lambda or class body within the rendered tree (or is one). */
  private boolean insideCapture(TreePath p, Tree rootTree) {
    if (p.getLeaf() == rootTree) {
      return false;
    }
    for (TreePath q = p.getParentPath(); q != null; q = q.getParentPath()) {
      Tree t = q.getLeaf();
      if (t instanceof LambdaExpressionTree || t instanceof ClassTree) {
        return true;
      }
      if (t == rootTree) {
        return false;
      }
    }
    return false;
  }

  private boolean insideClassBody(TreePath p, Tree rootTree) {
    if (p.getLeaf() == rootTree) {
      return false;
    }
    for (TreePath q = p.getParentPath(); q != null; q = q.getParentPath()) {
      if (q.getLeaf() instanceof ClassTree) {
        return true;
      }
      if (q.getLeaf() == rootTree) {
        return false;
      }
    }
    return false;
  }

  private static boolean inside(Tree target, Tree root) {
    return target == root || contains(root, target);
  }

  private static boolean contains(Tree root, Tree target) {
    boolean[] found = new boolean[1];
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree t, Void unused) {
        if (found[0] || t == null) {
          return null;
        }
        if (t == target) {
          found[0] = true;
          return null;
        }
        return super.scan(t, unused);
      }
    }.scan(root, null);
    return found[0];
  }

  /** Emits {@code code} as a statement, with captured hoisted locals copied into finals first. */
  private void emit(Code code) {
    listing.add(wrapCaptures(code));
  }

  private void emitTerminal(Code code) {
    listing.addTerminal(wrapCaptures(code));
  }

  private CodeBlock wrapCaptures(Code code) {
    if (code.captures.isEmpty()) {
      return code.code;
    }
    if (scopeCopies != null) {
      CodeBlock.Builder b = CodeBlock.builder();
      for (Element e : code.captures) {
        if (scopeCopies.add(e)) {
          String original = e.getSimpleName().toString();
          b.add("$T $N = this.$N;\n", fieldTypeOf.get(e), original, fieldOf.get(e));
        }
      }
      return b.add(code.code).build();
    }
    CodeBlock.Builder b = CodeBlock.builder().add("{\n").indent();
    for (Element e : code.captures) {
      String original = e.getSimpleName().toString();
      b.add("$T $N = this.$N;\n", fieldTypeOf.get(e), original, fieldOf.get(e));
    }
    return b.add(code.code).unindent().add("}\n").build();
  }

  private static Set<Element> union(Code... codes) {
    Set<Element> out = new LinkedHashSet<>();
    for (Code c : codes) {
      if (c != null) {
        out.addAll(c.captures);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- jumps and completion

  /** The target of a break (or continue) at {@code p}, if the state machine manages it. */
  private Target targetOf(TreePath p, boolean isBreak) {
    Tree t = p.getLeaf();
    String label =
        t instanceof BreakTree b
            ? (b.getLabel() == null ? null : b.getLabel().toString())
            : ((ContinueTree) t).getLabel() == null
                ? null
                : ((ContinueTree) t).getLabel().toString();
    Tree targetTree = null;
    for (TreePath q = p.getParentPath(); q != null; q = q.getParentPath()) {
      Tree a = q.getLeaf();
      if (a instanceof LambdaExpressionTree || a instanceof ClassTree || a instanceof MethodTree) {
        break;
      }
      if (label != null) {
        if (a instanceof LabeledStatementTree l && l.getLabel().contentEquals(label)) {
          targetTree = isBreak ? a : l.getStatement();
          break;
        }
      } else if (isLoop(a) || (isBreak && a instanceof SwitchTree)) {
        targetTree = a;
        break;
      }
    }
    if (targetTree == null) {
      return null;
    }
    for (Target target : targets) {
      if (target.tree == targetTree) {
        return target;
      }
    }
    return null; // inside a statement copied as a whole
  }

  private static boolean isLoop(Tree t) {
    return t instanceof WhileLoopTree
        || t instanceof DoWhileLoopTree
        || t instanceof ForLoopTree
        || t instanceof EnhancedForLoopTree;
  }

  private CodeBlock jumpText(Listing.Label to, Region targetRegion) {
    // One line inside the user's own statement: "{ state = 7; continue loop; }". Labels are known
    // only when the method is written, so the text is made then.
    CodeBlock code = jumpCode(listing.region(), listing.part(), to, targetRegion);
    Object line =
        new Object() {
          @Override
          public String toString() {
            return "{ " + code.toString().trim().replace("\n", " ") + " }";
          }
        };
    return CodeBlock.of("$L", line);
  }

  /** Code that jumps from (region, part) to {@code to}, running the finally blocks in between. */
  private CodeBlock jumpCode(Region from, Region.Part part, Listing.Label to, Region targetRegion) {
    CodeBlock.Builder b = CodeBlock.builder();
    Region r = from;
    Region.Part p = part;
    while (r != targetRegion && !r.isRoot()) {
      if (p == Region.Part.FINALLY) {
        clearRecord(b, r); // leaving a finally block abandons what it was about to do
      } else if (r.hasFinally()) {
        b.add(
            "$N = $L;\n$N = $L;\ncontinue $N;\n",
            r.recordKind,
            r.jumpCode(to, targetRegion),
            names.state(),
            r.finallyLabel,
            names.loop());
        return b.build();
      }
      p = r.partInParent;
      r = r.parent;
    }
    b.add(listing.jumpCode(to));
    return b.build();
  }

  /**
   * Code that completes the coroutine with {@code value}, running the finally blocks on the way
   * out.
   */
  private CodeBlock completion(Region from, Region.Part part, CodeBlock value) {
    CodeBlock.Builder b = CodeBlock.builder();
    Region r = from;
    Region.Part p = part;
    while (!r.isRoot()) {
      if (p == Region.Part.FINALLY) {
        clearRecord(b, r);
      } else if (r.hasFinally()) {
        b.add(
            "$N = $L;\n$N = $L;\n$N = $L;\ncontinue $N;\n",
            r.recordKind,
            Region.RETURN,
            r.recordValue,
            value,
            names.state(),
            r.finallyLabel,
            names.loop());
        return b.build();
      }
      p = r.partInParent;
      r = r.parent;
    }
    b.add("this.$N = $N;\nreturn $L;\n", names.state(), names.done(), value);
    return b.build();
  }

  private void clearRecord(CodeBlock.Builder b, Region r) {
    b.add("$N = $L;\n$N = null;\n", r.recordKind, Region.NORMAL, r.recordValue);
  }

  // ---------------------------------------------------------------- statements

  private void lowerStatements(TreePath parent, List<? extends StatementTree> statements) {
    int scope =
        parent.getLeaf() instanceof BlockTree ? javaLocalsFrom(statements) : statements.size();
    for (StatementTree s : statements.subList(0, scope)) {
      lowerStatement(child(parent, s));
    }
    if (scope < statements.size()) {
      lowerJavaScope(parent, statements.subList(scope, statements.size()));
    }
  }

  /**
   * Where the locals of a block can stay Java locals: the first local declaration after which
   * nothing in the block awaits or declares a class ({@code statements.size()} if there is none).
   * From there to the end of the block nothing suspends, so those statements run in one case, and a
   * local declared among them lives only while they run: no state has to keep it in a field. A
   * local class declared among a block's statements becomes a member of the machine (see {@link
   * #lowerLocalClass}), which sees the locals before it only as fields, so the scope starts after
   * it.
   */
  private int javaLocalsFrom(List<? extends StatementTree> statements) {
    int from = 0;
    for (int k = 0; k < statements.size(); k++) {
      StatementTree s = statements.get(k);
      if (s instanceof ClassTree || suspends(s)) {
        from = k + 1;
      }
    }
    for (int k = from; k < statements.size(); k++) {
      if (statements.get(k) instanceof VariableTree) {
        return k;
      }
    }
    return statements.size();
  }

  /**
   * The rest of a block from a local declaration on, in which nothing suspends (see {@link
   * #javaLocalsFrom}): its locals are declared as written, Java locals of the case that runs these
   * statements. Unless the block is the body's, where nothing follows, they are put in a Java block
   * of their own, so that the locals' scope ends where the source's does: the case may go on with
   * code after the block, or, in a loop's copy, with the next case's.
   */
  private void lowerJavaScope(TreePath parent, List<? extends StatementTree> statements) {
    Listing.BlockStart block =
        parent.getLeaf() == methodTree.getBody() ? null : listing.openBlock();
    scopeCopies = new HashSet<>();
    for (StatementTree s : statements) {
      lowerStatement(child(parent, s));
    }
    scopeCopies = null;
    if (block != null) {
      listing.closeBlock(block);
    }
  }

  /**
   * While the statements of a Java scope are lowered (see {@link #lowerJavaScope}), the fields its
   * lambdas and classes capture that it has copied into locals already: a copy is declared in the
   * scope itself, not in a block around its statement, so that the statement's own declaration
   * stays in scope, and once, as two locals of one name cannot be in scope together.
   */
  private Set<Element> scopeCopies;

  private void lowerStatement(TreePath path) {
    Tree t = path.getLeaf();
    // In a Java scope (see lowerJavaScope) locals and pattern variables stay Java's.
    boolean javaScope = scopeCopies != null;
    if (!javaScope) {
      hoistBindings(path);
    }
    if (t instanceof VariableTree v) {
      if (javaScope) {
        emitVerbatim(path);
      } else {
        lowerLocal(path, v);
      }
      return;
    }
    if (t instanceof ClassTree c) {
      lowerLocalClass(path, c);
      return;
    }
    if (t instanceof ReturnTree r) {
      lowerReturn(path, r);
      return;
    }
    if (t instanceof BreakTree || t instanceof ContinueTree) {
      Target target = targetOf(path, t instanceof BreakTree);
      if (target != null) {
        comment(t);
        Listing.Label to = t instanceof BreakTree ? target.breakTo : target.continueTo;
        listing.addTerminal(jumpCode(listing.region(), listing.part(), to, target.region));
        return;
      }
    }
    if (t instanceof com.sun.source.tree.YieldTree y) {
      YieldTarget target = yieldTargetOf(path);
      if (target != null) {
        comment(y);
        TreePath e = child(path, y.getValue());
        assignedHere = assignedLocals(e);
        Code v = expr(e);
        emit(new Code(CodeBlock.of("$N = $L;\n", target.result, v.code), v.captures));
        listing.addTerminal(
            jumpCode(listing.region(), listing.part(), target.after, target.region));
        return;
      }
    }
    if (!suspends(t)) {
      emitVerbatim(path);
      return;
    }
    switch (t.getKind()) {
      case BLOCK -> lowerStatements(path, ((BlockTree) t).getStatements());
      case EXPRESSION_STATEMENT -> lowerExpressionStatement(path, (ExpressionStatementTree) t);
      case RETURN -> lowerReturn(path, (ReturnTree) t);
      case IF -> lowerIf(path, (IfTree) t);
      case WHILE_LOOP -> lowerWhile(path, (WhileLoopTree) t, null);
      case DO_WHILE_LOOP -> lowerDoWhile(path, (DoWhileLoopTree) t, null);
      case FOR_LOOP -> lowerFor(path, (ForLoopTree) t, null);
      case ENHANCED_FOR_LOOP -> lowerEnhancedFor(path, (EnhancedForLoopTree) t, null);
      case LABELED_STATEMENT -> lowerLabeled(path, (LabeledStatementTree) t);
      case SWITCH -> lowerSwitch(path, (SwitchTree) t);
      case TRY -> lowerTry(path, (TryTree) t);
      case THROW -> lowerThrow(path, (ThrowTree) t);
      case ASSERT -> lowerAssert(path, (com.sun.source.tree.AssertTree) t);
      default ->
          throw new Unsupported(
              t,
              t.getKind().toString().toLowerCase().replace('_', ' ') + " containing an await",
              "Move the await into a statement of its own before it");
    }
  }

  /**
   * A local class (or record, enum, interface) declared among statements that are taken apart: its
   * scope is the rest of the block, which may span several states, so it becomes a member of the
   * state machine instead. The locals it uses are fields of the machine already; it reads them when
   * it runs rather than copying them when created, which is the same unless a loop declares the
   * class again with other values, so that case is rejected.
   */
  private void lowerLocalClass(TreePath path, ClassTree c) {
    TypeElement type = (TypeElement) javac.element(path);
    Set<Element> used = localsUsedIn(path);
    if (!used.isEmpty() && insideLoop(path)) {
      throw new Unsupported(
          c,
          "a local class that uses local variables, declared in a loop that contains an await,",
          "Pass the values it needs to its constructor, or declare it as a member of "
              + declaring.getSimpleName());
    }
    localClasses.add(type);
    Tree rootTree = c;
    CodeBlock code =
        src.render(
            path,
            p -> {
              if (p.getLeaf() instanceof IdentifierTree id) {
                Element e = javac.element(p);
                String field = e == null ? null : fieldOf.get(e);
                if (field != null) {
                  return field.equals(id.getName().toString()) ? null : text(field);
                }
              }
              return rewrite(p, rootTree, new HashSet<>());
            });
    localClassSources.add(code.toString());
    listing.add(
        CodeBlock.of(
            "// $L:$L  $L: declared in the state machine, which every state sees\n",
            src.fileName(),
            src.line(c),
            src.summary(c)));
  }

  /** The locals and parameters of the method that the tree at {@code path} refers to. */
  private Set<Element> localsUsedIn(TreePath path) {
    Set<Element> out = new HashSet<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        Element e = javac.element(getCurrentPath());
        if (e != null
            && (e.getKind() == ElementKind.LOCAL_VARIABLE
                || e.getKind() == ElementKind.PARAMETER
                || e.getKind() == ElementKind.EXCEPTION_PARAMETER
                || e.getKind() == ElementKind.RESOURCE_VARIABLE
                || e.getKind() == ElementKind.BINDING_VARIABLE)
            && !declaredWithin(e, path.getLeaf())) {
          out.add(e);
        }
        return null;
      }
    }.scan(path, null);
    return out;
  }

  private boolean declaredWithin(Element e, Tree tree) {
    TreePath declaration = javac.trees.getPath(e);
    return declaration != null && contains(tree, declaration.getLeaf());
  }

  /** Whether {@code path} lies in a loop of the method. */
  private static boolean insideLoop(TreePath path) {
    for (TreePath q = path.getParentPath(); q != null; q = q.getParentPath()) {
      if (q.getLeaf() instanceof MethodTree) {
        return false;
      }
      if (isLoop(q.getLeaf())) {
        return true;
      }
    }
    return false;
  }

  /** The local classes moved into the state machine, and their source. */
  private final Set<TypeElement> localClasses = new HashSet<>();

  private final List<String> localClassSources = new ArrayList<>();

  /**
   * The name of {@code type} if it is one of the local classes moved into the state machine: a
   * field can then be declared with it.
   */
  private TypeName movedLocalClass(TypeMirror type) {
    if (localClasses.isEmpty() || !mentionsMovedClass(type)) {
      return null;
    }
    return writtenWithMovedClasses(type);
  }

  private boolean mentionsMovedClass(TypeMirror type) {
    if (type instanceof javax.lang.model.type.ArrayType a) {
      return mentionsMovedClass(a.getComponentType());
    }
    if (type instanceof javax.lang.model.type.WildcardType w) {
      return (w.getExtendsBound() != null && mentionsMovedClass(w.getExtendsBound()))
          || (w.getSuperBound() != null && mentionsMovedClass(w.getSuperBound()));
    }
    if (type instanceof DeclaredType d) {
      if (localClasses.contains(d.asElement())) {
        return true;
      }
      for (TypeMirror a : d.getTypeArguments()) {
        if (mentionsMovedClass(a)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code type}, written with the moved local classes by their simple names; null if it can't. */
  private TypeName writtenWithMovedClasses(TypeMirror type) {
    if (!mentionsMovedClass(type)) {
      TypeMirror denotable = Types2.denotable(javac, type);
      return denotable == null ? null : TypeName.get(denotable);
    }
    if (type instanceof javax.lang.model.type.ArrayType a) {
      TypeName component = writtenWithMovedClasses(a.getComponentType());
      return component == null ? null : com.palantir.javapoet.ArrayTypeName.of(component);
    }
    if (type instanceof javax.lang.model.type.WildcardType w) {
      if (w.getExtendsBound() != null) {
        TypeName bound = writtenWithMovedClasses(w.getExtendsBound());
        return bound == null ? null : com.palantir.javapoet.WildcardTypeName.subtypeOf(bound);
      }
      TypeName bound = writtenWithMovedClasses(w.getSuperBound());
      return bound == null ? null : com.palantir.javapoet.WildcardTypeName.supertypeOf(bound);
    }
    DeclaredType d = (DeclaredType) type;
    TypeElement element = (TypeElement) d.asElement();
    ClassName raw =
        localClasses.contains(element)
            ? ClassName.get("", element.getSimpleName().toString())
            : ClassName.get(element);
    if (d.getTypeArguments().isEmpty()) {
      return raw;
    }
    List<TypeName> args = new ArrayList<>();
    for (TypeMirror a : d.getTypeArguments()) {
      TypeName arg = writtenWithMovedClasses(a);
      if (arg == null) {
        return null;
      }
      args.add(arg);
    }
    return com.palantir.javapoet.ParameterizedTypeName.get(raw, args.toArray(new TypeName[0]));
  }

  /**
   * Pattern variables ({@code o instanceof String s}) declared in {@code path} that must live in
   * fields: those of a statement taken apart (their uses may come after an await) and those used
   * after the statement (Java's flow scoping lets {@code if (!(o instanceof String s)) return ...;}
   * introduce {@code s} to the rest of the block).
   */
  private void hoistBindings(TreePath path) {
    boolean exploded = suspends(path.getLeaf());
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitBindingPattern(com.sun.source.tree.BindingPatternTree node, Void unused) {
        TreePath varPath = child(getCurrentPath(), node.getVariable());
        Element e = javac.element(varPath);
        if (e != null && !fieldOf.containsKey(e) && (exploded || usedOutside(e, path.getLeaf()))) {
          hoist(varPath, e);
        }
        return super.visitBindingPattern(node, unused);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }
    }.scan(path, null);
  }

  private Map<Element, List<Tree>> references;

  /** Whether {@code e} is referred to outside {@code statement}. */
  private boolean usedOutside(Element e, Tree statement) {
    if (references == null) {
      references = new HashMap<>();
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitIdentifier(IdentifierTree node, Void unused) {
          Element el = javac.element(getCurrentPath());
          if (el != null) {
            references.computeIfAbsent(el, k -> new ArrayList<>()).add(node);
          }
          return null;
        }
      }.scan(methodPath, null);
    }
    for (Tree use : references.getOrDefault(e, List.of())) {
      if (!contains(statement, use)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A comment line quoting the statement, so that the generated code can be read against the
   * source.
   */
  private void comment(Tree t) {
    listing.add(CodeBlock.of("// $L:$L  $L\n", src.fileName(), src.line(t), src.summary(t)));
  }

  private void emitVerbatim(TreePath path) {
    Tree t = path.getLeaf();
    comment(t);
    Code code = render(path);
    Reachability.Completion completion = reachability.of((StatementTree) t);
    CodeBlock statement = CodeBlock.of("$L\n", code.code);
    if (completion == Reachability.Completion.MAYBE && scopeCopies != null) {
      // The copies of captured fields belong to the Java scope, not to the block around the
      // statement, where later statements of the scope could not see them.
      CodeBlock copies = wrapCaptures(new Code(CodeBlock.of(""), code.captures));
      if (!copies.isEmpty()) {
        listing.add(copies);
      }
      listing.add(CodeBlock.of("if (true) {\n$>$L$<}\n", statement));
      return;
    }
    CodeBlock body = wrapCaptures(new Code(statement, code.captures));
    switch (completion) {
      case NEVER -> listing.addTerminal(body);
      case ALWAYS -> listing.add(body);
      case MAYBE -> listing.add(CodeBlock.of("if (true) {\n$>$L$<}\n", body));
    }
  }

  private void lowerLocal(TreePath path, VariableTree v) {
    Element local = javac.element(path);
    String field = hoist(path, local);
    ExpressionTree init = v.getInitializer();
    if (init == null) {
      return;
    }
    comment(v);
    TreePath initPath = child(path, init);
    assignedHere = assignedLocals(initPath);
    Code value;
    if (init instanceof NewArrayTree array && array.getType() == null && !suspends(init)) {
      Code elements = expr(initPath);
      value =
          new Code(
              CodeBlock.of("new $T$L", fieldTypeOf.get(local), elements.code), elements.captures);
    } else {
      value = expr(initPath);
    }
    emit(new Code(CodeBlock.of("$N = $L;\n", field, value.code), value.captures));
  }

  private void lowerExpressionStatement(TreePath path, ExpressionStatementTree s) {
    comment(s);
    TreePath e = child(path, s.getExpression());
    assignedHere = assignedLocals(e);
    Code code = exprStatement(e);
    if (code != null) {
      emit(new Code(CodeBlock.of("$L;\n", code.code), code.captures));
    }
  }

  private void lowerReturn(TreePath path, ReturnTree r) {
    comment(r);
    TreePath e = child(path, r.getExpression());
    assignedHere = assignedLocals(e);
    Code value;
    if (javac.isEndGenerator(e)) {
      value = Code.of("EXHAUSTED");
    } else if (javac.isDone(e)) {
      MethodInvocationTree done = (MethodInvocationTree) r.getExpression();
      value =
          done.getArguments().isEmpty()
              ? Code.of("null")
              : expr(child(e, done.getArguments().get(0)));
    } else {
      // Returning an awaitable awaits it.
      suspendAwait(e, r.getExpression(), true);
      value = Code.of("$N", names.value());
    }
    emitTerminal(
        new Code(completion(listing.region(), listing.part(), value.code), value.captures));
  }

  /**
   * assert cond : detail, with an await in it: evaluated only when assertions are enabled for the
   * user's class, as Java does.
   */
  private void lowerAssert(TreePath path, com.sun.source.tree.AssertTree a) {
    comment(a);
    Listing.Label after = listing.newLabel("after the assert at line " + src.line(a));
    TypeElement top = declaring;
    while (top.getEnclosingElement() instanceof TypeElement outer) {
      top = outer;
    }
    listing.add(
        CodeBlock.of(
            "if (!$T.class.desiredAssertionStatus()) {\n$>$L$<}\n",
            ClassName.get(top),
            listing.jumpCode(after)));
    TreePath cond = child(path, a.getCondition());
    assignedHere = assignedLocals(cond);
    Code c = expr(cond);
    emit(
        new Code(
            CodeBlock.of("if ($L) {\n$>$L$<}\n", c.code, listing.jumpCode(after)), c.captures));
    if (a.getDetail() == null) {
      listing.addTerminal(CodeBlock.of("throw new $T();\n", AssertionError.class));
    } else {
      TreePath detail = child(path, a.getDetail());
      assignedHere = assignedLocals(detail);
      Code d = expr(detail);
      emitTerminal(
          new Code(CodeBlock.of("throw new $T($L);\n", AssertionError.class, d.code), d.captures));
    }
    listing.mark(after);
  }

  private void lowerThrow(TreePath path, ThrowTree t) {
    comment(t);
    TreePath e = child(path, t.getExpression());
    assignedHere = assignedLocals(e);
    Code value = expr(e);
    emitTerminal(new Code(CodeBlock.of("throw $L;\n", value.code), value.captures));
  }

  /** Emits "if (!(cond)) jump" and returns nothing; the condition may suspend. */
  private void jumpUnless(TreePath cond, Listing.Label to) {
    while (cond.getLeaf() instanceof ParenthesizedTree p) {
      cond = child(cond, p.getExpression());
    }
    assignedHere = assignedLocals(cond);
    Code c = expr(cond);
    if (isTrueLiteral(cond.getLeaf())) {
      return;
    }
    emit(
        new Code(
            CodeBlock.of("if (!($L)) {\n$>$L$<}\n", c.code, listing.jumpCode(to)), c.captures));
  }

  /** {@code path} without the parentheses around it (a switch's selector is parenthesized). */
  private static TreePath unparenthesized(TreePath path) {
    while (path.getLeaf() instanceof ParenthesizedTree p) {
      path = child(path, p.getExpression());
    }
    return path;
  }

  private static boolean isTrueLiteral(Tree t) {
    while (t instanceof ParenthesizedTree p) {
      t = p.getExpression();
    }
    return t instanceof LiteralTree l && Boolean.TRUE.equals(l.getValue());
  }

  private void lowerIf(TreePath path, IfTree s) {
    comment(s);
    Listing.Label elseLabel = listing.newLabel("else of the if at line " + src.line(s));
    Listing.Label after =
        s.getElseStatement() == null
            ? elseLabel
            : listing.newLabel("after the if at line " + src.line(s));
    jumpUnless(child(path, s.getCondition()), elseLabel);
    lowerStatement(child(path, s.getThenStatement()));
    if (s.getElseStatement() != null) {
      listing.jump(after);
      listing.mark(elseLabel);
      lowerStatement(child(path, s.getElseStatement()));
    }
    listing.mark(after);
  }

  private void lowerWhile(TreePath path, WhileLoopTree s, String label) {
    Listing.Label head = listing.newLabel("condition of the while at line " + src.line(s));
    Listing.Label after = listing.newLabel("after the while at line " + src.line(s));
    listing.mark(head);
    comment(s);
    jumpUnless(child(path, s.getCondition()), after);
    pushLoopTarget(s, label, after, head);
    lowerStatement(child(path, s.getStatement()));
    popLoopTarget(s);
    listing.loopBack(head);
    listing.mark(after);
  }

  private void lowerDoWhile(TreePath path, DoWhileLoopTree s, String label) {
    Listing.Label body = listing.newLabel("body of the do at line " + src.line(s));
    Listing.Label cond = listing.newLabel("condition of the do at line " + src.line(s));
    Listing.Label after = listing.newLabel("after the do at line " + src.line(s));
    listing.mark(body);
    pushLoopTarget(s, label, after, cond);
    lowerStatement(child(path, s.getStatement()));
    popLoopTarget(s);
    listing.mark(cond);
    comment(s.getCondition());
    jumpUnless(child(path, s.getCondition()), after);
    listing.loopBack(body);
    listing.mark(after);
  }

  private void lowerFor(TreePath path, ForLoopTree s, String label) {
    comment(s);
    for (StatementTree init : s.getInitializer()) {
      lowerStatement(child(path, init));
    }
    Listing.Label head = listing.newLabel("condition of the for at line " + src.line(s));
    Listing.Label update = listing.newLabel("update of the for at line " + src.line(s));
    Listing.Label after = listing.newLabel("after the for at line " + src.line(s));
    listing.mark(head);
    if (s.getCondition() != null) {
      jumpUnless(child(path, s.getCondition()), after);
    }
    pushLoopTarget(s, label, after, update);
    lowerStatement(child(path, s.getStatement()));
    popLoopTarget(s);
    listing.mark(update);
    for (ExpressionStatementTree u : s.getUpdate()) {
      // An update is written without its semicolon: lower it as the expression it holds.
      lowerExpressionStatementTree(child(child(path, u), u.getExpression()));
    }
    listing.loopBack(head);
    listing.mark(after);
  }

  private void lowerEnhancedFor(TreePath path, EnhancedForLoopTree s, String label) {
    if (javac.isAsyncFor(child(path, s.getExpression()))) {
      lowerAsyncFor(path, s, label);
      return;
    }
    comment(s);
    TreePath exprPath = child(path, s.getExpression());
    assignedHere = assignedLocals(exprPath);
    Code iterable = expr(exprPath);
    TreePath varPath = child(path, s.getVariable());
    Element var = javac.element(varPath);
    if (!suspends(s.getStatement())) {
      // Only the source awaits: evaluate it, then loop over it in plain Java.
      Code body = render(child(path, s.getStatement()));
      String varName = s.getVariable().getName().toString();
      emit(
          new Code(
              CodeBlock.of(
                  "for ($T $N : $L) $L\n",
                  TypeName.get(var.asType()),
                  varName,
                  iterable.code,
                  body.code),
              union(iterable, body)));
      return;
    }
    String field = hoist(varPath, var);
    TypeMirror sourceType = javac.type(exprPath);
    Listing.Label head = listing.newLabel("next element of the for at line " + src.line(s));
    Listing.Label after = listing.newLabel("after the for at line " + src.line(s));
    if (sourceType.getKind() == TypeKind.ARRAY) {
      String array = temp(sourceType, s.getExpression(), "the array of the for");
      String index = temp(TypeName.INT, s.getExpression(), "the index into it");
      emit(
          new Code(
              CodeBlock.of("$N = $L;\n$N = 0;\n", array, iterable.code, index), iterable.captures));
      listing.mark(head);
      listing.add(
          CodeBlock.of(
              "if ($N >= $N.length) {\n$>$L$<}\n$N = $N[$N++];\n",
              index,
              array,
              listing.jumpCode(after),
              field,
              array,
              index));
    } else {
      TypeName element = fieldTypeOf.get(var).box();
      TypeName iteratorType =
          com.palantir.javapoet.ParameterizedTypeName.get(
              ClassName.get(java.util.Iterator.class),
              com.palantir.javapoet.WildcardTypeName.subtypeOf(element));
      String iterator = temp(iteratorType, s.getExpression(), "the iterator of the for");
      emit(
          new Code(
              CodeBlock.of("$N = ($L).iterator();\n", iterator, iterable.code), iterable.captures));
      listing.mark(head);
      listing.add(
          CodeBlock.of(
              "if (!$N.hasNext()) {\n$>$L$<}\n$N = $N.next();\n",
              iterator,
              listing.jumpCode(after),
              field,
              iterator));
    }
    pushLoopTarget(s, label, after, head);
    lowerStatement(child(path, s.getStatement()));
    popLoopTarget(s);
    listing.loopBack(head);
    listing.mark(after);
  }

  /**
   * {@code for (T x : asyncFor(source)) body}, Python's {@code async for}: the iterator's {@code
   * anext()} is awaited before each turn, and {@link #STOP_ASYNC_ITERATION} from it ends the loop.
   * The loop is a try region whose finally block awaits the iterator's {@code aclose()} when the
   * loop is left before the end (break, return, an exception from the body); when the iterator
   * ended or failed by itself it is not closed.
   */
  private void lowerAsyncFor(TreePath path, EnhancedForLoopTree s, String label) {
    comment(s);
    long line = src.line(s);
    TreePath forPath = child(path, s.getExpression());
    MethodInvocationTree call = (MethodInvocationTree) unparenthesized(forPath).getLeaf();
    TreePath sourcePath = child(unparenthesized(forPath), call.getArguments().get(0));
    assignedHere = assignedLocals(sourcePath);
    Code source = expr(sourcePath);
    TreePath varPath = child(path, s.getVariable());
    String field = hoist(varPath, javac.element(varPath));
    TypeName element =
        typeArgument(
            javac.type(unparenthesized(forPath)),
            s.getExpression(),
            fieldTypeOf.get(javac.element(varPath)));
    TypeName iteratorType =
        com.palantir.javapoet.ParameterizedTypeName.get(
            ASYNC_ITERATOR, com.palantir.javapoet.WildcardTypeName.subtypeOf(element));
    String iterator = temp(iteratorType, s.getExpression(), "the iterator of the async for");
    emit(new Code(CodeBlock.of("$N = ($L).aiter();\n", iterator, source.code), source.captures));

    Region loop = openTry(s, true);
    Listing.Label head = listing.newLabel("next item of the async for at line " + line);
    Listing.Label exit = listing.newLabel("end of the async for at line " + line);
    Listing.Label after = listing.newLabel("after the async for at line " + line);
    listing.mark(head);
    // The await of anext() sits in a region of its own: StopAsyncIteration there ends the loop,
    // and any other exception from the iterator leaves it without closing it.
    Region next = loop.child(Region.Part.TRY);
    regions.add(next);
    Listing.Label ended = listing.newLabel("end of the items of the async for at line " + line);
    Listing.Label failed =
        listing.newLabel("failure of the iterator of the async for at line " + line);
    next.catches.add(
        new Region.Catch(
            List.of(STOP_ASYNC_ITERATION), ended, caught(), TypeName.get(Throwable.class)));
    next.catches.add(
        new Region.Catch(
            List.of(TypeName.get(Throwable.class)),
            failed,
            caught(),
            TypeName.get(Throwable.class)));
    listing.mark(listing.newLabel("anext of the async for at line " + line), next, Region.Part.TRY);
    suspend(
        Code.of("$N.anext()", iterator),
        s.getExpression(),
        true,
        "awaiting the next item of " + src.summary(call));
    listing.mark(listing.newLabel("body of the async for at line " + line), loop, Region.Part.TRY);
    listing.add(CodeBlock.of("$N = ($T) $N;\n", field, element, names.value()));
    pushLoopTarget(s, label, exit, head);
    lowerStatement(child(path, s.getStatement()));
    popLoopTarget(s);
    listing.loopBack(head);

    listing.mark(ended, next, Region.Part.CATCH);
    listing.add(
        CodeBlock.of(
            "// StopAsyncIteration: the iterator is exhausted, nothing to close\n"
                + "$N = null;\n$N = null;\n",
            caught(),
            iterator));
    listing.jump(exit);
    listing.mark(failed, next, Region.Part.CATCH);
    listing.addTerminal(
        CodeBlock.of(
            "// the iterator failed: it is finished, nothing to close\n"
                + "$N = null;\n$T $N = $N;\n$N = null;\nthrow $N;\n",
            iterator,
            Throwable.class,
            names.thrown(),
            caught(),
            caught(),
            names.thrown()));

    listing.mark(exit, loop, Region.Part.TRY);
    listing.jump(loop.finallyLabel);
    listing.mark(loop.finallyLabel, loop, Region.Part.FINALLY);
    Listing.Label closed = listing.newLabel("after closing the iterator at line " + line);
    listing.add(
        CodeBlock.of(
            "// left before the end (break, return, an exception): close the iterator\n"
                + "if ($N == null) {\n$>$L$<}\n",
            iterator,
            listing.jumpCode(closed)));
    suspend(
        Code.of("$N.aclose()", iterator),
        s.getExpression(),
        false,
        "closing the iterator of " + src.summary(call));
    listing.add(CodeBlock.of("$N = null;\n", iterator));
    listing.mark(closed);
    finishFinally(loop, after);
    listing.mark(after, loop.parent, loop.partInParent);
  }

  private void lowerLabeled(TreePath path, LabeledStatementTree s) {
    String label = s.getLabel().toString();
    TreePath inner = child(path, s.getStatement());
    Tree t = inner.getLeaf();
    if (suspends(t) && isLoop(t)) {
      // The loop answers both to "break label" (aimed at this labeled statement) and to
      // "continue label" (aimed at the loop): it pushes a target for each.
      labeledLoop = s;
      switch (t.getKind()) {
        case WHILE_LOOP -> lowerWhile(inner, (WhileLoopTree) t, label);
        case DO_WHILE_LOOP -> lowerDoWhile(inner, (DoWhileLoopTree) t, label);
        case FOR_LOOP -> lowerFor(inner, (ForLoopTree) t, label);
        default -> lowerEnhancedFor(inner, (EnhancedForLoopTree) t, label);
      }
      return;
    }
    Listing.Label after = listing.newLabel("after the statement labeled " + label);
    targets.push(new Target(s, label, after, null, listing.region()));
    lowerStatement(inner);
    targets.pop();
    listing.mark(after);
  }

  /** The labeled statement around the loop being lowered, taken by the loop's pushTarget. */
  private LabeledStatementTree labeledLoop;

  private void pushLoopTarget(
      Tree loop, String label, Listing.Label breakTo, Listing.Label continueTo) {
    if (labeledLoop != null && labeledLoop.getStatement() == loop) {
      targets.push(new Target(labeledLoop, label, breakTo, continueTo, listing.region()));
      labeledLoop = null;
      targets.push(new Target(loop, label, breakTo, continueTo, listing.region()));
    } else {
      targets.push(new Target(loop, label, breakTo, continueTo, listing.region()));
    }
  }

  private void popLoopTarget(Tree loop) {
    targets.pop();
    if (!targets.isEmpty()
        && targets.peek().tree instanceof LabeledStatementTree l
        && l.getStatement() == loop) {
      targets.pop();
    }
  }

  private void lowerSwitch(TreePath path, SwitchTree s) {
    comment(s);
    TreePath selector = unparenthesized(child(path, s.getExpression()));
    assignedHere = assignedLocals(selector);
    Code sel = expr(selector);
    Listing.Label after = listing.newLabel("after the switch at line " + src.line(s));
    List<Listing.Label> labels =
        dispatch(s.getCases(), sel, CodeBlock.of("$N = $L;\nbreak;\n", names.state(), after));
    targets.push(new Target(s, null, after, null, listing.region()));
    TreePath casesParent = path;
    for (int i = 0; i < s.getCases().size(); i++) {
      CaseTree c = s.getCases().get(i);
      listing.mark(labels.get(i));
      TreePath cp = child(casesParent, c);
      if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
        Tree body = c.getBody();
        if (body instanceof StatementTree st) {
          lowerStatement(child(cp, st));
        } else {
          lowerExpressionStatementTree(child(cp, body));
        }
        listing.jump(after);
      } else {
        lowerStatements(cp, c.getStatements());
      }
    }
    targets.pop();
    listing.mark(after);
  }

  /**
   * Emits a Java switch on {@code selector} that sets the state to each case's label, with the case
   * labels as written (so strings, enum constants and null checks behave as in the source), then
   * re-enters the dispatch loop. Returns the labels, one per case, to be marked in order.
   *
   * @param noMatch what to do when no case matches and there is no default
   */
  private List<Listing.Label> dispatch(
      List<? extends CaseTree> cases, Code selector, CodeBlock noMatch) {
    List<Listing.Label> labels = new ArrayList<>();
    CodeBlock.Builder dispatch = CodeBlock.builder().add("switch ($L) {\n$>", selector.code);
    boolean hasDefault = false;
    for (CaseTree c : cases) {
      Listing.Label l = listing.newLabel("case at line " + src.line(c));
      labels.add(l);
      if (c.getExpressions().isEmpty()) {
        hasDefault = true;
        dispatch.add("default:\n");
      } else {
        List<String> texts = new ArrayList<>();
        for (ExpressionTree e : c.getExpressions()) {
          texts.add(src.text(e));
        }
        dispatch.add("case $L:\n", String.join(", ", texts));
      }
      dispatch.add("$>$N = $L;\nbreak;\n$<", names.state(), l);
    }
    if (!hasDefault) {
      dispatch.add("default:\n$>$L$<", noMatch);
    }
    dispatch.add("$<}\ncontinue $N;\n", names.loop());
    emitTerminal(new Code(dispatch.build(), selector.captures));
    return labels;
  }

  private void lowerExpressionStatementTree(TreePath e) {
    comment(e.getLeaf());
    assignedHere = assignedLocals(e);
    Code code = exprStatement(e);
    if (code != null) {
      emit(new Code(CodeBlock.of("$L;\n", code.code), code.captures));
    }
  }

  // ---------------------------------------------------------------- try

  private void lowerTry(TreePath path, TryTree s) {
    comment(s);
    if (!s.getResources().isEmpty()) {
      if (s.getCatches().isEmpty() && s.getFinallyBlock() == null) {
        lowerResources(path, s, 0);
      } else {
        // try (resources) {...} catch/finally: the resources close before the catches run.
        Region outer = openTry(s, s.getFinallyBlock() != null);
        lowerResources(path, s, 0);
        closeTry(path, s, outer);
      }
      return;
    }
    Region r = openTry(s, s.getFinallyBlock() != null);
    lowerStatements(child(path, s.getBlock()), s.getBlock().getStatements());
    closeTry(path, s, r);
  }

  /** Starts the region of try statement {@code s}: records reset, then its first state. */
  private Region openTry(Tree s, boolean hasFinally) {
    Region r = listing.region().child(listing.part());
    regions.add(r);
    if (hasFinally) {
      int n = ++records;
      r.recordKind = allocate("finally" + n);
      r.recordValue = allocate("finally" + n + "Value");
      fields.add(
          new Slot(
              r.recordKind,
              TypeName.INT,
              "how the finally block at line " + src.line(s) + " was entered"));
      fields.add(new Slot(r.recordValue, ClassName.OBJECT, "the exception or value it passes on"));
      r.finallyLabel = listing.newLabel("finally block at line " + src.line(s));
      listing.add(
          CodeBlock.of("$N = $L;\n$N = null;\n", r.recordKind, Region.NORMAL, r.recordValue));
    }
    listing.mark(listing.newLabel("try block at line " + src.line(s)), r, Region.Part.TRY);
    return r;
  }

  private void closeTry(TreePath path, TryTree s, Region r) {
    Region parent = r.parent;
    Region.Part parentPart = r.partInParent;
    Listing.Label after = listing.newLabel("after the try at line " + src.line(s));
    Listing.Label exit = r.hasFinally() ? r.finallyLabel : after;
    listing.jump(exit);
    for (CatchTree c : s.getCatches()) {
      TreePath cp = child(path, c);
      TreePath paramPath = child(cp, c.getParameter());
      Element param = javac.element(paramPath);
      Tree type = c.getParameter().getType();
      List<TypeName> types = new ArrayList<>();
      if (type instanceof com.sun.source.tree.UnionTypeTree u) {
        for (Tree alt : u.getTypeAlternatives()) {
          types.add(TypeName.get(javac.type(child(child(paramPath, type), alt))));
        }
      } else {
        types.add(TypeName.get(param.asType()));
      }
      TypeName paramType =
          param.asType().getKind() == TypeKind.UNION
              ? TypeName.get(
                  Types2.lub(
                      javac, ((javax.lang.model.type.UnionType) param.asType()).getAlternatives()))
              : typeName(param.asType(), c.getParameter());
      Listing.Label label = listing.newLabel("catch at line " + src.line(c));
      boolean bodySuspends = suspends(c.getBlock());
      String field = bodySuspends ? hoist(paramPath, param) : caught();
      r.catches.add(
          new Region.Catch(
              types, label, field, bodySuspends ? paramType : TypeName.get(Throwable.class)));
      listing.mark(label, r, Region.Part.CATCH);
      TreePath block = child(cp, c.getBlock());
      if (bodySuspends) {
        lowerStatements(block, c.getBlock().getStatements());
      } else {
        comment(c);
        // The clause has no await: its parameter is a local of this case, and its statements are
        // copied (returns and jumps leaving it still go through the state machine).
        listing.add(
            CodeBlock.of(
                "$T $N = ($T) $N;\n$N = null;\n",
                paramType,
                c.getParameter().getName().toString(),
                paramType,
                field,
                field));
        lowerStatements(block, c.getBlock().getStatements());
      }
      listing.jump(exit);
    }
    if (r.hasFinally()) {
      listing.mark(r.finallyLabel, r, Region.Part.FINALLY);
      TreePath fin = child(path, s.getFinallyBlock());
      lowerStatements(fin, s.getFinallyBlock().getStatements());
      finishFinally(r, after);
    }
    listing.mark(after, parent, parentPart);
  }

  /** The end of a finally block: carry on with what was pending when it was entered. */
  private void finishFinally(Region r, Listing.Label after) {
    if (!listing.reachable()) {
      return;
    }
    CodeBlock.Builder b = CodeBlock.builder().add("switch ($N) {\n$>", r.recordKind);
    b.add(
        "case $L: {\n$>$T $N = ($T) $N;\n$N = $L;\n$N = null;\nthrow $N;\n$<}\n",
        Region.THROW,
        Throwable.class,
        names.thrown(),
        Throwable.class,
        r.recordValue,
        r.recordKind,
        Region.NORMAL,
        r.recordValue,
        names.thrown());
    String result = allocate("result");
    b.add(
        "case $L: {\n$>$T $N = $N;\n$N = $L;\n$N = null;\n$L$<}\n",
        Region.RETURN,
        Object.class,
        result,
        r.recordValue,
        r.recordKind,
        Region.NORMAL,
        r.recordValue,
        completion(r.parent, r.partInParent, CodeBlock.of("$N", result)));
    for (Region.PendingJump j : new ArrayList<>(r.pendingJumps)) {
      b.add(
          "case $L:\n$>$N = $L;\n$L$<",
          r.jumps.get(j.target),
          r.recordKind,
          Region.NORMAL,
          jumpCode(r.parent, r.partInParent, j.target, j.targetRegion));
    }
    b.add("default:\n$>$L$<", listing.jumpCode(after));
    b.add("$<}\n");
    listing.addTerminal(b.build());
  }

  /** Try-with-resources, one resource at a time (JLS 14.20.3.1), closing on the way out. */
  private void lowerResources(TreePath path, TryTree s, int index) {
    if (index == s.getResources().size()) {
      lowerStatements(child(path, s.getBlock()), s.getBlock().getStatements());
      return;
    }
    Tree resource = s.getResources().get(index);
    TreePath rp = child(path, resource);
    if (resource instanceof VariableTree v
        && v.getInitializer() != null
        && javac.isAsyncWith(child(rp, v.getInitializer()))) {
      lowerAsyncWith(path, s, index, rp, v);
      return;
    }
    String field;
    if (resource instanceof VariableTree v) {
      Element e = javac.element(rp);
      field = hoist(rp, e);
      comment(v);
      TreePath init = child(rp, v.getInitializer());
      assignedHere = assignedLocals(init);
      Code value = expr(init);
      emit(new Code(CodeBlock.of("$N = $L;\n", field, value.code), value.captures));
    } else {
      // try (existingVariable) — Java 9
      Code value = expr(rp);
      field = temp(javac.type(rp), resource, "a resource");
      emit(new Code(CodeBlock.of("$N = $L;\n", field, value.code), value.captures));
    }
    Region r = openTry(s, true);
    lowerResources(path, s, index + 1);
    Listing.Label after =
        listing.newLabel("after closing the resource at line " + src.line(resource));
    listing.jump(r.finallyLabel);
    listing.mark(r.finallyLabel, r, Region.Part.FINALLY);
    listing.add(
        CodeBlock.of(
            "if ($N != null) {\n$>if ($N == $L) {\n$>try {\n$>$N.close();\n$<} catch ($T $N) {\n$>(($T) $N).addSuppressed($N);\n$<}\n$<} else {\n$>$N.close();\n$<}\n$<}\n",
            field,
            r.recordKind,
            Region.THROW,
            field,
            Throwable.class,
            names.thrown(),
            Throwable.class,
            r.recordValue,
            names.thrown(),
            field));
    finishFinally(r, after);
    listing.mark(after, r.parent, r.partInParent);
  }

  /**
   * The resource {@code Entered<T> r = asyncWith(manager)}, Python's {@code async with manager as
   * r}: awaits {@code aenter()} and binds its value, then runs the rest of the statement in a try
   * region whose finally block awaits {@code aexit(e)}: with the pending exception, which it may
   * suppress, or with null when the block completed in any other way (normally, return, break).
   */
  private void lowerAsyncWith(TreePath path, TryTree s, int index, TreePath rp, VariableTree v) {
    long line = src.line(v);
    String field = hoist(rp, javac.element(rp));
    comment(v);
    TreePath init = child(rp, v.getInitializer());
    MethodInvocationTree call = (MethodInvocationTree) init.getLeaf();
    TreePath managerPath = child(init, call.getArguments().get(0));
    assignedHere = assignedLocals(managerPath);
    Code managerCode = expr(managerPath);
    TypeName declared = fieldTypeOf.get(javac.element(rp));
    TypeName value =
        typeArgument(
            javac.type(init),
            v,
            declared instanceof com.palantir.javapoet.ParameterizedTypeName p
                    && p.typeArguments().size() == 1
                ? p.typeArguments().get(0)
                : null);
    String manager =
        temp(
            com.palantir.javapoet.ParameterizedTypeName.get(
                ASYNC_CONTEXT_MANAGER, com.palantir.javapoet.WildcardTypeName.subtypeOf(value)),
            v,
            "the manager of the async with");
    emit(new Code(CodeBlock.of("$N = $L;\n", manager, managerCode.code), managerCode.captures));
    String what = src.summary(call.getArguments().get(0));
    suspend(Code.of("$N.aenter()", manager), v, true, "entering " + what);
    listing.add(CodeBlock.of("$N = $T.of(($T) $N);\n", field, ENTERED, value, names.value()));

    Region r = openTry(v, true);
    lowerResources(path, s, index + 1);
    Listing.Label after = listing.newLabel("after exiting the async with at line " + line);
    listing.jump(r.finallyLabel);
    listing.mark(r.finallyLabel, r, Region.Part.FINALLY);
    Listing.Label normalExit = listing.newLabel("exit without an exception at line " + line);
    Listing.Label exited = listing.newLabel("after the exit at line " + line);
    listing.add(
        CodeBlock.of(
            "// exit the manager with the exception the block raised, or with null\n"
                + "if ($N != $L) {\n$>$L$<}\n",
            r.recordKind,
            Region.THROW,
            listing.jumpCode(normalExit)));
    suspend(
        Code.of("$T.aexit($N, ($T) $N)", ASYNC_EXIT, manager, Throwable.class, r.recordValue),
        v,
        true,
        "exiting " + what);
    listing.add(
        CodeBlock.of(
            "if ($T.TRUE.equals($N)) {\n$>// the exit suppressed the exception\n$L$<}\n",
            Boolean.class,
            names.value(),
            CodeBlock.of("$N = $L;\n$N = null;\n", r.recordKind, Region.NORMAL, r.recordValue)));
    listing.jump(exited);
    listing.mark(normalExit);
    suspend(Code.of("$N.aexit(null)", manager), v, false, "exiting " + what);
    listing.mark(exited);
    finishFinally(r, after);
    listing.mark(after, r.parent, r.partInParent);
  }

  /**
   * The (boxed) type argument of {@code type}, a marker's {@code Iterable<T>} or {@code
   * Entered<T>}; when javac cannot tell it (the source is a class not generated yet), the type the
   * user declared for the variable, {@code fallback}.
   */
  private TypeName typeArgument(TypeMirror type, Tree at, TypeName fallback) {
    if (type instanceof DeclaredType d
        && d.getTypeArguments().size() == 1
        && d.getTypeArguments().get(0).getKind() != TypeKind.ERROR) {
      return typeName(d.getTypeArguments().get(0), at).box();
    }
    if (fallback == null) {
      throw new Unsupported(
          at,
          "a marker whose source is a class not generated yet, with a loop or resource variable"
              + " declared with var",
          "Declare the variable's type, or assign the source to a typed local variable first");
    }
    return fallback.box();
  }

  // ---------------------------------------------------------------- expressions

  /** Lowers an expression statement; returns the code of what is left to evaluate, or null. */
  private Code exprStatement(TreePath e) {
    if (javac.isAwait(e)) {
      suspendAwait(
          child(e, ((MethodInvocationTree) e.getLeaf()).getArguments().get(0)), e.getLeaf(), false);
      return null;
    }
    if (javac.isEmit(e)) {
      emitItem(e);
      return null;
    }
    return expr(e);
  }

  /**
   * Lowers {@code path}: emits whatever must run before its value is known (awaits, operands kept
   * in temporaries) and returns the code that computes the value now.
   */
  private Code expr(TreePath path) {
    Tree t = path.getLeaf();
    if (!suspends(t)) {
      return render(path);
    }
    switch (t.getKind()) {
      case METHOD_INVOCATION:
        return call(path, (MethodInvocationTree) t);
      case PARENTHESIZED:
        {
          Code inner = expr(child(path, ((ParenthesizedTree) t).getExpression()));
          return new Code(CodeBlock.of("($L)", inner.code), inner.captures);
        }
      case TYPE_CAST:
        {
          TypeCastTree c = (TypeCastTree) t;
          Code inner = expr(child(path, c.getExpression()));
          return new Code(
              CodeBlock.of("(($L) $L)", src.text(c.getType()), inner.code), inner.captures);
        }
      case CONDITIONAL_AND:
      case CONDITIONAL_OR:
        return shortCircuit(path, (BinaryTree) t);
      case CONDITIONAL_EXPRESSION:
        return conditional(path, (ConditionalExpressionTree) t);
      case ASSIGNMENT:
        return assignment(path, (AssignmentTree) t);
      case MEMBER_SELECT:
        {
          MemberSelectTree m = (MemberSelectTree) t;
          Code target = expr(child(path, m.getExpression()));
          return new Code(CodeBlock.of("$L.$L", target.code, m.getIdentifier()), target.captures);
        }
      case INSTANCE_OF:
        {
          InstanceOfTree i = (InstanceOfTree) t;
          Code target = expr(child(path, i.getExpression()));
          String rest = src.text(i.getPattern() != null ? i.getPattern() : i.getType());
          if (i.getPattern() instanceof com.sun.source.tree.BindingPatternTree binding) {
            TreePath varPath = child(child(path, binding), binding.getVariable());
            String field = fieldOf.get(javac.element(varPath));
            if (field != null) {
              String name = binding.getVariable().getName().toString();
              return new Code(
                  CodeBlock.of(
                      "($L instanceof $L && $T.set(this.$N = $N))",
                      target.code,
                      rest,
                      BIND,
                      field,
                      name),
                  target.captures);
            }
          }
          return new Code(CodeBlock.of("($L instanceof $L)", target.code, rest), target.captures);
        }
      case NEW_CLASS:
        return newClass(path, (NewClassTree) t);
      case NEW_ARRAY:
        return newArray(path, (NewArrayTree) t);
      case ARRAY_ACCESS:
        {
          ArrayAccessTree a = (ArrayAccessTree) t;
          List<Code> parts = inOrder(path, List.of(a.getExpression(), a.getIndex()));
          return new Code(
              CodeBlock.of("$L[$L]", parts.get(0).code, parts.get(1).code),
              union(parts.get(0), parts.get(1)));
        }
      case POSTFIX_INCREMENT:
      case POSTFIX_DECREMENT:
      case PREFIX_INCREMENT:
      case PREFIX_DECREMENT:
        {
          UnaryTree u = (UnaryTree) t;
          Code target = lvalue(path, u.getExpression());
          String op =
              u.getKind() == Tree.Kind.POSTFIX_INCREMENT
                      || u.getKind() == Tree.Kind.PREFIX_INCREMENT
                  ? "++"
                  : "--";
          boolean prefix =
              u.getKind() == Tree.Kind.PREFIX_INCREMENT
                  || u.getKind() == Tree.Kind.PREFIX_DECREMENT;
          return new Code(
              prefix
                  ? CodeBlock.of("$L$L", op, target.code)
                  : CodeBlock.of("$L$L", target.code, op),
              target.captures);
        }
      case MULTIPLY_ASSIGNMENT:
      case DIVIDE_ASSIGNMENT:
      case REMAINDER_ASSIGNMENT:
      case PLUS_ASSIGNMENT:
      case MINUS_ASSIGNMENT:
      case LEFT_SHIFT_ASSIGNMENT:
      case RIGHT_SHIFT_ASSIGNMENT:
      case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT:
      case AND_ASSIGNMENT:
      case XOR_ASSIGNMENT:
      case OR_ASSIGNMENT:
        return compoundAssignment(path, (CompoundAssignmentTree) t);
      case SWITCH_EXPRESSION:
        return switchExpression(path, (com.sun.source.tree.SwitchExpressionTree) t);
      case MEMBER_REFERENCE:
        {
          // await(x)::m: the receiver is evaluated when the reference is, as Java does.
          MemberReferenceTree ref = (MemberReferenceTree) t;
          Code receiver = expr(child(path, ref.getQualifierExpression()));
          return new Code(
              CodeBlock.of("($L)::$L", receiver.code, ref.getName()), receiver.captures);
        }
      default:
        if (t instanceof UnaryTree u) {
          Code operand = expr(child(path, u.getExpression()));
          return new Code(
              CodeBlock.of("$L($L)", unaryOperator(u.getKind()), operand.code), operand.captures);
        }
        if (t instanceof BinaryTree b) {
          List<Code> parts = inOrder(path, List.of(b.getLeftOperand(), b.getRightOperand()));
          return new Code(
              CodeBlock.of(
                  "($L $L $L)", parts.get(0).code, binaryOperator(b.getKind()), parts.get(1).code),
              union(parts.get(0), parts.get(1)));
        }
        throw new Unsupported(
            t,
            "an await inside a " + t.getKind().toString().toLowerCase().replace('_', ' '),
            "Assign the awaited value to a local variable first");
    }
  }

  /**
   * Evaluates {@code operands} left to right; an operand followed by one that suspends is kept in a
   * temporary first (unless evaluating it later makes no difference), as Java evaluates it before
   * the later operand's await.
   */
  private List<Code> inOrder(TreePath parent, List<? extends Tree> operands) {
    List<Code> out = new ArrayList<>(operands.size());
    int lastSuspending = -1;
    for (int i = 0; i < operands.size(); i++) {
      if (suspends(operands.get(i))) {
        lastSuspending = i;
      }
    }
    for (int i = 0; i < operands.size(); i++) {
      TreePath p = child(parent, operands.get(i));
      Code c = expr(p);
      if (i < lastSuspending && (suspends(p.getLeaf()) || !stable(p))) {
        c = spill(c, p);
      }
      out.add(c);
    }
    return out;
  }

  /** Stores {@code code}'s value in a new temporary and returns the temporary. */
  private Code spill(Code code, TreePath p) {
    TypeMirror type = javac.type(p);
    if (type.getKind() == TypeKind.INTERSECTION) {
      // Java cannot declare a field of an intersection type, but can cast to one.
      String t = temp(ClassName.OBJECT, p.getLeaf(), "the value of " + src.summary(p.getLeaf()));
      emit(new Code(CodeBlock.of("$N = $L;\n", t, code.code), code.captures));
      List<CodeBlock> bounds = new ArrayList<>();
      for (TypeMirror b : ((javax.lang.model.type.IntersectionType) type).getBounds()) {
        bounds.add(CodeBlock.of("$T", typeName(b, p.getLeaf())));
      }
      return Code.of("(($L) $N)", CodeBlock.join(bounds, " & "), t);
    }
    String t = temp(type, p.getLeaf(), "the value of " + src.summary(p.getLeaf()));
    emit(new Code(CodeBlock.of("$N = $L;\n", t, code.code), code.captures));
    return Code.of("$N", t);
  }

  private Code call(TreePath path, MethodInvocationTree call) {
    if (javac.isEmit(path)) {
      emitItem(path);
      TypeMirror type = javac.type(path);
      TypeMirror denotable = type == null ? null : Types2.denotable(javac, type);
      return denotable == null
              || javac.types.isSameType(
                  denotable, javac.elements.getTypeElement("java.lang.Object").asType())
          ? Code.of("$N", names.value())
          : Code.of("(($T) $N)", TypeName.get(denotable), names.value());
    }
    if (javac.isAwait(path)) {
      TreePath arg = child(path, call.getArguments().get(0));
      suspendAwait(arg, call, true);
      TypeMirror type = javac.type(path);
      if ((type == null || type.getKind() == TypeKind.ERROR) && pendingClass(type) == null) {
        // The awaited value's type involves a class not generated yet: the user's method it
        // calls, or else the variable it is assigned to, says what it is.
        TypeName declaredResult = pendingAwaitResult(arg);
        if (declaredResult == null) {
          declaredResult = coroutineResult(javac.element(unparenthesized(arg)));
        }
        if (declaredResult != null) {
          return Code.of("(($T) $N)", declaredResult, names.value());
        }
        Tree parent = path.getParentPath().getLeaf();
        if (parent instanceof VariableTree) {
          TypeName declared = fieldTypeOf.get(javac.element(path.getParentPath()));
          if (declared != null) {
            return Code.of("(($T) $N)", declared, names.value());
          }
        }
        return Code.of("$N", names.value());
      }
      TypeMirror denotable = Types2.denotable(javac, type);
      if (denotable == null) {
        // The awaited value's type cannot be written (say List<Object & Serializable & ...>):
        // the variable it is assigned to, or else the erasure, says enough.
        TypeName target = assignedType(path);
        if (target != null) {
          return Code.of("(($T) $N)", target, names.value());
        }
        TypeMirror erased = javac.types.erasure(type);
        if (Types2.denotable(javac, erased) != null) {
          return Code.of("(($T) $N)", TypeName.get(erased), names.value());
        }
      }
      return Code.of("(($T) $N)", typeName(type, call), names.value());
    }
    ExpressionTree select = call.getMethodSelect();
    TreePath selectPath = child(path, select);
    List<Tree> operands = new ArrayList<>();
    boolean hasReceiver = false;
    if (select instanceof MemberSelectTree m) {
      Element receiverElement = javac.element(child(selectPath, m.getExpression()));
      boolean isTypeOrSuper =
          receiverElement instanceof TypeElement
              || receiverElement instanceof javax.lang.model.element.PackageElement
              || (m.getExpression() instanceof IdentifierTree id
                  && id.getName().contentEquals("super"));
      if (!isTypeOrSuper) {
        hasReceiver = true;
        operands.add(m.getExpression());
      }
    }
    operands.addAll(call.getArguments());
    List<Code> parts = inOrderWithin(path, selectPath, operands, hasReceiver);
    CodeBlock.Builder b = CodeBlock.builder();
    int argStart = 0;
    if (hasReceiver) {
      MemberSelectTree m = (MemberSelectTree) select;
      b.add("$L.", parts.get(0).code);
      if (!call.getTypeArguments().isEmpty()) {
        b.add("<$L>", typeArgs(call));
      }
      b.add("$L", m.getIdentifier());
      argStart = 1;
    } else {
      Code selectCode = render(selectPath);
      if (!call.getTypeArguments().isEmpty() && select instanceof MemberSelectTree) {
        // Type.<T>m(...) is rendered whole by the select path.
      }
      b.add("$L", selectCode.code);
    }
    b.add("(");
    for (int i = argStart; i < parts.size(); i++) {
      b.add(i > argStart ? ", $L" : "$L", parts.get(i).code);
    }
    b.add(")");
    return new Code(b.build(), union(parts.toArray(new Code[0])));
  }

  /**
   * For an awaited call of a method of a class not generated yet ({@code Async_Shop.open()}, {@code
   * new Async_Shop().open()}), the {@code T} of the {@code Coroutine<T>} that the user's method
   * declares; null if that cannot be told.
   */
  private TypeName pendingAwaitResult(TreePath awaited) {
    Tree t = unparenthesized(awaited).getLeaf();
    String receiver = generatedReceiver(t);
    String ownerName = receiver == null ? null : cls.generatedOwners().get(receiver);
    TypeElement owner = ownerName == null ? null : javac.elements.getTypeElement(ownerName);
    if (owner == null) {
      return null;
    }
    MethodInvocationTree call = (MethodInvocationTree) t;
    MemberSelectTree select = (MemberSelectTree) call.getMethodSelect();
    for (Element member : javac.elements.getAllMembers(owner)) {
      if (member instanceof ExecutableElement m
          && m.getSimpleName().contentEquals(select.getIdentifier())
          && m.getParameters().size() == call.getArguments().size()
          && m.getReturnType() instanceof DeclaredType d
          && javac.kindOf(d) == MethodKind.COROUTINE
          && d.getTypeArguments().size() == 1) {
        TypeMirror result = d.getTypeArguments().get(0);
        if (result.getKind() == TypeKind.TYPEVAR) {
          return null; // the call's own type arguments decide it
        }
        TypeMirror denotable = Types2.denotable(javac, result);
        return denotable == null ? null : TypeName.get(denotable).box();
      }
    }
    return null;
  }

  /**
   * The simple name of the class {@code tree} calls a method on, when {@code tree} is a call on a
   * class named directly ({@code Async_Shop.brew()}) or on a new instance of one ({@code new
   * Async_Shop().brew()}); else null.
   */
  private static String generatedReceiver(Tree tree) {
    if (!(tree instanceof MethodInvocationTree call)
        || !(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return null;
    }
    Tree receiver = select.getExpression();
    while (receiver instanceof ParenthesizedTree p) {
      receiver = p.getExpression();
    }
    if (receiver instanceof IdentifierTree id) {
      return id.getName().toString();
    }
    if (receiver instanceof NewClassTree n) {
      Tree type = n.getIdentifier();
      return type instanceof IdentifierTree id
          ? id.getName().toString()
          : type instanceof MemberSelectTree m ? m.getIdentifier().toString() : null;
    }
    return null;
  }

  /**
   * What awaiting a call of {@code called} produces, when it declares a {@code Coroutine<R>}
   * without inference ({@link #declaresItsResult}): {@code R}; else null.
   */
  private TypeName coroutineResult(Element called) {
    if (!declaresItsResult(called)
        || !(((ExecutableElement) called).getReturnType() instanceof DeclaredType d)
        || javac.kindOf(d) != MethodKind.COROUTINE
        || d.getTypeArguments().size() != 1) {
      return null;
    }
    TypeMirror denotable = Types2.denotable(javac, d.getTypeArguments().get(0));
    return denotable == null ? null : TypeName.get(denotable).box();
  }

  /**
   * Whether {@code called}, the method an awaited call resolves to, says what it returns without
   * inference: javac resolves {@code printDocs(out, new Async_Docs())} even while {@code
   * Async_Docs} does not exist, and its declared {@code Coroutine<Void>} stands; {@code
   * createTask}'s {@code Task<T>} depends on the argument javac cannot type.
   */
  private static boolean declaresItsResult(Element called) {
    if (!(called instanceof ExecutableElement method)
        || method.getReturnType().getKind() == TypeKind.ERROR) {
      return false;
    }
    boolean[] generic = new boolean[1];
    new javax.lang.model.util.SimpleTypeVisitor14<Void, Void>() {
      @Override
      public Void visitDeclared(DeclaredType t, Void unused) {
        t.getTypeArguments().forEach(a -> a.accept(this, null));
        return null;
      }

      @Override
      public Void visitArray(javax.lang.model.type.ArrayType t, Void unused) {
        return t.getComponentType().accept(this, null);
      }

      @Override
      public Void visitWildcard(javax.lang.model.type.WildcardType t, Void unused) {
        for (TypeMirror bound : new TypeMirror[] {t.getExtendsBound(), t.getSuperBound()}) {
          if (bound != null) {
            bound.accept(this, null);
          }
        }
        return null;
      }

      @Override
      public Void visitTypeVariable(javax.lang.model.type.TypeVariable t, Void unused) {
        generic[0] |= t.asElement().getEnclosingElement().equals(method);
        return null;
      }
    }.visit(method.getReturnType());
    return !generic[0];
  }

  /**
   * Rejects an await whose awaitable javac could not type because it wraps a call on a class
   * generated from this file ({@code await(createTask(Async_Shop.brew()))} inside {@code Shop}).
   * javac checked this code before that class existed; for a direct call on it the processor knows
   * the type ({@link #pendingAwaitResult}), and a method that is not generic in its result declares
   * it; a generic one such as {@code createTask} does not, and on newer JDKs javac's own final
   * check of the line fails as well.
   */
  private void checkTypeKnown(TreePath awaited) {
    TypeMirror type = javac.type(awaited);
    Tree leaf = unparenthesized(awaited).getLeaf();
    if (type == null
        || type.getKind() != TypeKind.ERROR
        || pendingClass(type) != null
        || (generatedReceiver(leaf) != null
            && cls.generatedOwners().containsKey(generatedReceiver(leaf)))) {
      return;
    }
    String generated = Javac.firstMentioned(leaf, cls.generatedOwners().keySet());
    if (generated == null || declaresItsResult(javac.element(unparenthesized(awaited)))) {
      return;
    }
    String owner = cls.generatedOwners().get(generated);
    String ownerSimple = owner.substring(owner.lastIndexOf('.') + 1);
    throw new Unsupported(
        leaf,
        dev.jasyncio.processor.diag.Message.GENERATED_CLASS_UNTYPED,
        "await(" + src.summary(leaf) + ")",
        generated,
        ownerSimple,
        ownerSimple,
        generated);
  }

  /** The type of the local or variable that {@code path} (an expression) is assigned to, if any. */
  private TypeName assignedType(TreePath path) {
    Tree parent = path.getParentPath().getLeaf();
    if (parent instanceof VariableTree) {
      return fieldTypeOf.get(javac.element(path.getParentPath()));
    }
    if (parent instanceof AssignmentTree a && a.getExpression() == path.getLeaf()) {
      TypeMirror t = javac.type(child(path.getParentPath(), a.getVariable()));
      TypeMirror d = t == null ? null : Types2.denotable(javac, t);
      return d == null ? null : TypeName.get(d);
    }
    return null;
  }

  private String typeArgs(MethodInvocationTree call) {
    List<String> out = new ArrayList<>();
    for (Tree t : call.getTypeArguments()) {
      out.add(src.text(t));
    }
    return String.join(", ", out);
  }

  /** {@link #inOrder} for operands that are children of {@code path} or of its method select. */
  private List<Code> inOrderWithin(
      TreePath path, TreePath selectPath, List<Tree> operands, boolean hasReceiver) {
    List<Code> out = new ArrayList<>(operands.size());
    int lastSuspending = -1;
    for (int i = 0; i < operands.size(); i++) {
      if (suspends(operands.get(i))) {
        lastSuspending = i;
      }
    }
    for (int i = 0; i < operands.size(); i++) {
      TreePath p =
          hasReceiver && i == 0 ? child(selectPath, operands.get(i)) : child(path, operands.get(i));
      Code c = expr(p);
      if (i < lastSuspending && (suspends(p.getLeaf()) || !stable(p))) {
        c = spill(c, p);
      }
      out.add(c);
    }
    return out;
  }

  /**
   * {@code new T(args)}, {@code outer.new T(args)} and {@code new T(args) {body}} with an await in
   * the enclosing instance or the arguments: those are evaluated in order (kept in temporaries
   * where needed), then the creation is written as in the source with them in place, so that an
   * anonymous class body is copied as written.
   */
  private Code newClass(TreePath path, NewClassTree n) {
    List<Tree> operands = new ArrayList<>();
    if (n.getEnclosingExpression() != null) {
      operands.add(n.getEnclosingExpression());
    }
    operands.addAll(n.getArguments());
    List<Code> parts = inOrder(path, operands);
    Map<Tree, CodeBlock> evaluated = new IdentityHashMap<>();
    for (int i = 0; i < operands.size(); i++) {
      evaluated.put(operands.get(i), parts.get(i).code);
    }
    Set<Element> captures = union(parts.toArray(new Code[0]));
    Tree rootTree = path.getLeaf();
    CodeBlock code =
        src.render(
            path,
            p -> {
              if (p.getLeaf() == rootTree) {
                return null;
              }
              CodeBlock done = evaluated.get(p.getLeaf());
              return done != null ? done : rewrite(p, rootTree, captures);
            });
    if (selfNew(path)) {
      code = CodeBlock.of("$L.$L", names.outerThis(), code);
    }
    return new Code(code, captures);
  }

  private Code newArray(TreePath path, NewArrayTree n) {
    List<Tree> operands = new ArrayList<>();
    operands.addAll(n.getDimensions());
    if (n.getInitializers() != null) {
      operands.addAll(n.getInitializers());
    }
    List<Code> parts = inOrder(path, operands);
    CodeBlock.Builder b = CodeBlock.builder();
    int dims = n.getDimensions().size();
    TypeMirror type = javac.type(path);
    if (n.getInitializers() != null) {
      // new T[]{...}, or a bare {...} (a nested or declaration initializer): the array type says
      // what to create either way.
      b.add("new $T", typeName(type, n));
    } else {
      // new T[d1]...[dk][]...[]: the element type, the given dimensions, then the empty ones.
      TypeMirror element = type;
      int depth = 0;
      while (element.getKind() == TypeKind.ARRAY) {
        element = ((javax.lang.model.type.ArrayType) element).getComponentType();
        depth++;
      }
      b.add("new $T", typeName(element, n));
      for (int i = 0; i < dims; i++) {
        b.add("[$L]", parts.get(i).code);
      }
      for (int i = dims; i < depth; i++) {
        b.add("[]");
      }
    }
    if (n.getInitializers() != null) {
      b.add("{");
      for (int i = dims; i < parts.size(); i++) {
        b.add(i > dims ? ", $L" : "$L", parts.get(i).code);
      }
      b.add("}");
    }
    return new Code(b.build(), union(parts.toArray(new Code[0])));
  }

  /** a && b, a || b with an await in b: b runs only when Java would evaluate it. */
  private Code shortCircuit(TreePath path, BinaryTree b) {
    boolean and = b.getKind() == Tree.Kind.CONDITIONAL_AND;
    String result = temp(TypeName.BOOLEAN, b, "the value of " + src.summary(b));
    Code left = expr(child(path, b.getLeftOperand()));
    emit(new Code(CodeBlock.of("$N = $L;\n", result, left.code), left.captures));
    Listing.Label end =
        listing.newLabel("end of " + (and ? "&&" : "||") + " at line " + src.line(b));
    listing.add(
        CodeBlock.of("if ($L$N) {\n$>$L$<}\n", and ? "!" : "", result, listing.jumpCode(end)));
    Code right = expr(child(path, b.getRightOperand()));
    emit(new Code(CodeBlock.of("$N = $L;\n", result, right.code), right.captures));
    listing.mark(end);
    return Code.of("$N", result);
  }

  private Code conditional(TreePath path, ConditionalExpressionTree c) {
    String result = temp(javac.type(path), c, "the value of " + src.summary(c));
    Code cond = expr(child(path, c.getCondition()));
    Listing.Label otherwise = listing.newLabel("false branch of ?: at line " + src.line(c));
    Listing.Label end = listing.newLabel("end of ?: at line " + src.line(c));
    emit(
        new Code(
            CodeBlock.of("if (!($L)) {\n$>$L$<}\n", cond.code, listing.jumpCode(otherwise)),
            cond.captures));
    Code yes = expr(child(path, c.getTrueExpression()));
    emit(new Code(CodeBlock.of("$N = $L;\n", result, yes.code), yes.captures));
    listing.jump(end);
    listing.mark(otherwise);
    Code no = expr(child(path, c.getFalseExpression()));
    emit(new Code(CodeBlock.of("$N = $L;\n", result, no.code), no.captures));
    listing.mark(end);
    return Code.of("$N", result);
  }

  /**
   * The variable of an assignment, with its array and object operands kept in temporaries as
   * needed.
   */
  private Code lvalue(TreePath parent, ExpressionTree variable) {
    TreePath vp = child(parent, variable);
    if (variable instanceof ArrayAccessTree a) {
      List<Code> parts = inOrder(vp, List.of(a.getExpression(), a.getIndex()));
      return new Code(
          CodeBlock.of("$L[$L]", parts.get(0).code, parts.get(1).code),
          union(parts.get(0), parts.get(1)));
    }
    if (variable instanceof MemberSelectTree m) {
      Element target = javac.element(child(vp, m.getExpression()));
      if (target instanceof TypeElement) {
        return render(vp);
      }
      Code object = expr(child(vp, m.getExpression()));
      return new Code(CodeBlock.of("$L.$L", object.code, m.getIdentifier()), object.captures);
    }
    return render(vp);
  }

  private Code assignment(TreePath path, AssignmentTree a) {
    ExpressionTree variable = a.getVariable();
    Code target;
    if (suspends(a.getExpression())
        && (variable instanceof ArrayAccessTree || variable instanceof MemberSelectTree)) {
      // Java evaluates the array and index (or the object) before the right-hand side.
      target = lvalueSpilled(path, variable);
    } else {
      target = lvalue(path, variable);
    }
    Code value = expr(child(path, a.getExpression()));
    return new Code(CodeBlock.of("$L = $L", target.code, value.code), union(target, value));
  }

  /** The variable of an assignment whose right-hand side suspends: its parts in temporaries. */
  private Code lvalueSpilled(TreePath parent, ExpressionTree variable) {
    TreePath vp = child(parent, variable);
    if (variable instanceof ArrayAccessTree a) {
      TreePath arrayPath = child(vp, a.getExpression());
      TreePath indexPath = child(vp, a.getIndex());
      Code array = expr(arrayPath);
      if (!stable(arrayPath) || suspends(a.getIndex())) {
        array = spill(array, arrayPath);
      }
      Code index = expr(indexPath);
      if (!stable(indexPath)) {
        index = spill(index, indexPath);
      }
      return new Code(CodeBlock.of("$L[$L]", array.code, index.code), union(array, index));
    }
    MemberSelectTree m = (MemberSelectTree) variable;
    TreePath objectPath = child(vp, m.getExpression());
    Element target = javac.element(objectPath);
    if (target instanceof TypeElement) {
      return render(vp);
    }
    Code object = expr(objectPath);
    if (!stable(objectPath)) {
      object = spill(object, objectPath);
    }
    return new Code(CodeBlock.of("$L.$L", object.code, m.getIdentifier()), object.captures);
  }

  /** x op= await(...): Java reads x before the right-hand side, then stores (T)(x op rhs). */
  private Code compoundAssignment(TreePath path, CompoundAssignmentTree c) {
    ExpressionTree variable = c.getVariable();
    TreePath vp = child(path, variable);
    if (!suspends(c.getExpression())) {
      Code target = lvalue(path, variable);
      Code value = render(child(path, c.getExpression()));
      return new Code(
          CodeBlock.of("$L $L $L", target.code, assignOperator(c.getKind()), value.code),
          union(target, value));
    }
    Code target = variable instanceof IdentifierTree ? render(vp) : lvalueSpilled(path, variable);
    TypeMirror type = javac.type(vp);
    Code old;
    Element targetElement = variable instanceof IdentifierTree ? javac.element(vp) : null;
    boolean localTarget =
        targetElement != null
            && targetElement.getKind() != ElementKind.FIELD
            && !assignedLocals(child(path, c.getExpression())).contains(targetElement);
    if (localTarget) {
      old = target;
    } else {
      String saved =
          temp(type, variable, "the value of " + src.summary(variable) + " before the await");
      emit(new Code(CodeBlock.of("$N = $L;\n", saved, target.code), target.captures));
      old = Code.of("$N", saved);
    }
    Code value = expr(child(path, c.getExpression()));
    String op = assignOperator(c.getKind());
    op = op.substring(0, op.length() - 1);
    return new Code(
        CodeBlock.of(
            "$L = ($T) ($L $L $L)",
            target.code,
            typeName(type, variable),
            old.code,
            op,
            value.code),
        union(target, old, value));
  }

  private Code switchExpression(TreePath path, com.sun.source.tree.SwitchExpressionTree s) {
    String result = temp(javac.type(path), s, "the value of the switch at line " + src.line(s));
    TreePath selector = unparenthesized(child(path, s.getExpression()));
    Code sel = expr(selector);
    Listing.Label after = listing.newLabel("after the switch expression at line " + src.line(s));
    // An exhaustive enum switch without default: Java throws for an unknown constant.
    List<Listing.Label> labels =
        dispatch(
            s.getCases(),
            sel,
            CodeBlock.of("throw new $T();\n", IncompatibleClassChangeError.class));
    yieldTargets.push(new YieldTarget(s, result, after, listing.region()));
    for (int i = 0; i < s.getCases().size(); i++) {
      CaseTree c = s.getCases().get(i);
      listing.mark(labels.get(i));
      TreePath cp = child(path, c);
      if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
        Tree body = c.getBody();
        if (body instanceof ExpressionTree e) {
          TreePath ep = child(cp, e);
          Code v = expr(ep);
          emit(new Code(CodeBlock.of("$N = $L;\n", result, v.code), v.captures));
          listing.jump(after);
        } else if (body instanceof BlockTree block) {
          lowerStatements(child(cp, block), block.getStatements());
        } else {
          lowerStatement(child(cp, body));
        }
      } else {
        lowerStatements(cp, c.getStatements());
      }
    }
    yieldTargets.pop();
    listing.mark(after);
    return Code.of("$N", result);
  }

  private record YieldTarget(Tree tree, String result, Listing.Label after, Region region) {}

  private final Deque<YieldTarget> yieldTargets = new ArrayDeque<>();

  /**
   * Emits the await of what {@code awaited} computes (the argument of an {@code await}, or a
   * returned awaitable) at {@code at}; afterwards the value is in the value parameter.
   */
  private void suspendAwait(TreePath awaited, Tree at, boolean needsValue) {
    checkTypeKnown(awaited);
    suspendOn(awaitCall(awaited), at, needsValue, "awaiting " + src.summary(awaited.getLeaf()));
  }

  /**
   * The call that awaits what {@code awaited} computes: {@code await(task, x)}; or, when it is one
   * of these calls itself, a helper that needs no coroutine unless it must wait: {@code
   * awaitSleep(task, d)} for {@code sleep(d)}, {@code awaitGet(task, q)} for {@code q.get()} and
   * {@code awaitPut(task, q, x)} for {@code q.put(x)} (when neither q nor x contains an await, so
   * that both are still evaluated in order, just before the call).
   */
  private Code awaitCall(TreePath awaited) {
    TreePath p = unparenthesized(awaited);
    if (p.getLeaf() instanceof MethodInvocationTree sleep && javac.isPlainSleep(p)) {
      Code delay = expr(child(p, sleep.getArguments().get(0)));
      return new Code(CodeBlock.of("awaitSleep($N, $L)", names.task(), delay.code), delay.captures);
    }
    if (p.getLeaf() instanceof MethodInvocationTree call
        && !suspends(call)
        && call.getMethodSelect() instanceof MemberSelectTree select) {
      TreePath receiver = child(child(p, select), select.getExpression());
      if (javac.isQueueCall(p, "get")) {
        Code queue = expr(receiver);
        return new Code(CodeBlock.of("awaitGet($N, $L)", names.task(), queue.code), queue.captures);
      }
      if (javac.isQueueCall(p, "put")) {
        Code queue = expr(receiver);
        Code item = expr(child(p, call.getArguments().get(0)));
        return new Code(
            CodeBlock.of("awaitPut($N, $L, $L)", names.task(), queue.code, item.code),
            union(queue, item));
      }
    }
    Code awaitable = expr(awaited);
    return new Code(
        CodeBlock.of("await($N, $L)", names.task(), awaitable.code), awaitable.captures);
  }

  /**
   * Emits a suspension on {@code awaitable}, described in {@code toString()} as {@code what}
   * ("awaiting x").
   */
  private void suspend(Code awaitable, Tree at, boolean needsValue, String what) {
    suspendOn(
        new Code(CodeBlock.of("await($N, $L)", names.task(), awaitable.code), awaitable.captures),
        at,
        needsValue,
        what);
  }

  /** Emits a suspension on the await {@code call} (a Coroutine method returning SUSPENDED). */
  private void suspendOn(Code call, Tree at, boolean needsValue, String what) {
    Listing.Label resume = listing.newLabel("resume after the await at line " + src.line(at));
    // The state is set before the await so that an exception the awaited coroutine throws at once
    // is handled where the await is; the field too, so that toString() shows what it awaits while
    // the awaited coroutine runs.
    CodeBlock code =
        CodeBlock.builder()
            .add("this.$N = $N = $L;\n", names.state(), names.state(), resume)
            .add(
                needsValue
                    ? "if (($N = $L) == SUSPENDED) {\n$>return SUSPENDED;\n$<}\n"
                    : "if ($L$L == SUSPENDED) {\n$>return SUSPENDED;\n$<}\n",
                needsValue ? names.value() : "",
                call.code)
            .build();
    emit(new Code(code, call.captures));
    listing.markResumePoint(resume);
    suspensions.add(new Suspension(resume.state(), src.line(at), what));
  }

  /**
   * {@code emit(x)}: hands out the item and pauses the generator; when a request resumes it, the
   * value sent is in the value parameter (an exception thrown in is raised here).
   */
  private void emitItem(TreePath call) {
    MethodInvocationTree node = (MethodInvocationTree) call.getLeaf();
    Code item = expr(child(call, node.getArguments().get(0)));
    Listing.Label resume = listing.newLabel("resume after the emit at line " + src.line(node));
    emitTerminal(
        new Code(
            CodeBlock.of(
                "this.$N = $N = $L;\nreturn $L;\n",
                names.state(),
                names.state(),
                resume,
                item.code),
            item.captures));
    listing.markResumePoint(resume);
    suspensions.add(
        new Suspension(resume.state(), src.line(node), "paused at " + src.summary(node)));
  }

  private static String unaryOperator(Tree.Kind kind) {
    return switch (kind) {
      case UNARY_PLUS -> "+";
      case UNARY_MINUS -> "-";
      case LOGICAL_COMPLEMENT -> "!";
      case BITWISE_COMPLEMENT -> "~";
      default -> throw new IllegalArgumentException(kind.toString());
    };
  }

  private static String binaryOperator(Tree.Kind kind) {
    return switch (kind) {
      case MULTIPLY -> "*";
      case DIVIDE -> "/";
      case REMAINDER -> "%";
      case PLUS -> "+";
      case MINUS -> "-";
      case LEFT_SHIFT -> "<<";
      case RIGHT_SHIFT -> ">>";
      case UNSIGNED_RIGHT_SHIFT -> ">>>";
      case LESS_THAN -> "<";
      case GREATER_THAN -> ">";
      case LESS_THAN_EQUAL -> "<=";
      case GREATER_THAN_EQUAL -> ">=";
      case EQUAL_TO -> "==";
      case NOT_EQUAL_TO -> "!=";
      case AND -> "&";
      case XOR -> "^";
      case OR -> "|";
      case CONDITIONAL_AND -> "&&";
      case CONDITIONAL_OR -> "||";
      default -> throw new IllegalArgumentException(kind.toString());
    };
  }

  private static String assignOperator(Tree.Kind kind) {
    return switch (kind) {
      case MULTIPLY_ASSIGNMENT -> "*=";
      case DIVIDE_ASSIGNMENT -> "/=";
      case REMAINDER_ASSIGNMENT -> "%=";
      case PLUS_ASSIGNMENT -> "+=";
      case MINUS_ASSIGNMENT -> "-=";
      case LEFT_SHIFT_ASSIGNMENT -> "<<=";
      case RIGHT_SHIFT_ASSIGNMENT -> ">>=";
      case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> ">>>=";
      case AND_ASSIGNMENT -> "&=";
      case XOR_ASSIGNMENT -> "^=";
      case OR_ASSIGNMENT -> "|=";
      default -> throw new IllegalArgumentException(kind.toString());
    };
  }

  // ---------------------------------------------------------------- try table

  private List<Handler> handlers() {
    Map<String, List<Integer>> statesByRegion = new LinkedHashMap<>();
    Map<String, Region> regionByKey = new HashMap<>();
    Map<String, Region.Part> partByKey = new HashMap<>();
    for (Listing.Block b : listing.blocks()) {
      if (b.region.isRoot()) {
        continue;
      }
      String key = System.identityHashCode(b.region) + ":" + b.part;
      statesByRegion.computeIfAbsent(key, k -> new ArrayList<>()).add(b.label.state());
      regionByKey.put(key, b.region);
      partByKey.put(key, b.part);
    }
    List<Handler> out = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> entry : statesByRegion.entrySet()) {
      Region r = regionByKey.get(entry.getKey());
      Region.Part part = partByKey.get(entry.getKey());
      out.add(new Handler(Collections.unmodifiableList(entry.getValue()), handlerCode(r, part)));
    }
    return out;
  }

  private CodeBlock handlerCode(Region r, Region.Part part) {
    CodeBlock.Builder b = CodeBlock.builder();
    for (; !r.isRoot(); part = r.partInParent, r = r.parent) {
      if (part == Region.Part.TRY) {
        for (Region.Catch c : r.catches) {
          if (c.types.contains(TypeName.get(Throwable.class))) {
            // catch (Throwable t) takes everything: nothing after it in the table is reachable
            b.add(
                "$N = $N;\n$N = $L;\ncontinue $N;\n",
                c.field,
                names.thrown(),
                names.state(),
                c.label,
                names.loop());
            return b.build();
          }
          List<CodeBlock> tests = new ArrayList<>();
          for (TypeName t : c.types) {
            tests.add(CodeBlock.of("$N instanceof $T", names.thrown(), t));
          }
          b.add(
              "if ($L) {\n$>$N = ($T) $N;\n$N = $L;\ncontinue $N;\n$<}\n",
              CodeBlock.join(tests, " || "),
              c.field,
              c.fieldType,
              names.thrown(),
              names.state(),
              c.label,
              names.loop());
        }
      }
      if (part == Region.Part.FINALLY) {
        clearRecord(b, r);
      } else if (r.hasFinally()) {
        b.add(
            "$N = $L;\n$N = $N;\n$N = $L;\ncontinue $N;\n",
            r.recordKind,
            Region.THROW,
            r.recordValue,
            names.thrown(),
            names.state(),
            r.finallyLabel,
            names.loop());
        return b.build();
      }
    }
    b.add("this.$N = $N;\nthrow $N;\n", names.state(), names.done(), names.thrown());
    return b.build();
  }

  /** A construct the transform does not handle; reported as a diagnostic at the tree. */
  public static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public final transient Tree tree;
    public final transient dev.jasyncio.processor.diag.Message message;
    public final transient Object[] args;

    Unsupported(Tree tree, String what, String fix) {
      this(tree, dev.jasyncio.processor.diag.Message.UNSUPPORTED_CONSTRUCT, what, fix);
    }

    Unsupported(Tree tree, dev.jasyncio.processor.diag.Message message, Object... args) {
      super(message.format(args));
      this.tree = tree;
      this.message = message;
      this.args = args;
    }
  }
}
