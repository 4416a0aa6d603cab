package dev.jasyncio;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A TCP server made by {@link Asyncio#startServer}, as asyncio's {@code Server}: it accepts
 * connections on the loop and runs the {@link ClientConnected} handler for each one as its own
 * task.
 *
 * <pre>{@code
 * @Async
 * Coroutine<Void> main() {
 *   Server server = await(startServer(this::handle, "127.0.0.1", 0));
 *   System.out.println("serving on port " + server.port());
 *   try (Entered<Server> s = asyncWith(server)) {
 *     await(s.get().serveForever());             // until cancelled
 *   }
 *   return done();
 * }
 * }</pre>
 *
 * <p>The server accepts from the moment {@code startServer} returns. {@link #close()} stops
 * accepting and closes the listening sockets; the connections already accepted stay open until
 * their handlers close them, or until {@link #closeClients()} or {@link #abortClients()} closes
 * them. {@link #waitClosed()} waits until the server is closed and every connection is too (as
 * asyncio 3.12 and later). Leaving {@code async with} closes the server and waits for that.
 *
 * <h2>Errors</h2>
 *
 * <p>A handler that throws is reported to the loop's exception handler as "Unhandled exception in
 * client_connected_cb", with the peer's address, and its connection is closed; the server keeps
 * serving the others. A connection whose handler is cancelled is closed too.
 *
 * <h2>Threads</h2>
 *
 * <p>A server is used on the thread of its loop.
 */
public final class Server implements AsyncContextManager<Server> {
  private final EventLoop loop;
  private final ClientConnected handler;
  private final int limit;
  private final int backlog;
  private final List<InetSocketAddress> addresses;

  /** The listening sockets; null once closed. */
  private List<ServerSocketChannel> sockets;

  private boolean serving;
  private final LinkedHashSet<Transport> clients = new LinkedHashSet<>();

  /** The futures of waitClosed(); null once the server and its connections are closed. */
  private ArrayList<Future<Void>> waiters = new ArrayList<>();

  private Future<Void> servingForever;

  private Server(
      EventLoop loop,
      List<ServerSocketChannel> sockets,
      ClientConnected handler,
      int limit,
      int backlog)
      throws IOException {
    this.loop = loop;
    this.sockets = sockets;
    this.handler = handler;
    this.limit = limit;
    this.backlog = backlog;
    List<InetSocketAddress> bound = new ArrayList<>(sockets.size());
    for (ServerSocketChannel s : sockets) {
      bound.add((InetSocketAddress) s.getLocalAddress());
    }
    this.addresses = Collections.unmodifiableList(bound);
  }

  /**
   * Binds a listening socket to each of {@code hosts} (null: every interface) on {@code port} (0:
   * an ephemeral port, the same for every address when possible) and starts serving.
   */
  static Server bind(
      EventLoop loop,
      InetAddress[] hosts,
      int port,
      ClientConnected handler,
      int limit,
      int backlog)
      throws IOException {
    List<ServerSocketChannel> sockets = new ArrayList<>();
    IOException firstError = null;
    InetAddress[] targets = hosts != null ? hosts : new InetAddress[] {null};
    for (InetAddress host : targets) {
      InetSocketAddress address =
          host != null ? new InetSocketAddress(host, port) : new InetSocketAddress(port);
      ServerSocketChannel s = ServerSocketChannel.open();
      try {
        s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        s.bind(address, backlog);
        s.configureBlocking(false);
        sockets.add(s);
        if (port == 0) {
          port = ((InetSocketAddress) s.getLocalAddress()).getPort();
        }
      } catch (IOException e) {
        s.close();
        IOException named =
            new IOException(
                "error while attempting to bind on address " + address + ": " + e.getMessage(), e);
        if (firstError == null) {
          firstError = named;
        } else {
          firstError.addSuppressed(named);
        }
      }
    }
    if (sockets.isEmpty()) {
      throw firstError;
    }
    Server server = new Server(loop, sockets, handler, limit, backlog);
    server.startServing();
    return server;
  }

  private void startServing() {
    if (serving || sockets == null) {
      return;
    }
    serving = true;
    for (ServerSocketChannel s : sockets) {
      loop.addReader(s, () -> accept(s));
    }
  }

  /** Accepts up to a backlog's worth of pending connections, as asyncio's _accept_connection. */
  private void accept(ServerSocketChannel s) {
    for (int i = 0; i < backlog; i++) {
      SocketChannel channel;
      try {
        channel = s.accept();
      } catch (IOException e) {
        // Out of file descriptors, usually: report it and retry in a second, as asyncio.
        loop.callExceptionHandler(
            new ExceptionContext("socket.accept() failed on " + this, e, null, null));
        if (serving && sockets != null) {
          loop.removeReader(s);
          loop.callLater(
              1.0,
              () -> {
                if (serving && sockets != null && s.isOpen()) {
                  loop.addReader(s, () -> accept(s));
                }
              });
        }
        return;
      }
      if (channel == null) {
        return;
      }
      connected(channel);
    }
  }

  private void connected(SocketChannel channel) {
    Connection c;
    try {
      c = SocketTransport.open(loop, channel, limit);
    } catch (IOException e) {
      loop.callExceptionHandler(
          new ExceptionContext("cannot set up an accepted connection on " + this, e, null, null));
      return;
    }
    StreamWriter writer = c.writer();
    Transport transport = writer.transport();
    clients.add(transport);
    writer.protocol().onLost = () -> detach(transport);
    Task<?> task;
    try {
      Coroutine<?> coro = handler.connected(c.reader(), writer);
      if (coro == null) {
        throw new NullPointerException(
            "the ClientConnected handler " + handler + " returned null; return a coroutine");
      }
      task = loop.createTask(coro);
    } catch (RuntimeException e) {
      reportHandlerFailure(e, transport, null);
      transport.close();
      return;
    }
    task.addDoneCallback(
        t -> {
          if (t.cancelled()) {
            transport.close();
            return;
          }
          Throwable e = t.exception();
          if (e != null) {
            reportHandlerFailure(e, transport, t);
            transport.close();
          }
        });
  }

  private void reportHandlerFailure(Throwable e, Transport transport, Future<?> task) {
    loop.callExceptionHandler(
        new ExceptionContext(
            "Unhandled exception in client_connected_cb for peer "
                + transport.peerAddress()
                + " on "
                + this,
            e,
            null,
            task));
  }

  private void detach(Transport transport) {
    clients.remove(transport);
    if (sockets == null && clients.isEmpty()) {
      wakeup();
    }
  }

  private void wakeup() {
    ArrayList<Future<Void>> ws = waiters;
    if (ws == null) {
      return;
    }
    waiters = null;
    for (Future<Void> w : ws) {
      w.trySetResult(null);
    }
  }

  /** The port of the first listening socket: the one chosen for port 0. Stays after close. */
  public int port() {
    return addresses.get(0).getPort();
  }

  /** The addresses the server listens on (it listened on, once closed). */
  public List<InetSocketAddress> addresses() {
    return addresses;
  }

  /** The listening sockets; empty once closed. Do not close them: {@link #close()} does. */
  public List<ServerSocketChannel> sockets() {
    return sockets == null ? List.of() : Collections.unmodifiableList(sockets);
  }

  /** Whether the server accepts connections: from {@code startServer} until {@link #close()}. */
  public boolean isServing() {
    return serving;
  }

  /**
   * Stops accepting and closes the listening sockets; connections already accepted stay open. Stops
   * {@link #serveForever()}. Closing again does nothing.
   */
  public void close() {
    List<ServerSocketChannel> ss = sockets;
    if (ss == null) {
      return;
    }
    sockets = null;
    serving = false;
    for (ServerSocketChannel s : ss) {
      loop.removeReader(s);
      try {
        s.close();
      } catch (IOException e) {
        loop.callExceptionHandler(
            new ExceptionContext(
                "cannot close listening socket " + s + " of " + this, e, null, null));
      }
    }
    if (servingForever != null && !servingForever.done()) {
      servingForever.cancel();
    }
    if (clients.isEmpty()) {
      wakeup();
    }
  }

  /** Closes every connection of the server, after sending what each has buffered (3.13). */
  public void closeClients() {
    for (Transport t : new ArrayList<>(clients)) {
      t.close();
    }
  }

  /** Closes every connection of the server at once, dropping what each has buffered (3.13). */
  public void abortClients() {
    for (Transport t : new ArrayList<>(clients)) {
      t.abort();
    }
  }

  /**
   * A coroutine that waits until the server is closed and all its connections are closed; it
   * finishes at once if they are.
   */
  public Coroutine<Void> waitClosed() {
    return new WaitClosed();
  }

  /**
   * A coroutine that serves until it is cancelled (or the server is closed), then closes the
   * server, waits for {@link #waitClosed()}, and throws the {@link CancelledError}.
   *
   * @throws IllegalStateException when awaited on a closed server, or while another {@code
   *     serveForever()} runs
   */
  public Coroutine<Void> serveForever() {
    return new ServeForever();
  }

  /** Entering produces this server. */
  @Override
  public Coroutine<Server> aenter() {
    return Asyncio.done(this);
  }

  /** Closes the server and waits for {@link #waitClosed()}; {@code exception} propagates. */
  @Override
  public Coroutine<Boolean> aexit(Throwable exception) {
    return new Exit();
  }

  @Override
  public String toString() {
    return "<Server sockets="
        + addresses
        + (serving ? " serving" : "")
        + (sockets == null ? " closed" : "")
        + " clients="
        + clients.size()
        + ">";
  }

  private final class WaitClosed extends Coroutine<Void> {
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
          if (waiters == null) {
            return null;
          }
          waiter = new Future<>(loop);
          waiters.add(waiter);
          state = 1;
          return await(task, waiter);
        case 1:
          state = 2;
          if (error != null) {
            if (waiters != null) {
              waiters.remove(waiter);
            }
            throw error;
          }
          return null;
        default:
          throw reuseError(error);
      }
    }

    @Override
    public String toString() {
      return "waitClosed() on " + Server.this;
    }
  }

  private final class ServeForever extends Coroutine<Void> {
    private byte state;
    private Throwable stopped;

    @Override
    protected Object resume(Task<?> task, Object value, Throwable error) throws Throwable {
      switch (state) {
        case 0:
          state = 3;
          if (error != null) {
            throw error;
          }
          if (servingForever != null) {
            throw new IllegalStateException(
                "serveForever() is already running on " + Server.this + "; await it only once");
          }
          if (sockets == null) {
            throw new IllegalStateException("serveForever() on a closed server: " + Server.this);
          }
          startServing();
          servingForever = new Future<>(loop);
          state = 1;
          return await(task, servingForever);
        case 1:
          servingForever = null;
          if (error == null) {
            state = 3;
            return null;
          }
          // Cancelled, or the server was closed: close, wait for the connections, re-raise.
          stopped = error;
          Server.this.close();
          state = 2;
          Object r;
          try {
            r = await(task, waitClosed());
          } catch (Throwable t) {
            state = 3;
            throw stopped;
          }
          if (r == SUSPENDED) {
            return SUSPENDED;
          }
          state = 3;
          throw stopped;
        case 2:
          state = 3;
          throw stopped;
        default:
          throw reuseError(error);
      }
    }

    @Override
    public String toString() {
      return "serveForever() on " + Server.this;
    }
  }

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
          Server.this.close();
          state = 1;
          Object r = await(task, waitClosed());
          if (r == SUSPENDED) {
            return SUSPENDED;
          }
          state = 2;
          return false;
        case 1:
          state = 2;
          if (error != null) {
            throw error;
          }
          return false;
        default:
          throw reuseError(error);
      }
    }

    @Override
    public String toString() {
      return "aexit() of " + Server.this;
    }
  }
}
