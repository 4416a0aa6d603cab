package dev.jasyncio;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what the runtime logs to the {@code dev.jasyncio} logger (through {@link System.Logger},
 * backed by java.util.logging), for tests of warnings and default error reports.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *   ...
 *   assertEquals(1, logs.messages(Level.WARNING).size());
 * }
 * }</pre>
 */
final class LogCapture extends Handler implements AutoCloseable {
  private static final Logger LOGGER = Logger.getLogger("dev.jasyncio");
  private final List<LogRecord> records = new ArrayList<>();
  private final boolean useParentHandlers;

  private LogCapture() {
    useParentHandlers = LOGGER.getUseParentHandlers();
    LOGGER.setUseParentHandlers(false);
    LOGGER.addHandler(this);
  }

  static LogCapture start() {
    return new LogCapture();
  }

  @Override
  public synchronized void publish(LogRecord record) {
    records.add(record);
  }

  /** The messages logged at {@code level}. */
  synchronized List<String> messages(Level level) {
    List<String> out = new ArrayList<>();
    for (LogRecord r : records) {
      if (r.getLevel().equals(level)) {
        out.add(r.getMessage());
      }
    }
    return out;
  }

  /** The records logged so far. */
  synchronized List<LogRecord> records() {
    return new ArrayList<>(records);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    LOGGER.removeHandler(this);
    LOGGER.setUseParentHandlers(useParentHandlers);
  }
}
