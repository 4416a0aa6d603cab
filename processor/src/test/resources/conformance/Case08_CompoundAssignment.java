package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * TRANSFORM_NOTES case 8: compound assignments and increments with an await on the right read
 * their target before suspending, and store the converted result after.
 */
public abstract class Case08_CompoundAssignment extends ConformanceCase {
  int total = 1;
  int[] prices = {10, 20, 30};
  int index = 0;
  String label = "L";

  Coroutine<Integer> priceThatChangesTotal() {
    total = 1000;
    label = "changed";
    return v("price", 5);
  }

  static final class Box {
    int n;

    Box(int n) {
      this.n = n;
    }
  }

  Box box = new Box(1);

  /** An awaitable whose creation replaces the box the compound assignment's target names. */
  Coroutine<Integer> replaceBox(int x) {
    box = new Box(100);
    return v("replace box", x);
  }

  int index() {
    trace("index " + index);
    return index++;
  }

  @Async
  public Coroutine<Object> body() {
    total += await(priceThatChangesTotal());
    trace("field " + total);

    int local = 7;
    local *= await(v(6));
    local -= await(v(2)) + local;
    trace("local " + local);

    prices[index()] += await(v("add", 100));
    prices[index()] -= await(v("sub", 1));
    trace("array " + prices[0] + "," + prices[1] + "," + prices[2] + " index " + index);

    label += await(priceThatChangesTotal());
    String s = "s";
    s += await(v(1)) + "x";
    s += await(v('c'));
    trace("strings " + label + " " + s);

    byte b = 100;
    b += await(v(200));
    char c = 'a';
    c += await(v(2));
    short sh = 1;
    sh <<= await(v(15));
    long big = 1L << 40;
    big >>>= await(v(38));
    double d = 1.5;
    d /= await(v(4));
    int bits = 0b1100;
    bits &= await(v(0b1010));
    bits |= await(v(1));
    bits ^= await(v(0b1111));
    int rem = 17;
    rem %= await(v(5));
    trace("narrowing " + b + " " + c + " " + sh + " " + big + " " + d + " " + bits + " " + rem);

    Integer boxed = 5;
    boxed += await(v(1));
    boxed++;
    trace("boxed " + boxed);

    int count = 0;
    int x = count++ + await(v(count)) + ++count + await(v(count--)) + count;
    trace("increments " + x + " count " + count);

    int[] slots = new int[4];
    int i = 0;
    slots[i++] = await(v(i));
    slots[i++] = await(v(i));
    slots[i] = i++ + await(v(i));
    trace("slots " + slots[0] + slots[1] + slots[2] + slots[3] + " i " + i);

    int assigned;
    int chained = assigned = await(v(9)) + 1;
    trace("chained " + chained + " " + assigned);

    int[] counts = new int[3];
    int[] other = new int[2];
    counts[await(v(1))]++;
    counts[await(v(2))] += await(v(5));
    counts[0] = other[1] = await(v(7));
    trace("counts " + counts[0] + counts[1] + counts[2] + " other " + other[1]);

    Box old = box;
    box.n += await(replaceBox(3));
    trace("old box " + old.n + " new box " + box.n);
    return done(total);
  }
}
