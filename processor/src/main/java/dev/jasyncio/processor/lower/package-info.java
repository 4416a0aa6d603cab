/**
 * Lowering: the javac trees of an {@code @Async} method, attributed, become a {@link
 * dev.jasyncio.processor.model.StateMachine}. Statements without awaits are copied from the source
 * text with the few edits their new home needs; statements with awaits are taken apart into the
 * cases of a switch, with a table of try regions and explicit completion records for {@code
 * finally}.
 */
package dev.jasyncio.processor.lower;
