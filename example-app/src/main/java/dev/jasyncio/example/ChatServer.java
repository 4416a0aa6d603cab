package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Asyncio;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Event;
import dev.jasyncio.EventLoop;
import dev.jasyncio.LimitOverrunException;
import dev.jasyncio.Queue;
import dev.jasyncio.QueueFull;
import dev.jasyncio.QueueShutDown;
import dev.jasyncio.Server;
import dev.jasyncio.StreamReader;
import dev.jasyncio.StreamWriter;
import dev.jasyncio.Task;
import dev.jasyncio.TimeoutException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Seed program 29 (the "using asyncio" post's motivation): a chat server where messages never wait
 * behind each other. Clients connect over TCP ({@code nc localhost 8888} will do), choose a
 * nickname, and every line they send goes to everyone else as {@code <nick> line}.
 *
 * <pre>{@code
 * ChatServer chat = ChatServer.create(System.out, ChatServer.DEFAULT_OUTBOX);
 * await(chat.start("127.0.0.1", 8888));   // prints "chat server listening on 127.0.0.1:8888"
 * await(chat.serveForever());              // until cancelled, or stop() is awaited elsewhere
 * }</pre>
 *
 * <h2>The protocol</h2>
 *
 * <p>Lines end with {@code '\n'} (a {@code '\r'} before it is dropped) and are UTF-8; malformed
 * bytes become U+FFFD. Lines from the server that are not chat messages start with {@code "* "}.
 *
 * <ul>
 *   <li>On connecting a client is asked for a nickname. An empty one, one with spaces, one longer
 *       than {@value #MAX_NICK} characters, one starting with {@code '/'} or {@code '*'}, or one in
 *       use is refused with a reason, and the question is asked again.
 *   <li>Once named, the client is welcomed with the list of who is online, and the others are told
 *       {@code "* alice joined"}.
 *   <li>{@code /who} lists who is online; {@code /quit} says goodbye and closes the connection; any
 *       other line starting with {@code '/'} is an unknown command. An empty line is ignored. Any
 *       other line goes to all the other clients, never back to its sender.
 *   <li>When a client leaves the others are told {@code "* alice left"}, with the reason when it
 *       did not leave on its own: {@code (connection lost)} or {@code (too slow)}.
 * </ul>
 *
 * <h2>Nobody waits for anybody</h2>
 *
 * <p>Each client has an outbox, a {@link Queue} bounded to {@code outboxLimit} messages, emptied by
 * the client's own writer task, which writes what has piled up in one go and then awaits {@link
 * StreamWriter#drain()}. A broadcast only {@link Queue#putNowait puts} into the outboxes, so it
 * never waits for a slow reader. A client whose outbox is full when a message for it arrives has
 * stopped keeping up (its socket buffer, its writer's buffer and its outbox are all full): it is
 * told {@code "* you are too slow; disconnected"} and disconnected, and the others are told it
 * left. Memory per client is therefore bounded. The handler of each client also yields to the loop
 * after each line it handles, so that a client sending a flood of lines takes turns with the others
 * instead of holding the loop for a whole buffer's worth of them.
 *
 * <h2>Failures</h2>
 *
 * <p>A connection that fails (reset by the peer, a broken pipe) is cleaned up like a departure,
 * with {@code (connection lost)}; nobody else notices anything else. A line longer than the limit
 * ({@code maxLine} bytes, {@value #DEFAULT_MAX_LINE} by default) is discarded by the reader; its
 * sender is told {@code "* line too long (over N bytes); not sent"} and stays connected: a long
 * paste is a mistake more often than an attack, and the reader's memory stays bounded either way.
 *
 * <p>A client disconnected for being too slow has its connection closed, which sends what is
 * buffered first; if it never reads again its socket stays open until it does, or until {@link
 * #stop()} aborts it (the streams API has no per-connection abort yet).
 *
 * <h2>Threads</h2>
 *
 * <p>A server runs on one event loop; all its methods are called on that loop's thread.
 */
public abstract class ChatServer {
  /* Overview: clients holds every connection, named or not; users the named ones, by nickname,
   * in the order they joined. A Client is "gone" once leave() has run for it: from then on nothing
   * is queued for it, and its tasks are finishing. leave() is the only place that removes clients
   * and announces departures, whatever the cause. */

  /** The port {@code chat-server} listens on without an argument. */
  public static final int DEFAULT_PORT = 8888;

  /** The default bound of a client's outbox, in messages. */
  public static final int DEFAULT_OUTBOX = 256;

  /** The default limit of a line, in bytes. */
  public static final int DEFAULT_MAX_LINE = 4096;

  /** The longest nickname, in characters. */
  public static final int MAX_NICK = 32;

  static final String ASK_NICK = "* welcome to the jasyncio chat; your nickname?";
  static final String TOO_SLOW = "* you are too slow; disconnected";
  static final String SHUTTING_DOWN = "* the server is shutting down";

  final PrintStream log;
  final int outboxLimit;
  final int maxLine;
  final Set<Client> clients = new LinkedHashSet<>();
  final Map<String, Client> users = new LinkedHashMap<>();
  Server server;
  boolean stopping;
  final Event stopped = new Event();

  ChatServer(PrintStream log, int outboxLimit, int maxLine) {
    if (outboxLimit <= 0 || maxLine <= 0) {
      throw new IllegalArgumentException(
          "the outbox limit and the line limit must be > 0, got " + outboxLimit + ", " + maxLine);
    }
    this.log = log;
    this.outboxLimit = outboxLimit;
    this.maxLine = maxLine;
  }

  /**
   * A server that logs to {@code log}, with outboxes of {@code outboxLimit} messages and lines of
   * at most {@value #DEFAULT_MAX_LINE} bytes.
   */
  public static ChatServer create(PrintStream log, int outboxLimit) {
    return new Async_ChatServer(log, outboxLimit, DEFAULT_MAX_LINE);
  }

  /** A server with the given limits (see the class comment). */
  public static ChatServer create(PrintStream log, int outboxLimit, int maxLine) {
    return new Async_ChatServer(log, outboxLimit, maxLine);
  }

  /** One connection, named or not. */
  static final class Client {
    final StreamWriter writer;
    final Queue<byte[]> outbox;
    final String peer;
    String nick;
    boolean gone;
    Task<?> handler;
    Task<Void> writerTask;

    Client(StreamWriter writer, int outboxLimit) {
      this.writer = writer;
      this.outbox = new Queue<>(outboxLimit);
      this.peer = String.valueOf(writer.peerAddress());
    }

    @Override
    public String toString() {
      return "<Client " + (nick != null ? nick : "(unnamed)") + " " + peer + ">";
    }
  }

  /**
   * A coroutine that starts listening on {@code host}:{@code port} (0: a free port) and prints
   * {@code "chat server listening on host:port"}. The server accepts clients from then on.
   */
  @Async
  public Coroutine<Void> start(String host, int port) {
    if (server != null) {
      throw new IllegalStateException("the chat server is already started: " + server);
    }
    server = await(startServer(this::handle, host, port, maxLine));
    log.println("chat server listening on " + host + ":" + server.port());
    return done();
  }

  /** The port the server listens on; after {@link #start}. */
  public int port() {
    if (server == null) {
      throw new IllegalStateException("port(): the chat server is not started; await start()");
    }
    return server.port();
  }

  /**
   * A coroutine that serves until it is cancelled, or until the server is stopped by {@link
   * #stop()} (then it returns once the stop is complete). Either way the server is stopped when it
   * ends.
   */
  @Async
  public Coroutine<Void> serveForever() {
    try {
      await(server.serveForever());
    } catch (CancelledError e) {
      if (!stopping || currentTask().cancelling() > 0) {
        throw e; // cancelled for real, not by stop() closing the server
      }
    } finally {
      await(stop());
    }
    return done();
  }

  /** The nicknames of the clients online, in the order they joined. */
  public List<String> nicknames() {
    return new ArrayList<>(users.keySet());
  }

  /** The number of clients online (named). */
  public int userCount() {
    return users.size();
  }

  /**
   * A coroutine that stops the server: it stops accepting, tells every client {@value
   * #SHUTTING_DOWN}, closes their connections and waits until they are closed (for at most five
   * seconds, then aborts the rest). Stopping again waits for the first stop to complete.
   */
  @Async
  public Coroutine<Void> stop() {
    if (server == null) {
      return done();
    }
    if (stopping) {
      await(stopped.waitEvent());
      return done();
    }
    stopping = true;
    try {
      server.close();
      for (Client c : new ArrayList<>(clients)) {
        leave(c, "", SHUTTING_DOWN);
      }
      try {
        await(waitFor(server.waitClosed(), 5.0));
      } catch (TimeoutException e) {
        server.abortClients(); // clients that do not read what is left for them
        await(server.waitClosed());
      }
      log.println("chat server stopped");
    } finally {
      stopped.set();
    }
    return done();
  }

  /** The handler of one connection: asks for a nickname, then relays its lines. */
  @Async
  Coroutine<Void> handle(StreamReader reader, StreamWriter writer) {
    Client c = new Client(writer, outboxLimit);
    c.handler = currentTask();
    c.writerTask = createTask(writeLoop(c));
    clients.add(c);
    try {
      send(c, ASK_NICK);
      while (!c.gone && c.nick == null) {
        String line = await(nextLine(c, reader));
        if (line == null) {
          break;
        }
        String refusal = refusal(line.strip());
        if (refusal != null) {
          send(c, "* " + refusal + "; your nickname?");
        } else {
          join(c, line.strip());
        }
      }
      while (!c.gone) {
        String line = await(nextLine(c, reader));
        if (line == null) {
          break;
        }
        command(c, line);
        await(sleep(0)); // take turns with the other clients
      }
      leave(c, "", null); // the end of the stream: the client left
    } catch (Exception e) {
      if (!(e instanceof IOException)) {
        log.println("chat server: unexpected failure of " + c + ": " + e);
      }
      leave(c, " (connection lost)", null);
    }
    return done();
  }

  /**
   * A coroutine that reads the next line without its line end, or null at the end of the stream. An
   * over-long line is reported to its sender and skipped.
   */
  @Async
  Coroutine<String> nextLine(Client c, StreamReader reader) {
    while (true) {
      byte[] bytes;
      try {
        bytes = await(reader.readline());
      } catch (LimitOverrunException e) {
        send(c, "* line too long (over " + maxLine + " bytes); not sent");
        continue;
      }
      if (bytes.length == 0) {
        return done(null);
      }
      int n = bytes.length;
      if (n > 0 && bytes[n - 1] == '\n') {
        n--;
      }
      if (n > 0 && bytes[n - 1] == '\r') {
        n--;
      }
      return done(new String(bytes, 0, n, StandardCharsets.UTF_8));
    }
  }

  /**
   * The writer task of a client: writes what its outbox holds and waits for the peer to take it. It
   * closes the connection once the outbox is shut down and empty.
   */
  @Async
  Coroutine<Void> writeLoop(Client c) {
    StreamWriter writer = c.writer;
    try {
      while (true) {
        byte[] first = await(c.outbox.get());
        if (c.outbox.empty()) {
          writer.write(first);
        } else {
          ByteArrayOutputStream batch = new ByteArrayOutputStream();
          batch.writeBytes(first);
          while (!c.outbox.empty()) {
            batch.writeBytes(c.outbox.getNowait());
          }
          writer.write(batch.toByteArray());
        }
        await(writer.drain());
      }
    } catch (QueueShutDown e) {
      writer.close(); // everything queued is written; the last line was the goodbye
    } catch (Exception e) {
      leave(c, " (connection lost)", null);
    }
    return done();
  }

  /** Why {@code nick} cannot be taken, or null if it can. */
  String refusal(String nick) {
    if (nick.isEmpty()) {
      return "a nickname cannot be empty";
    }
    if (nick.length() > MAX_NICK) {
      return "a nickname has at most " + MAX_NICK + " characters";
    }
    if (nick.chars().anyMatch(Character::isWhitespace)) {
      return "a nickname cannot contain spaces";
    }
    if (nick.startsWith("/") || nick.startsWith("*")) {
      return "a nickname cannot start with / or *";
    }
    if (users.containsKey(nick)) {
      return "the nickname " + nick + " is taken";
    }
    return null;
  }

  void join(Client c, String nick) {
    c.nick = nick;
    users.put(nick, c);
    send(c, "* welcome, " + nick + "; online: " + String.join(", ", users.keySet()));
    announce(c, "* " + nick + " joined");
    log.println("chat server: " + nick + " joined from " + c.peer);
  }

  /** Does what a line of a named client asks. */
  void command(Client c, String line) {
    if (line.equals("/quit")) {
      send(c, "* bye, " + c.nick);
      leave(c, "", null);
    } else if (line.equals("/who")) {
      send(c, "* online: " + String.join(", ", users.keySet()));
    } else if (line.startsWith("/")) {
      send(c, "* unknown command " + line.split(" ", 2)[0] + "; the commands are /who and /quit");
    } else if (!line.isEmpty()) {
      announce(c, "<" + c.nick + "> " + line);
    }
  }

  /** Sends {@code line} to every named client but {@code from}. */
  void announce(Client from, String line) {
    byte[] bytes = encode(line); // one array shared by every outbox
    for (Client c : new ArrayList<>(users.values())) {
      if (c != from) {
        queue(c, bytes);
      }
    }
  }

  void send(Client c, String line) {
    queue(c, encode(line));
  }

  static byte[] encode(String line) {
    return (line + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Puts a line in the outbox of {@code c}, and disconnects {@code c} if it is full. */
  void queue(Client c, byte[] line) {
    if (c.gone) {
      return;
    }
    try {
      c.outbox.putNowait(line);
    } catch (QueueFull e) {
      leave(c, " (too slow)", TOO_SLOW);
    }
  }

  /**
   * The one way out: removes {@code c}, tells the others it left (with {@code reason} after its
   * name) and ends its connection. With a null {@code lastWord} (the client left, or its connection
   * failed) the outbox is written out first; otherwise it is dropped and {@code lastWord} is the
   * last line the client gets. Does nothing for a client already gone.
   */
  void leave(Client c, String reason, String lastWord) {
    if (c.gone) {
      return;
    }
    c.gone = true;
    clients.remove(c);
    if (c.nick != null) {
      users.remove(c.nick);
      if (!stopping) {
        announce(c, "* " + c.nick + " left" + reason);
        log.println("chat server: " + c.nick + " left" + reason);
      }
    }
    if (lastWord == null) {
      c.outbox.shutdown(); // the writer task writes what is queued, then closes
    } else {
      c.outbox.shutdown(true);
      c.writerTask.cancel();
      if (!c.writer.isClosing()) {
        c.writer.write(encode(lastWord));
        c.writer.close();
      }
    }
    if (c.handler != Asyncio.currentTask()) {
      c.handler.cancel();
    }
  }

  /**
   * A coroutine that runs a server on every interface at {@code port} until the process is
   * interrupted (Ctrl-C), when it tells the clients that it shuts down and closes their
   * connections.
   */
  @Async
  static Coroutine<Void> serveUntilInterrupted(ChatServer chat, int port) {
    await(chat.start("0.0.0.0", port));
    EventLoop loop = getRunningLoop();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    loop.runCoroutineThreadsafe(chat.stop()).get(10, TimeUnit.SECONDS);
                  } catch (Exception e) {
                    // The loop is gone or stuck: the process ends anyway.
                  }
                },
                "chat-server-shutdown"));
    await(chat.serveForever());
    return done();
  }

  /** {@code chat-server [port]}: serves on every interface until Ctrl-C. */
  static final class Command implements Program {
    @Override
    public String name() {
      return "chat-server";
    }

    @Override
    public String arguments() {
      return "[port]";
    }

    @Override
    public String summary() {
      return "29: a chat server (nc localhost 8888) whose clients never wait for each other";
    }

    @Override
    public void run(PrintStream out, Supplier<EventLoop> loops) {
      run(out, loops, List.of());
    }

    @Override
    public void run(PrintStream out, Supplier<EventLoop> loops, List<String> args) {
      if (args.size() > 1) {
        throw new IllegalArgumentException("usage: chat-server [port]");
      }
      int port = args.isEmpty() ? DEFAULT_PORT : Integer.parseInt(args.get(0));
      ChatServer chat = create(out, DEFAULT_OUTBOX);
      Asyncio.run(Async_ChatServer.serveUntilInterrupted(chat, port), loops);
    }
  }
}
