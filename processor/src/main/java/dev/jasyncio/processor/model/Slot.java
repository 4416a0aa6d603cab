package dev.jasyncio.processor.model;

import com.palantir.javapoet.TypeName;

/**
 * A field of a state machine: a parameter, a local that lives across an await, or a temporary.
 *
 * @param name the field's name (a local's own name unless it had to be renamed)
 * @param type its type
 * @param comment where it comes from, for the generated code's reader
 */
public record Slot(String name, TypeName type, String comment) {}
