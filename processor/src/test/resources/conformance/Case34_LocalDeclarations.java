package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import java.util.ArrayList;
import java.util.List;

/**
 * Local declarations that live across awaits: var, final, arrays (both bracket styles), several
 * declarators in one statement, declarations without initializer, and locals declared in a loop
 * body that start fresh in each iteration.
 */
public abstract class Case34_LocalDeclarations extends ConformanceCase {
  @Async
  public Coroutine<Object> body() {
    var list = new ArrayList<String>();
    var count = await(v(2));
    final String prefix = await(v("p-"));
    int[] numbers = {1, 2, await(v(3))};
    int legacy[] = new int[await(v(2))];
    String[][] grid = new String[2][];
    grid[1] = new String[] {await(v("cell"))};
    int a = 1, b = await(v(a + 1)), c = a + b;
    long unset;
    unset = await(v(5L));
    char ch = await(v('z'));
    boolean flag = await(v(true));
    float f = await(v(1.5f));
    double dbl = f * await(v(2));
    byte by = (byte) (int) await(v(255));
    short sh = await(v((short) 7));
    list.add(prefix + count);
    list.add(numbers[2] + " " + legacy.length + " " + grid[1][0]);
    list.add(a + " " + b + " " + c + " " + unset + " " + ch + " " + flag);
    list.add(f + " " + dbl + " " + by + " " + sh);
    List<String> fresh = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int uninitialized;
      String perIteration = "";
      if (i % 2 == 0) {
        perIteration += await(v("even" + i));
      }
      uninitialized = await(v(i));
      fresh.add(perIteration + uninitialized);
    }
    list.add(fresh.toString());
    return done(list);
  }
}
