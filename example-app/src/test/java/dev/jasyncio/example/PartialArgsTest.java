package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartialArgsTest {
  @Test
  void theLambdaFixesTheArgumentsAndTheKeywordEnd() throws Exception {
    VirtualRun run = VirtualRun.of(new PartialArgs());
    assertEquals(
        List.of(
            "hello python ", // from the executor, end=' '
            "hello python ", // hello()
            "hello-python-script "), // hello('script', sep='-')
        run.lines());
    assertTrue(run.loops.get(0).isClosed());
  }
}
