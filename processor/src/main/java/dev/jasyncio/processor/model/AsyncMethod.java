package dev.jasyncio.processor.model;

/**
 * An {@code @Async} method of the user's class and what replaces it.
 *
 * @param signature the method's signature
 * @param machine its state machine, or null when the method has errors (the generated method then
 *     only throws, so that javac's report about the user's code stays the only one)
 * @param fromInterface whether the user's type is an interface (the override is then public)
 */
public record AsyncMethod(Signature signature, StateMachine machine, boolean fromInterface) {}
