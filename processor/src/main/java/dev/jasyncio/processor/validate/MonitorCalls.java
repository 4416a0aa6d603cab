package dev.jasyncio.processor.validate;

import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import dev.jasyncio.processor.diag.Message;
import dev.jasyncio.processor.diag.Reporter;
import dev.jasyncio.processor.lower.Javac;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Finds {@code event.wait()}, {@code cond.notify()} and the like: asyncio's names, but in Java they
 * call {@code java.lang.Object}'s monitor methods, which throw {@code IllegalMonitorStateException}
 * (or block the loop's thread) on a jasyncio object.
 */
final class MonitorCalls {
  private MonitorCalls() {}

  /** The names a class must mention for its calls to be checked. */
  static final java.util.Set<String> NAMES = java.util.Set.of("wait", "notify", "notifyAll");

  /** Reports the call at {@code path} if it is one. */
  static void check(Javac javac, Reporter reporter, TreePath path) {
    MethodInvocationTree call = (MethodInvocationTree) path.getLeaf();
    if (!(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return;
    }
    Element e = javac.element(path);
    if (!(e instanceof ExecutableElement m)
        || !(m.getEnclosingElement() instanceof TypeElement owner)
        || !owner.getQualifiedName().contentEquals("java.lang.Object")
        || !NAMES.contains(m.getSimpleName().toString())) {
      return;
    }
    TypeMirror receiver = javac.type(new TreePath(path, select.getExpression()));
    if (!(receiver instanceof DeclaredType d)
        || !(d.asElement() instanceof TypeElement type)
        || !javac.elements.getPackageOf(type).getQualifiedName().contentEquals("dev.jasyncio")) {
      return;
    }
    String object = select.getExpression().toString();
    String name = m.getSimpleName().toString();
    reporter.at(
        path,
        Message.MONITOR_METHOD,
        object + "." + name + "()",
        name,
        ("AEIOU".indexOf(type.getSimpleName().charAt(0)) >= 0 ? "an " : "a ")
            + type.getSimpleName(),
        fix(type.getSimpleName().toString(), name, object));
  }

  private static String fix(String type, String method, String object) {
    if (method.equals("wait")) {
      return switch (type) {
        case "Event" -> "Write await(" + object + ".waitEvent()) in an @Async method";
        case "Condition" -> "Write await(" + object + ".waitCondition()) in an @Async method";
        case "Barrier" -> "Write await(" + object + ".waitBarrier()) in an @Async method";
        case "Future", "Task" -> "Write await(" + object + ") in an @Async method";
        default -> "Await one of its coroutines in an @Async method";
      };
    }
    if (type.equals("Condition")) {
      return method.equals("notify")
          ? "Call " + object + ".notifyWaiters(1)"
          : "Call " + object + ".notifyAllWaiters()";
    }
    return "Wake its waiters with its own methods, such as set() or release()";
  }
}
