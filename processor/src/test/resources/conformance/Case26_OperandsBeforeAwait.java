package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * Operands to the left of an await are evaluated once, before it suspends, and keep the values
 * they had then: binary operators, arguments in every position, receivers of call chains, array
 * references and indexes, string concatenation.
 */
public abstract class Case26_OperandsBeforeAwait extends ConformanceCase {
  String state = "old";
  int[] numbers = {1, 2, 3};
  StringBuilder log = new StringBuilder();

  /** An awaitable whose creation changes the state read by the operands to its left. */
  Coroutine<String> change(String to) {
    state = to;
    numbers = new int[] {-1, -2, -3};
    return v("change to " + to, to);
  }

  String three(Object a, Object b, Object c) {
    trace("three(" + a + ", " + b + ", " + c + ")");
    return "" + a + b + c;
  }

  static String join(Object a, Object b) {
    return a + "|" + b;
  }

  Case26_OperandsBeforeAwait self(String event) {
    trace(event);
    return this;
  }

  int[] numbers() {
    trace("numbers()");
    return numbers;
  }

  int at(int i) {
    trace("at " + i);
    return i;
  }

  StringBuilder log() {
    trace("log()");
    return log;
  }

  @Async
  public Coroutine<Object> body() {
    int arith = traced("a", 1) + traced("b", 2) * await(v("c", 3)) - traced("d", 4);
    trace("arith " + arith);

    String first = three(await(v("first", 1)), traced("second", 2), traced("third", 3));
    String middle = three(traced("first", 1), await(v("second", 2)), traced("third", 3));
    String last = three(traced("first", 1), traced("second", 2), await(v("third", 3)));
    String two = three(await(v("p", "P")), traced("q", "Q"), await(v("r", "R")));
    trace(first + middle + last + two);

    String receiver = self("receiver").three(state, await(change("new")), state);
    trace("receiver " + receiver);
    String fromStatic = join(state, await(change("newer")));
    trace("static " + fromStatic);

    log().append(await(v("x", "X"))).append(traced("y", "Y")).append(await(v("z", "Z")));
    trace("chain " + log);
    int len = self("len").log().append(await(v("!"))).length();
    trace("length " + len);

    String concat = "s:" + state + traced("t", "T") + await(change("concat")) + state;
    trace(concat);

    int read = numbers()[at(1)] + await(change("array")).length() + numbers[at(2)];
    trace("read " + read);
    numbers()[at(0)] = await(v("store", 40));
    trace("stored " + numbers[0]);
    int byAwaitedIndex = numbers()[await(v("index", 2))];
    trace("indexed " + byAwaitedIndex);

    Object[] grid = {numbers, state};
    String element = grid[traced("grid index", 1)] + await(change("grid"));
    trace("element " + element);

    double mixed = traced("half", 0.5) * (await(v(4)) + traced("plus", 1)) / await(v(5));
    boolean compare = traced("left", 3) < await(v("right", 4));
    int shifted = traced("base", 1) << await(v(3)) >> traced("down", 1);
    trace("mixed " + mixed + " " + compare + " " + shifted);
    return done(state);
  }
}
