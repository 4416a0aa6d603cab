package dev.jasyncio.processor.generators;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncGenerator;
import dev.jasyncio.CancelledError;
import dev.jasyncio.ContextVar;
import dev.jasyncio.Coroutine;

/**
 * What {@code run()} does on the way out (ASYNCIO_SEMANTICS case 62): cancels the tasks left over,
 * then closes the async generators left unfinished; and what a task's context is.
 */
public abstract class Shutdown extends GeneratorCase {
  public static final ContextVar<String> USER = ContextVar.of("user", "nobody");

  @Async
  public AsyncGenerator<Integer> endless(String name) {
    try {
      for (int i = 0; ; i++) {
        emit(i);
      }
    } finally {
      trace(name + " finally starts");
      await(sleep(1.0));
      trace(name + " finalized");
    }
  }

  @Async
  public Coroutine<Void> leftover() {
    try {
      await(sleep(100.0));
    } catch (CancelledError e) {
      trace("leftover task cancelled");
      throw e;
    }
    return done();
  }

  @Async
  public Coroutine<Object> abandonGenerators() {
    AsyncGenerator<Integer> started = endless("started");
    trace("first item " + await(started.anext()));
    AsyncGenerator<Integer> notStarted = endless("not started");
    createTask(leftover());
    await(sleep(0)); // let the leftover task start
    trace("main returns");
    return done(notStarted.toString());
  }

  @Async
  public Coroutine<String> readUser(String label) {
    trace(label + " sees " + USER.get());
    USER.set("changed by " + label);
    return done(USER.get());
  }

  @Async
  public Coroutine<Object> contextIsCopiedAtTaskCreation() {
    USER.set("alice");
    var task = createTask(readUser("task"));
    USER.set("bob"); // after the task was created: the task keeps its copy
    trace("task returned " + await(task));
    trace("main sees " + USER.get());
    trace("awaited directly returned " + await(readUser("direct")));
    trace("main sees " + USER.get());
    return done(null);
  }
}
