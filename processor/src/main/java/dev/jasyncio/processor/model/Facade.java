package dev.jasyncio.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * The class users call for a class with only static {@code @Async} methods, written from the
 * methods' declarations alone, one round before their state machines: {@code Async_Shop}, whose
 * methods return the coroutines that {@code AsyncMachines_Shop} builds.
 *
 * <p>Written before the user's class is attributed, it lets javac check that class (its {@code
 * main}, say) with {@code Async_Shop} already known; otherwise javac 25 rejects a call such as
 * {@code String.valueOf(run(Async_Shop.brew(1)))} there and stops before compiling generated code.
 *
 * @param owner the user's class (the originating element)
 * @param name the class users call
 * @param machines the class with the state machines, generated the next round
 * @param isPublic whether the user's class is public
 * @param methods the {@code @Async} methods, each returning what the same method of {@code
 *     machines} returns
 * @param sourceFile the user's file name, for comments
 */
public record Facade(
    TypeElement owner,
    ClassName name,
    ClassName machines,
    boolean isPublic,
    List<Method> methods,
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
