package dev.jasyncio;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A {@link Transport} over a connected, non-blocking {@link SocketChannel}, as asyncio's {@code
 * _SelectorSocketTransport}: it reads whenever the socket is readable (unless paused) and writes
 * directly while nothing is buffered, registering for write readiness only while it has a backlog.
 * Not API.
 */
final class SocketTransport implements Transport {
  /*
   * Overview: the write buffer is wbuf[wstart, wend) with a reusable view over it. The transport
   * ends once, in callConnectionLost, which runs in a later iteration than the close() or error
   * that caused it (asyncio's call_soon(_call_connection_lost)), so that a protocol is never told
   * of the loss inside one of its own calls.
   */

  static final int DEFAULT_HIGH = 64 * 1024;
  static final int DEFAULT_LOW = 16 * 1024;
  private static final byte[] EMPTY = new byte[0];

  private final EventLoop loop;
  private final SocketChannel channel;
  private final StreamProtocol protocol;
  private final InetSocketAddress peer;
  private final InetSocketAddress local;
  private final Runnable readCallback = this::readReady;
  private final Runnable writeCallback = this::writeReady;

  private byte[] wbuf = EMPTY;
  private ByteBuffer wview = ByteBuffer.wrap(EMPTY);
  private int wstart;
  private int wend;
  private int high = DEFAULT_HIGH;
  private int low = DEFAULT_LOW;
  private boolean protocolPaused;

  private boolean closing;
  private boolean lostScheduled;
  private boolean eof;
  private boolean readEof;
  private boolean readingPaused;

  private SocketTransport(EventLoop loop, SocketChannel channel, StreamProtocol protocol)
      throws IOException {
    this.loop = loop;
    this.channel = channel;
    this.protocol = protocol;
    this.peer = (InetSocketAddress) channel.getRemoteAddress();
    this.local = (InetSocketAddress) channel.getLocalAddress();
  }

  /**
   * A reader and writer over the connected {@code channel}, reading already: the channel belongs to
   * the connection from now on, and is closed if this fails.
   */
  static Connection open(EventLoop loop, SocketChannel channel, int limit) throws IOException {
    try {
      channel.configureBlocking(false);
      // As asyncio: small writes go out at once, not after Nagle's delay.
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      StreamReader reader = new StreamReader(limit);
      StreamProtocol protocol = new StreamProtocol(loop, reader);
      SocketTransport transport = new SocketTransport(loop, channel, protocol);
      reader.setTransport(transport);
      StreamWriter writer = new StreamWriter(transport, protocol);
      loop.addReader(channel, transport.readCallback);
      return new Connection(reader, writer);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Nothing to report: the channel is being abandoned.
    }
  }

  // ---- reading ----

  private void readReady() {
    if (closing || readingPaused) {
      return;
    }
    ByteBuffer buf = loop.streamReadBuffer();
    buf.clear();
    int n;
    try {
      n = channel.read(buf);
    } catch (IOException e) {
      fatalError(e);
      return;
    }
    if (n > 0) {
      buf.flip();
      protocol.dataReceived(buf);
    } else if (n < 0) {
      // The peer has shut down its side; ours stays open for writing, as asyncio's streams.
      readEof = true;
      loop.removeReader(channel);
      protocol.eofReceived();
    }
  }

  @Override
  public void pauseReading() {
    if (closing || readingPaused) {
      return;
    }
    readingPaused = true;
    loop.removeReader(channel);
  }

  @Override
  public void resumeReading() {
    if (!readingPaused) {
      return;
    }
    readingPaused = false;
    if (!closing && !readEof) {
      loop.addReader(channel, readCallback);
    }
  }

  // ---- writing ----

  @Override
  public void write(byte[] data, int off, int len) {
    if (eof) {
      throw new IllegalStateException("write() after writeEof() on " + this);
    }
    if (len == 0 || lostScheduled) {
      // After the connection is lost, as asyncio, writes are dropped; drain() raises.
      return;
    }
    if (wstart == wend) {
      int n;
      try {
        n = channel.write(ByteBuffer.wrap(data, off, len));
      } catch (IOException e) {
        fatalError(e);
        return;
      }
      off += n;
      len -= n;
      if (len == 0) {
        return;
      }
      loop.addWriter(channel, writeCallback);
    }
    append(data, off, len);
    if (!protocolPaused && wend - wstart > high) {
      protocolPaused = true;
      protocol.pauseWriting();
    }
  }

  private void append(byte[] data, int off, int len) {
    int size = wend - wstart;
    if (wend + len > wbuf.length) {
      if (size + len <= wbuf.length) {
        System.arraycopy(wbuf, wstart, wbuf, 0, size);
      } else {
        byte[] bigger = new byte[Math.max(size + len, Math.max(2 * wbuf.length, 4096))];
        System.arraycopy(wbuf, wstart, bigger, 0, size);
        wbuf = bigger;
        wview = ByteBuffer.wrap(bigger);
      }
      wstart = 0;
      wend = size;
    }
    System.arraycopy(data, off, wbuf, wend, len);
    wend += len;
  }

  private void writeReady() {
    if (lostScheduled) {
      return;
    }
    int n;
    try {
      wview.limit(wend).position(wstart);
      n = channel.write(wview);
    } catch (IOException e) {
      fatalError(e);
      return;
    }
    wstart += n;
    if (protocolPaused && wend - wstart <= low) {
      protocolPaused = false;
      protocol.resumeWriting();
    }
    if (wstart == wend) {
      wstart = 0;
      wend = 0;
      loop.removeWriter(channel);
      if (closing) {
        scheduleConnectionLost(null);
      } else if (eof) {
        shutdownOutput();
      }
    }
  }

  @Override
  public int writeBufferSize() {
    return wend - wstart;
  }

  @Override
  public void setWriteBufferLimits(int high, int low) {
    if (!(high >= low && low >= 0)) {
      throw new IllegalArgumentException(
          "setWriteBufferLimits(" + high + ", " + low + "): need high >= low >= 0");
    }
    this.high = high;
    this.low = low;
    if (!protocolPaused && wend - wstart > high) {
      protocolPaused = true;
      protocol.pauseWriting();
    } else if (protocolPaused && wend - wstart <= low) {
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

  @Override
  public boolean canWriteEof() {
    return true;
  }

  @Override
  public void writeEof() {
    if (closing || eof) {
      return;
    }
    eof = true;
    if (wstart == wend) {
      shutdownOutput();
    }
  }

  @Override
  public boolean eofWritten() {
    return eof;
  }

  private void shutdownOutput() {
    try {
      channel.shutdownOutput();
    } catch (IOException e) {
      fatalError(e);
    }
  }

  // ---- closing ----

  @Override
  public boolean isClosing() {
    return closing;
  }

  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    loop.removeReader(channel);
    if (wstart == wend) {
      scheduleConnectionLost(null);
    }
  }

  @Override
  public void abort() {
    forceClose(null);
  }

  private void fatalError(IOException e) {
    forceClose(nameThePeer(e, peer));
  }

  private void forceClose(Throwable error) {
    if (lostScheduled) {
      return;
    }
    if (wstart != wend) {
      wstart = 0;
      wend = 0;
      loop.removeWriter(channel);
    }
    if (!closing) {
      closing = true;
      loop.removeReader(channel);
    }
    scheduleConnectionLost(error);
  }

  private void scheduleConnectionLost(Throwable error) {
    if (lostScheduled) {
      return;
    }
    lostScheduled = true;
    if (loop.isClosed()) {
      closeQuietly(channel);
      return;
    }
    loop.callSoon(() -> callConnectionLost(error));
  }

  private void callConnectionLost(Throwable error) {
    try {
      protocol.connectionLost(error);
    } finally {
      loop.removeReader(channel);
      loop.removeWriter(channel);
      closeQuietly(channel);
    }
  }

  /**
   * {@code e} with the peer's address in its message, of the same class for the usual socket
   * errors, so that "Connection reset" says which connection.
   */
  static IOException nameThePeer(IOException e, InetSocketAddress peer) {
    String message =
        (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()) + ": " + peer;
    IOException named =
        e instanceof ConnectException
            ? new ConnectException(message)
            : e instanceof SocketException
                ? new SocketException(message)
                : new IOException(message);
    named.initCause(e);
    return named;
  }

  @Override
  public InetSocketAddress peerAddress() {
    return peer;
  }

  @Override
  public InetSocketAddress localAddress() {
    return local;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<SocketTransport");
    if (lostScheduled) {
      sb.append(" closed");
    } else if (closing) {
      sb.append(" closing");
    }
    sb.append(" local=").append(local).append(" peer=").append(peer);
    if (readingPaused) {
      sb.append(" reading-paused");
    }
    if (wend > wstart) {
      sb.append(" write-buffer=").append(wend - wstart);
    }
    if (eof) {
      sb.append(" eof-written");
    }
    return sb.append('>').toString();
  }
}
