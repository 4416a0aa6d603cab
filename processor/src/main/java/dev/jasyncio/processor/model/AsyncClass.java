package dev.jasyncio.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/**
 * The class generated for one user type: {@code Async_Shop} for {@code Shop}.
 *
 * @param owner the user's type (the originating element)
 * @param name the generated class
 * @param kind how it relates to the user's type
 * @param superType the user's type with the generated class's type variables
 * @param typeVariables the user's type's type variables
 * @param isPublic whether the user's type is public
 * @param isAbstract whether abstract methods remain that the generated class does not implement
 * @param constructors the user's constructors it repeats (a subclass only)
 * @param methods the {@code @Async} methods
 * @param imports the user's import declarations, copied so that code copied from the user's file
 *     resolves the same names
 * @param sourceFile the user's file name, for comments
 * @param typeNamesInUse what each simple type name means in the user's file (qualified names; a
 *     {@code !}-prefixed java.lang name means the user's meaning differs from java.lang's): the
 *     writer qualifies its own types whose simple name would mean something else
 * @param facade the class users call, which returns this class's coroutines (see {@link Facade});
 *     null when users call this class itself
 */
public record AsyncClass(
    TypeElement owner,
    ClassName name,
    Kind kind,
    TypeName superType,
    List<TypeVariableName> typeVariables,
    boolean isPublic,
    boolean isAbstract,
    List<Signature> constructors,
    List<AsyncMethod> methods,
    List<String> imports,
    String sourceFile,
    java.util.Map<String, Set<String>> typeNamesInUse,
    ClassName facade) {

  /** How the generated class relates to the user's type. */
  public enum Kind {
    /** A subclass of an abstract class. */
    SUBCLASS,
    /** An implementation of an interface. */
    IMPLEMENTATION,
    /** A holder of static methods only, unrelated to the user's class. */
    HOLDER
  }
}
