package dev.jasyncio.processor.model;

/**
 * The names a state machine uses for its own variables, chosen so that none of them hides a name
 * the user's code refers to.
 *
 * @param done the constant for the state of a finished coroutine
 * @param state the field holding the current state
 * @param task the resume parameter holding the task
 * @param value the resume parameter holding the value the coroutine was resumed with
 * @param error the resume parameter holding the exception it was resumed with
 * @param thrown the catch variable of the dispatch loop
 * @param caught the field passing a caught exception to a catch clause
 * @param loop the label of the dispatch loop
 * @param outerThis how the user's {@code this} is written, or null for a static method
 */
public record MachineNames(
    String done,
    String state,
    String task,
    String value,
    String error,
    String thrown,
    String caught,
    String loop,
    String outerThis) {}
