package dev.jasyncio.processor.lower;

import com.palantir.javapoet.ClassName;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * What lowering needs to know about the class being generated.
 *
 * @param owner the user's class
 * @param generated the generated class
 * @param extendsOwner whether the generated class extends (or implements) the user's class, so that
 *     its inherited members resolve without qualification
 * @param staticAsyncMethods every static {@code @Async} method being compiled in this round, with
 *     the generated class that declares its coroutine version: calls to them are redirected there
 * @param reservedNames simple names that generated members must not hide (every identifier of the
 *     user's file)
 * @param generatedNames the classes being generated, by simple name: the user's code may name them
 *     before they exist, so javac sees their types as erroneous until then
 * @param generatedOwners the user's class each of them is generated for, by the generated class's
 *     simple name (qualified names)
 * @param machinesApart whether the state machines are static classes of a class apart from the
 *     user's type ({@code AsyncMachines_Shop}): the user's object is then their {@code self} field,
 *     through which every instance member the body names without a qualifier is reached
 */
public record ClassContext(
    TypeElement owner,
    ClassName generated,
    boolean extendsOwner,
    Map<ExecutableElement, ClassName> staticAsyncMethods,
    Set<String> reservedNames,
    Map<String, ClassName> generatedNames,
    Map<String, String> generatedOwners,
    boolean machinesApart) {}
