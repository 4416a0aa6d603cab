package dev.jasyncio.bench.echo;

import dev.jasyncio.bench.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The markdown tables of an echo run, from the JSON lines that {@code benchmarks/echo.sh}
 * collected: one line per server and message size from {@link EchoClient}, plus lines {@code
 * {"server":S,"skipped":WHY}} for a server that could not run here and {@code
 * {"server":S,"msize":N,"failed":WHY}} for a run that did not finish.
 *
 * <p>Prints requests per second and MB/s per server and size, the latency percentiles, and the
 * ratio of jasyncio's requests per second to asyncio's, uvloop's and Node's — or, while there is no
 * jasyncio row, the NIO baseline's, labelled as such.
 *
 * <pre>
 * java -cp benchmarks.jar dev.jasyncio.bench.echo.EchoReport results.jsonl
 * </pre>
 */
public final class EchoReport {
  private EchoReport() {}

  /** The order of the rows; servers not named here follow in the order they came. */
  static final List<String> ORDER = List.of("jasyncio", "nio", "asyncio", "uvloop", "node");

  /** The peers the reference is compared with, when they ran. */
  static final List<String> PEERS = List.of("asyncio", "uvloop", "node");

  /** The tables for {@code lines}, the JSON lines of one run. */
  static String report(List<Map<String, Object>> lines) {
    Map<String, Map<Long, Map<String, Object>>> results = new LinkedHashMap<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    List<String> failed = new ArrayList<>();
    Set<Long> sizes = new TreeSet<>();
    Set<String> servers = new LinkedHashSet<>();
    for (String s : ORDER) {
      results.put(s, new LinkedHashMap<>());
    }
    for (Map<String, Object> line : lines) {
      String server = (String) line.get("server");
      if (line.containsKey("skipped")) {
        skipped.put(server, String.valueOf(line.get("skipped")));
        continue;
      }
      long msize = ((Number) line.get("msize")).longValue();
      sizes.add(msize);
      if (line.containsKey("failed")) {
        failed.add(server + " at " + size(msize) + ": " + line.get("failed"));
        continue;
      }
      results.computeIfAbsent(server, k -> new LinkedHashMap<>()).put(msize, line);
    }
    results.forEach(
        (server, bySize) -> {
          if (!bySize.isEmpty()) {
            servers.add(server);
          }
        });

    StringBuilder out = new StringBuilder();
    // Throughput.
    out.append("| server |");
    for (long m : sizes) {
      out.append(' ').append(size(m)).append(" req/s | ").append(size(m)).append(" MB/s |");
    }
    out.append(" peak RSS |\n|---|");
    out.append("---:|---:|".repeat(sizes.size())).append("---:|\n");
    for (String server : servers) {
      out.append("| ").append(server).append(" |");
      long rss = -1;
      for (long m : sizes) {
        Map<String, Object> r = results.get(server).get(m);
        if (r == null) {
          out.append(" — | — |");
          continue;
        }
        out.append(' ')
            .append(count(number(r, "requestsPerSecond")))
            .append(" | ")
            .append(fixed(number(r, "mbPerSecond")))
            .append(" |");
        Object b = r.get("serverPeakRssBytes");
        if (b instanceof Number n) {
          rss = Math.max(rss, n.longValue());
        }
      }
      out.append(' ').append(rss < 0 ? "—" : fixed(rss / 1e6) + " MB").append(" |\n");
    }

    // Latency.
    out.append("\nLatency of one request, p50 / p99 in µs:\n\n| server |");
    for (long m : sizes) {
      out.append(' ').append(size(m)).append(" |");
    }
    out.append("\n|---|").append("---:|".repeat(sizes.size())).append('\n');
    for (String server : servers) {
      out.append("| ").append(server).append(" |");
      for (long m : sizes) {
        Map<String, Object> r = results.get(server).get(m);
        out.append(' ')
            .append(
                r == null
                    ? "—"
                    : count(number(r, "latencyP50Us")) + " / " + count(number(r, "latencyP99Us")))
            .append(" |");
      }
      out.append('\n');
    }

    // Ratios.
    String reference = servers.contains("jasyncio") ? "jasyncio" : "nio";
    List<String> peers = new ArrayList<>();
    for (String p : PEERS) {
      if (servers.contains(p)) {
        peers.add(p);
      }
    }
    if (servers.contains(reference) && !peers.isEmpty()) {
      out.append('\n');
      if (reference.equals("jasyncio")) {
        out.append("jasyncio's requests per second over the peer's (above 1: jasyncio ahead):\n");
      } else {
        out.append(
            "No jasyncio row yet: the NIO baseline's requests per second over the peer's"
                + " (above 1: NIO ahead), in jasyncio's place:\n");
      }
      out.append("\n| ").append(reference).append(" vs |");
      for (long m : sizes) {
        out.append(' ').append(size(m)).append(" |");
      }
      out.append("\n|---|").append("---:|".repeat(sizes.size())).append('\n');
      for (String p : peers) {
        out.append("| ").append(p).append(" |");
        for (long m : sizes) {
          Map<String, Object> a = results.get(reference).get(m);
          Map<String, Object> b = results.get(p).get(m);
          out.append(' ')
              .append(
                  a == null || b == null
                      ? "—"
                      : ratio(number(a, "requestsPerSecond") / number(b, "requestsPerSecond")))
              .append(" |");
        }
        out.append('\n');
      }
    }

    if (!skipped.isEmpty() || !failed.isEmpty()) {
      out.append('\n');
      skipped.forEach(
          (s, why) -> out.append("- ").append(s).append(" skipped: ").append(why).append('\n'));
      for (String f : failed) {
        out.append("- failed: ").append(f).append('\n');
      }
    }
    return out.toString();
  }

  private static double number(Map<String, Object> line, String key) {
    Object v = line.get(key);
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException("no number '" + key + "' in " + Json.write(line));
    }
    return n.doubleValue();
  }

  /** 1024 as "1 KiB", 102400 as "100 KiB", 1000 as "1000 B". */
  static String size(long bytes) {
    if (bytes % 1024 == 0) {
      return bytes / 1024 + " KiB";
    }
    return bytes + " B";
  }

  private static String count(double v) {
    return String.format(Locale.ROOT, "%,d", Math.round(v));
  }

  private static String fixed(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
  }

  private static String ratio(double v) {
    return String.format(Locale.ROOT, v >= 10 ? "%.1f×" : "%.2f×", v);
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: java -cp benchmarks.jar dev.jasyncio.bench.echo.EchoReport FILE");
      System.exit(2);
    }
    List<Map<String, Object>> lines = new ArrayList<>();
    for (String l : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
      if (l.strip().startsWith("{")) {
        lines.add(Json.parseObject(l.strip()));
      }
    }
    System.out.print(report(lines));
  }
}
