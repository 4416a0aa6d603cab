package dev.jasyncio.bench.echo;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * The JVM reference echo server: one thread, one {@link Selector}, non-blocking channels, no
 * futures and no framework — the least a Java program needs to serve the echo benchmark, and so the
 * yardstick a single-threaded event loop on the JVM is measured against.
 *
 * <p>Each connection has one buffer of {@value #BUFFER_BYTES} bytes (as much as the asyncio server
 * asks {@code reader.read} for). The server reads what has arrived and writes it back; if the
 * socket takes only part of it, it stops reading that connection and waits for it to be writable
 * until the buffer is empty (backpressure, as {@code await writer.drain()} does), then reads again.
 * At end of stream it closes the connection.
 *
 * <pre>
 * java -cp benchmarks.jar dev.jasyncio.bench.echo.NioEchoServer [--host 127.0.0.1] [--port 0]
 * </pre>
 *
 * <p>prints {@code LISTENING <port>} once it accepts connections, then serves until killed.
 */
public final class NioEchoServer implements Closeable {
  /** The size of a connection's buffer: the most one read takes. */
  static final int BUFFER_BYTES = 102_400;

  private final Selector selector;
  private final ServerSocketChannel server;
  private volatile boolean closed;

  /** Binds {@code host:port} (port 0: any free port); {@link #run()} serves. */
  public NioEchoServer(String host, int port) throws IOException {
    selector = Selector.open();
    server = ServerSocketChannel.open();
    try {
      server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      server.bind(new InetSocketAddress(host, port), 1024);
      server.configureBlocking(false);
      server.register(selector, SelectionKey.OP_ACCEPT);
    } catch (IOException | RuntimeException e) {
      server.close();
      selector.close();
      throw e;
    }
  }

  /** The port the server listens on. */
  public int port() {
    try {
      return ((InetSocketAddress) server.getLocalAddress()).getPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serves on the calling thread until {@link #close()}. */
  public void run() throws IOException {
    try {
      while (!closed) {
        selector.select();
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (!key.isValid()) {
            continue;
          }
          if (key.isAcceptable()) {
            accept();
          } else {
            serve(key);
          }
        }
      }
    } finally {
      closeAll();
    }
  }

  private void accept() throws IOException {
    SocketChannel ch;
    while ((ch = server.accept()) != null) {
      ch.configureBlocking(false);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      ch.register(selector, SelectionKey.OP_READ, ByteBuffer.allocateDirect(BUFFER_BYTES));
    }
  }

  /** One readiness event of a connection: echo what can be echoed, or close it. */
  private static void serve(SelectionKey key) {
    SocketChannel ch = (SocketChannel) key.channel();
    ByteBuffer buf = (ByteBuffer) key.attachment();
    try {
      if (key.isWritable()) {
        // buf is in read mode, holding what the last write did not take.
        ch.write(buf);
        if (buf.hasRemaining()) {
          return;
        }
        buf.clear();
        key.interestOps(SelectionKey.OP_READ);
      }
      if (key.isReadable()) {
        int n = ch.read(buf);
        if (n < 0) {
          key.cancel();
          ch.close();
          return;
        }
        buf.flip();
        ch.write(buf);
        if (buf.hasRemaining()) {
          key.interestOps(SelectionKey.OP_WRITE);
        } else {
          buf.clear();
        }
      }
    } catch (IOException e) {
      // the peer reset the connection: drop it
      key.cancel();
      try {
        ch.close();
      } catch (IOException ignored) {
        // nothing more to do
      }
    }
  }

  private void closeAll() throws IOException {
    for (SelectionKey key : selector.keys()) {
      key.channel().close();
    }
    server.close();
    selector.close();
  }

  /** Stops {@link #run()} and closes every connection. */
  @Override
  public void close() {
    closed = true;
    selector.wakeup();
  }

  public static void main(String[] args) throws IOException {
    String host = "127.0.0.1";
    int port = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--host" -> host = EchoClient.Options.value(args, ++i, "--host");
        case "--port" -> port = Integer.parseInt(EchoClient.Options.value(args, ++i, "--port"));
        default -> {
          System.err.println("unknown option: " + args[i]);
          System.err.println("usage: NioEchoServer [--host 127.0.0.1] [--port 0]");
          System.exit(2);
        }
      }
    }
    try (NioEchoServer s = new NioEchoServer(host, port)) {
      System.out.println("LISTENING " + s.port());
      System.out.flush();
      s.run();
    }
  }
}
