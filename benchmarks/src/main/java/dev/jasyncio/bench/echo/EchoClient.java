package dev.jasyncio.bench.echo;

import dev.jasyncio.bench.Json;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load generator of the echo benchmark, after vmbench's {@code echo_client}: {@code
 * concurrency} connections, each sending one message of {@code msize} bytes and reading until the
 * same number of bytes has come back, then sending the next — request and response, never more than
 * one message in flight on a connection.
 *
 * <p>It is the instrument, not a contender: plain blocking {@link Socket}s with {@code
 * TCP_NODELAY}, one platform thread per connection. All connections are opened first; then every
 * connection runs for {@code --warmup} seconds unmeasured (the server's JIT, if it has one,
 * compiles its hot path), then for {@code --duration} seconds, or until the connections have echoed
 * {@code --messages} messages between them. A request that starts before the end is finished and
 * counted.
 *
 * <p>Every response is checked: it must be exactly {@code msize} bytes (the server closing early is
 * an error), and with {@code --verify} its bytes must be the message's. At the end each connection
 * half-closes and expects the server to close without sending a byte more.
 *
 * <p>Prints one JSON line on standard output, for example
 *
 * <pre>{@code
 * {"server":"nio","msize":1024,"concurrency":10,"messages":412345,"seconds":10.0,
 *  "requestsPerSecond":41234.5,"mbPerSecond":42.2,"latencyP50Us":231,"latencyP99Us":512, ...}
 * }</pre>
 *
 * <p>{@code mbPerSecond} is the message bytes sent per second, in 10⁶ bytes (the same number came
 * back); latencies are those of single requests, from the start of the write to the last byte read,
 * in microseconds. With {@code --server-pid} it adds the server's peak RSS ({@code VmHWM} of {@code
 * /proc/<pid>/status}) read at the end.
 */
public final class EchoClient {
  private EchoClient() {}

  /** The command line. {@code messages} 0: run for {@code duration} seconds. */
  public record Options(
      String label,
      String host,
      int port,
      int concurrency,
      int msize,
      double duration,
      long messages,
      double warmup,
      boolean verify,
      long serverPid) {

    public static Options parse(String... args) {
      String label = "server";
      String host = "127.0.0.1";
      int port = -1;
      int concurrency = 10;
      int msize = 1024;
      double duration = 10;
      long messages = 0;
      double warmup = 1;
      boolean verify = false;
      long serverPid = -1;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--label" -> label = value(args, ++i, a);
          case "--host" -> host = value(args, ++i, a);
          case "--port" -> port = Integer.parseInt(value(args, ++i, a));
          case "--concurrency" -> concurrency = Integer.parseInt(value(args, ++i, a));
          case "--msize" -> msize = Integer.parseInt(value(args, ++i, a));
          case "--duration" -> duration = Double.parseDouble(value(args, ++i, a));
          case "--messages" -> messages = Long.parseLong(value(args, ++i, a));
          case "--warmup" -> warmup = Double.parseDouble(value(args, ++i, a));
          case "--verify" -> verify = true;
          case "--server-pid" -> serverPid = Long.parseLong(value(args, ++i, a));
          default -> throw new IllegalArgumentException("unknown option: " + a);
        }
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("--port is needed, 1 to 65535");
      }
      if (concurrency < 1 || msize < 1) {
        throw new IllegalArgumentException("--concurrency and --msize must be at least 1");
      }
      if (messages < 0 || !(duration > 0) || !(warmup >= 0)) {
        throw new IllegalArgumentException(
            "--messages must be >= 0, --duration > 0, --warmup >= 0");
      }
      return new Options(
          label, host, port, concurrency, msize, duration, messages, warmup, verify, serverPid);
    }

    static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }
  }

  static final String USAGE =
      String.join(
          "\n",
          "usage: java -cp benchmarks.jar dev.jasyncio.bench.echo.EchoClient --port P [options]",
          "  --label NAME        the server's name in the JSON line (server)",
          "  --host HOST         (127.0.0.1)",
          "  --concurrency N     connections, one thread each (10)",
          "  --msize BYTES       message size (1024)",
          "  --duration SECONDS  measured time (10)",
          "  --messages N        instead: this many messages in all, measured",
          "  --warmup SECONDS    unmeasured time before (1)",
          "  --verify            compare every echoed byte, not only the count",
          "  --server-pid PID    report the server's peak RSS from /proc/PID/status");

  /** What a run measured. Latencies in nanoseconds. */
  public record Result(
      Options options,
      long messages,
      long warmupMessages,
      double seconds,
      long bytesEchoed,
      long p50Nanos,
      long p99Nanos,
      long maxNanos,
      long serverPeakRssBytes) {

    public double requestsPerSecond() {
      return messages / seconds;
    }

    /** Message bytes per second one way, in 10⁶ bytes. */
    public double mbPerSecond() {
      return (double) messages * options.msize() / seconds / 1e6;
    }

    public Map<String, Object> json() {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("server", options.label());
      f.put("msize", options.msize());
      f.put("concurrency", options.concurrency());
      f.put("messages", messages);
      f.put("seconds", seconds);
      f.put("requestsPerSecond", requestsPerSecond());
      f.put("mbPerSecond", mbPerSecond());
      f.put("latencyP50Us", p50Nanos / 1e3);
      f.put("latencyP99Us", p99Nanos / 1e3);
      f.put("latencyMaxUs", maxNanos / 1e3);
      f.put("warmupSeconds", options.warmup());
      f.put("warmupMessages", warmupMessages);
      f.put("bytesEchoed", bytesEchoed);
      f.put("serverPeakRssBytes", serverPeakRssBytes < 0 ? null : serverPeakRssBytes);
      f.put("jdk", Runtime.version().toString());
      return f;
    }
  }

  /** One connection and the thread that drives it. */
  private static final class Connection extends Thread {
    private final Socket socket;
    private final byte[] message;
    private final byte[] response;
    private final boolean verify;
    private final long warmEnd;
    private final long end;
    private final long quota;

    private long[] latencies = new long[1024];
    long measured;
    long warmups;
    long bytesEchoed;
    long lastEnd;
    Throwable failure;

    Connection(int id, Socket socket, Options o, long warmEnd, long end, long quota) {
      super("echo-client-" + id);
      setDaemon(true);
      this.socket = socket;
      this.message = new byte[o.msize()];
      for (int i = 0; i < message.length; i++) {
        message[i] = (byte) (i * 31 + id);
      }
      this.response = new byte[o.msize()];
      this.verify = o.verify();
      this.warmEnd = warmEnd;
      this.end = end;
      this.quota = quota;
    }

    @Override
    public void run() {
      try {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        long seq = 0;
        while (true) {
          long t0 = System.nanoTime();
          boolean measuring = t0 - warmEnd >= 0;
          if (measuring && (t0 - end >= 0 || measured >= quota)) {
            break;
          }
          message[0] = (byte) seq++;
          out.write(message);
          readFully(in, response);
          long t1 = System.nanoTime();
          bytesEchoed += response.length;
          if (verify && !Arrays.equals(message, response)) {
            throw new IOException("the echo differs from the message");
          }
          if (measuring) {
            if (measured == latencies.length) {
              latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[(int) measured++] = t1 - t0;
            lastEnd = t1;
          } else {
            warmups++;
          }
        }
        socket.shutdownOutput();
        int extra = in.read(response);
        if (extra >= 0) {
          throw new IOException("the server sent bytes that were not asked for (" + extra + ")");
        }
      } catch (Throwable e) {
        failure = e;
      } finally {
        try {
          socket.close();
        } catch (IOException ignored) {
          // done with it
        }
      }
    }

    long[] latencies() {
      return Arrays.copyOf(latencies, (int) measured);
    }
  }

  private static void readFully(InputStream in, byte[] into) throws IOException {
    int got = 0;
    while (got < into.length) {
      int n = in.read(into, got, into.length - got);
      if (n < 0) {
        throw new EOFException(
            "the server closed the connection after " + got + " of " + into.length + " bytes");
      }
      got += n;
    }
  }

  /** Opens the connections, runs the load, and returns what it measured. */
  public static Result run(Options o) throws IOException, InterruptedException {
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < o.concurrency(); i++) {
        Socket s = new Socket();
        sockets.add(s);
        s.setTcpNoDelay(true);
        s.setSoTimeout(30_000);
        s.connect(new InetSocketAddress(o.host(), o.port()), 10_000);
      }
    } catch (IOException e) {
      for (Socket s : sockets) {
        s.close();
      }
      throw e;
    }
    long start = System.nanoTime();
    long warmEnd = start + (long) (o.warmup() * 1e9);
    long end = o.messages() > 0 ? Long.MAX_VALUE : warmEnd + (long) (o.duration() * 1e9);
    List<Connection> connections = new ArrayList<>();
    for (int i = 0; i < o.concurrency(); i++) {
      long quota =
          o.messages() > 0
              ? o.messages() / o.concurrency() + (i < o.messages() % o.concurrency() ? 1 : 0)
              : Long.MAX_VALUE;
      connections.add(new Connection(i, sockets.get(i), o, warmEnd, end, quota));
    }
    for (Connection c : connections) {
      c.start();
    }
    long messages = 0;
    long warmups = 0;
    long bytes = 0;
    long lastEnd = warmEnd;
    long[] all = new long[0];
    IOException failure = null;
    for (Connection c : connections) {
      c.join();
      if (c.failure != null) {
        if (failure == null) {
          failure = new IOException(c.getName() + ": " + c.failure, c.failure);
        } else {
          failure.addSuppressed(c.failure);
        }
        continue;
      }
      messages += c.measured;
      warmups += c.warmups;
      bytes += c.bytesEchoed;
      if (c.measured > 0) {
        lastEnd = Math.max(lastEnd, c.lastEnd);
      }
      long[] l = c.latencies();
      int at = all.length;
      all = Arrays.copyOf(all, at + l.length);
      System.arraycopy(l, 0, all, at, l.length);
    }
    if (failure != null) {
      throw failure;
    }
    long rss = o.serverPid() > 0 ? peakRss(o.serverPid()) : -1;
    Arrays.sort(all);
    double seconds = Math.max(lastEnd - warmEnd, 1) / 1e9;
    return new Result(
        o,
        messages,
        warmups,
        seconds,
        bytes,
        percentile(all, 0.50),
        percentile(all, 0.99),
        all.length == 0 ? 0 : all[all.length - 1],
        rss);
  }

  /** The nearest-rank percentile of sorted values; 0 if there are none. */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  /** {@code VmHWM} of process {@code pid} in bytes, or -1. */
  static long peakRss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process is gone
    }
    return -1;
  }

  public static void main(String[] args) throws InterruptedException {
    Options o;
    try {
      if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
        System.out.println(USAGE);
        return;
      }
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    try {
      Result r = run(o);
      System.out.println(Json.write(r.json()));
    } catch (IOException e) {
      System.err.printf(
          Locale.ROOT, "echo client against %s:%d failed: %s%n", o.host(), o.port(), e);
      for (Throwable s : e.getSuppressed()) {
        System.err.println("  and: " + s);
      }
      System.exit(1);
    }
  }
}
