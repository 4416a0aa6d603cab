package dev.jasyncio.processor.conformance;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;

/**
 * Awaits inside the inner initializers of a multi-dimensional array.
 */
public abstract class Case27_NestedArrayInitializerWithAwait extends ConformanceCase {
  @Async
  public Coroutine<Object> body() {
    int[][] grid = new int[][] {{await(v(4))}, {5, await(v(6))}};
    int[][] short_ = {{await(v(1)), 2}, {3}};
    return done(grid[0][0] + grid[1][1] + short_[0][0]);
  }
}
