package dev.jasyncio.processor.model;

/**
 * A point where the coroutine may suspend, for {@code toString()}.
 *
 * @param state the state it resumes in
 * @param line the line of the await in the user's file
 * @param awaited the awaited expression as written
 */
public record Suspension(int state, long line, String awaited) {}
