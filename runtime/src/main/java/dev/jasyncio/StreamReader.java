package dev.jasyncio;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * The reading end of a connection, as asyncio's {@code StreamReader}: coroutines await {@link
 * #read}, {@link #readline}, {@link #readuntil} and {@link #readexactly}, and the loop runs other
 * tasks while no data has arrived.
 *
 * <pre>{@code
 * Connection c = await(openConnection("127.0.0.1", 8888));
 * c.writer().write("hello\n".getBytes(UTF_8));
 * byte[] line = await(c.reader().readline());     // up to and including the '\n'
 * byte[] rest = await(c.reader().read(-1));       // everything up to the end of the stream
 * }</pre>
 *
 * <p>Readers come from {@link Asyncio#openConnection} and {@link Asyncio#startServer}. A reader
 * made with {@code new StreamReader()} is fed by hand through {@link #feedData}, {@link #feedEof}
 * and {@link #setException}: that is how other byte sources (a subprocess pipe, a test) hand data
 * to code written against readers.
 *
 * <p>The read methods return coroutines, so nothing is read until they are awaited. When the buffer
 * already holds what a read needs, awaiting it finishes without suspending.
 *
 * <h2>The limit</h2>
 *
 * <p>A reader has a limit, 64 KiB by default ({@link #DEFAULT_LIMIT}), that bounds two things:
 *
 * <ul>
 *   <li>The length of what {@link #readuntil} and {@link #readline} look through for a separator.
 *       Over the limit, {@code readuntil} throws {@link LimitOverrunException} and <em>keeps</em>
 *       the data in the buffer; {@code readline} <em>discards</em> the over-long line, up to and
 *       including its {@code '\n'}, then throws {@code LimitOverrunException}, so that the next
 *       {@code readline} returns the next line. (asyncio raises {@code ValueError} from {@code
 *       readline}, after clearing only what it had buffered.)
 *   <li>The buffer: when a connection's buffer grows past twice the limit the reader stops reading
 *       from the socket, and starts again when it has drained to the limit, or when a read needs
 *       more data than is buffered. A peer that sends faster than the reader consumes is slowed
 *       down by TCP flow control instead of filling memory.
 * </ul>
 *
 * <h2>Errors and cancellation</h2>
 *
 * <p>If the connection fails (reset by the peer, for example), the waiting read and every later one
 * throw the {@link java.io.IOException} that ended it, naming the peer. A read that is cancelled
 * takes nothing from the buffer, except a {@code readline} that was discarding an over-long line,
 * which stays discarded.
 *
 * <h2>Threads</h2>
 *
 * <p>A reader is used on the thread of its loop, and only one coroutine may wait for data on it at
 * a time: a second one throws {@link IllegalStateException}, as asyncio raises {@code
 * RuntimeError}.
 */
public class StreamReader {
  /*
   * Overview: the buffer is buf[start, end), compacted or grown when appending. A read is a
   * coroutine that tries to complete from the buffer; when it cannot, it waits on a one-shot
   * future (the reader's single waiter) that feedData, feedEof and setException complete, then
   * tries again. Nothing is consumed until a read completes, so a cancelled read loses nothing.
   */

  /** The default limit: 64 KiB, as asyncio's {@code _DEFAULT_LIMIT}. */
  public static final int DEFAULT_LIMIT = 64 * 1024;

  private static final byte[] EMPTY = new byte[0];
  private static final byte[] NEWLINE = {'\n'};

  /** Returned by an attempt that needs more data. */
  private static final Object WAIT = new Object();

  private final int limit;
  private byte[] buf = EMPTY;
  private int start;
  private int end;
  private boolean eof;
  private Throwable exception;
  private Future<Void> waiter;
  private Transport transport;
  private boolean paused;

  /** A reader with the {@link #DEFAULT_LIMIT}, to be fed with {@link #feedData}. */
  public StreamReader() {
    this(DEFAULT_LIMIT);
  }

  /**
   * A reader with the given limit (see the class comment).
   *
   * @throws IllegalArgumentException if {@code limit <= 0}
   */
  public StreamReader(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("the limit of a StreamReader must be > 0, got " + limit);
    }
    this.limit = limit;
  }

  /** The limit given to the constructor. */
  public int limit() {
    return limit;
  }

  /** The exception set by {@link #setException} or by a failed connection, or null. */
  public Throwable exception() {
    return exception;
  }

  /**
   * Makes the waiting read, and every later read, throw {@code exception}: the source failed. Data
   * still buffered can no longer be read.
   */
  public void setException(Throwable exception) {
    this.exception = Objects.requireNonNull(exception, "exception");
    Future<Void> w = waiter;
    if (w != null) {
      waiter = null;
      w.trySetException(exception);
    }
  }

  /**
   * Appends {@code data} to the buffer and wakes the waiting read.
   *
   * @throws IllegalStateException after {@link #feedEof()}
   */
  public void feedData(byte[] data) {
    Objects.requireNonNull(data, "data");
    checkNotEof();
    if (data.length == 0) {
      return;
    }
    ensureRoom(data.length);
    System.arraycopy(data, 0, buf, end, data.length);
    end += data.length;
    afterFeed();
  }

  /**
   * Appends the remaining bytes of {@code data} to the buffer (consuming them) and wakes the
   * waiting read.
   *
   * @throws IllegalStateException after {@link #feedEof()}
   */
  public void feedData(ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    checkNotEof();
    int n = data.remaining();
    if (n == 0) {
      return;
    }
    ensureRoom(n);
    data.get(buf, end, n);
    end += n;
    afterFeed();
  }

  /** Marks the end of the stream: reads return what is buffered, then the end. */
  public void feedEof() {
    eof = true;
    wakeWaiter();
  }

  void feedEofIfOpen() {
    if (!eof) {
      feedEof();
    }
  }

  /** Whether the end of the stream was fed and the buffer is empty. */
  public boolean atEof() {
    return eof && start == end;
  }

  /** The number of bytes buffered. */
  int buffered() {
    return end - start;
  }

  /** Connects the transport whose reading this reader pauses when its buffer is full. */
  void setTransport(Transport transport) {
    if (this.transport != null) {
      throw new IllegalStateException("the transport of " + this + " is already set");
    }
    this.transport = transport;
  }

  private void checkNotEof() {
    if (eof) {
      throw new IllegalStateException("feedData() after feedEof() on " + this);
    }
  }

  private void afterFeed() {
    wakeWaiter();
    if (transport != null && !paused && end - start > 2L * limit) {
      paused = true;
      transport.pauseReading();
    }
  }

  private void wakeWaiter() {
    Future<Void> w = waiter;
    if (w != null) {
      waiter = null;
      w.trySetResult(null);
    }
  }

  private void maybeResumeTransport() {
    if (paused && end - start <= limit) {
      paused = false;
      transport.resumeReading();
    }
  }

  private void ensureRoom(int n) {
    int size = end - start;
    if (end + n <= buf.length) {
      return;
    }
    if (size + n <= buf.length && start > 0) {
      System.arraycopy(buf, start, buf, 0, size);
    } else {
      long want = Math.max((long) size + n, Math.min(2L * buf.length, Integer.MAX_VALUE - 8));
      if (want > Integer.MAX_VALUE - 8) {
        throw new OutOfMemoryError("the buffer of " + this + " cannot grow past 2 GiB");
      }
      byte[] bigger = new byte[(int) Math.max(want, 1024)];
      System.arraycopy(buf, start, bigger, 0, size);
      buf = bigger;
    }
    start = 0;
    end = size;
  }

  /** Removes and returns the first {@code n} buffered bytes. */
  private byte[] take(int n) {
    byte[] out = n == 0 ? EMPTY : Arrays.copyOfRange(buf, start, start + n);
    drop(n);
    return out;
  }

  private void drop(int n) {
    start += n;
    if (start == end) {
      start = 0;
      end = 0;
    }
    maybeResumeTransport();
  }

  /** The index of {@code sep} in the buffer at or after {@code offset} (relative), or -1. */
  private int find(byte[] sep, int offset) {
    int last = end - sep.length;
    outer:
    for (int i = start + offset; i <= last; i++) {
      for (int j = 0; j < sep.length; j++) {
        if (buf[i + j] != sep[j]) {
          continue outer;
        }
      }
      return i - start;
    }
    return -1;
  }

  // ---- reading ----

  /**
   * A coroutine that reads up to {@code n} bytes: what is buffered if there is any, else what
   * arrives next. With {@code n == -1} it reads until the end of the stream. An empty array means
   * the end of the stream (or {@code n == 0}).
   *
   * @throws IllegalArgumentException if {@code n < -1}
   */
  public Coroutine<byte[]> read(int n) {
    if (n < -1) {
      throw new IllegalArgumentException(
          "read(" + n + "): give a number of bytes >= 0, or -1 to read to the end of the stream");
    }
    return new Read("read", n) {
      @Override
      Object attempt() {
        if (n == 0) {
          return EMPTY;
        }
        if (n < 0) {
          return eof ? take(end - start) : WAIT;
        }
        if (start == end) {
          return eof ? EMPTY : WAIT;
        }
        return take(Math.min(n, end - start));
      }
    };
  }

  /**
   * A coroutine that reads one line, up to and including {@code '\n'}. At the end of the stream it
   * returns the last, unterminated line if there is one, then an empty array.
   *
   * <p>A line longer than the limit is discarded, up to and including its {@code '\n'} (or to the
   * end of the stream), and the read throws {@link LimitOverrunException}; the next {@code
   * readline} returns the next line. Unlike {@link #readuntil}, which keeps the data.
   */
  public Coroutine<byte[]> readline() {
    return new Read("readline", 0) {
      private boolean discarding;
      private int discarded;

      @Override
      Object attempt() {
        if (!discarding) {
          try {
            return untilSeparator(this, NEWLINE);
          } catch (IncompleteReadException e) {
            return e.partial();
          } catch (LimitOverrunException e) {
            int at = e.consumed();
            if (at < end - start && buf[start + at] == '\n') {
              drop(at + 1);
              throw lineTooLong(at);
            }
            discarding = true;
          }
        }
        int nl = find(NEWLINE, 0);
        if (nl >= 0) {
          discarded += nl;
          drop(nl + 1);
          throw lineTooLong(discarded);
        }
        discarded += end - start;
        drop(end - start);
        if (eof) {
          throw lineTooLong(discarded);
        }
        return WAIT;
      }
    };
  }

  private LimitOverrunException lineTooLong(int length) {
    return new LimitOverrunException(
        "readline(): a line of "
            + length
            + " bytes is longer than the limit of "
            + limit
            + " bytes and was discarded; raise the limit (the limit argument of openConnection or"
            + " startServer) or read long lines with read(): "
            + this,
        length);
  }

  /**
   * A coroutine that reads up to and including {@code separator} and returns the bytes with the
   * separator at their end.
   *
   * @throws IllegalArgumentException if {@code separator} is empty
   * @see LimitOverrunException thrown, keeping the data in the buffer, when the separator is not
   *     within the limit
   * @see IncompleteReadException thrown, with the bytes read, when the stream ends before the
   *     separator
   */
  public Coroutine<byte[]> readuntil(byte[] separator) {
    Objects.requireNonNull(separator, "separator");
    if (separator.length == 0) {
      throw new IllegalArgumentException("readuntil(): the separator must be at least one byte");
    }
    byte[] sep = separator.clone();
    return new Read("readuntil", 0) {
      @Override
      Object attempt() {
        return untilSeparator(this, sep);
      }
    };
  }

  /** One attempt of readuntil; {@code op.offset} is where to look next. */
  private Object untilSeparator(Read op, byte[] sep) {
    int buflen = end - start;
    if (buflen - op.offset >= sep.length) {
      int isep = find(sep, op.offset);
      if (isep >= 0) {
        if (isep > limit) {
          throw new LimitOverrunException(
              "readuntil(): the separator is found, but the chunk is longer than the limit of "
                  + limit
                  + " bytes: "
                  + this,
              isep);
        }
        return take(isep + sep.length);
      }
      op.offset = buflen + 1 - sep.length;
      if (op.offset > limit) {
        throw new LimitOverrunException(
            "readuntil(): the separator is not found, and the chunk exceeds the limit of "
                + limit
                + " bytes: "
                + this,
            op.offset);
      }
    }
    if (eof) {
      throw new IncompleteReadException(take(end - start), -1);
    }
    return WAIT;
  }

  /**
   * A coroutine that reads exactly {@code n} bytes.
   *
   * @throws IllegalArgumentException if {@code n < 0}
   * @see IncompleteReadException thrown, with the bytes read, when the stream ends first
   */
  public Coroutine<byte[]> readexactly(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("readexactly(" + n + "): give a number of bytes >= 0");
    }
    return new Read("readexactly", n) {
      @Override
      Object attempt() {
        if (end - start >= n) {
          return take(n);
        }
        if (eof) {
          throw new IncompleteReadException(take(end - start), n);
        }
        return WAIT;
      }
    };
  }

  /**
   * Describes the reader as asyncio's repr does, e.g. {@code <StreamReader 12 bytes eof limit=65536
   * waiter transport=<SocketTransport ...>>}.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<StreamReader");
    if (end > start) {
      sb.append(' ').append(end - start).append(" bytes");
    }
    if (eof) {
      sb.append(" eof");
    }
    if (limit != DEFAULT_LIMIT) {
      sb.append(" limit=").append(limit);
    }
    if (waiter != null) {
      sb.append(" waiter");
    }
    if (exception != null) {
      sb.append(" exception=").append(exception);
    }
    if (transport != null) {
      sb.append(" transport=").append(transport);
    }
    if (paused) {
      sb.append(" paused");
    }
    return sb.append('>').toString();
  }

  /** A read: tries to complete from the buffer, and waits for data while it cannot. */
  private abstract class Read extends Coroutine<byte[]> {
    private final String name;
    private final int n;
    private byte state;
    private Future<Void> myWaiter;

    /** readuntil/readline: where to look for the separator next. */
    int offset;

    Read(String name, int n) {
      this.name = name;
      this.n = n;
    }

    /** The result, or {@link #WAIT} to wait for more data; throws to fail the read. */
    abstract Object attempt();

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      switch (state) {
        case 0:
          break;
        case 1:
          Future<Void> w = myWaiter;
          myWaiter = null;
          if (waiter == w) {
            waiter = null;
          }
          break;
        default:
          throw reuseError(error);
      }
      state = 2;
      if (error != null) {
        throw error;
      }
      if (exception != null) {
        throw exception;
      }
      Object r = attempt();
      if (r != WAIT) {
        return r;
      }
      if (waiter != null) {
        throw new IllegalStateException(
            name
                + "() called while another coroutine is already waiting for incoming data on "
                + StreamReader.this
                + "; only one coroutine may read from a StreamReader at a time");
      }
      if (paused) {
        // The read needs more than the buffer holds: let the data in.
        paused = false;
        transport.resumeReading();
      }
      EventLoop loop = task.loopOrNull();
      Future<Void> w = new Future<>(loop != null ? loop : EventLoop.getRunningLoop());
      waiter = w;
      myWaiter = w;
      state = 1;
      return await(task, w);
    }

    @Override
    public String toString() {
      return name
          + "("
          + (name.equals("read") || name.equals("readexactly") ? n : "")
          + ") on "
          + StreamReader.this;
    }
  }
}
