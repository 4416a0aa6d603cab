package dev.jasyncio.example;

import dev.jasyncio.EventLoop;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code datetime.now()} for programs that print the time of day: the wall-clock time when the
 * program started, read from a {@link Clock}, plus the time elapsed since on the event loop's
 * clock. With real loops and the system clock this is the time of day; with a virtual-clock loop
 * and a fixed clock, tests see exact times ({@code 09:00:03} three virtual seconds after 09:00:00).
 */
final class WallClock {
  private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final LocalTime start;
  private final EventLoop loop;
  private final double loopStart;

  WallClock(Clock clock, EventLoop loop) {
    this.start = LocalTime.now(clock);
    this.loop = loop;
    this.loopStart = loop.time();
  }

  /** The time of day now. */
  LocalTime now() {
    return start.plusNanos(Math.round((loop.time() - loopStart) * 1e9));
  }

  /** {@code datetime.now().strftime('%H:%M:%S')}. */
  String hms() {
    return now().format(HMS);
  }
}
