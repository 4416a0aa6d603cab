package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.util.ArrayList;
import java.util.List;

/**
 * Local classes, records and enums declared among statements that await: their instances and
 * locals of their types live across the awaits, and a class reads the method's locals.
 */
public abstract class Case44_LocalClassesAcrossAwaits extends ConformanceCase {
  @Async
  public Coroutine<Object> body() {
    int start = await(v("start", 10));
    record Item(String name, int count) {}
    enum Size {
      SMALL,
      LARGE
    }
    class Counter {
      int n = start;

      Item item(String name) {
        trace("item " + name + " at " + n);
        return new Item(name, n++);
      }
    }
    Counter c = new Counter();
    c.n += await(v("bump", 3));
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      items.add(c.item(await(v("name" + i, "n" + i))));
    }
    Size size = items.size() > 1 ? Size.LARGE : Size.SMALL;
    trace(await(v("size", size)));
    class Totals {
      int sum(List<Item> list) {
        int s = 0;
        for (Item it : list) {
          s += it.count();
        }
        return s;
      }
    }
    return done(items + " " + new Totals().sum(items));
  }
}
