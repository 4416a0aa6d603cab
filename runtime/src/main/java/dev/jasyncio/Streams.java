package dev.jasyncio;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;

/**
 * The coroutines behind {@link Asyncio#openConnection} and {@link Asyncio#startServer}: name
 * resolution, non-blocking connect, binding. Not API.
 */
final class Streams {
  private Streams() {}

  static final int DEFAULT_BACKLOG = 100;

  static void checkPort(int port) {
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("port out of range (0-65535): " + port);
    }
  }

  static void checkLimit(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("the stream limit must be > 0, got " + limit);
    }
  }

  /**
   * The addresses of {@code host} when they are known without a lookup: a literal address, or
   * "localhost" (127.0.0.1, then ::1); null when a DNS lookup is needed.
   */
  static InetAddress[] withoutLookup(String host) throws UnknownHostException {
    if (host.equalsIgnoreCase("localhost")) {
      return new InetAddress[] {
        InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}),
        InetAddress.getByAddress(
            "localhost", new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
      };
    }
    if (isLiteral(host)) {
      // No lookup for a literal: getByName only parses it.
      return new InetAddress[] {InetAddress.getByName(host)};
    }
    return null;
  }

  private static boolean isLiteral(String host) {
    if (host.indexOf(':') >= 0) {
      return true; // IPv6, possibly in brackets
    }
    int dots = 0;
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c == '.') {
        dots++;
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return dots == 3;
  }

  /** Resolves {@code host}: at once when no lookup is needed, else on the default executor. */
  static Awaitable<InetAddress[]> resolve(EventLoop loop, String host) throws UnknownHostException {
    InetAddress[] known = withoutLookup(host);
    if (known != null) {
      return Asyncio.done(known);
    }
    return loop.runInExecutor(null, () -> InetAddress.getAllByName(host));
  }

  /**
   * A future of {@code channel}'s connect to {@code address}: it fails with a {@link
   * ConnectException} naming the address, and cancelling it closes the channel.
   */
  static ConnectFuture connect(EventLoop loop, InetSocketAddress address) {
    ConnectFuture f = new ConnectFuture(loop);
    try {
      SocketChannel channel = SocketChannel.open();
      f.channel = channel;
      channel.configureBlocking(false);
      if (channel.connect(address)) {
        f.setResult(channel);
        return f;
      }
      loop.addWriter(
          channel,
          () -> {
            loop.removeWriter(channel);
            if (f.done()) {
              return;
            }
            try {
              channel.finishConnect();
              f.setResult(channel);
            } catch (IOException e) {
              SocketTransport.closeQuietly(channel);
              f.setException(named(e, address));
            }
          });
    } catch (IOException e) {
      if (f.channel != null) {
        SocketTransport.closeQuietly(f.channel);
      }
      f.setException(named(e, address));
    }
    return f;
  }

  private static IOException named(IOException e, InetSocketAddress address) {
    return SocketTransport.nameThePeer(e, address);
  }

  static final class ConnectFuture extends Future<SocketChannel> {
    SocketChannel channel;

    ConnectFuture(EventLoop loop) {
      super(loop);
    }

    @Override
    public boolean cancel(String message) {
      boolean cancelled = super.cancel(message);
      if (cancelled && channel != null) {
        loop.removeWriter(channel);
        SocketTransport.closeQuietly(channel);
      }
      return cancelled;
    }
  }

  /** The coroutine of {@link Asyncio#openConnection}: resolve, then try each address in turn. */
  static final class OpenConnection extends Coroutine<Connection> {
    private static final byte START = 0;
    private static final byte RESOLVING = 1;
    private static final byte CONNECTING = 2;
    private static final byte DONE = 3;

    private final String host;
    private final int port;
    private final int limit;
    private byte state;
    private InetAddress[] addresses;
    private int next;
    private IOException firstError;
    private ConnectFuture connecting;

    OpenConnection(String host, int port, int limit) {
      this.host = host;
      this.port = port;
      this.limit = limit;
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      for (; ; ) {
        switch (state) {
          case START:
            if (error != null) {
              state = DONE;
              throw error;
            }
            state = RESOLVING;
            try {
              value = await(task, resolve(task.loop(), host));
            } catch (Throwable t) {
              value = null;
              error = t;
            }
            if (value == SUSPENDED) {
              return SUSPENDED;
            }
            continue;
          case RESOLVING:
            if (error != null) {
              state = DONE;
              throw error;
            }
            addresses = (InetAddress[]) value;
            state = CONNECTING;
            break;
          case CONNECTING:
            if (error == null) {
              state = DONE;
              connecting = null;
              return SocketTransport.open(task.loop(), (SocketChannel) value, limit);
            }
            // A failed connect has closed its channel, and so has a cancelled one. But when the
            // task is cancelled after the connect finished and before the task resumed, the task
            // throws the CancelledError here and the connected channel is never handed over:
            // close it. (Closing a closed channel does nothing.)
            if (connecting != null && connecting.channel != null) {
              SocketTransport.closeQuietly(connecting.channel);
            }
            connecting = null;
            if (!(error instanceof IOException e)) {
              state = DONE;
              throw error;
            }
            // As asyncio: try the next address, and raise the first error if none works.
            if (firstError == null) {
              firstError = e;
            } else {
              firstError.addSuppressed(e);
            }
            if (next >= addresses.length) {
              state = DONE;
              throw firstError;
            }
            break;
          default:
            throw reuseError(error);
        }
        InetSocketAddress address = new InetSocketAddress(addresses[next++], port);
        error = null;
        connecting = null;
        try {
          connecting = connect(task.loop(), address);
          value = await(task, connecting);
        } catch (Throwable t) {
          value = null;
          error = t;
        }
        if (value == SUSPENDED) {
          return SUSPENDED;
        }
      }
    }

    @Override
    public String toString() {
      return "openConnection(" + host + ", " + port + ")";
    }
  }

  /** The coroutine of {@link Asyncio#startServer}: resolve, bind, start serving. */
  static final class StartServer extends Coroutine<Server> {
    private final ClientConnected handler;
    private final String host;
    private final int port;
    private final int limit;
    private final int backlog;
    private byte state;

    StartServer(ClientConnected handler, String host, int port, int limit, int backlog) {
      this.handler = handler;
      this.host = host;
      this.port = port;
      this.limit = limit;
      this.backlog = backlog;
    }

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      switch (state) {
        case 0:
          state = 2;
          if (error != null) {
            throw error;
          }
          if (host == null) {
            return Server.bind(task.loop(), null, port, handler, limit, backlog);
          }
          state = 1;
          value = await(task, resolve(task.loop(), host));
          if (value == SUSPENDED) {
            return SUSPENDED;
          }
        // fall through: resolved without waiting
        case 1:
          state = 2;
          if (error != null) {
            throw error;
          }
          return Server.bind(task.loop(), (InetAddress[]) value, port, handler, limit, backlog);
        default:
          throw reuseError(error);
      }
    }

    @Override
    public String toString() {
      return "startServer(" + handler + ", " + host + ", " + port + ")";
    }
  }
}
