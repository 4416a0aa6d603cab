package dev.jasyncio;

/**
 * Something the loop's ready queue can hold: a callback {@link Handle}, a {@link Future} whose done
 * callbacks are due, or a {@link Task} to wake. Package-private so that queueing a task or a future
 * allocates nothing.
 */
abstract class Scheduled {
  /** Runs this entry; called only by {@link EventLoop#runOnce()}. Never throws. */
  abstract void runScheduled();
}
