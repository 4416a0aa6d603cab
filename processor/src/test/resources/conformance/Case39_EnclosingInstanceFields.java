package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.util.ArrayList;
import java.util.List;

/**
 * Fields of the enclosing instance read and written around awaits: unqualified and through this,
 * inherited fields, static fields, fields of other instances, and this passed along. (Assigning
 * {@code this.f} from an await is in Case39_ThisFieldAssignedFromAwait.)
 */
public abstract class Case39_EnclosingInstanceFields extends ConformanceCase {
  static int created;
  int counter;
  String name = "case";
  final List<String> items = new ArrayList<>();
  Case39_EnclosingInstanceFields peer = this;

  String describe(Case39_EnclosingInstanceFields c) {
    return c.name + "#" + c.counter;
  }

  @Async
  Coroutine<Integer> bump() {
    counter += await(v(1));
    counter *= await(v(2));
    return done(counter);
  }

  @Async
  public Coroutine<Object> body() {
    created++;
    int before = counter;
    trace("bumped " + await(bump()) + " from " + before);
    name = await(v("renamed"));
    items.add(name);
    this.items.add(await(v("second")));
    peer.counter = await(v(40)) + peer.counter;
    trace(describe(this) + " " + items);
    trace("inherited trace size " + this.trace.size() + " " + (mode != null));
    Runnable r = () -> counter++;
    await(v(null));
    r.run();
    created += await(v(0));
    return done(counter + " " + (created > 0));
  }
}
