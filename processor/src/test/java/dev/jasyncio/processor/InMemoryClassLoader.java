package dev.jasyncio.processor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Loads the classes of a compile-testing compilation, for tests that run generated code. */
public final class InMemoryClassLoader extends ClassLoader {
  private final Map<String, byte[]> classes = new HashMap<>();

  public InMemoryClassLoader(Iterable<JavaFileObject> files, ClassLoader parent) {
    super(parent);
    for (JavaFileObject f : files) {
      if (f.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = f.toUri().getPath();
      int at = path.indexOf("/CLASS_OUTPUT/");
      String name = (at >= 0 ? path.substring(at + "/CLASS_OUTPUT/".length()) : path);
      name = name.substring(0, name.length() - ".class".length()).replace('/', '.');
      try (InputStream in = f.openInputStream()) {
        classes.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  /** The names of the classes it holds. */
  public java.util.Set<String> names() {
    return classes.keySet();
  }
}
