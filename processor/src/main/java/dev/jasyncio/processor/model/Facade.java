package dev.jasyncio.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * The class users call, written from the declarations alone, one round before the state machines:
 * {@code Async_Shop}, whose methods return the coroutines that {@code AsyncMachines_Shop} builds
 * (an instance method passes the object on as the machines' {@code self}).
 *
 * <p>Written before the user's class is attributed, it lets javac check that class (its {@code
 * main}, say) with {@code Async_Shop} already known; otherwise javac 25 rejects a call such as
 * {@code String.valueOf(run(Async_Shop.brew(1)))} there and stops before compiling generated code.
 *
 * @param owner the user's class (the originating element)
 * @param name the class users call
 * @param machines the class with the state machines, generated the next round
 * @param kind how the facade relates to the user's type
 * @param superType the user's type with the facade's type variables
 * @param typeVariables the user's type's type variables
 * @param isPublic whether the user's class is public
 * @param isAbstract whether abstract methods remain that the facade does not implement
 * @param constructors the user's constructors it repeats (a subclass only)
 * @param methods the {@code @Async} methods, each returning what the same method of {@code
 *     machines} returns
 * @param superBridges the methods the bodies call on {@code super}: the facade calls each for its
 *     machines, which cannot, from a method named {@code super$<name>}
 * @param protectedBridges the protected methods of other packages the bodies call: the facade calls
 *     each for its machines from a method named {@code protected$<name>}
 * @param fieldBridges the protected fields of other packages the bodies read (constants aside): the
 *     facade reads each for its machines from a method named {@code protected$get$<name>}
 * @param sourceFile the user's file name, for comments
 */
public record Facade(
    TypeElement owner,
    ClassName name,
    ClassName machines,
    AsyncClass.Kind kind,
    TypeName superType,
    List<TypeVariableName> typeVariables,
    boolean isPublic,
    boolean isAbstract,
    List<Signature> constructors,
    List<Method> methods,
    List<Signature> superBridges,
    List<Signature> protectedBridges,
    List<Signature> fieldBridges,
    String sourceFile) {

  /**
   * One method of the facade.
   *
   * @param signature the user's declaration, repeated
   * @param kind what the method returns
   * @param method the user's method, as {@code Shop.brew}, for comments
   */
  public record Method(Signature signature, MethodKind kind, String method) {}
}
