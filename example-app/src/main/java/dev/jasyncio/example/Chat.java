package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Asyncio;
import dev.jasyncio.Connection;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Task;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Seed program 29 (the "using asyncio" post): the motivation the post gives for asyncio, a
 * real-time chat server where messages must not wait behind each other, here as a scripted
 * conversation that runs by itself. It starts a {@link ChatServer} on a free port and three bots,
 * alice, bob and carol, that connect to it over TCP and talk, a step of {@code step} seconds (real
 * time) apart; each bot prints every line it receives, prefixed with its name. Lines of different
 * bots that arrive at the same moment may print in either order.
 *
 * <p>To chat by hand, run {@code chat-server} and connect with {@code nc localhost 8888} or {@code
 * chat-client localhost 8888}.
 */
public final class Chat implements Program {
  private final double step;

  public Chat() {
    this(0.4);
  }

  /** With steps of {@code step} seconds between the bots' lines. */
  Chat(double step) {
    this.step = step;
  }

  @Override
  public String name() {
    return "chat";
  }

  @Override
  public String summary() {
    return "29: a chat server on a free port and three bots talking through it over TCP";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    Asyncio.run(Async_Chat.conversation(out, step), loops);
  }

  /** One bot's connection, and the task printing what it receives. */
  record Bot(String name, Connection connection, Task<Void> listener) {}

  /** The script. */
  @Async
  static Coroutine<Void> conversation(PrintStream out, double step) {
    ChatServer chat = ChatServer.create(out, ChatServer.DEFAULT_OUTBOX);
    await(chat.start("127.0.0.1", 0));
    int port = chat.port();

    Bot alice = await(connect(out, "alice", port));
    await(say(alice, "alice"));
    await(sleep(step));
    Bot bob = await(connect(out, "bob", port));
    await(say(bob, "alice")); // taken: asked again
    await(sleep(step));
    await(say(bob, "bob"));
    await(sleep(step));
    Bot carol = await(connect(out, "carol", port));
    await(say(carol, "carol"));
    await(sleep(step));
    await(say(alice, "hi everyone"));
    await(sleep(step));
    await(say(bob, "hello alice!"));
    await(sleep(step));
    await(say(carol, "/who"));
    await(sleep(step));
    await(say(carol, "안녕하세요")); // UTF-8 all the way
    await(sleep(step));
    await(say(bob, "/quit"));
    await(sleep(step));
    await(say(alice, "bye bob"));
    await(sleep(step));

    await(chat.stop());
    await(gather(alice.listener(), bob.listener(), carol.listener()));
    return done();
  }

  /** A coroutine that connects a bot and starts printing what it receives. */
  @Async
  static Coroutine<Bot> connect(PrintStream out, String name, int port) {
    Connection c = await(openConnection("127.0.0.1", port));
    return done(new Bot(name, c, createTask(listen(out, name, c))));
  }

  /** A coroutine that prints each line a bot receives, until the server closes the connection. */
  @Async
  static Coroutine<Void> listen(PrintStream out, String name, Connection c) {
    while (true) {
      byte[] line = await(c.reader().readline());
      if (line.length == 0) {
        break;
      }
      out.println("[" + name + "] " + new String(line, StandardCharsets.UTF_8).strip());
    }
    out.println("[" + name + "] (connection closed)");
    c.writer().close();
    return done();
  }

  /** A coroutine that sends a line from a bot. */
  @Async
  static Coroutine<Void> say(Bot bot, String line) {
    bot.connection().writer().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    await(bot.connection().writer().drain());
    return done();
  }
}
