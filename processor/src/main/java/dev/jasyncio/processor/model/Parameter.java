package dev.jasyncio.processor.model;

import com.palantir.javapoet.TypeName;

/** A parameter of a generated method or constructor. */
public record Parameter(String name, TypeName type, boolean varargs) {}
