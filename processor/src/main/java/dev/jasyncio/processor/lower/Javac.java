package dev.jasyncio.processor.lower;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.jasyncio.processor.model.MethodKind;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The compiler's view of the user's code: symbols and types of trees, through the public {@link
 * Trees} API only.
 *
 * <p>During annotation processing javac has parsed method bodies but not attributed them. Asking
 * {@link Trees#getElement} about a tree that has no symbol yet makes javac attribute the enclosing
 * class (in place, with its diagnostics deferred); from then on every expression of the class has a
 * type and every name a symbol. {@link #attribute} does that once per class.
 */
public final class Javac {
  public static final String ASYNC = "dev.jasyncio.Async";
  public static final String ASYNCIO = "dev.jasyncio.Asyncio";
  public static final String COROUTINE = "dev.jasyncio.Coroutine";
  public static final String QUEUE = "dev.jasyncio.Queue";

  public final Trees trees;
  public final Elements elements;
  public final Types types;

  public Javac(ProcessingEnvironment env, Trees trees) {
    this.trees = trees;
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
  }

  /**
   * Makes javac attribute the class at {@code classPath}, so that {@link #type} and {@link
   * #element} work for every tree in it. Returns false if the class has no code to attribute.
   */
  public boolean attribute(TreePath classPath) {
    TreePath[] probe = new TreePath[1];
    new TreePathScanner<Void, Void>() {
      private int bodies;

      @Override
      public Void scan(Tree tree, Void unused) {
        if (probe[0] != null || tree == null) {
          return null;
        }
        if (bodies > 0 && tree instanceof com.sun.source.tree.ExpressionTree) {
          probe[0] = new TreePath(getCurrentPath(), tree);
          return null;
        }
        return super.scan(tree, unused);
      }

      @Override
      public Void visitMethod(com.sun.source.tree.MethodTree node, Void unused) {
        if (node.getBody() == null) {
          return null;
        }
        bodies++;
        try {
          return scan(node.getBody(), unused);
        } finally {
          bodies--;
        }
      }
    }.scan(classPath, null);
    if (probe[0] == null) {
      return false;
    }
    trees.getElement(probe[0]);
    return trees.getTypeMirror(probe[0]) != null;
  }

  /** The symbol of {@code path}'s leaf: a variable, method, type, or null. */
  public Element element(TreePath path) {
    return trees.getElement(path);
  }

  /** The type of {@code path}'s leaf, or null if it has none (a statement). */
  public TypeMirror type(TreePath path) {
    return trees.getTypeMirror(path);
  }

  /** Whether {@code path} is a call of {@code Asyncio.await}. */
  public boolean isAwait(TreePath path) {
    return path.getLeaf() instanceof MethodInvocationTree
        && isAsyncioMethod(element(path), "await");
  }

  /**
   * Whether {@code path} is a call of {@code Asyncio.sleep} with a delay and no result ({@code
   * sleep(seconds)}, {@code sleep(duration)}).
   */
  public boolean isPlainSleep(TreePath path) {
    return path.getLeaf() instanceof MethodInvocationTree
        && element(path) instanceof ExecutableElement m
        && isAsyncioMethod(m, "sleep")
        && m.getParameters().size() == 1;
  }

  /**
   * Whether {@code path} is a call of {@code Queue.get()} or {@code Queue.put(item)} (the one named
   * {@code name}) on a receiver written out, other than {@code super}: {@code q.get()}, {@code
   * this.queue.put(x)}. Both are final, so the call always runs {@code Queue}'s own method.
   */
  public boolean isQueueCall(TreePath path, String name) {
    return path.getLeaf() instanceof MethodInvocationTree call
        && call.getMethodSelect() instanceof MemberSelectTree select
        && !isSuper(select.getExpression())
        && element(path) instanceof ExecutableElement m
        && m.getSimpleName().contentEquals(name)
        && m.getEnclosingElement() instanceof TypeElement t
        && t.getQualifiedName().contentEquals(QUEUE);
  }

  /** Whether {@code receiver} is {@code super} or {@code Outer.super}. */
  private static boolean isSuper(Tree receiver) {
    if (receiver instanceof MemberSelectTree qualified) {
      return qualified.getIdentifier().contentEquals("super");
    }
    return receiver instanceof IdentifierTree id && id.getName().contentEquals("super");
  }

  /** Whether {@code path} is a call of {@code Asyncio.done}. */
  public boolean isDone(TreePath path) {
    return path.getLeaf() instanceof MethodInvocationTree && isAsyncioMethod(element(path), "done");
  }

  /** Whether {@code path} is a call of {@code Asyncio.emit}: a generator's yield. */
  public boolean isEmit(TreePath path) {
    return path.getLeaf() instanceof MethodInvocationTree && isAsyncioMethod(element(path), "emit");
  }

  /** Whether {@code path} is a call of {@code Asyncio.endGenerator}. */
  public boolean isEndGenerator(TreePath path) {
    return path.getLeaf() instanceof MethodInvocationTree
        && isAsyncioMethod(element(path), "endGenerator");
  }

  /** Whether {@code path} is a call of {@code Asyncio.asyncFor}: the source of an async for. */
  public boolean isAsyncFor(TreePath path) {
    return path.getLeaf() instanceof MethodInvocationTree
        && isAsyncioMethod(element(path), "asyncFor");
  }

  /**
   * Whether {@code path} is a call of the one-argument {@code Asyncio.asyncWith}: the resource of
   * an async with (the two-argument form is an ordinary coroutine).
   */
  public boolean isAsyncWith(TreePath path) {
    return path.getLeaf() instanceof MethodInvocationTree && isAsyncWithMarker(element(path));
  }

  /** Whether {@code e} is the one-argument {@code Asyncio.asyncWith}. */
  public static boolean isAsyncWithMarker(Element e) {
    return isAsyncioMethod(e, "asyncWith") && ((ExecutableElement) e).getParameters().size() == 1;
  }

  /**
   * The marker {@code path} calls, as users write it ({@code "emit()"}), or null if it calls none:
   * the calls that only work inside an {@code @Async} body.
   */
  public String marker(TreePath path) {
    if (!(path.getLeaf() instanceof MethodInvocationTree)) {
      return null;
    }
    return markerName(element(path));
  }

  /**
   * The marker {@code e} is, as users write it ({@code "emit()"}), or null: for a call or a method
   * reference.
   */
  public static String markerName(Element e) {
    if (!(e instanceof ExecutableElement)
        || !(e.getEnclosingElement() instanceof TypeElement t)
        || !t.getQualifiedName().contentEquals(ASYNCIO)) {
      return null;
    }
    String name = e.getSimpleName().toString();
    switch (name) {
      case "await":
      case "emit":
      case "endGenerator":
      case "asyncFor":
        return name + "()";
      case "asyncWith":
        return isAsyncWithMarker(e) ? "asyncWith()" : null;
      default:
        return null;
    }
  }

  /**
   * Whether {@code type}, or a type it is made of (a type argument, an array's component, a bound
   * of a method's type variable, a parameter, a thrown type), is one javac could not resolve.
   */
  public static boolean mentionsError(TypeMirror type) {
    switch (type.getKind()) {
      case ERROR:
        return true;
      case DECLARED:
        return ((javax.lang.model.type.DeclaredType) type)
            .getTypeArguments().stream().anyMatch(Javac::mentionsError);
      case ARRAY:
        return mentionsError(((javax.lang.model.type.ArrayType) type).getComponentType());
      case WILDCARD:
        {
          javax.lang.model.type.WildcardType w = (javax.lang.model.type.WildcardType) type;
          return (w.getExtendsBound() != null && mentionsError(w.getExtendsBound()))
              || (w.getSuperBound() != null && mentionsError(w.getSuperBound()));
        }
      case INTERSECTION:
        return ((javax.lang.model.type.IntersectionType) type)
            .getBounds().stream().anyMatch(Javac::mentionsError);
      case EXECUTABLE:
        {
          javax.lang.model.type.ExecutableType e = (javax.lang.model.type.ExecutableType) type;
          // a type variable's bound may name the variable itself: look at each bound once
          return e.getTypeVariables().stream().anyMatch(v -> mentionsError(v.getUpperBound()))
              || mentionsError(e.getReturnType())
              || e.getParameterTypes().stream().anyMatch(Javac::mentionsError)
              || e.getThrownTypes().stream().anyMatch(Javac::mentionsError);
        }
      default:
        return false;
    }
  }

  /**
   * The words of {@code source} that name a java.lang type and also a type of {@code owner}'s
   * package: code generated in that package must write those java.lang types qualified, as a simple
   * name there means the package's type. (Only such words are looked up in the package: listing it
   * would make javac compile every source file of it that it finds.)
   */
  public Set<String> javaLangNamesShadowedIn(TypeElement owner, String source) {
    String pkg = elements.getPackageOf(owner).getQualifiedName().toString();
    Set<String> out = new java.util.TreeSet<>();
    java.util.regex.Matcher words =
        java.util.regex.Pattern.compile("\\b[A-Z][A-Za-z0-9_]*\\b").matcher(source);
    Set<String> seen = new java.util.HashSet<>();
    while (words.find()) {
      String word = words.group();
      if (seen.add(word)
          && elements.getTypeElement("java.lang." + word) != null
          && elements.getTypeElement(pkg.isEmpty() ? word : pkg + "." + word) != null) {
        out.add(word);
      }
    }
    return out;
  }

  /**
   * The simple names the code at {@code path} uses: identifiers, selected members and the members
   * of method references.
   */
  public static Set<String> namesUsed(TreePath path) {
    Set<String> out = new LinkedHashSet<>();
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        out.add(node.getName().toString());
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        out.add(node.getIdentifier().toString());
        return super.visitMemberSelect(node, unused);
      }

      @Override
      public Void visitMemberReference(com.sun.source.tree.MemberReferenceTree node, Void unused) {
        out.add(node.getName().toString());
        return super.visitMemberReference(node, unused);
      }
    }.scan(path.getLeaf(), null);
    return out;
  }

  /**
   * The {@code var} locals in the class at {@code classPath} whose value is an anonymous class
   * ({@code var counter = new Object() { int left; };}). Attributing the class while processing
   * annotations leaves javac a type for each that names the anonymous class, which no longer exists
   * when javac compiles the class after the last round. Read from the source text, which says
   * {@code var} before and after attribution.
   */
  public List<TreePath> varsOfAnonymousClass(TreePath classPath) {
    CompilationUnitTree unit = classPath.getCompilationUnit();
    CharSequence text;
    try {
      text = unit.getSourceFile().getCharContent(true);
    } catch (java.io.IOException e) {
      return List.of();
    }
    com.sun.source.util.SourcePositions positions = trees.getSourcePositions();
    List<TreePath> out = new java.util.ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(com.sun.source.tree.VariableTree node, Void unused) {
        Tree init = node.getInitializer();
        while (init instanceof com.sun.source.tree.ParenthesizedTree p) {
          init = p.getExpression();
        }
        if (init instanceof com.sun.source.tree.NewClassTree n && n.getClassBody() != null) {
          long start = positions.getStartPosition(unit, node);
          long end = positions.getStartPosition(unit, node.getInitializer());
          if (start >= 0 && end > start && end <= text.length()) {
            String declared = text.subSequence((int) start, (int) end).toString();
            if (java.util.regex.Pattern.compile("(^|\\s)var\\s+" + node.getName() + "\\s*=\\s*$")
                .matcher(declared)
                .find()) {
              out.add(getCurrentPath());
            }
          }
        }
        return super.visitVariable(node, unused);
      }
    }.scan(classPath, null);
    return out;
  }

  /** What an {@code @Async} method is, by its declared return type; null if none of them. */
  public MethodKind kindOf(TypeMirror returnType) {
    if (!(returnType instanceof javax.lang.model.type.DeclaredType d)
        || !(d.asElement() instanceof TypeElement te)) {
      return null;
    }
    switch (te.getQualifiedName().toString()) {
      case COROUTINE:
        return MethodKind.COROUTINE;
      case "dev.jasyncio.AsyncGenerator":
      case "dev.jasyncio.AsyncIterator":
      case "dev.jasyncio.AsyncIterable":
        return MethodKind.GENERATOR;
      case "dev.jasyncio.AsyncContextManager":
        return MethodKind.CONTEXT_MANAGER;
      default:
        return null;
    }
  }

  /** Whether {@code e} is the method {@code Asyncio.<name>}. */
  public static boolean isAsyncioMethod(Element e, String name) {
    return e instanceof ExecutableElement
        && e.getSimpleName().contentEquals(name)
        && e.getEnclosingElement() instanceof TypeElement t
        && t.getQualifiedName().contentEquals(ASYNCIO);
  }

  /** Whether {@code e} is a method annotated {@code @Async}. */
  public static boolean isAsyncMethod(Element e) {
    if (!(e instanceof ExecutableElement) || e.getKind() != ElementKind.METHOD) {
      return false;
    }
    for (var a : e.getAnnotationMirrors()) {
      if (a.getAnnotationType().asElement() instanceof TypeElement t
          && t.getQualifiedName().contentEquals(ASYNC)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code type} is {@code Coroutine<...>} (or a subtype of it). */
  public boolean isCoroutine(TypeMirror type) {
    if (type == null || type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    TypeElement coroutine = elements.getTypeElement(COROUTINE);
    return coroutine != null
        && types.isAssignable(types.erasure(type), types.erasure(coroutine.asType()));
  }

  /**
   * Whether the user's code under {@code path} has errors: an expression of erroneous type that is
   * not explained by a class in {@code pending} (classes being generated, which do not exist yet).
   */
  public boolean hasErrors(TreePath path, java.util.Map<String, ?> pending) {
    boolean[] found = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (found[0] || tree == null) {
          return null;
        }
        if (tree instanceof com.sun.source.tree.ExpressionTree) {
          TypeMirror t = trees.getTypeMirror(new TreePath(getCurrentPath(), tree));
          if (t != null
              && t.getKind() == TypeKind.ERROR
              && !mentions(statementOf(new TreePath(getCurrentPath(), tree)), pending)) {
            found[0] = true;
            return null;
          }
        }
        return super.scan(tree, unused);
      }
    }.scan(path, null);
    return found[0];
  }

  /**
   * Whether the code under {@code path} names a class that does not exist: an unresolved name used
   * as a type ({@code Foo x}, {@code new Foo()}, a cast, a type argument) or as the qualifier of a
   * member ({@code Foo.bar()}, for a name in upper camel case). Another annotation processor may
   * generate such a class in this round; a misspelt method or variable is an error no later round
   * can mend. The classes in {@code pending}, which this processor generates, do not count.
   */
  public boolean namesMissingClass(TreePath path, java.util.Map<String, ?> pending) {
    boolean[] found = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(com.sun.source.tree.IdentifierTree node, Void unused) {
        TypeMirror t = trees.getTypeMirror(getCurrentPath());
        if (t != null
            && t.getKind() == TypeKind.ERROR
            && !pending.containsKey(node.getName().toString())
            && classPosition(getCurrentPath())) {
          found[0] = true;
        }
        return null;
      }
    }.scan(path, null);
    return found[0];
  }

  /**
   * A local variable under {@code path} declared with {@code var} from an expression that names a
   * class in {@code pending}, or null. javac gives it no type while that class does not exist, and
   * the error spreads to every statement that uses the variable.
   */
  public TreePath untypedLocal(TreePath path, java.util.Map<String, ?> pending) {
    TreePath[] found = new TreePath[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(com.sun.source.tree.VariableTree node, Void unused) {
        Element local = found[0] == null ? trees.getElement(getCurrentPath()) : null;
        Tree parent = getCurrentPath().getParentPath().getLeaf();
        Tree source =
            node.getInitializer() != null
                ? node.getInitializer()
                : parent instanceof com.sun.source.tree.EnhancedForLoopTree loop
                    ? loop.getExpression()
                    : null;
        if (local != null
            && local.asType().getKind() == TypeKind.ERROR
            && source != null
            && mentions(source, pending)) {
          found[0] = getCurrentPath();
        }
        return super.visitVariable(node, unused);
      }
    }.scan(path, null);
    return found[0];
  }

  /** Whether the name at {@code path} stands where only a type (or a qualifier) can. */
  private static boolean classPosition(TreePath path) {
    Tree leaf = path.getLeaf();
    Tree parent = path.getParentPath().getLeaf();
    return switch (parent.getKind()) {
      // Foo.bar() rather than a misspelt variable's foo.bar(): class names start in upper case
      case MEMBER_SELECT ->
          ((MemberSelectTree) parent).getExpression() == leaf
              && Character.isUpperCase(((IdentifierTree) leaf).getName().charAt(0));
      case VARIABLE -> ((com.sun.source.tree.VariableTree) parent).getType() == leaf;
      case NEW_CLASS -> ((com.sun.source.tree.NewClassTree) parent).getIdentifier() == leaf;
      case TYPE_CAST -> ((com.sun.source.tree.TypeCastTree) parent).getType() == leaf;
      case INSTANCE_OF, PARAMETERIZED_TYPE, ARRAY_TYPE, NEW_ARRAY, UNION_TYPE -> true;
      default -> false;
    };
  }

  /**
   * The statement {@code path} is part of: an error spreads from a name to the expressions around
   * it (a call whose argument's type is unknown has no type either), so a missing class explains
   * every error in its statement.
   */
  private static Tree statementOf(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof com.sun.source.tree.StatementTree) {
        return p.getLeaf();
      }
    }
    return path.getLeaf();
  }

  /** Whether {@code tree} names one of {@code names}. */
  static boolean mentions(Tree tree, java.util.Map<String, ?> names) {
    if (names.isEmpty()) {
      return false;
    }
    boolean[] found = new boolean[1];
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(com.sun.source.tree.IdentifierTree node, Void unused) {
        found[0] |= names.containsKey(node.getName().toString());
        return null;
      }

      @Override
      public Void visitMemberSelect(com.sun.source.tree.MemberSelectTree node, Void unused) {
        found[0] |= names.containsKey(node.getIdentifier().toString());
        return super.visitMemberSelect(node, unused);
      }
    }.scan(tree, null);
    return found[0];
  }

  /**
   * The classes named like jasyncio's generated ones ({@code Async_...}) that {@code unit} mentions
   * and that do not exist yet: they are generated later in this compilation.
   *
   * <p>Attributing code that names them before they exist can leave javac with a wrong idea of that
   * code for the rest of the compilation (javac 25 then fails to infer the type arguments of a call
   * like {@code await(toList(new Async_Counter()))}), so the processors wait for them where they
   * can.
   */
  public Set<String> missingGeneratedNames(CompilationUnitTree unit) {
    String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
    Map<String, String> imported = new HashMap<>();
    for (com.sun.source.tree.ImportTree i : unit.getImports()) {
      if (!i.isStatic() && i.getQualifiedIdentifier() instanceof MemberSelectTree m) {
        imported.put(m.getIdentifier().toString(), m.toString());
      }
    }
    Set<String> out = new LinkedHashSet<>();
    new com.sun.source.util.TreeScanner<Void, Void>() {
      private void check(CharSequence name) {
        String simple = name.toString();
        if (!simple.startsWith("Async_") || out.contains(simple)) {
          return;
        }
        String qualified =
            imported.getOrDefault(simple, pkg.isEmpty() ? simple : pkg + "." + simple);
        if (elements.getTypeElement(qualified) == null) {
          out.add(simple);
        }
      }

      @Override
      public Void visitIdentifier(com.sun.source.tree.IdentifierTree node, Void unused) {
        check(node.getName());
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        check(node.getIdentifier());
        return super.visitMemberSelect(node, unused);
      }

      @Override
      public Void visitImport(com.sun.source.tree.ImportTree node, Void unused) {
        return null;
      }
    }.scan(unit, null);
    return out;
  }

  /**
   * The lambdas under {@code classPath} with inferred parameter types ({@code p -> ...}) whose call
   * names one of {@code missing}, classes generated later in this compilation, with that name.
   *
   * <p>Attributing such a call before the class exists fails to resolve the method, and javac then
   * attributes the lambda for error recovery, which fills in erroneous types for its parameters in
   * the tree itself. The tree outlives the round, and the final compilation crashes on the lambda
   * ({@code AssertionError: Incorrect number of arguments} in {@code TransTypes}, javac 17 and 25).
   * Explicitly typed lambdas, method references and anonymous classes are not affected.
   */
  public Map<TreePath, String> lambdasNamingMissing(TreePath classPath, Set<String> missing) {
    Map<TreePath, String> out = new LinkedHashMap<>();
    if (missing.isEmpty()) {
      return out;
    }
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        boolean inferred = false;
        for (com.sun.source.tree.VariableTree p : node.getParameters()) {
          inferred |= p.getType() == null;
        }
        if (inferred) {
          String name = firstMentioned(callOf(getCurrentPath()), node, missing);
          if (name != null) {
            out.put(getCurrentPath(), name);
          }
        }
        return super.visitLambdaExpression(node, unused);
      }
    }.scan(classPath, null);
    return out;
  }

  /**
   * The outermost expression whose method resolution decides the target type of the lambda at
   * {@code path}: up through the calls and instance creations it is an argument of (directly, in
   * parentheses, a conditional or a lambda body).
   */
  private static Tree callOf(TreePath path) {
    TreePath p = path;
    while (p.getParentPath() != null) {
      Tree child = p.getLeaf();
      Tree parent = p.getParentPath().getLeaf();
      boolean through =
          switch (parent.getKind()) {
            case METHOD_INVOCATION ->
                ((MethodInvocationTree) parent).getArguments().contains(child);
            case NEW_CLASS ->
                ((com.sun.source.tree.NewClassTree) parent).getArguments().contains(child);
            case PARENTHESIZED, LAMBDA_EXPRESSION -> true;
            case CONDITIONAL_EXPRESSION ->
                ((com.sun.source.tree.ConditionalExpressionTree) parent).getCondition() != child;
            default -> false;
          };
      if (!through) {
        break;
      }
      p = p.getParentPath();
    }
    return p.getLeaf();
  }

  /** The first of {@code names} that {@code tree} names, or null. */
  public static String firstMentioned(Tree tree, Set<String> names) {
    return firstMentioned(tree, null, names);
  }

  /** The first of {@code names} that {@code tree} names outside {@code skip}, or null. */
  private static String firstMentioned(Tree tree, Tree skip, Set<String> names) {
    String[] found = new String[1];
    new com.sun.source.util.TreeScanner<Void, Void>() {
      private void check(CharSequence name) {
        if (found[0] == null && names.contains(name.toString())) {
          found[0] = name.toString();
        }
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        return node == skip ? null : super.visitLambdaExpression(node, unused);
      }

      @Override
      public Void visitIdentifier(com.sun.source.tree.IdentifierTree node, Void unused) {
        check(node.getName());
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        check(node.getIdentifier());
        return super.visitMemberSelect(node, unused);
      }
    }.scan(tree, null);
    return found[0];
  }

  /** Whether {@code type} was written by jasyncio's processor (its {@code @Generated} says so). */
  public static boolean isGeneratedByJasyncio(TypeElement type) {
    for (var a : type.getAnnotationMirrors()) {
      if (a.getAnnotationType().toString().equals("javax.annotation.processing.Generated")
          && a.getElementValues()
              .values()
              .toString()
              .contains("dev.jasyncio.processor.AsyncProcessor")) {
        return true;
      }
    }
    return false;
  }

  /** The line of {@code tree} in its file, counting from 1. */
  public long line(CompilationUnitTree unit, Tree tree) {
    long pos = trees.getSourcePositions().getStartPosition(unit, tree);
    return unit.getLineMap().getLineNumber(pos);
  }
}
