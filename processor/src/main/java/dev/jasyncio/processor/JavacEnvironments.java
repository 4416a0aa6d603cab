package dev.jasyncio.processor;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Finds javac's {@link Trees} behind build tools that wrap the {@link ProcessingEnvironment}:
 * IntelliJ hands processors a {@link Proxy}, Gradle's incremental processing a delegating class.
 * Both keep the original environment in a field, which is all this reads.
 */
final class JavacEnvironments {
  private JavacEnvironments() {}

  /** javac's Trees for {@code env}, or null if no javac environment can be found behind it. */
  static Trees trees(ProcessingEnvironment env) {
    for (int depth = 0; env != null && depth < 8; depth++) {
      try {
        return Trees.instance(env);
      } catch (IllegalArgumentException | IllegalStateException notJavac) {
        env = delegate(env);
      }
    }
    return null;
  }

  /** The environment {@code env} wraps, or null. */
  private static ProcessingEnvironment delegate(ProcessingEnvironment env) {
    Object holder = env;
    if (Proxy.isProxyClass(env.getClass())) {
      InvocationHandler handler = Proxy.getInvocationHandler(env);
      holder = handler;
    }
    for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (ProcessingEnvironment.class.isAssignableFrom(f.getType())
            || f.getType() == Object.class) {
          try {
            f.setAccessible(true);
            Object value = f.get(holder);
            if (value instanceof ProcessingEnvironment inner && inner != env) {
              return inner;
            }
          } catch (ReflectiveOperationException | RuntimeException inaccessible) {
            // try the next field
          }
        }
      }
    }
    return null;
  }
}
