package dev.jasyncio.processor;

import com.google.auto.service.AutoService;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.jasyncio.processor.diag.Message;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The entry point javac calls: finds methods annotated {@code @dev.jasyncio.Async} and checks them.
 * Every failure inside the processor is reported as an {@link Message#INTERNAL_ERROR} with its
 * stack trace, never thrown at javac.
 */
@AutoService(Processor.class)
public final class AsyncProcessor extends AbstractProcessor {
  static final String ASYNC = "dev.jasyncio.Async";
  static final String COROUTINE = "dev.jasyncio.Coroutine";

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(ASYNC);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    TypeElement async = processingEnv.getElementUtils().getTypeElement(ASYNC);
    if (async == null) {
      return false;
    }
    for (Element e : round.getElementsAnnotatedWith(async)) {
      try {
        if (e instanceof ExecutableElement method) {
          checkReturnType(method);
        }
      } catch (RuntimeException | Error t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        report(Message.INTERNAL_ERROR, e, e, trace);
      }
    }
    return false;
  }

  private void checkReturnType(ExecutableElement method) {
    TypeMirror type = method.getReturnType();
    if (type.getKind() == TypeKind.ERROR) {
      return; // javac reports the unknown type itself
    }
    if (type instanceof DeclaredType declared
        && declared.asElement() instanceof TypeElement te
        && te.getQualifiedName().contentEquals(COROUTINE)) {
      return;
    }
    String boxed =
        type.getKind().isPrimitive()
            ? processingEnv
                .getTypeUtils()
                .boxedClass((javax.lang.model.type.PrimitiveType) type)
                .getSimpleName()
                .toString()
            : type.getKind() == TypeKind.VOID ? "Void" : type.toString();
    reportOnReturnType(
        Message.WRONG_RETURN_TYPE, method, method.getSimpleName() + "()", type, boxed);
  }

  /** Reports on the method's return type, so that the error points at the exact line. */
  private void reportOnReturnType(Message message, ExecutableElement method, Object... args) {
    Trees trees = trees();
    if (trees != null) {
      TreePath path = trees.getPath(method);
      if (path != null
          && path.getLeaf() instanceof MethodTree tree
          && tree.getReturnType() != null) {
        trees.printMessage(
            message.kind(), message.format(args), tree.getReturnType(), path.getCompilationUnit());
        return;
      }
    }
    report(message, method, args);
  }

  private Trees trees() {
    try {
      return Trees.instance(processingEnv);
    } catch (IllegalArgumentException notJavac) {
      return null;
    }
  }

  private void report(Message message, Element element, Object... args) {
    processingEnv.getMessager().printMessage(message.kind(), message.format(args), element);
  }
}
