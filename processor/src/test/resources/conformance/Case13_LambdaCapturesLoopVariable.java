package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * TRANSFORM_NOTES case 13: a lambda captures loop-body variables whose values span an await; each
 * lambda sees its own iteration's values, after the loop has moved on.
 */
public abstract class Case13_LambdaCapturesLoopVariable extends ConformanceCase {
  @Async
  public Coroutine<Object> body() {
    List<String> keys = List.of("a", "b", "c");
    List<Supplier<String>> tasks = new ArrayList<>();
    for (String k : keys) {
      String v = await(v("get " + k, k.toUpperCase()));
      tasks.add(() -> k + "=" + v);
    }
    for (int i = 0; i < 3; i++) {
      int j = i;
      int squared = await(v(i * i));
      tasks.add(() -> j + "^2=" + squared);
    }
    int n = 0;
    while (n < 2) {
      final int before = n;
      n = await(v(n + 1));
      int after = n;
      Runnable r = () -> trace("run " + before + "->" + after);
      r.run();
      tasks.add(() -> "later " + before + "->" + after);
    }
    for (Supplier<String> t : tasks) {
      trace(t.get());
    }
    return done(tasks.size());
  }
}
