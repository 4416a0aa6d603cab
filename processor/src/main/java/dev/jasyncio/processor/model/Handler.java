package dev.jasyncio.processor.model;

import com.palantir.javapoet.CodeBlock;
import java.util.List;

/**
 * Where an exception thrown in the given states goes: the matching catch clause, the pending
 * finally, or out of the coroutine. The state machine's try table, one entry per region.
 *
 * @param states the states of the region
 * @param code the statements that route the exception (held in the machine's {@code thrown}
 *     variable)
 */
public record Handler(List<Integer> states, CodeBlock code) {}
