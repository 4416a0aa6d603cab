/**
 * What the processor generates, as plain values: a class per user type ({@link
 * dev.jasyncio.processor.model.AsyncClass}) with a state machine per {@code @Async} method ({@link
 * dev.jasyncio.processor.model.StateMachine}). Built by {@code lower}, written by {@code codegen}.
 */
package dev.jasyncio.processor.model;
