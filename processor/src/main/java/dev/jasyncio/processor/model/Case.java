package dev.jasyncio.processor.model;

import com.palantir.javapoet.CodeBlock;

/**
 * One {@code case} of a state machine's switch: the code that runs from a resume point to the next
 * suspension or jump.
 *
 * @param state the case label
 * @param code the statements, ending in a jump, a return, a throw, or falling into the next case
 */
public record Case(int state, CodeBlock code) {}
