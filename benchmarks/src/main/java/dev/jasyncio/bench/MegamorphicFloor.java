package dev.jasyncio.bench;

/**
 * The floor under W2's megamorphic row, in plain Java with no jasyncio at all: per operation,
 * allocate one of four small classes in turn (a state machine's size) and call a virtual method
 * that returns a boxed int, which the JIT cannot inline because four receiver types reach the call.
 * Any design that creates a state machine per await and resumes it through a virtual call pays at
 * least this.
 *
 * <p>jasyncio's W2 main measures it in the same JVM, its rounds in turn with the megamorphic
 * loop's, so that the two numbers see the same machine: on a shared virtual machine both can run
 * half as fast again for seconds at a time.
 */
public final class MegamorphicFloor {
  private MegamorphicFloor() {}

  /** A state machine reduced to what the floor needs: a field to write and a virtual resume. */
  public abstract static class Machine {
    Object caller;
    int state;

    public abstract Object resume(Object value);
  }

  static final class M0 extends Machine {
    final int i;

    M0(int i) {
      this.i = i;
    }

    @Override
    public Object resume(Object value) {
      state = -1;
      return i & 1;
    }
  }

  static final class M1 extends Machine {
    final int i;

    M1(int i) {
      this.i = i;
    }

    @Override
    public Object resume(Object value) {
      state = -1;
      return i & 1;
    }
  }

  static final class M2 extends Machine {
    final int i;

    M2(int i) {
      this.i = i;
    }

    @Override
    public Object resume(Object value) {
      state = -1;
      return i & 1;
    }
  }

  static final class M3 extends Machine {
    final int i;

    M3(int i) {
      this.i = i;
    }

    @Override
    public Object resume(Object value) {
      state = -1;
      return i & 1;
    }
  }

  /** One of the four machines, in turn, as W2's {@code oneOfFour} picks one of four coroutines. */
  public static Machine oneOfFour(int i) {
    switch (i & 3) {
      case 0:
        return new M0(i);
      case 1:
        return new M1(i);
      case 2:
        return new M2(i);
      default:
        return new M3(i);
    }
  }

  /** The same machine every time: the call is inlined and the allocation removed. */
  public static Machine one(int i) {
    return new M0(i);
  }

  /** {@code n} operations, timed; the check is the sum of the values, as W2's. */
  public static Round round(int n) {
    long start = System.nanoTime();
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += (Integer) oneOfFour(i).resume(null);
    }
    return new Round(System.nanoTime() - start, sum);
  }
}
