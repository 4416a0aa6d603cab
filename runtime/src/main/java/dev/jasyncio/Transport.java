package dev.jasyncio;

import java.net.InetSocketAddress;

/**
 * The byte pipe under a {@link StreamReader}/{@link StreamWriter} pair, as asyncio's transports: a
 * socket now ({@link SocketTransport}), a subprocess pipe later. Not API.
 *
 * <p>A transport feeds what it reads to its {@link StreamProtocol} and writes what it is given
 * without blocking, buffering what the channel does not take at once. It calls the protocol's
 * {@code pauseWriting()} when its buffer grows past the high-water mark and {@code resumeWriting()}
 * when it drains to the low-water mark, and {@code connectionLost} exactly once, in a later loop
 * iteration than the {@link #close()} or error that ends it.
 */
interface Transport {
  /** Writes or buffers {@code len} bytes of {@code data}; never blocks. Dropped once lost. */
  void write(byte[] data, int off, int len);

  /** The number of bytes buffered and not yet written to the channel. */
  int writeBufferSize();

  /** Sets the high- and low-water marks of the write buffer; {@code high >= low >= 0}. */
  void setWriteBufferLimits(int high, int low);

  int writeBufferHigh();

  int writeBufferLow();

  /** Whether {@link #writeEof()} is supported. */
  boolean canWriteEof();

  /** Closes the write side once the buffer is flushed; the read side stays open. */
  void writeEof();

  /** Whether {@link #writeEof()} has been called. */
  boolean eofWritten();

  /** Stops reading, flushes the buffer, then closes; the protocol hears of it later. */
  void close();

  /** Closes at once, dropping the buffer. */
  void abort();

  /** Whether the transport is closing or closed. */
  boolean isClosing();

  /** Stops reading from the channel until {@link #resumeReading()} (reader flow control). */
  void pauseReading();

  void resumeReading();

  /** The remote address, or null for a transport that has none (a pipe). */
  InetSocketAddress peerAddress();

  /** The local address, or null for a transport that has none (a pipe). */
  InetSocketAddress localAddress();
}
