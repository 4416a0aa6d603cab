package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.Asyncio;
import dev.jasyncio.Connection;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Event;
import dev.jasyncio.EventLoop;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.Task;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The chat server over real loopback sockets. The server runs on a loop of its own thread, as it
 * would in production; the clients are coroutines on a second loop (the load tests) or blocking
 * sockets on the test thread (the protocol tests). Every wait is bounded by a generous timeout that
 * fails the test; nothing is timed.
 */
class ChatServerTest {
  /** How long any one test may take before it fails: far more than it needs. */
  static final double TIMEOUT = 120;

  /**
   * How many rounds a load-test client may run ahead of the slowest sender it has heard (see {@link
   * #chat}).
   */
  static final int WINDOW = 4;

  // ---- load ----

  /**
   * Each client sends message k only once it has received every other client's messages up to k -
   * WINDOW - 1, as people in a conversation answer what they have read. A receiver's backlog at the
   * server is then at most (clients - 1) * (2 * WINDOW + 2) messages: 1,990 for 200 clients, so
   * outboxes of 2,048 never overflow while every client reads, however the two loops are scheduled.
   * (Without such a bound, 200 clients sending as fast as TCP lets them fill outboxes faster than
   * the receivers read them, and the server is right to disconnect those receivers.)
   */
  @Test
  void twoHundredClientsSendingAHundredMessagesEachGetEveryOtherClientsMessagesInOrder()
      throws Exception {
    int clients = 200;
    int messages = 100;
    try (RunningServer server = new RunningServer(2048)) {
      List<Peer> peers = Peer.many(clients);
      runClients(Async_ChatServerTest.conversation(server.port, peers, messages, ""));
      int[] everyone = new int[clients];
      Arrays.fill(everyone, messages);
      for (Peer p : peers) {
        assertEquals(List.of(), p.problems, p.nick);
        assertEquals((clients - 1) * messages, p.received, p.nick);
        everyone[p.index] = 0; // nothing from itself
        assertArrayEquals(everyone, p.next, p.nick);
        everyone[p.index] = messages;
        assertEquals("* bye, " + p.nick, p.lastLine, p.nick);
      }
      assertEquals(0, server.onLoop(server.chat::userCount));
      server.assertNoErrors();
    }
  }

  /**
   * A client that joins and then never reads while ten others exchange 10 MB: once the socket
   * buffers, its writer's buffer and its 256-message outbox are full, the server disconnects it,
   * and the others, which take part in the same broadcasts, still get everything. The stalled
   * client's socket then holds what was sent before, the final notice, and the end of the stream.
   */
  @Test
  void aClientThatStopsReadingIsDisconnectedWhileTheOthersGetEverything() throws Exception {
    int clients = 10;
    int messages = 1000;
    String padding = " " + "x".repeat(1000);
    try (RunningServer server = new RunningServer(ChatServer.DEFAULT_OUTBOX);
        Line sloth = new Line(server.port, 4096)) {
      assertEquals(ChatServer.ASK_NICK, sloth.read());
      sloth.send("sloth");
      assertEquals("* welcome, sloth; online: sloth", sloth.read());
      // From here on the sloth reads nothing until the others are done.

      List<Peer> peers = Peer.many(clients);
      runClients(Async_ChatServerTest.conversation(server.port, peers, messages, padding));

      int[] everyone = new int[clients];
      Arrays.fill(everyone, messages);
      for (Peer p : peers) {
        assertEquals(List.of(), p.problems, p.nick);
        everyone[p.index] = 0;
        assertArrayEquals(everyone, p.next, p.nick);
        everyone[p.index] = messages;
        assertTrue(p.notices.contains("* sloth left (too slow)"), p.nick + ": " + p.notices);
      }
      assertEquals(0, server.onLoop(server.chat::userCount));
      assertTrue(server.log().contains("chat server: sloth left (too slow)"), server.log());

      // What the sloth finds when it reads at last: whole lines, then the notice, then the end.
      String line;
      String last = null;
      int lines = 0;
      while ((line = sloth.read()) != null) {
        last = line;
        lines++;
      }
      assertEquals(ChatServer.TOO_SLOW, last);
      assertTrue(lines < clients * messages, "the sloth was sent everything: " + lines);
      server.assertNoErrors();
    }
  }

  /** Runs the clients' coroutine on a loop of the test thread, failing after {@link #TIMEOUT}. */
  static void runClients(Coroutine<Void> clients) {
    Asyncio.run(waitFor(clients, TIMEOUT), EventLoop::new);
  }

  /** A load-test client: what it received and what was wrong with it. */
  static final class Peer {
    final int index;
    final String nick;
    Connection connection;

    /** For each client, the number of its messages received: the next sequence number expected. */
    final int[] next;

    int received;
    final List<String> notices = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    String lastLine;

    /** Set whenever a message arrives, for the sender waiting to be within its window. */
    final Event progress = new Event();

    Peer(int index, int clients) {
      this.index = index;
      this.nick = String.format("c%03d", index);
      this.next = new int[clients];
    }

    static List<Peer> many(int n) {
      List<Peer> peers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        peers.add(new Peer(i, n));
      }
      return Collections.unmodifiableList(peers);
    }

    /** The fewest messages received from any other client. */
    int slowest() {
      int min = Integer.MAX_VALUE;
      for (int i = 0; i < next.length; i++) {
        if (i != index) {
          min = Math.min(min, next[i]);
        }
      }
      return min;
    }

    /** Checks a chat line {@code <c017> m 42 ...} against what came before from its sender. */
    void check(String line) {
      received++;
      int close = line.indexOf("> ");
      String[] words = line.substring(close + 2).split(" ", 3);
      if (!line.startsWith("<c") || close < 0 || words.length < 2 || !words[0].equals("m")) {
        problem("unexpected line " + abbreviate(line));
        return;
      }
      int from = Integer.parseInt(line.substring(2, close));
      int seq = Integer.parseInt(words[1]);
      if (from == index) {
        problem("received its own message " + seq);
      } else if (seq != next[from]) {
        problem("from c" + from + " got message " + seq + ", expected " + next[from]);
      }
      next[from] = seq + 1;
    }

    void problem(String what) {
      if (problems.size() < 10) {
        problems.add(what);
      }
    }

    static String abbreviate(String line) {
      return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }
  }

  /**
   * All the clients join (each waits for its welcome), then all of them chat at once and quit.
   * Joining first makes everyone a receiver of every message.
   */
  @Async
  static Coroutine<Void> conversation(int port, List<Peer> peers, int messages, String padding) {
    List<Coroutine<Peer>> joins = new ArrayList<>();
    for (Peer p : peers) {
      joins.add(join(port, p));
    }
    await(gather(joins));
    List<Coroutine<Void>> chats = new ArrayList<>();
    for (Peer p : peers) {
      chats.add(chat(p, messages, padding));
    }
    await(gather(chats));
    return done();
  }

  /** A coroutine that connects {@code p} and takes its nickname. */
  @Async
  static Coroutine<Peer> join(int port, Peer p) {
    p.connection = await(openConnection("127.0.0.1", port));
    await(say(p, p.nick));
    while (true) {
      String line = await(readLine(p));
      if (line == null) {
        throw new AssertionError(p.nick + ": the connection closed while joining");
      }
      if (line.startsWith("* welcome, ")) {
        break;
      }
    }
    return done(p);
  }

  /**
   * A coroutine that sends {@code p}'s messages, each when it is within {@link #WINDOW} of what it
   * has received, while it receives everyone else's; then quits and reads to the end.
   */
  @Async
  static Coroutine<Void> chat(Peer p, int messages, String padding) {
    Task<Void> receiver = createTask(receive(p, (p.next.length - 1) * messages));
    for (int k = 0; k < messages; k++) {
      while (p.slowest() < k - WINDOW && !receiver.done()) {
        p.progress.clear();
        await(p.progress.waitEvent());
      }
      await(say(p, "m " + k + padding));
    }
    await(receiver);
    await(say(p, "/quit"));
    while (true) {
      String line = await(readLine(p));
      if (line == null) {
        break;
      }
      if (line.startsWith("* ")) {
        p.notices.add(line);
        p.lastLine = line;
      } else {
        p.check(line);
      }
    }
    p.connection.writer().close();
    return done();
  }

  /** A coroutine that receives until {@code expected} chat lines have arrived. */
  @Async
  static Coroutine<Void> receive(Peer p, int expected) {
    while (p.received < expected) {
      String line = await(readLine(p));
      if (line == null) {
        p.problem("the connection closed after " + p.received + " messages");
        break;
      }
      if (line.startsWith("* ")) {
        p.notices.add(line);
      } else {
        p.check(line);
        p.progress.set();
      }
    }
    return done();
  }

  @Async
  static Coroutine<Void> say(Peer p, String line) {
    p.connection.writer().write((line + "\n").getBytes(UTF_8));
    await(p.connection.writer().drain());
    return done();
  }

  /** A coroutine that reads a line without its {@code '\n'}, or null at the end of the stream. */
  @Async
  static Coroutine<String> readLine(Peer p) {
    byte[] line = await(p.connection.reader().readline());
    if (line.length == 0) {
      return done(null);
    }
    int n = line[line.length - 1] == '\n' ? line.length - 1 : line.length;
    return done(new String(line, 0, n, UTF_8));
  }

  // ---- the protocol ----

  @Test
  void aNicknameMustBeFreeAndNonEmptyAndOthersHearWhoJoinsAndLeaves() throws Exception {
    try (RunningServer server = new RunningServer(ChatServer.DEFAULT_OUTBOX);
        Line alice = new Line(server.port);
        Line bob = new Line(server.port)) {
      assertEquals(ChatServer.ASK_NICK, alice.read());
      alice.send("alice");
      assertEquals("* welcome, alice; online: alice", alice.read());

      assertEquals(ChatServer.ASK_NICK, bob.read());
      bob.send("");
      assertEquals("* a nickname cannot be empty; your nickname?", bob.read());
      bob.send("alice");
      assertEquals("* the nickname alice is taken; your nickname?", bob.read());
      bob.send("bob the builder");
      assertEquals("* a nickname cannot contain spaces; your nickname?", bob.read());
      bob.send("bob");
      assertEquals("* welcome, bob; online: alice, bob", bob.read());
      assertEquals("* bob joined", alice.read());

      alice.send("/who");
      assertEquals("* online: alice, bob", alice.read());
      alice.send("hello bob");
      assertEquals("<alice> hello bob", bob.read());
      bob.send("안녕, alice"); // UTF-8 both ways
      assertEquals("<bob> 안녕, alice", alice.read());
      bob.send("/dance");
      assertEquals("* unknown command /dance; the commands are /who and /quit", bob.read());

      bob.send("/quit");
      assertEquals("* bye, bob", bob.read());
      assertNull(bob.read()); // the server closed the connection
      assertEquals("* bob left", alice.read());
      alice.send("/who");
      assertEquals("* online: alice", alice.read());
      assertEquals(List.of("alice"), server.onLoop(server.chat::nicknames));

      alice.close(); // without /quit: the end of the stream is leaving too
      server.awaitUsers(0);
      server.assertNoErrors();
    }
  }

  @Test
  void aClientThatResetsItsConnectionLeavesWithoutDisturbingTheOthers() throws Exception {
    try (RunningServer server = new RunningServer(ChatServer.DEFAULT_OUTBOX);
        Line alice = new Line(server.port);
        Line bob = new Line(server.port);
        Line carol = new Line(server.port)) {
      alice.join("alice");
      bob.join("bob");
      carol.join("carol");
      assertEquals("* bob joined", alice.read());
      assertEquals("* carol joined", alice.read());
      assertEquals("* carol joined", bob.read());
      carol.send("about to vanish");
      assertEquals("<carol> about to vanish", alice.read());
      assertEquals("<carol> about to vanish", bob.read());

      carol.reset();
      assertEquals("* carol left (connection lost)", alice.read());
      assertEquals("* carol left (connection lost)", bob.read());
      alice.send("still here?");
      assertEquals("<alice> still here?", bob.read());
      bob.send("yes");
      assertEquals("<bob> yes", alice.read());
      alice.send("/who");
      assertEquals("* online: alice, bob", alice.read());
      server.assertNoErrors();
    }
  }

  @Test
  void anOverlongLineIsReportedToItsSenderAndNotSentAndTheSenderStays() throws Exception {
    try (RunningServer server = new RunningServer(ChatServer.DEFAULT_OUTBOX);
        Line alice = new Line(server.port);
        Line bob = new Line(server.port)) {
      alice.join("alice");
      bob.join("bob");
      assertEquals("* bob joined", alice.read());
      alice.send("y".repeat(ChatServer.DEFAULT_MAX_LINE * 3));
      assertEquals(
          "* line too long (over " + ChatServer.DEFAULT_MAX_LINE + " bytes); not sent",
          alice.read());
      alice.send("a short one");
      assertEquals("<alice> a short one", bob.read());
      server.assertNoErrors();
    }
  }

  @Test
  void stoppingTheServerTellsEveryClientAndClosesTheirConnections() throws Exception {
    try (RunningServer server = new RunningServer(ChatServer.DEFAULT_OUTBOX);
        Line alice = new Line(server.port);
        Line unnamed = new Line(server.port)) {
      alice.join("alice");
      assertEquals(ChatServer.ASK_NICK, unnamed.read());
      server.call(server.chat.stop());
      assertEquals(ChatServer.SHUTTING_DOWN, alice.read());
      assertNull(alice.read());
      assertEquals(ChatServer.SHUTTING_DOWN, unnamed.read());
      assertNull(unnamed.read());
      assertTrue(server.log().endsWith("chat server stopped\n"), server.log());
      server.assertNoErrors();
    }
  }

  /** A blocking client on the test thread, one line at a time. */
  static final class Line implements AutoCloseable {
    final Socket socket;
    final BufferedReader in;
    final OutputStream out;

    Line(int port) throws IOException {
      this(port, 0);
    }

    /** With a receive buffer of {@code receiveBuffer} bytes (0: the default). */
    Line(int port, int receiveBuffer) throws IOException {
      socket = new Socket();
      if (receiveBuffer > 0) {
        socket.setReceiveBufferSize(receiveBuffer); // before connecting, to bound the window
      }
      socket.setSoTimeout((int) (TIMEOUT * 1000));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
      out = socket.getOutputStream();
    }

    void send(String line) throws IOException {
      out.write((line + "\n").getBytes(UTF_8));
      out.flush();
    }

    /** The next line, or null at the end of the stream. */
    String read() throws IOException {
      return in.readLine();
    }

    void join(String nick) throws IOException {
      assertEquals(ChatServer.ASK_NICK, read());
      send(nick);
      String welcome = read();
      assertTrue(welcome.startsWith("* welcome, " + nick + ";"), welcome);
    }

    /** Closes the connection with a reset instead of an orderly end. */
    void reset() throws IOException {
      socket.setSoLinger(true, 0);
      socket.close();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /** A chat server running on a loop of its own thread. */
  static final class RunningServer implements AutoCloseable {
    final EventLoop loop = new EventLoop();
    final ChatServer chat;
    final int port;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final List<ExceptionContext> errors = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;

    RunningServer(int outboxLimit) throws Exception {
      loop.setExceptionHandler((l, context) -> errors.add(context));
      chat = ChatServer.create(new PrintStream(log, true, UTF_8), outboxLimit);
      thread = new Thread(loop::runForever, "chat-server");
      thread.start();
      call(chat.start("127.0.0.1", 0));
      port = onLoop(chat::port);
    }

    /** Runs {@code coro} on the server's loop and waits for its result. */
    <T> T call(Coroutine<T> coro) throws Exception {
      return loop.runCoroutineThreadsafe(coro).get((long) TIMEOUT, TimeUnit.SECONDS);
    }

    /** Calls {@code f} on the server's loop and waits for its result. */
    <T> T onLoop(Supplier<T> f) throws Exception {
      CompletableFuture<T> result = new CompletableFuture<>();
      loop.callSoonThreadsafe(
          () -> {
            try {
              result.complete(f.get());
            } catch (Throwable t) {
              result.completeExceptionally(t);
            }
          });
      return result.get((long) TIMEOUT, TimeUnit.SECONDS);
    }

    /** Waits until the server has {@code n} users. */
    void awaitUsers(int n) throws Exception {
      call(Async_ChatServerTest.users(chat, n));
    }

    String log() {
      return log.toString(UTF_8);
    }

    void assertNoErrors() {
      assertEquals(List.of(), errors);
    }

    @Override
    public void close() throws Exception {
      try {
        call(chat.stop());
      } finally {
        loop.callSoonThreadsafe(loop::stop);
        thread.join((long) (TIMEOUT * 1000));
        loop.close();
      }
    }
  }

  /** A coroutine that polls until {@code chat} has {@code n} users. */
  @Async
  static Coroutine<Void> users(ChatServer chat, int n) {
    while (chat.userCount() != n) {
      await(sleep(0.01));
    }
    return done();
  }
}
