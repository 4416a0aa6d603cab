package dev.jasyncio;

/** When {@link Asyncio#waitTasks} returns: Python's {@code return_when} constants. */
public enum ReturnWhen {
  /** As soon as any future finishes or is cancelled. */
  FIRST_COMPLETED,
  /** As soon as any future finishes with an exception; if none does, when all are done. */
  FIRST_EXCEPTION,
  /** When every future is done. */
  ALL_COMPLETED
}
