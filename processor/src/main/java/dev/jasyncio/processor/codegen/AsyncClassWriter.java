package dev.jasyncio.processor.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.jasyncio.processor.lower.ClassLowering;
import dev.jasyncio.processor.model.AsyncClass;
import dev.jasyncio.processor.model.AsyncMethod;
import dev.jasyncio.processor.model.Case;
import dev.jasyncio.processor.model.Facade;
import dev.jasyncio.processor.model.Handler;
import dev.jasyncio.processor.model.MachineNames;
import dev.jasyncio.processor.model.MethodKind;
import dev.jasyncio.processor.model.Parameter;
import dev.jasyncio.processor.model.Signature;
import dev.jasyncio.processor.model.Slot;
import dev.jasyncio.processor.model.StateMachine;
import dev.jasyncio.processor.model.Suspension;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/** Writes the generated class for one user type. */
public final class AsyncClassWriter {
  private AsyncClassWriter() {}

  /**
   * The complete source of {@code cls}.
   *
   * @param alsoQualify simple names the class must write qualified, besides those the user's code
   *     gives another meaning (types of the user's package that share a name with a java.lang type)
   */
  public static String write(AsyncClass cls, Set<String> alsoQualify) {
    Set<String> qualify = new LinkedHashSet<>(alsoQualify);
    for (java.util.Map.Entry<String, Set<String>> e : cls.typeNamesInUse().entrySet()) {
      if (e.getValue().stream().anyMatch(q -> q.startsWith("!"))) {
        qualify.add(e.getKey());
      }
    }
    for (int attempt = 0; ; attempt++) {
      JavaFile file = javaFile(cls, qualify);
      Set<String> conflicts = conflicts(file.toString(), cls.typeNamesInUse());
      if (conflicts.isEmpty() || qualify.containsAll(conflicts) || attempt == 3) {
        return withLocalClasses(withImports(file.toString(), cls.imports()), cls);
      }
      qualify.addAll(conflicts);
    }
  }

  /**
   * The complete source of {@code facade}: the class users call, each method returning what the
   * same method of the machines class returns.
   *
   * @param qualify simple names the facade must write qualified (types of the user's package that
   *     share a name with a java.lang type)
   */
  public static String write(Facade facade, Set<String> qualify) {
    String ownerName = facade.owner().getSimpleName().toString();
    TypeSpec.Builder type =
        TypeSpec.classBuilder(facade.name())
            .addOriginatingElement(facade.owner())
            .addAnnotation(
                AnnotationSpec.builder(RuntimeNames.GENERATED)
                    .addMember("value", "$S", RuntimeNames.PROCESSOR)
                    .addMember("comments", "$S", "from " + facade.sourceFile())
                    .build())
            .addTypeVariables(facade.typeVariables());
    type.alwaysQualify(qualify.toArray(new String[0]));
    if (facade.isPublic()) {
      type.addModifiers(Modifier.PUBLIC);
    }
    switch (facade.kind()) {
      case SUBCLASS -> {
        type.superclass(facade.superType());
        type.addJavadoc(
            "The coroutines of {@link $L}: each {@code @Async} method returns a state machine"
                + " generated from its body, in {@link $T}.\n",
            ownerName,
            facade.machines());
        for (Signature c : facade.constructors()) {
          type.addMethod(constructor(c));
        }
      }
      case IMPLEMENTATION -> {
        type.addSuperinterface(facade.superType());
        type.addJavadoc(
            "The coroutines of {@link $L}: each {@code @Async} default method returns a state"
                + " machine generated from its body, in {@link $T}.\n",
            ownerName,
            facade.machines());
      }
      case HOLDER -> {
        type.addModifiers(Modifier.FINAL);
        type.addJavadoc(
            "The coroutines of {@link $L}'s static {@code @Async} methods, whose state machines"
                + " are in {@link $T}.\n",
            ownerName,
            facade.machines());
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
      }
    }
    if (facade.isAbstract()) {
      type.addModifiers(Modifier.ABSTRACT);
    }
    for (Facade.Method m : facade.methods()) {
      Signature s = m.signature();
      MethodSpec.Builder b =
          MethodSpec.methodBuilder(s.name())
              .addModifiers(s.modifiers())
              .addTypeVariables(s.typeVariables())
              .returns(s.returnType())
              .addExceptions(s.exceptions())
              .addJavadoc(entryPointJavadoc(m.kind()), m.method());
      List<String> args = new ArrayList<>();
      if (!s.modifiers().contains(Modifier.STATIC)) {
        b.addAnnotation(Override.class);
        args.add("this");
      }
      for (Parameter p : s.parameters()) {
        b.addParameter(ParameterSpec.builder(p.type(), p.name()).build());
        args.add(p.name());
        if (p.varargs()) {
          b.varargs(true);
        }
      }
      b.addStatement("return $T.$N($L)", facade.machines(), s.name(), String.join(", ", args));
      type.addMethod(b.build());
    }
    for (Signature s : facade.superBridges()) {
      type.addMethod(bridge(s, ClassLowering.superBridgeName(s.name()), "super."));
    }
    for (Signature s : facade.protectedBridges()) {
      type.addMethod(bridge(s, ClassLowering.protectedBridgeName(s.name()), ""));
    }
    for (Signature s : facade.fieldBridges()) {
      type.addMethod(
          MethodSpec.methodBuilder(ClassLowering.protectedFieldBridgeName(s.name()))
              .addModifiers(s.modifiers())
              .returns(s.returnType())
              .addJavadoc("Reads {@code $L}, for the state machines.\n", s.name())
              .addStatement("return $N", s.name())
              .build());
    }
    return JavaFile.builder(facade.name().packageName(), type.build())
        .addFileComment("Generated by jasyncio from $L. Do not edit.", facade.sourceFile())
        .skipJavaLangImports(true)
        .indent("  ")
        .build()
        .toString();
  }

  /**
   * A method of the facade that calls {@code s} for the state machines, which cannot: {@code
   * super.m(...)} (with {@code receiver} "super.") or a protected method of another package.
   */
  private static MethodSpec bridge(Signature s, String name, String receiver) {
    MethodSpec.Builder b =
        MethodSpec.methodBuilder(name)
            .addModifiers(s.modifiers())
            .addTypeVariables(s.typeVariables())
            .returns(s.returnType())
            .addExceptions(s.exceptions())
            .addJavadoc("{@code $L$L}, for the state machines.\n", receiver, s.name());
    List<String> args = new ArrayList<>();
    for (Parameter p : s.parameters()) {
      b.addParameter(ParameterSpec.builder(p.type(), p.name()).build());
      args.add(p.name());
      if (p.varargs()) {
        b.varargs(true);
      }
    }
    return b.addStatement(
            "$L$L$N($L)",
            s.returnType().equals(TypeName.VOID) ? "" : "return ",
            receiver,
            s.name(),
            String.join(", ", args))
        .build();
  }

  /** The Javadoc of the method users call, for {@code $L} the user's method. */
  private static String entryPointJavadoc(MethodKind kind) {
    return switch (kind) {
      case COROUTINE ->
          "Returns the coroutine of {@code $L}; nothing of its body runs until it is awaited.\n";
      case GENERATOR ->
          "Returns the async generator of {@code $L}; nothing of its body runs until its first"
              + " item is awaited.\n";
      case CONTEXT_MANAGER ->
          "Returns the async context manager of {@code $L}: its body runs up to the emit when"
              + " the manager is entered, and on from there when it is exited.\n";
    };
  }

  /** The placeholder field that marks where a machine's local class goes. */
  private static String localClassPlaceholder(StateMachine sm, int index) {
    return "localClass" + index + "Of" + sm.className();
  }

  /**
   * Puts the source of each moved local class where its placeholder field is: JavaPoet writes
   * members from specs, and a class copied from the user's code is text.
   */
  static String withLocalClasses(String source, AsyncClass cls) {
    for (AsyncMethod m : cls.methods()) {
      StateMachine sm = m.machine();
      if (sm == null) {
        continue;
      }
      for (int i = 0; i < sm.localClasses().size(); i++) {
        String marker = "private int " + localClassPlaceholder(sm, i) + ";";
        int at = source.indexOf(marker);
        int lineStart = source.lastIndexOf('\n', at) + 1;
        String indent = source.substring(lineStart, at);
        StringBuilder text = new StringBuilder();
        for (String line : sm.localClasses().get(i).split("\n", -1)) {
          text.append(line.isEmpty() ? "" : indent + line).append('\n');
        }
        source =
            source.substring(0, lineStart)
                + text.toString().stripTrailing()
                + source.substring(at + marker.length());
      }
    }
    return source;
  }

  /**
   * Simple names that the generated imports would give another meaning than the user's code gives
   * them.
   */
  static Set<String> conflicts(String source, java.util.Map<String, Set<String>> inUse) {
    Set<String> out = new LinkedHashSet<>();
    for (String line : source.split("\n")) {
      if (line.startsWith("import ") && !line.startsWith("import static ")) {
        String qualified = line.substring("import ".length(), line.length() - 1).trim();
        String simple = qualified.substring(qualified.lastIndexOf('.') + 1);
        Set<String> meanings = inUse.get(simple);
        if (meanings != null && !(meanings.size() == 1 && meanings.contains(qualified))) {
          out.add(simple);
        }
      }
    }
    return out;
  }

  private static JavaFile javaFile(AsyncClass cls, Set<String> qualify) {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(cls.name())
            .addOriginatingElement(cls.owner())
            .addAnnotation(
                AnnotationSpec.builder(RuntimeNames.GENERATED)
                    .addMember("value", "$S", RuntimeNames.PROCESSOR)
                    .addMember("comments", "$S", "from " + cls.sourceFile())
                    .build());
    type.alwaysQualify(qualify.toArray(new String[0]));
    String ownerName = cls.owner().getSimpleName().toString();
    if (cls.facade() != null) {
      // The machines of a facade: static classes, reached through its methods.
      type.addModifiers(Modifier.FINAL);
      type.addJavadoc(
          "The state machines of {@link $L}'s {@code @Async} methods, whose coroutines users get"
              + " from {@link $T}.\n",
          ownerName,
          cls.facade());
      type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    } else {
      type.addTypeVariables(cls.typeVariables());
      if (cls.isPublic()) {
        type.addModifiers(Modifier.PUBLIC);
      }
    }
    switch (cls.facade() != null ? AsyncClass.Kind.HOLDER : cls.kind()) {
      case SUBCLASS -> {
        type.superclass(cls.superType());
        type.addJavadoc(
            "The coroutines of {@link $L}: each {@code @Async} method returns a state machine"
                + " generated from its body.\n",
            ownerName);
        if (cls.isAbstract()) {
          type.addModifiers(Modifier.ABSTRACT);
        }
        for (Signature c : cls.constructors()) {
          type.addMethod(constructor(c));
        }
      }
      case IMPLEMENTATION -> {
        type.addSuperinterface(cls.superType());
        type.addJavadoc(
            "The coroutines of {@link $L}: each {@code @Async} default method returns a state"
                + " machine generated from its body.\n",
            ownerName);
        if (cls.isAbstract()) {
          type.addModifiers(Modifier.ABSTRACT);
        }
      }
      case HOLDER -> {
        if (cls.facade() == null) {
          type.addModifiers(Modifier.FINAL);
          type.addJavadoc(
              "The coroutines of {@link $L}'s static {@code @Async} methods.\n", ownerName);
          type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        }
      }
    }
    for (AsyncMethod m : cls.methods()) {
      type.addMethod(entryPoint(cls, m));
      if (m.machine() != null) {
        type.addType(machine(cls, m));
      }
    }
    return JavaFile.builder(cls.name().packageName(), type.build())
        .addFileComment("Generated by jasyncio from $L. Do not edit.", cls.sourceFile())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  /**
   * Adds the user's imports to JavaPoet's, so that code copied from the user's file resolves the
   * same names; the block is sorted as google-java-format sorts it (static imports first).
   */
  static String withImports(String source, List<String> imports) {
    String[] lines = source.split("\n", -1);
    int first = -1;
    int last = -1;
    Set<String> all = new java.util.TreeSet<>();
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("import ")) {
        first = first < 0 ? i : first;
        last = i;
        all.add(lines[i].trim());
      }
    }
    all.addAll(imports);
    if (all.isEmpty()) {
      return source;
    }
    List<String> statics = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (String i : all) {
      (i.startsWith("import static ") ? statics : others).add(i);
    }
    StringBuilder block = new StringBuilder();
    statics.forEach(i -> block.append(i).append('\n'));
    if (!statics.isEmpty() && !others.isEmpty()) {
      block.append('\n');
    }
    others.forEach(i -> block.append(i).append('\n'));
    List<String> out = new ArrayList<>();
    if (first < 0) {
      for (String line : lines) {
        out.add(line);
        if (line.startsWith("package ")) {
          out.add("");
          out.add(block.toString().stripTrailing());
        }
      }
    } else {
      for (int i = 0; i < lines.length; i++) {
        if (i == first) {
          out.add(block.toString().stripTrailing());
        }
        if (i < first || i > last) {
          out.add(lines[i]);
        }
      }
    }
    return String.join("\n", out);
  }

  private static MethodSpec constructor(Signature c) {
    MethodSpec.Builder b =
        MethodSpec.constructorBuilder()
            .addModifiers(c.modifiers())
            .addTypeVariables(c.typeVariables())
            .addExceptions(c.exceptions());
    List<String> args = new ArrayList<>();
    for (Parameter p : c.parameters()) {
      b.addParameter(ParameterSpec.builder(p.type(), p.name()).build());
      args.add(p.name());
      if (p.varargs()) {
        b.varargs(true);
      }
    }
    return b.addStatement("super($L)", String.join(", ", args)).build();
  }

  /** The method users call: it creates the coroutine (and runs none of its body). */
  private static MethodSpec entryPoint(AsyncClass cls, AsyncMethod m) {
    Signature s = m.signature();
    MethodSpec.Builder b =
        MethodSpec.methodBuilder(s.name())
            .addModifiers(s.modifiers())
            .returns(s.returnType())
            .addExceptions(s.exceptions());
    boolean isStatic = s.modifiers().contains(Modifier.STATIC);
    List<String> args = new ArrayList<>();
    if (!isStatic && cls.facade() != null) {
      // The facade's override passes the user's object.
      b.addModifiers(Modifier.STATIC).addTypeVariables(cls.typeVariables());
      String self = m.machine() != null ? m.machine().names().outerThis() : selfName(s);
      b.addParameter(selfType(cls), self);
      args.add(self);
    } else if (!isStatic && cls.kind() != AsyncClass.Kind.HOLDER) {
      b.addAnnotation(Override.class);
    }
    b.addTypeVariables(s.typeVariables());
    for (Parameter p : s.parameters()) {
      b.addParameter(ParameterSpec.builder(p.type(), p.name()).build());
      args.add(p.name());
      if (p.varargs()) {
        b.varargs(true);
      }
    }
    StateMachine sm = m.machine();
    if (sm == null) {
      b.addStatement(
          "throw new $T($S)",
          IllegalStateException.class,
          s.name() + " was not generated: see the compile error reported for it");
      return b.build();
    }
    String diamond = machineTypeVariables(cls, sm).isEmpty() ? "" : "<>";
    switch (sm.kind()) {
      case COROUTINE -> {
        b.addJavadoc(entryPointJavadoc(sm.kind()), sm.method());
        b.addStatement("return new $N$L($L)", sm.className(), diamond, String.join(", ", args));
      }
      case GENERATOR -> {
        b.addJavadoc(entryPointJavadoc(sm.kind()), sm.method());
        b.addStatement("return new $N$L($L)", sm.className(), diamond, String.join(", ", args));
      }
      case CONTEXT_MANAGER -> {
        b.addJavadoc(entryPointJavadoc(sm.kind()), sm.method());
        b.addStatement(
            "return $T.fromGenerator(new $N$L($L))",
            RuntimeNames.ASYNC_CONTEXT_MANAGER,
            sm.className(),
            diamond,
            String.join(", ", args));
      }
    }
    return b.build();
  }

  /** A name for the facade's object that no parameter of {@code s} has. */
  private static String selfName(Signature s) {
    String name = "self";
    for (int i = 2; ; i++) {
      String candidate = name;
      if (s.parameters().stream().noneMatch(p -> p.name().equals(candidate))) {
        return name;
      }
      name = "self" + i;
    }
  }

  /** The facade's type, as its machines name the user's object. */
  private static TypeName selfType(AsyncClass cls) {
    return cls.typeVariables().isEmpty()
        ? cls.facade()
        : ParameterizedTypeName.get(cls.facade(), cls.typeVariables().toArray(new TypeName[0]));
  }

  /** Whether {@code sm} reaches the user's object through a {@code self} field. */
  private static boolean hasSelf(AsyncClass cls, StateMachine sm) {
    return cls.facade() != null && !sm.isStatic();
  }

  /** The machine's type variables: the method's, after the user's class's when it has a self. */
  private static List<TypeVariableName> machineTypeVariables(AsyncClass cls, StateMachine sm) {
    if (!hasSelf(cls, sm)) {
      return sm.typeVariables();
    }
    List<TypeVariableName> out = new ArrayList<>(cls.typeVariables());
    out.addAll(sm.typeVariables());
    return out;
  }

  private static TypeSpec machine(AsyncClass cls, AsyncMethod m) {
    StateMachine sm = m.machine();
    MachineNames n = sm.names();
    TypeSpec.Builder t =
        TypeSpec.classBuilder(sm.className())
            .addModifiers(Modifier.PRIVATE, Modifier.FINAL)
            .addTypeVariables(machineTypeVariables(cls, sm))
            .superclass(
                ParameterizedTypeName.get(
                    sm.kind() == MethodKind.COROUTINE
                        ? RuntimeNames.GENERATED_COROUTINE
                        : RuntimeNames.ABSTRACT_ASYNC_GENERATOR,
                    sm.resultType().box()))
            .addJavadoc(
                "The state machine of {@code $L}, from $L:$L.\n",
                sm.method(),
                sm.fileName(),
                sm.line());
    if (sm.isStatic() || cls.facade() != null) {
      t.addModifiers(Modifier.STATIC);
    }
    t.addField(
        FieldSpec.builder(TypeName.INT, n.done(), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("-1")
            .build());
    t.addField(
        FieldSpec.builder(stateType(sm), n.state(), Modifier.PRIVATE)
            .addJavadoc(
                "Where the body resumes: a case of {@link #$L}, or $L once finished.\n",
                sm.kind() == MethodKind.COROUTINE ? "resume" : "step",
                n.done())
            .build());
    MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
    if (hasSelf(cls, sm)) {
      t.addField(
          FieldSpec.builder(selfType(cls), n.outerThis(), Modifier.PRIVATE, Modifier.FINAL)
              .addJavadoc("The object whose method this is.\n")
              .build());
      ctor.addParameter(selfType(cls), n.outerThis());
      ctor.addStatement("this.$N = $N", n.outerThis(), n.outerThis());
    }
    for (Slot p : sm.parameters()) {
      t.addField(FieldSpec.builder(p.type(), p.name(), Modifier.PRIVATE).build());
      ctor.addParameter(p.type(), p.name());
      ctor.addStatement("this.$N = $N", p.name(), p.name());
    }
    for (Slot f : sm.fields()) {
      t.addField(
          FieldSpec.builder(f.type(), f.name(), Modifier.PRIVATE)
              .addJavadoc("$L\n", capitalize(f.comment()))
              .build());
    }
    for (int i = 0; i < sm.localClasses().size(); i++) {
      t.addField(TypeName.INT, localClassPlaceholder(sm, i), Modifier.PRIVATE);
    }
    t.addMethod(ctor.build());
    t.addMethod(resume(sm));
    if (sm.kind() == MethodKind.COROUTINE) {
      t.addMethod(finished(sm));
    }
    t.addMethod(describe(sm));
    return t.build();
  }

  /** What tells an await that the machine has ended: its state. */
  private static MethodSpec finished(StateMachine sm) {
    return MethodSpec.methodBuilder("finished")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED)
        .returns(TypeName.BOOLEAN)
        .addStatement("return $N == $N", sm.names().state(), sm.names().done())
        .build();
  }

  /**
   * The narrowest type that holds every state: a byte for all but the largest bodies. Every
   * assignment to the field is a constant, so none needs a cast; a coroutine that awaits an
   * immediate one allocates the callee's fields and little more (the byte shares a word with the
   * runtime's own bookkeeping).
   */
  private static TypeName stateType(StateMachine sm) {
    int max = 0;
    for (Case c : sm.cases()) {
      max = Math.max(max, c.state());
    }
    if (max <= Byte.MAX_VALUE) {
      return TypeName.BYTE;
    }
    return max <= Short.MAX_VALUE ? TypeName.SHORT : TypeName.INT;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
  }

  private static MethodSpec resume(StateMachine sm) {
    MachineNames n = sm.names();
    boolean generator = sm.kind() != MethodKind.COROUTINE;
    if (!generator
        && sm.cases().size() == 1
        && sm.suspensions().isEmpty()
        && sm.handlers().isEmpty()) {
      return resumeMethod(sm, straightBody(sm), "unchecked", "cast");
    }
    CodeBlock.Builder body = CodeBlock.builder();
    body.add(
        "// jumps between states go through this local; the field is set at each await and at the end\n");
    body.addStatement("$T $N = this.$N", stateType(sm), n.state(), n.state());
    if (!generator) {
      // A generator's step is never called once it is done: AbstractAsyncGenerator answers then.
      body.beginControlFlow("if ($N == $N)", n.state(), n.done())
          .addStatement("throw reuseError($N)", n.error())
          .endControlFlow();
    }
    body.add("$N:\n", n.loop());
    body.beginControlFlow("for (;;)");
    body.beginControlFlow("try");
    body.beginControlFlow("if ($N != null)", n.error())
        .add("// resumed with an exception: raise it where the coroutine is suspended\n")
        .addStatement("throw $N", n.error())
        .endControlFlow();
    body.beginControlFlow("switch ($N)", n.state());
    for (Case c : sm.cases()) {
      body.add("case $L: {\n$>", c.state());
      body.add(c.code());
      body.add("$<}\n");
    }
    body.add("default:\n$>")
        .addStatement(
            "throw new $T($S + $N)", IllegalStateException.class, "no such state: ", n.state())
        .add("$<");
    body.endControlFlow();
    body.nextControlFlow("catch ($T $N)", Throwable.class, n.thrown());
    body.addStatement("$N = null", n.error());
    if (sm.handlers().isEmpty()) {
      body.addStatement("this.$N = $N", n.state(), n.done());
      body.addStatement("throw $N", n.thrown());
    } else {
      body.add("// the try table: where an exception thrown in each state goes\n");
      body.beginControlFlow("switch ($N)", n.state());
      for (Handler h : sm.handlers()) {
        for (int state : h.states()) {
          body.add("case $L:\n", state);
        }
        body.add("$>{\n$>").add(h.code()).add("$<}\n$<");
      }
      body.add("default:\n$>")
          .addStatement("this.$N = $N", n.state(), n.done())
          .addStatement("throw $N", n.thrown())
          .add("$<");
      body.endControlFlow();
    }
    body.endControlFlow();
    body.endControlFlow();
    return resumeMethod(sm, body.build(), "unchecked", "fallthrough", "cast");
  }

  /**
   * The body of a coroutine that never awaits: its one case, run once from the start, with neither
   * the state local, the loop nor the switch that jumps between states. It ends as every machine
   * does: resumed again it is a reuse error; resumed first with an exception (cancelled or closed
   * before it started) it throws that without running; whatever it throws leaves it done.
   */
  private static CodeBlock straightBody(StateMachine sm) {
    MachineNames n = sm.names();
    CodeBlock.Builder body = CodeBlock.builder();
    body.add("// no await: the body runs once, from its start to its end, and never resumes\n");
    body.beginControlFlow("if ($N == $N)", n.state(), n.done())
        .addStatement("throw reuseError($N)", n.error())
        .endControlFlow();
    body.beginControlFlow("if ($N != null)", n.error())
        .add("// cancelled or closed before it started\n")
        .addStatement("this.$N = $N", n.state(), n.done())
        .addStatement("throw $N", n.error())
        .endControlFlow();
    body.beginControlFlow("try");
    body.add(sm.cases().get(0).code());
    body.nextControlFlow("catch ($T $N)", Throwable.class, n.thrown());
    body.addStatement("this.$N = $N", n.state(), n.done());
    body.addStatement("throw $N", n.thrown());
    body.endControlFlow();
    return body.build();
  }

  /** {@code resume} (a generator's {@code step}) with {@code body}. */
  private static MethodSpec resumeMethod(StateMachine sm, CodeBlock body, String... suppressed) {
    MachineNames n = sm.names();
    TypeName task =
        ParameterizedTypeName.get(RuntimeNames.TASK, WildcardTypeName.subtypeOf(Object.class));
    List<CodeBlock> warnings = new ArrayList<>();
    for (String warning : suppressed) {
      warnings.add(CodeBlock.of("$S", warning));
    }
    AnnotationSpec.Builder suppress =
        AnnotationSpec.builder(SuppressWarnings.class)
            .addMember("value", "{$L}", CodeBlock.join(warnings, ", "));
    return MethodSpec.methodBuilder(sm.kind() == MethodKind.COROUTINE ? "resume" : "step")
        .addAnnotation(Override.class)
        .addAnnotation(suppress.build())
        .addModifiers(Modifier.PROTECTED)
        .returns(Object.class)
        .addParameter(task, n.task())
        .addParameter(Object.class, n.value())
        .addParameter(Throwable.class, n.error())
        .addException(Throwable.class)
        .addCode(body)
        .build();
  }

  private static MethodSpec describe(StateMachine sm) {
    MachineNames n = sm.names();
    String method = sm.method() + "()";
    CodeBlock.Builder body = CodeBlock.builder().beginControlFlow("switch ($N)", n.state());
    body.add("case $N:\n$>", n.done()).addStatement("return $S", method + " done").add("$<");
    body.add("case 0:\n$>").addStatement("return $S", method + " not started").add("$<");
    for (Suspension s : sm.suspensions()) {
      body.add("case $L:\n$>", s.state())
          .addStatement(
              "return $S", method + " " + s.what() + " at " + sm.fileName() + ":" + s.line())
          .add("$<");
    }
    body.add("default:\n$>")
        .addStatement("return $S + $N", method + " running, state ", n.state())
        .add("$<");
    body.endControlFlow();
    return MethodSpec.methodBuilder("toString")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addCode(body.build())
        .build();
  }
}
