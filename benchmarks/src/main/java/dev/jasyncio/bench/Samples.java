package dev.jasyncio.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The result lines of one contender on one workload at one size, over the runs. */
public final class Samples {
  private final List<Map<String, Object>> lines = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  /** Adds the parsed JSON line of one run. */
  public void add(Map<String, Object> line) {
    lines.add(line);
  }

  /** Adds a run that printed no usable line, with what went wrong. */
  public void fail(String why) {
    failures.add(why);
  }

  /** The parsed lines, in run order. */
  public List<Map<String, Object>> lines() {
    return Collections.unmodifiableList(lines);
  }

  /** What went wrong in the runs that printed no usable line. */
  public List<String> failures() {
    return Collections.unmodifiableList(failures);
  }

  /** The {@code skipped} reason of the first line that has one, or null. */
  public String skipped() {
    for (Map<String, Object> line : lines) {
      Object why = line.get("skipped");
      if (why != null) {
        return why.toString();
      }
    }
    return null;
  }

  /** The numbers of {@code field} over the measured lines, in run order. */
  public List<Double> values(String field) {
    List<Double> values = new ArrayList<>();
    for (Map<String, Object> line : lines) {
      if (line.get(field) instanceof Number number) {
        values.add(number.doubleValue());
      }
    }
    return values;
  }

  /** The median of {@code field} over the measured lines, or null if none has it. */
  public Double median(String field) {
    return median(values(field));
  }

  /** The JVM version of the first line, or null. */
  public String jdk() {
    for (Map<String, Object> line : lines) {
      Object jdk = line.get("jdk");
      if (jdk != null) {
        return jdk.toString();
      }
    }
    return null;
  }

  /** The median of {@code values} (the mean of the middle two for an even count), or null. */
  public static Double median(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int mid = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
  }
}
