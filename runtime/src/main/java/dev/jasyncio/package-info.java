/**
 * jasyncio: Python's asyncio for Java. Write {@link dev.jasyncio.Async @Async} methods that call
 * {@code await(...)}; the annotation processor compiles them into state machines that run on a
 * single-threaded {@link dev.jasyncio.EventLoop}. {@link dev.jasyncio.Asyncio} holds the static
 * entry points ({@code run}, {@code sleep}, {@code gather}, {@code waitFor}…).
 *
 * <p>Names follow asyncio in Java casing, so an asyncio user finds everything. Some of them are
 * also the simple names of {@code java.util} or {@code java.util.concurrent} types ({@link
 * dev.jasyncio.Future}, {@link dev.jasyncio.TimeoutException}, {@link dev.jasyncio.Queue}, {@link
 * dev.jasyncio.PriorityQueue}, {@link dev.jasyncio.Lock}, {@link dev.jasyncio.Condition}, {@link
 * dev.jasyncio.Semaphore}); the jasyncio ones are for the event loop, and a class that needs both
 * imports one of them by its full name.
 *
 * <p>Where asyncio's name is a method of {@code java.lang.Object} ({@code wait}, {@code notify}),
 * jasyncio adds the class's name: {@link dev.jasyncio.Event#waitEvent()}, {@link
 * dev.jasyncio.Condition#waitCondition()}, {@link dev.jasyncio.Condition#notifyWaiters(int)},
 * {@link dev.jasyncio.Barrier#waitBarrier()}, {@link dev.jasyncio.Subprocess#waitSubprocess()}, and
 * {@link dev.jasyncio.Asyncio#waitTasks} for {@code asyncio.wait}.
 */
package dev.jasyncio;
