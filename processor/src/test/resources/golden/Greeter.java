package golden;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.util.function.Supplier;

/** An interface with an @Async default method, a generic method, and a lambda capturing a local. */
public interface Greeter {
  String name();

  @Async
  default Coroutine<String> greet(String greeting) {
    String who = await(lookUp(name()));
    Supplier<String> line = () -> greeting + ", " + who;
    return done(line.get());
  }

  @Async
  default <T> Coroutine<T> echo(T value) {
    await(sleep(0));
    return done(value);
  }

  default Coroutine<String> lookUp(String key) {
    return done(key.toUpperCase());
  }
}
