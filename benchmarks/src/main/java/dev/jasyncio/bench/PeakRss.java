package dev.jasyncio.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's peak resident set size, from the {@code VmHWM} line of {@code /proc/self/status}
 * (Linux): the most physical memory the process has held at once, heap, stacks, code and the JVM's
 * own structures included.
 */
public final class PeakRss {
  private PeakRss() {}

  /** The peak RSS in bytes, or -1 where {@code /proc/self/status} has no {@code VmHWM}. */
  public static long bytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          // "VmHWM:	  123456 kB"
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or no procfs: unknown
    }
    return -1;
  }
}
