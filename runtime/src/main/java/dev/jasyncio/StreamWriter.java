package dev.jasyncio;

import dev.jasyncio.internal.Deferred;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Objects;

/**
 * The writing end of a connection, as asyncio's {@code StreamWriter}: {@link #write} never blocks
 * and never waits; {@link #drain()} is where a coroutine waits for the peer to catch up.
 *
 * <pre>{@code
 * for (byte[] chunk : chunks) {
 *   writer.write(chunk);
 *   await(writer.drain());        // waits only while too much is buffered
 * }
 * writer.close();
 * await(writer.waitClosed());
 * }</pre>
 *
 * <h2>Buffering and backpressure</h2>
 *
 * <p>{@code write} sends what the socket takes at once and buffers the rest, which the loop sends
 * when the socket is writable again. Nothing bounds the buffer but the writer itself: a coroutine
 * that writes much should {@code await drain()} after each write. {@code drain()} finishes at once
 * while the buffer is at most the high-water mark (64 KiB by default); above it, it waits until the
 * buffer has drained to the low-water mark (16 KiB by default). Both are set with {@link
 * #setWriteBufferLimits}; {@link #getWriteBufferSize()} tells how much is buffered.
 *
 * <h2>Closing</h2>
 *
 * <p>{@link #close()} stops reading, sends what is buffered, then closes the connection; {@link
 * #waitClosed()} waits until it is closed. {@link #writeEof()} closes only the sending direction
 * (TCP half-close) once the buffer is sent: the peer reads to its end of stream, and can still send
 * back. A writer is an {@link AsyncContextManager}: leaving {@code async with} closes it and waits
 * until it is closed.
 *
 * <h2>Errors</h2>
 *
 * <p>{@code write} after {@code close()} throws {@link IllegalStateException} (asyncio drops the
 * data silently). If the connection is lost (reset by the peer, a broken pipe), later writes are
 * dropped and {@code drain()} throws the {@link java.io.IOException} that ended the connection,
 * naming the peer, as do the reads of the connection's {@link StreamReader}.
 *
 * <h2>Threads</h2>
 *
 * <p>A writer is used on the thread of its loop.
 */
public final class StreamWriter implements AsyncContextManager<StreamWriter> {
  private final Transport transport;
  private final StreamProtocol protocol;
  private boolean closeCalled;

  StreamWriter(Transport transport, StreamProtocol protocol) {
    this.transport = transport;
    this.protocol = protocol;
  }

  Transport transport() {
    return transport;
  }

  StreamProtocol protocol() {
    return protocol;
  }

  /**
   * Sends {@code data}, or buffers what cannot be sent at once; never blocks.
   *
   * @throws IllegalStateException after {@link #close()} or {@link #writeEof()}
   */
  public void write(byte[] data) {
    Objects.requireNonNull(data, "data");
    write(data, 0, data.length);
  }

  /**
   * Sends {@code len} bytes of {@code data} from {@code off}, or buffers what cannot be sent at
   * once; never blocks. The bytes are copied before this returns: the array may be reused.
   *
   * @throws IllegalStateException after {@link #close()} or {@link #writeEof()}
   * @throws IndexOutOfBoundsException if {@code off} and {@code len} are not within {@code data}
   */
  public void write(byte[] data, int off, int len) {
    Objects.requireNonNull(data, "data");
    Objects.checkFromIndexSize(off, len, data.length);
    if (closeCalled) {
      throw new IllegalStateException(
          "write() after close() on "
              + this
              + "; the connection is closing: write everything before closing it");
    }
    if (transport.eofWritten()) {
      throw new IllegalStateException(
          "write() after writeEof() on " + this + "; the sending direction is shut down");
    }
    transport.write(data, off, len);
  }

  /** Writes each of {@code chunks} in order, as {@link #write(byte[])}. */
  public void writelines(Iterable<byte[]> chunks) {
    Objects.requireNonNull(chunks, "chunks");
    for (byte[] chunk : chunks) {
      write(chunk);
    }
  }

  /**
   * A coroutine that waits while the write buffer is above the high-water mark, until it has
   * drained to the low-water mark; it finishes at once when the buffer is not that full.
   *
   * <p>It throws the exception of the connection's reader if it has one, and the error that ended
   * the connection if it is lost ({@link SocketException} "Connection lost" if it was closed).
   */
  public Coroutine<Void> drain() {
    return new Drain();
  }

  /** The number of bytes buffered, not yet handed to the socket. */
  public int getWriteBufferSize() {
    return transport.writeBufferSize();
  }

  /**
   * Sets the write buffer's high- and low-water marks used by {@link #drain()}.
   *
   * @throws IllegalArgumentException unless {@code high >= low >= 0}
   */
  public void setWriteBufferLimits(int high, int low) {
    transport.setWriteBufferLimits(high, low);
  }

  /**
   * Sets the high-water mark, and the low-water mark to a quarter of it, as asyncio's {@code
   * set_write_buffer_limits(high=...)}.
   *
   * @throws IllegalArgumentException if {@code high < 0}
   */
  public void setWriteBufferLimits(int high) {
    transport.setWriteBufferLimits(high, high / 4);
  }

  /** The high-water mark: 64 KiB unless set. */
  public int getWriteBufferHigh() {
    return transport.writeBufferHigh();
  }

  /** The low-water mark: 16 KiB unless set. */
  public int getWriteBufferLow() {
    return transport.writeBufferLow();
  }

  /** Whether {@link #writeEof()} is supported: true for sockets. */
  public boolean canWriteEof() {
    return transport.canWriteEof();
  }

  /**
   * Closes the sending direction once the buffer is sent (TCP half-close), as asyncio's {@code
   * write_eof()}: the peer reads to its end of stream; this side can still read. Later writes
   * throw; calling it again, or on a closing writer, does nothing.
   */
  public void writeEof() {
    transport.writeEof();
  }

  /**
   * Closes the connection: stops reading, sends what is buffered, then closes the socket. Await
   * {@link #waitClosed()} to know when it is closed. Closing again does nothing.
   */
  public void close() {
    closeCalled = true;
    transport.close();
  }

  /** Whether the connection is closing or closed, by {@link #close()} or because it was lost. */
  public boolean isClosing() {
    return transport.isClosing();
  }

  /**
   * A coroutine that waits until the connection is closed. As asyncio's {@code wait_closed()}, it
   * throws the error that ended the connection, if it was lost to one.
   */
  public Coroutine<Void> waitClosed() {
    return new Deferred<>("waitClosed() on " + this, () -> protocol.closed);
  }

  /** The address of the peer; null for a transport without one (a pipe). */
  public InetSocketAddress peerAddress() {
    return transport.peerAddress();
  }

  /** The local address of the connection; null for a transport without one (a pipe). */
  public InetSocketAddress localAddress() {
    return transport.localAddress();
  }

  /** Entering produces this writer. */
  @Override
  public Coroutine<StreamWriter> aenter() {
    return Asyncio.done(this);
  }

  /**
   * Closes the writer and waits until the connection is closed. An error that ended the connection
   * is not raised here (reads and {@code drain()} raise it); {@code exception} propagates.
   */
  @Override
  public Coroutine<Boolean> aexit(Throwable exception) {
    return new Exit();
  }

  @Override
  public String toString() {
    return "<StreamWriter transport=" + transport + (closeCalled ? " closed" : "") + ">";
  }

  /** The coroutine of {@link #drain()}. */
  private final class Drain extends Coroutine<Void> {
    private byte state;
    private Future<Void> waiter;

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      switch (state) {
        case 0:
          state = 2;
          if (error != null) {
            throw error;
          }
          StreamReader reader = protocol.reader;
          if (reader != null && reader.exception() != null) {
            throw reader.exception();
          }
          if (protocol.lost()) {
            Throwable lost = protocol.lostError();
            throw lost != null
                ? lost
                : new SocketException("Connection lost: " + StreamWriter.this);
          }
          if (!protocol.writingPaused()) {
            return null;
          }
          waiter = protocol.drainWaiter();
          state = 1;
          return await(task, waiter);
        case 1:
          state = 2;
          if (error != null) {
            protocol.removeDrainWaiter(waiter);
            throw error;
          }
          return null;
        default:
          throw reuseError(error);
      }
    }

    @Override
    public String toString() {
      return "drain() on " + StreamWriter.this;
    }
  }

  /**
   * The coroutine of {@link #aexit}: close, then wait for the closed future, ignoring its error.
   */
  private final class Exit extends Coroutine<Boolean> {
    private byte state;

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      switch (state) {
        case 0:
          state = 2;
          if (error != null) {
            throw error;
          }
          StreamWriter.this.close();
          if (protocol.closed.done()) {
            protocol.closed.markRetrieved();
            return false;
          }
          state = 1;
          return await(task, protocol.closed);
        case 1:
          state = 2;
          if (error instanceof CancelledError) {
            throw error;
          }
          return false;
        default:
          throw reuseError(error);
      }
    }

    @Override
    public String toString() {
      return "aexit() of " + StreamWriter.this;
    }
  }
}
