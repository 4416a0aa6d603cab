package dev.jasyncio.processor.model;

/**
 * A point where the coroutine may suspend, for {@code toString()}.
 *
 * @param state the state it resumes in
 * @param line the line of the await (or emit) in the user's file
 * @param what what it waits at, in words: {@code awaiting read(in)}, {@code paused at emit(n)}
 */
public record Suspension(int state, long line, String what) {}
