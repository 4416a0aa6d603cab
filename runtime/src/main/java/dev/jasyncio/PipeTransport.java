package dev.jasyncio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The transports over the pipes of a {@link Subprocess}, as asyncio's {@code
 * _UnixReadPipeTransport} and {@code _UnixWritePipeTransport}. The JDK gives a process's pipes as
 * blocking streams that cannot join the loop's selector, so each pipe has a daemon thread that
 * moves its bytes: {@link Read} pumps a child's output into a {@link StreamReader}, {@link Write}
 * takes what a {@link StreamWriter} buffered and writes it to the child's input. Not API.
 */
abstract class PipeTransport implements Transport {
  /*
   * Overview: the loop and a pipe's thread share one lock-guarded handful of fields; everything
   * else belongs to one side. The thread reports to the loop only through callSoonThreadsafe, and
   * each thread counts as outside work from its start until its last report has run on the loop,
   * so that a TestEventLoop waits for it instead of reporting a deadlock. A thread that waits for
   * the loop also wakes up now and then to see whether the loop has closed: nobody would ever
   * wake it then, and it must not outlive the loop.
   */

  /** How long a pipe's thread waits before looking again whether its loop has closed. */
  static final long LOOP_CHECK_MILLIS = 1000;

  /** The largest chunk a pump reads and hands to the loop at once. */
  static final int CHUNK = 64 * 1024;

  final EventLoop loop;

  /** What the pipe is, for messages and the thread's name: {@code "stdout of <Subprocess ...>"}. */
  final String name;

  final Object lock = new Object();

  PipeTransport(EventLoop loop, String name) {
    this.loop = loop;
    this.name = name;
  }

  static Thread daemon(Runnable body, String threadName) {
    Thread t = new Thread(body, threadName);
    t.setDaemon(true);
    return t;
  }

  /** Runs {@code r} on the loop; false if the loop has closed, and nobody is left to tell. */
  final boolean post(Runnable r) {
    try {
      loop.callSoonThreadsafe(r);
      return true;
    } catch (IllegalStateException closedLoop) {
      return false;
    }
  }

  /** {@code e} with the pipe named in its message, as a socket error names the peer. */
  final IOException named(IOException e) {
    String message = (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    IOException named = new IOException(message + ": " + name);
    named.initCause(e);
    return named;
  }

  static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // Nothing to report: the pipe is being abandoned.
    }
  }

  @Override
  public InetSocketAddress peerAddress() {
    return null;
  }

  @Override
  public InetSocketAddress localAddress() {
    return null;
  }

  /**
   * The output of a child (its stdout or stderr) fed into a {@link StreamReader}. The pump thread
   * reads a chunk, waits until the loop has fed the previous one and the reader has room, and hands
   * it over: at most one chunk is on its way to the loop, and while the reader's buffer is over its
   * limit (the reader pauses its transport) the pump stops reading, so that a child that writes
   * faster than the program reads blocks on the full pipe instead of filling memory.
   */
  static final class Read extends PipeTransport implements Runnable {
    private final InputStream in;
    private final StreamReader reader;
    private final Runnable onEnd;

    // Guarded by lock.
    private boolean paused;
    private boolean inFlight;
    private boolean closed;

    /**
     * @param onEnd runs on the loop once the reader has been fed the end of the stream or an error
     */
    Read(EventLoop loop, String name, InputStream in, StreamReader reader, Runnable onEnd) {
      super(loop, name);
      this.in = in;
      this.reader = reader;
      this.onEnd = onEnd;
      reader.setTransport(this);
    }

    /** Starts the pump thread. Loop thread. */
    void start(String threadName) {
      loop.outsideWorkStarted();
      try {
        daemon(this, threadName).start();
      } catch (RuntimeException | Error e) {
        loop.outsideWorkFinished();
        throw e;
      }
    }

    @Override
    public void run() {
      byte[] buf = new byte[CHUNK];
      IOException failure = null;
      try {
        for (; ; ) {
          int n = in.read(buf);
          if (n < 0) {
            break;
          }
          if (n == 0) {
            continue;
          }
          byte[] chunk = Arrays.copyOf(buf, n);
          if (!awaitRoom() || !post(() -> deliver(chunk))) {
            break;
          }
        }
      } catch (IOException e) {
        failure = e;
      } finally {
        closeQuietly(in);
      }
      IOException f = failure;
      post(() -> end(f));
    }

    /** Waits until the loop has fed the last chunk and the reader has room; false to stop. */
    private boolean awaitRoom() {
      synchronized (lock) {
        try {
          while ((paused || inFlight) && !closed) {
            if (loop.isClosed()) {
              return false;
            }
            lock.wait(LOOP_CHECK_MILLIS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
        if (closed) {
          return false;
        }
        inFlight = true;
        return true;
      }
    }

    /** Loop thread: feeds one chunk, then lets the pump hand over the next. */
    private void deliver(byte[] chunk) {
      try {
        if (!isClosing()) {
          reader.feedData(chunk);
        }
      } catch (IllegalStateException fedEofByHand) {
        // Somebody fed the reader its end by hand; what the child writes next goes nowhere.
      } finally {
        synchronized (lock) {
          inFlight = false;
          lock.notifyAll();
        }
      }
    }

    /** Loop thread: the pipe has ended. */
    private void end(IOException failure) {
      loop.outsideWorkFinished();
      try {
        if (failure == null || isClosing()) {
          reader.feedEofIfOpen();
        } else {
          reader.setException(named(failure));
        }
      } finally {
        onEnd.run();
      }
    }

    @Override
    public void pauseReading() {
      synchronized (lock) {
        paused = true;
      }
    }

    @Override
    public void resumeReading() {
      synchronized (lock) {
        paused = false;
        lock.notifyAll();
      }
    }

    /** Stops pumping: the pump ends after the read it is blocked in, closing the pipe. */
    @Override
    public void close() {
      synchronized (lock) {
        closed = true;
        lock.notifyAll();
      }
    }

    @Override
    public void abort() {
      close();
    }

    @Override
    public boolean isClosing() {
      synchronized (lock) {
        return closed;
      }
    }

    @Override
    public void write(byte[] data, int off, int len) {
      throw readOnly("write");
    }

    @Override
    public int writeBufferSize() {
      return 0;
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
      throw readOnly("setWriteBufferLimits");
    }

    @Override
    public int writeBufferHigh() {
      return 0;
    }

    @Override
    public int writeBufferLow() {
      return 0;
    }

    @Override
    public boolean canWriteEof() {
      return false;
    }

    @Override
    public void writeEof() {
      throw readOnly("writeEof");
    }

    @Override
    public boolean eofWritten() {
      return false;
    }

    private UnsupportedOperationException readOnly(String op) {
      return new UnsupportedOperationException(op + "() on " + this + ", which is read-only");
    }

    @Override
    public String toString() {
      synchronized (lock) {
        return "<PipeTransport "
            + name
            + (closed ? " closed" : "")
            + (paused ? " reading-paused" : "")
            + ">";
      }
    }
  }

  /**
   * The input of a child (its stdin) under a {@link StreamWriter}. {@link #write} queues a copy of
   * the bytes and returns; the writer thread, started by the first write or close, takes the queue
   * and writes it to the pipe, blocking as long as the child does not read, and reports each chunk
   * written back to the loop. The write buffer is everything written and not yet reported, so that
   * {@link StreamWriter#drain()} waits, with the usual water marks, until the child has taken the
   * bytes.
   */
  static final class Write extends PipeTransport implements Runnable {
    private final OutputStream out;
    private final StreamProtocol protocol;
    private final String threadName;

    // Guarded by lock.
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private boolean closeRequested;
    private boolean aborted;
    private boolean exited;

    // Loop thread only.
    private Thread thread;
    private long buffered;
    private int high = SocketTransport.DEFAULT_HIGH;
    private int low = SocketTransport.DEFAULT_LOW;
    private boolean protocolPaused;
    private boolean closing;
    private boolean eof;
    private boolean lostScheduled;

    Write(
        EventLoop loop, String name, String threadName, OutputStream out, StreamProtocol protocol) {
      super(loop, name);
      this.out = out;
      this.protocol = protocol;
      this.threadName = threadName;
    }

    @Override
    public void write(byte[] data, int off, int len) {
      if (eof) {
        throw new IllegalStateException("write() after writeEof() on " + this);
      }
      if (len == 0 || lostScheduled || closing) {
        // As asyncio: once the pipe is lost, writes are dropped and drain() raises.
        return;
      }
      byte[] copy = Arrays.copyOfRange(data, off, off + len);
      synchronized (lock) {
        queue.add(copy);
        lock.notifyAll();
      }
      buffered += len;
      startThread();
      if (!protocolPaused && buffered > high) {
        protocolPaused = true;
        protocol.pauseWriting();
      }
    }

    private void startThread() {
      if (thread != null) {
        return;
      }
      thread = daemon(this, threadName);
      loop.outsideWorkStarted();
      try {
        thread.start();
      } catch (RuntimeException | Error e) {
        loop.outsideWorkFinished();
        throw e;
      }
    }

    @Override
    public void run() {
      IOException failure = null;
      try {
        for (; ; ) {
          byte[][] chunks;
          synchronized (lock) {
            while (queue.isEmpty() && !closeRequested && !aborted && !exited) {
              if (loop.isClosed()) {
                aborted = true;
                break;
              }
              lock.wait(LOOP_CHECK_MILLIS);
            }
            if (aborted || queue.isEmpty()) {
              break;
            }
            chunks = queue.toArray(new byte[0][]);
            queue.clear();
          }
          int n = 0;
          for (byte[] chunk : chunks) {
            out.write(chunk);
            n += chunk.length;
          }
          out.flush();
          int written = n;
          if (!post(() -> written(written))) {
            break;
          }
        }
      } catch (IOException e) {
        failure = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        closeQuietly(out);
      }
      IOException f = failure;
      post(() -> finished(f));
    }

    /** Loop thread: the child has taken {@code n} more bytes. */
    private void written(int n) {
      if (lostScheduled) {
        return;
      }
      buffered -= n;
      if (protocolPaused && buffered <= low) {
        protocolPaused = false;
        protocol.resumeWriting();
      }
    }

    /** Loop thread: the writer thread has closed the pipe. */
    private void finished(IOException failure) {
      loop.outsideWorkFinished();
      if (!lostScheduled) {
        lostScheduled = true;
        closing = true;
        buffered = 0;
        protocol.connectionLost(failure == null ? null : named(failure));
      }
    }

    /**
     * Loop thread: the child has exited. Once the thread has written what is queued (which fails
     * with a broken pipe, as nobody reads any more) the pipe is closed; a pipe never written to is
     * closed now, without error, as asyncio's pipe transport notices the child closing it.
     */
    void processExited() {
      synchronized (lock) {
        exited = true;
        lock.notifyAll();
      }
      if (thread == null && !lostScheduled) {
        closing = true;
        closeQuietly(out);
        scheduleConnectionLost();
      }
    }

    @Override
    public int writeBufferSize() {
      return (int) Math.min(Integer.MAX_VALUE, buffered);
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
      if (!(high >= low && low >= 0)) {
        throw new IllegalArgumentException(
            "setWriteBufferLimits(" + high + ", " + low + "): need high >= low >= 0");
      }
      this.high = high;
      this.low = low;
      if (!protocolPaused && buffered > high) {
        protocolPaused = true;
        protocol.pauseWriting();
      } else if (protocolPaused && buffered <= low) {
        protocolPaused = false;
        protocol.resumeWriting();
      }
    }

    @Override
    public int writeBufferHigh() {
      return high;
    }

    @Override
    public int writeBufferLow() {
      return low;
    }

    /** A pipe has one direction: its end is closing it, as asyncio's pipe transports. */
    @Override
    public boolean canWriteEof() {
      return true;
    }

    @Override
    public void writeEof() {
      if (closing) {
        return;
      }
      eof = true;
      close();
    }

    @Override
    public boolean eofWritten() {
      return eof;
    }

    /** Closes the pipe once the thread has written what is queued; the child reads its end. */
    @Override
    public void close() {
      if (closing) {
        return;
      }
      closing = true;
      if (thread == null) {
        // Nothing was ever written: no thread holds the stream, close it here.
        closeQuietly(out);
        scheduleConnectionLost();
        return;
      }
      synchronized (lock) {
        closeRequested = true;
        lock.notifyAll();
      }
    }

    /**
     * Drops what is queued and closes the pipe: at once if no thread holds it, else as soon as the
     * thread's current write returns (the JDK's pipe stream cannot be closed under a blocked
     * write).
     */
    @Override
    public void abort() {
      if (lostScheduled) {
        return;
      }
      closing = true;
      buffered = 0;
      if (thread == null) {
        closeQuietly(out);
      } else {
        synchronized (lock) {
          queue.clear();
          aborted = true;
          lock.notifyAll();
        }
      }
      scheduleConnectionLost();
    }

    private void scheduleConnectionLost() {
      if (lostScheduled) {
        return;
      }
      lostScheduled = true;
      if (!loop.isClosed()) {
        loop.callSoon(() -> protocol.connectionLost(null));
      }
    }

    @Override
    public boolean isClosing() {
      return closing;
    }

    @Override
    public void pauseReading() {
      throw new UnsupportedOperationException(
          "pauseReading() on " + this + ", which is write-only");
    }

    @Override
    public void resumeReading() {
      throw new UnsupportedOperationException(
          "resumeReading() on " + this + ", which is write-only");
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("<PipeTransport ").append(name);
      if (lostScheduled) {
        sb.append(" closed");
      } else if (closing) {
        sb.append(" closing");
      }
      if (buffered > 0) {
        sb.append(" write-buffer=").append(buffered);
      }
      return sb.append('>').toString();
    }
  }
}
