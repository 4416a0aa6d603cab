package dev.jasyncio.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every {@link Samples} of a runner session, by workload, contender and size. */
public final class Results {
  /** Identifies one set of samples. */
  public record Key(Workload workload, Contender contender, int n) {}

  private final Map<Key, Samples> samples = new LinkedHashMap<>();

  /** The samples of {@code workload} run by {@code contender} at size {@code n}, made on demand. */
  public Samples at(Workload workload, Contender contender, int n) {
    return samples.computeIfAbsent(new Key(workload, contender, n), k -> new Samples());
  }

  /** The samples, or null if that combination never ran. */
  public Samples find(Workload workload, Contender contender, int n) {
    return samples.get(new Key(workload, contender, n));
  }

  /** Everything, in the order it was first run. */
  public Map<Key, Samples> all() {
    return samples;
  }
}
