package dev.jasyncio.processor.model;

import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The signature a generated method or constructor repeats from the user's declaration.
 *
 * @param name the method name (ignored for constructors)
 * @param modifiers access and {@code static}
 * @param typeVariables its own type variables
 * @param parameters its parameters
 * @param returnType its return type (null for constructors)
 * @param exceptions its throws clause
 */
public record Signature(
    String name,
    Set<Modifier> modifiers,
    List<TypeVariableName> typeVariables,
    List<Parameter> parameters,
    TypeName returnType,
    List<TypeName> exceptions) {}
