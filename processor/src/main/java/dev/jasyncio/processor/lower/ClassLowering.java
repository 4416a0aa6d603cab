package dev.jasyncio.processor.lower;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import dev.jasyncio.processor.model.AsyncClass;
import dev.jasyncio.processor.model.AsyncMethod;
import dev.jasyncio.processor.model.Parameter;
import dev.jasyncio.processor.model.Signature;
import dev.jasyncio.processor.model.StateMachine;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
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
import javax.lang.model.type.TypeMirror;

/** Builds the {@link AsyncClass} of one user type from its {@code @Async} methods. */
public final class ClassLowering {
  private final Javac javac;
  private final TypeElement owner;
  private final TreePath ownerPath;
  private final Map<ExecutableElement, ClassName> staticAsync;

  public ClassLowering(
      Javac javac,
      TypeElement owner,
      TreePath ownerPath,
      Map<ExecutableElement, ClassName> staticAsync) {
    this.javac = javac;
    this.owner = owner;
    this.ownerPath = ownerPath;
    codeClasses.add(topLevelClass(ownerPath));
    this.staticAsync = staticAsync;
  }

  /** The generated class's name for {@code owner}: Async_Outer_Inner in the same package. */
  public static ClassName generatedName(Javac javac, TypeElement owner) {
    String simple = dev.jasyncio.processor.validate.AsyncMethodValidator.generatedName(owner);
    return ClassName.get(javac.elements.getPackageOf(owner).getQualifiedName().toString(), simple);
  }

  /**
   * The class with the state machines of a class that gets a facade (see {@link
   * dev.jasyncio.processor.model.Facade}): AsyncMachines_Outer_Inner in the same package.
   */
  public static ClassName machinesName(Javac javac, TypeElement owner) {
    ClassName generated = generatedName(javac, owner);
    return generated.peerClass(
        "AsyncMachines_" + generated.simpleName().substring("Async_".length()));
  }

  public AsyncClass.Kind kind(List<ExecutableElement> methods) {
    if (owner.getKind() == ElementKind.INTERFACE) {
      return AsyncClass.Kind.IMPLEMENTATION;
    }
    if (owner.getModifiers().contains(Modifier.ABSTRACT)) {
      return AsyncClass.Kind.SUBCLASS;
    }
    return AsyncClass.Kind.HOLDER;
  }

  /**
   * Other files whose code the generated class copies: those declaring {@code @Async} methods the
   * class inherits.
   */
  private final List<CompilationUnitTree> otherUnits = new ArrayList<>();

  /**
   * The top-level classes whose code the generated class copies: the owner's, and those declaring
   * the {@code @Async} methods it inherits. Only these are attributed this round; another class in
   * the same file may name a generated class that does not exist yet.
   */
  private final List<TreePath> codeClasses = new ArrayList<>();

  /**
   * Adds the file and the top-level class of an inherited {@code @Async} method at {@code path}.
   */
  public void addInherited(TreePath path) {
    CompilationUnitTree unit = path.getCompilationUnit();
    if (unit != ownerPath.getCompilationUnit() && !otherUnits.contains(unit)) {
      otherUnits.add(unit);
    }
    TreePath top = topLevelClass(path);
    if (codeClasses.stream().noneMatch(c -> c.getLeaf() == top.getLeaf())) {
      codeClasses.add(top);
    }
  }

  private static TreePath topLevelClass(TreePath path) {
    TreePath top = path;
    while (top.getParentPath() != null
        && !(top.getParentPath().getLeaf() instanceof CompilationUnitTree)) {
      top = top.getParentPath();
    }
    return top;
  }

  private List<CompilationUnitTree> units() {
    List<CompilationUnitTree> out = new ArrayList<>();
    out.add(ownerPath.getCompilationUnit());
    out.addAll(otherUnits);
    return out;
  }

  /** The names the user's files use, which generated members must not hide. */
  public Set<String> reservedNames() {
    Set<String> out = new HashSet<>();
    for (CompilationUnitTree unit : units()) {
      reservedNames(unit, out);
    }
    for (Element member : javac.elements.getAllMembers(owner)) {
      out.add(member.getSimpleName().toString());
    }
    return out;
  }

  private static void reservedNames(CompilationUnitTree unit, Set<String> out) {
    new TreeScanner<Void, Void>() {
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
      public Void visitVariable(com.sun.source.tree.VariableTree node, Void unused) {
        out.add(node.getName().toString());
        return super.visitVariable(node, unused);
      }

      @Override
      public Void visitMethod(com.sun.source.tree.MethodTree node, Void unused) {
        out.add(node.getName().toString());
        return super.visitMethod(node, unused);
      }

      @Override
      public Void visitClass(com.sun.source.tree.ClassTree node, Void unused) {
        out.add(node.getSimpleName().toString());
        return super.visitClass(node, unused);
      }

      @Override
      public Void visitLabeledStatement(
          com.sun.source.tree.LabeledStatementTree node, Void unused) {
        out.add(node.getLabel().toString());
        return super.visitLabeledStatement(node, unused);
      }
    }.scan(unit, null);
  }

  /**
   * What each simple type name in the user's file means (qualified names), for the writer: a
   * generated import must not change the meaning of a name copied from the user's code.
   */
  public Map<String, Set<String>> typeNamesInUse() {
    Map<String, Set<String>> out = new HashMap<>();
    for (TreePath top : codeClasses) {
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitIdentifier(IdentifierTree node, Void unused) {
          Element e = javac.element(getCurrentPath());
          if (e instanceof TypeElement t) {
            out.computeIfAbsent(node.getName().toString(), k -> new HashSet<>())
                .add(t.getQualifiedName().toString());
          }
          return null;
        }
      }.scan(top, null);
    }
    for (Element member : javac.elements.getAllMembers(owner)) {
      if (member instanceof TypeElement t) {
        out.computeIfAbsent(t.getSimpleName().toString(), k -> new HashSet<>())
            .add(t.getQualifiedName().toString());
      }
    }
    // A name the user gives another meaning than java.lang's: generated code must not write the
    // java.lang type by that simple name.
    for (Map.Entry<String, Set<String>> e : out.entrySet()) {
      String javaLang = "java.lang." + e.getKey();
      if (!e.getValue().contains(javaLang) && javac.elements.getTypeElement(javaLang) != null) {
        e.getValue().add("!" + javaLang);
      }
    }
    return out;
  }

  /** The user's import declarations, as written, from every file whose code is copied. */
  public List<String> imports() {
    List<String> out = new ArrayList<>();
    for (CompilationUnitTree unit : units()) {
      SourceText src = new SourceText(unit, javac.trees.getSourcePositions());
      for (ImportTree i : unit.getImports()) {
        String text = src.text(i).replaceAll("\\s+", " ").trim();
        if (!out.contains(text)) {
          out.add(text);
        }
      }
    }
    return out;
  }

  /**
   * A simple name that two of the copied files import as different types, or null: the generated
   * class cannot import both.
   */
  public String conflictingImport() {
    Map<String, String> byName = new HashMap<>();
    for (String i : imports()) {
      if (i.startsWith("import static ") || i.endsWith(".*;")) {
        continue;
      }
      String qualified = i.substring("import ".length(), i.length() - 1).trim();
      String simple = qualified.substring(qualified.lastIndexOf('.') + 1);
      String before = byName.putIfAbsent(simple, qualified);
      if (before != null && !before.equals(qualified)) {
        return simple + " (" + before + " and " + qualified + ")";
      }
    }
    return null;
  }

  /**
   * The {@code @Async} instance methods {@code owner} inherits from its supertypes without
   * overriding them: their bodies must be compiled into the generated class too, or calls would run
   * them as ordinary code.
   */
  public List<ExecutableElement> inheritedAsyncMethods() {
    List<ExecutableElement> out = new ArrayList<>();
    for (Element e : javac.elements.getAllMembers(owner)) {
      if (e instanceof ExecutableElement m
          && m.getKind() == ElementKind.METHOD
          && !m.getModifiers().contains(Modifier.STATIC)
          && !m.getModifiers().contains(Modifier.PRIVATE)
          && !m.getEnclosingElement().equals(owner)
          && Javac.isAsyncMethod(m)) {
        out.add(m);
      }
    }
    return out;
  }

  public String sourceFile() {
    return new SourceText(ownerPath.getCompilationUnit(), javac.trees.getSourcePositions())
        .fileName();
  }

  public List<TypeVariableName> typeVariables() {
    List<TypeVariableName> out = new ArrayList<>();
    for (TypeParameterElement t : owner.getTypeParameters()) {
      out.add(TypeVariableName.get(t));
    }
    return out;
  }

  public TypeName superType() {
    ClassName raw = ClassName.get(owner);
    if (owner.getTypeParameters().isEmpty()) {
      return raw;
    }
    return ParameterizedTypeName.get(raw, typeVariables().toArray(new TypeName[0]));
  }

  /** The constructors a subclass repeats: every one it can call. */
  public List<Signature> constructors() {
    List<Signature> out = new ArrayList<>();
    for (Element e : owner.getEnclosedElements()) {
      if (e.getKind() == ElementKind.CONSTRUCTOR && !e.getModifiers().contains(Modifier.PRIVATE)) {
        ExecutableElement c = (ExecutableElement) e;
        Set<Modifier> modifiers = EnumSet.noneOf(Modifier.class);
        for (Modifier m : c.getModifiers()) {
          if (m == Modifier.PUBLIC || m == Modifier.PROTECTED) {
            modifiers.add(m);
          }
        }
        out.add(
            new Signature(
                "<init>", modifiers, typeVariablesOf(c), parametersOf(c), null, exceptionsOf(c)));
      }
    }
    return out;
  }

  /** The signature of the generated entry point for {@code method}. */
  public Signature signature(ExecutableElement method) {
    Set<Modifier> modifiers = EnumSet.noneOf(Modifier.class);
    boolean isInterface = method.getEnclosingElement().getKind() == ElementKind.INTERFACE;
    for (Modifier m : method.getModifiers()) {
      if (m == Modifier.PUBLIC || m == Modifier.PROTECTED || m == Modifier.STATIC) {
        modifiers.add(m);
      }
    }
    if (isInterface && !method.getModifiers().contains(Modifier.STATIC)) {
      modifiers.add(Modifier.PUBLIC);
    }
    return new Signature(
        method.getSimpleName().toString(),
        modifiers,
        typeVariablesOf(method),
        parametersOf(method),
        TypeName.get(method.getReturnType()),
        exceptionsOf(method));
  }

  /**
   * Whether abstract methods remain for the generated class (other than the {@code @Async} ones).
   */
  public boolean leavesAbstractMethods(Set<ExecutableElement> async) {
    List<? extends Element> members = javac.elements.getAllMembers(owner);
    for (Element e : members) {
      if (e.getKind() == ElementKind.METHOD
          && e.getModifiers().contains(Modifier.ABSTRACT)
          && !async.contains(e)
          && !implemented((ExecutableElement) e, members)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a concrete method among {@code members} implements the abstract {@code method} (an
   * interface method that a superclass implements is still listed among the members).
   */
  private boolean implemented(ExecutableElement method, List<? extends Element> members) {
    for (Element e : members) {
      if (e instanceof ExecutableElement m
          && m != method
          && !m.getModifiers().contains(Modifier.ABSTRACT)
          && m.getSimpleName().equals(method.getSimpleName())
          && javac.elements.overrides(m, method, owner)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The name of the method of {@code Async_X} through which machines call {@code name}, a protected
   * method inherited from another package, which they cannot reach themselves.
   */
  public static String protectedBridgeName(String name) {
    return "protected$" + name;
  }

  /**
   * The name of the method of {@code Async_X} through which machines read {@code name}, a protected
   * field inherited from another package, which they cannot reach themselves.
   */
  public static String protectedFieldBridgeName(String name) {
    return "protected$get$" + name;
  }

  /**
   * The signature of the bridge that reads {@code field}, a protected field from another package:
   * package-private, static if the field is, named by {@link #protectedFieldBridgeName}, returning
   * the field's type as a member of the owner.
   */
  public Signature protectedFieldBridge(VariableElement field) {
    return new Signature(
        field.getSimpleName().toString(),
        field.getModifiers().contains(Modifier.STATIC)
            ? EnumSet.of(Modifier.STATIC)
            : EnumSet.noneOf(Modifier.class),
        List.of(),
        List.of(),
        TypeName.get(
            javac.types.asMemberOf((javax.lang.model.type.DeclaredType) owner.asType(), field)),
        List.of());
  }

  /** Whether {@code member} is protected in a class of another package than the owner's. */
  public boolean protectedElsewhere(Element member) {
    return member.getModifiers().contains(Modifier.PROTECTED)
        && !javac.elements.getPackageOf(member).equals(javac.elements.getPackageOf(owner));
  }

  /**
   * The signature of the bridge for {@code m}, a protected method from another package:
   * package-private, static if {@code m} is, named by {@link #protectedBridgeName}, with {@code
   * m}'s types as a member of the owner.
   */
  public Signature protectedBridge(ExecutableElement m) {
    return bridge(m, (javax.lang.model.type.DeclaredType) owner.asType());
  }

  /** The name of the method of {@code Async_X} through which machines call {@code super.name}. */
  public static String superBridgeName(String name) {
    return "super$" + name;
  }

  /**
   * The methods {@code super.name(...)} may call from the owner, for each of {@code names}: every
   * instance method of that name its superclass has (and the owner can reach), with its types as a
   * member of the owner's superclass.
   */
  public List<ExecutableElement> superMethods(Set<String> names) {
    List<ExecutableElement> out = new ArrayList<>();
    if (!(owner.getSuperclass() instanceof javax.lang.model.type.DeclaredType site)) {
      return out;
    }
    javax.lang.model.element.PackageElement pkg = javac.elements.getPackageOf(owner);
    for (Element e : javac.elements.getAllMembers((TypeElement) site.asElement())) {
      Set<Modifier> mods = e.getModifiers();
      boolean reachable =
          mods.contains(Modifier.PUBLIC)
              || mods.contains(Modifier.PROTECTED)
              || (!mods.contains(Modifier.PRIVATE) && javac.elements.getPackageOf(e).equals(pkg));
      if (e.getKind() == ElementKind.METHOD
          && names.contains(e.getSimpleName().toString())
          && reachable
          && !mods.contains(Modifier.STATIC)
          && !mods.contains(Modifier.ABSTRACT)) {
        out.add((ExecutableElement) e);
      }
    }
    return out;
  }

  /**
   * The signature of the bridge for {@code super.m(...)}: package-private, named by {@link
   * #superBridgeName}, with {@code m}'s types as a member of the owner's superclass.
   */
  public Signature superBridge(ExecutableElement m) {
    return bridge(m, (javax.lang.model.type.DeclaredType) owner.getSuperclass());
  }

  private Signature bridge(ExecutableElement m, javax.lang.model.type.DeclaredType site) {
    javax.lang.model.type.ExecutableType t =
        (javax.lang.model.type.ExecutableType) javac.types.asMemberOf(site, m);
    List<Parameter> params = new ArrayList<>();
    for (int i = 0; i < m.getParameters().size(); i++) {
      params.add(
          new Parameter(
              m.getParameters().get(i).getSimpleName().toString(),
              TypeName.get(t.getParameterTypes().get(i)),
              m.isVarArgs() && i == m.getParameters().size() - 1));
    }
    List<TypeName> thrown = new ArrayList<>();
    for (TypeMirror x : t.getThrownTypes()) {
      thrown.add(TypeName.get(x));
    }
    return new Signature(
        m.getSimpleName().toString(),
        m.getModifiers().contains(Modifier.STATIC)
            ? EnumSet.of(Modifier.STATIC)
            : EnumSet.noneOf(Modifier.class),
        typeVariablesOf(m),
        params,
        TypeName.get(t.getReturnType()),
        thrown);
  }

  /**
   * Whether the body at {@code path} reaches the protected members of other packages it names only
   * in ways the bridges of {@code Async_X} can stand for: instance members ({@code instanceNames})
   * only on the object itself (without a qualifier, or on {@code this}, {@code Owner.this}, {@code
   * super} or {@code Owner.super}), static ones ({@code staticNames}) without a qualifier or with a
   * name as one (in a method reference too, without type arguments), and fields ({@code
   * fieldNames}) only read, never assigned, incremented or decremented. A class declared in the
   * body has its own members and is not looked at.
   */
  public boolean reachesProtectedThroughBridges(
      TreePath path, Set<String> instanceNames, Set<String> staticNames, Set<String> fieldNames) {
    if (instanceNames.isEmpty() && staticNames.isEmpty()) {
      return true;
    }
    String ownerName = owner.getSimpleName().toString();
    boolean[] elsewhere = new boolean[1];
    new TreeScanner<Void, Void>() {
      private boolean itself(ExpressionTree e) {
        if (e instanceof IdentifierTree id) {
          return id.getName().contentEquals("this") || id.getName().contentEquals("super");
        }
        return e instanceof MemberSelectTree m
            && (m.getIdentifier().contentEquals("this") || m.getIdentifier().contentEquals("super"))
            && m.getExpression() instanceof IdentifierTree q
            && q.getName().contentEquals(ownerName);
      }

      private boolean aName(ExpressionTree e) {
        return e instanceof IdentifierTree
            || (e instanceof MemberSelectTree m && aName(m.getExpression()));
      }

      private boolean field(ExpressionTree target) {
        String name =
            target instanceof IdentifierTree id
                ? id.getName().toString()
                : target instanceof MemberSelectTree m ? m.getIdentifier().toString() : null;
        return name != null && fieldNames.contains(name);
      }

      @Override
      public Void visitClass(com.sun.source.tree.ClassTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        String name = node.getIdentifier().toString();
        elsewhere[0] |= instanceNames.contains(name) && !itself(node.getExpression());
        elsewhere[0] |= staticNames.contains(name) && !aName(node.getExpression());
        return super.visitMemberSelect(node, unused);
      }

      @Override
      public Void visitMemberReference(com.sun.source.tree.MemberReferenceTree node, Void unused) {
        String name = node.getName().toString();
        ExpressionTree qualifier = node.getQualifierExpression();
        elsewhere[0] |=
            node.getTypeArguments() != null
                && (instanceNames.contains(name) || staticNames.contains(name));
        elsewhere[0] |= instanceNames.contains(name) && !itself(qualifier);
        elsewhere[0] |= staticNames.contains(name) && !aName(qualifier);
        return super.visitMemberReference(node, unused);
      }

      @Override
      public Void visitAssignment(com.sun.source.tree.AssignmentTree node, Void unused) {
        elsewhere[0] |= field(node.getVariable());
        return super.visitAssignment(node, unused);
      }

      @Override
      public Void visitCompoundAssignment(
          com.sun.source.tree.CompoundAssignmentTree node, Void unused) {
        elsewhere[0] |= field(node.getVariable());
        return super.visitCompoundAssignment(node, unused);
      }

      @Override
      public Void visitUnary(com.sun.source.tree.UnaryTree node, Void unused) {
        switch (node.getKind()) {
          case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT ->
              elsewhere[0] |= field(node.getExpression());
          default -> {}
        }
        return super.visitUnary(node, unused);
      }
    }.scan(((com.sun.source.tree.MethodTree) path.getLeaf()).getBody(), null);
    return !elsewhere[0];
  }

  /**
   * The names of the methods the body at {@code path} calls on {@code super} (as {@code
   * super.m(...)} or {@code Owner.super.m(...)}); null if it uses {@code super} any other way. A
   * {@code super} inside a class declared in the body is that class's own and is not counted.
   */
  public Set<String> superCalls(TreePath path) {
    return superCalls(path, owner.getSimpleName().toString());
  }

  /** {@link #superCalls(TreePath)} for a method of the class named {@code ownerName}. */
  public static Set<String> superCalls(TreePath path, String ownerName) {
    Set<String> out = new java.util.TreeSet<>();
    boolean[] other = new boolean[1];
    new TreeScanner<Void, Void>() {
      private boolean isSuper(com.sun.source.tree.ExpressionTree e) {
        return (e instanceof IdentifierTree id && id.getName().contentEquals("super"))
            || (e instanceof MemberSelectTree m
                && m.getIdentifier().contentEquals("super")
                && m.getExpression() instanceof IdentifierTree q
                && q.getName().contentEquals(ownerName));
      }

      @Override
      public Void visitClass(com.sun.source.tree.ClassTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitMethodInvocation(
          com.sun.source.tree.MethodInvocationTree node, Void unused) {
        if (node.getMethodSelect() instanceof MemberSelectTree m && isSuper(m.getExpression())) {
          out.add(m.getIdentifier().toString());
          scan(node.getTypeArguments(), null);
          scan(node.getArguments(), null);
          return null;
        }
        return super.visitMethodInvocation(node, unused);
      }

      @Override
      public Void visitMemberReference(com.sun.source.tree.MemberReferenceTree node, Void unused) {
        if (isSuper(node.getQualifierExpression())
            && node.getMode() == com.sun.source.tree.MemberReferenceTree.ReferenceMode.INVOKE
            && node.getTypeArguments() == null) {
          out.add(node.getName().toString()); // super::m
          return null;
        }
        return super.visitMemberReference(node, unused);
      }

      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        other[0] |= node.getName().contentEquals("super");
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        other[0] |= node.getIdentifier().contentEquals("super");
        return super.visitMemberSelect(node, unused);
      }
    }.scan(((com.sun.source.tree.MethodTree) path.getLeaf()).getBody(), null);
    return other[0] ? null : out;
  }

  public AsyncMethod method(ExecutableElement method, StateMachine machine) {
    return new AsyncMethod(signature(method), machine, owner.getKind() == ElementKind.INTERFACE);
  }

  private static List<TypeVariableName> typeVariablesOf(ExecutableElement e) {
    List<TypeVariableName> out = new ArrayList<>();
    for (TypeParameterElement t : e.getTypeParameters()) {
      out.add(TypeVariableName.get(t));
    }
    return out;
  }

  private static List<Parameter> parametersOf(ExecutableElement e) {
    List<Parameter> out = new ArrayList<>();
    List<? extends VariableElement> params = e.getParameters();
    for (int i = 0; i < params.size(); i++) {
      VariableElement p = params.get(i);
      boolean varargs = e.isVarArgs() && i == params.size() - 1;
      out.add(new Parameter(p.getSimpleName().toString(), TypeName.get(p.asType()), varargs));
    }
    return out;
  }

  private static List<TypeName> exceptionsOf(ExecutableElement e) {
    List<TypeName> out = new ArrayList<>();
    for (TypeMirror t : e.getThrownTypes()) {
      out.add(TypeName.get(t));
    }
    return out;
  }

  /** A state machine class name for {@code method}, distinct from every name in use. */
  public static String machineName(ExecutableElement method, Set<String> taken) {
    String base = method.getSimpleName().toString();
    String suffix =
        method.getReturnType() instanceof javax.lang.model.type.DeclaredType d
                && d.asElement().getSimpleName().contentEquals("Coroutine")
            ? "Coroutine"
            : "Generator";
    base = Character.toUpperCase(base.charAt(0)) + base.substring(1) + suffix;
    String name = base;
    for (int i = 2; taken.contains(name); i++) {
      name = base + i;
    }
    taken.add(name);
    return name;
  }
}
