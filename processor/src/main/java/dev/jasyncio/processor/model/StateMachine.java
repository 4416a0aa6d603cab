package dev.jasyncio.processor.model;

import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;

/**
 * The state machine of one {@code @Async} method: a {@code Coroutine<T>} subclass whose {@code
 * resume} runs the method's body from one await to the next, or for a generator an {@code
 * AbstractAsyncGenerator<T>} subclass whose {@code step} runs it from one emit to the next.
 *
 * @param localClasses the source of the local classes of the body, which become members of the
 *     machine so that every state sees them
 * @param kind what the method produces
 * @param className the simple name of the generated class
 * @param method how people name the method: {@code Shop.makeCoffee}
 * @param fileName the user's source file, for comments
 * @param line the line of the method declaration
 * @param typeVariables the method's type variables
 * @param resultType the {@code T} of {@code Coroutine<T>} (of a generator: the item type)
 * @param parameters the method's parameters, in order; each is also a field
 * @param fields the other fields: locals that live across awaits, temporaries, finally records
 * @param names the machine's own variable names
 * @param cases the switch cases, in state order
 * @param handlers the try table; states in no handler's list propagate exceptions out
 * @param suspensions the await points
 * @param isStatic whether the method is static (the machine is then a static nested class)
 */
public record StateMachine(
    List<String> localClasses,
    MethodKind kind,
    String className,
    String method,
    String fileName,
    long line,
    List<TypeVariableName> typeVariables,
    TypeName resultType,
    List<Slot> parameters,
    List<Slot> fields,
    MachineNames names,
    List<Case> cases,
    List<Handler> handlers,
    List<Suspension> suspensions,
    boolean isStatic) {}
