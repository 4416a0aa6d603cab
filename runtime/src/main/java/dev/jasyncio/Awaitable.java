package dev.jasyncio;

/**
 * Something a coroutine can {@code await}: a {@link Coroutine} (run inside the awaiting task, as
 * Python runs an awaited coroutine) or a {@link Future} (the awaiting task suspends until it is
 * done). {@link java.util.concurrent.CompletionStage}s are awaitable too, through their own
 * overload of {@link Asyncio#await(java.util.concurrent.CompletionStage)}.
 *
 * <p>The interface is sealed: a custom awaitable is a subclass of {@link Coroutine}.
 *
 * @param <T> the type of the value the await produces
 */
public sealed interface Awaitable<T> permits Coroutine, Future {}
