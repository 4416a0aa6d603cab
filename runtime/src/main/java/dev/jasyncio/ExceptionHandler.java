package dev.jasyncio;

/**
 * Receives errors that have no caller to go to: a callback that threw, a task failure nobody
 * retrieved. Set with {@link EventLoop#setExceptionHandler}; runs on the loop's thread.
 */
@FunctionalInterface
public interface ExceptionHandler {
  void handle(EventLoop loop, ExceptionContext context);
}
