package dev.jasyncio.it;

import static dev.jasyncio.Asyncio.*;
import static dev.jasyncio.it.Bytes.b;
import static dev.jasyncio.it.Bytes.s;

import dev.jasyncio.Async;
import dev.jasyncio.Connection;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Entered;
import dev.jasyncio.IncompleteReadException;
import dev.jasyncio.LimitOverrunException;
import dev.jasyncio.Server;
import dev.jasyncio.StreamReader;
import dev.jasyncio.StreamWriter;
import dev.jasyncio.TimeoutException;
import java.util.ArrayList;
import java.util.List;

/** Servers and clients written as users write them: {@code @Async} methods of an abstract class. */
abstract class EchoPrograms {
  final List<String> log = new ArrayList<>();

  /** Echoes lines until the end of the stream, then closes. */
  @Async
  Coroutine<Void> echoLines(StreamReader reader, StreamWriter writer) {
    while (true) {
      byte[] line = await(reader.readline());
      if (line.length == 0) {
        break;
      }
      writer.write(line);
      await(writer.drain());
    }
    writer.close();
    await(writer.waitClosed());
    return done();
  }

  /** One client of {@link #echoLines}: sends a line, returns the echo. */
  @Async
  Coroutine<String> echoOnce(int port, String message) {
    return echoOnceTo("127.0.0.1", port, message);
  }

  /** {@link #echoOnce} to {@code host}. */
  @Async
  Coroutine<String> echoOnceTo(String host, int port, String message) {
    Connection c = await(openConnection(host, port));
    c.writer().write(b(message + "\n"));
    await(c.writer().drain());
    String echo = s(await(c.reader().readline()));
    c.writer().close();
    await(c.writer().waitClosed());
    return done(echo);
  }

  /** Every reader and writer method in one conversation with {@link #echoLines}. */
  @Async
  Coroutine<List<String>> conversation() {
    List<String> got = new ArrayList<>();
    try (Entered<Server> entered = asyncWith(await(startServer(this::echoLines, "127.0.0.1", 0)))) {
      Server server = entered.get();
      Connection c = await(openConnection("127.0.0.1", server.port()));
      StreamReader reader = c.reader();
      try (Entered<StreamWriter> w = asyncWith(c.writer())) {
        StreamWriter writer = w.get();
        got.add("peer port " + (writer.peerAddress().getPort() == server.port()));
        got.add("local " + writer.localAddress().getAddress().getHostAddress());
        writer.write(b("first line\n"));
        writer.write(b("xxsecond|yy\n"), 2, 10);
        writer.writelines(List.of(b("exactly"), b(" seven\n")));
        got.add("buffered " + writer.getWriteBufferSize());
        await(writer.drain());
        got.add(s(await(reader.readline())));
        got.add(s(await(reader.readuntil(b("|")))));
        got.add(s(await(reader.readexactly(2))));
        got.add(s(await(reader.readexactly(1))));
        got.add(s(await(reader.read(7))));
        writer.write(b("last\n"));
        got.add("canWriteEof " + writer.canWriteEof());
        writer.writeEof();
        got.add(s(await(reader.read(-1))));
        got.add("atEof " + reader.atEof());
        got.add("read at eof " + await(reader.read(10)).length);
      }
      got.add("writer closing " + c.writer().isClosing());
    }
    return done(got);
  }

  /** Reads an over-long line with readline, then one with readuntil, and reports. */
  @Async
  Coroutine<Void> limits(StreamReader reader, StreamWriter writer) {
    try {
      await(reader.readline());
      writer.write(b("no error\n"));
    } catch (LimitOverrunException e) {
      writer.write(b("readline: LimitOverrun\n"));
    }
    writer.write(b("next: " + s(await(reader.readline()))));
    try {
      await(reader.readuntil(b("|")));
      writer.write(b("no error\n"));
    } catch (LimitOverrunException e) {
      writer.write(b("readuntil: LimitOverrun consumed " + e.consumed() + "\n"));
    }
    writer.write(b("kept: " + s(await(reader.readexactly(40))) + "\n"));
    writer.close();
    await(writer.waitClosed());
    return done();
  }

  @Async
  Coroutine<String> overLimit() {
    Server server = await(startServer(this::limits, "127.0.0.1", 0, 16));
    Connection c = await(openConnection("127.0.0.1", server.port()));
    c.writer().write(b("a".repeat(100) + "\nok\n" + "b".repeat(40)));
    String all = s(await(c.reader().read(-1)));
    c.writer().close();
    await(c.writer().waitClosed());
    server.close();
    await(server.waitClosed());
    return done(all);
  }

  /** Waits a short while for a line; a client that sends nothing is told and dropped. */
  @Async
  Coroutine<Void> impatient(StreamReader reader, StreamWriter writer) {
    try {
      byte[] line = await(waitFor(reader.readline(), 0.2));
      writer.write(line);
    } catch (TimeoutException e) {
      writer.write(b("too slow\n"));
    }
    writer.close();
    await(writer.waitClosed());
    return done();
  }

  @Async
  Coroutine<List<String>> silentPeer() {
    Server server = await(startServer(this::impatient, "127.0.0.1", 0));
    Connection silent = await(openConnection("127.0.0.1", server.port()));
    String talker = await(echoOnceNoClose(server.port(), "hi"));
    String silentGot = s(await(silent.reader().read(-1)));
    silent.writer().close();
    server.close();
    await(server.waitClosed());
    return done(List.of(talker, silentGot));
  }

  @Async
  Coroutine<String> echoOnceNoClose(int port, String message) {
    Connection c = await(openConnection("127.0.0.1", port));
    c.writer().write(b(message + "\n"));
    String echo = s(await(c.reader().read(-1)));
    c.writer().close();
    return done(echo);
  }

  /** Reads to the end, then answers on the same connection (the peer half-closed). */
  @Async
  Coroutine<Void> countBytes(StreamReader reader, StreamWriter writer) {
    byte[] all = await(reader.read(-1));
    writer.write(b("got " + all.length + " bytes"));
    writer.close();
    await(writer.waitClosed());
    return done();
  }

  @Async
  Coroutine<List<String>> halfClose() {
    Server server = await(startServer(this::countBytes, "127.0.0.1", 0));
    Connection c = await(openConnection("127.0.0.1", server.port()));
    c.writer().write(b("twelve bytes"));
    c.writer().writeEof();
    String afterEof;
    try {
      c.writer().write(b("more"));
      afterEof = "accepted";
    } catch (IllegalStateException e) {
      afterEof = e.getMessage();
    }
    String reply = s(await(c.reader().read(-1)));
    c.writer().close();
    await(c.writer().waitClosed());
    server.close();
    await(server.waitClosed());
    return done(List.of(reply, afterEof));
  }

  @Async
  Coroutine<List<String>> manyClients(int n) {
    Server server = await(startServer(this::echoLines, "127.0.0.1", 0, 64 * 1024, 1024));
    List<Coroutine<String>> clients = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      clients.add(echoOnce(server.port(), "client " + i));
    }
    List<String> echoes = await(gather(clients));
    server.close();
    await(server.waitClosed());
    return done(echoes);
  }

  @Async
  Coroutine<String> writeAfterClose() {
    Server server = await(startServer(this::echoLines, "127.0.0.1", 0));
    Connection c = await(openConnection("127.0.0.1", server.port()));
    c.writer().close();
    String message;
    try {
      c.writer().write(b("late"));
      message = "accepted";
    } catch (IllegalStateException e) {
      message = e.getMessage();
    }
    await(c.writer().waitClosed());
    server.close();
    await(server.waitClosed());
    return done(message);
  }

  /** Serves {@link #echoLines} on every address of {@code host} and echoes one line through it. */
  @Async
  Coroutine<String> echoByName(String host) {
    Server server = await(startServer(this::echoLines, host, 0));
    String echo = await(echoOnceTo(host, server.port(), "by name"));
    server.close();
    await(server.waitClosed());
    return done(echo);
  }

  /** Sends {@code text}, then closes the connection without reading. */
  @Async
  Coroutine<Void> sendAndClose(StreamWriter writer, String text) {
    writer.write(b(text));
    writer.close();
    await(writer.waitClosed());
    return done();
  }

  /** readexactly and readuntil on connections that end before they have what they ask for. */
  @Async
  Coroutine<List<String>> readsPastTheEnd() {
    List<String> got = new ArrayList<>();
    Server server =
        await(startServer((reader, writer) -> sendAndClose(writer, "abc|de"), "127.0.0.1", 0));
    Connection first = await(openConnection("127.0.0.1", server.port()));
    try {
      await(first.reader().readexactly(10));
      got.add("readexactly returned");
    } catch (IncompleteReadException e) {
      got.add("readexactly: '" + s(e.partial()) + "' of " + e.expected());
    }
    got.add("atEof " + first.reader().atEof());
    first.writer().close();
    Connection second = await(openConnection("127.0.0.1", server.port()));
    got.add(s(await(second.reader().readuntil(b("|")))));
    try {
      await(second.reader().readuntil(b("|")));
      got.add("readuntil returned");
    } catch (IncompleteReadException e) {
      got.add("readuntil: '" + s(e.partial()) + "' of " + e.expected());
    }
    got.add("atEof " + second.reader().atEof());
    second.writer().close();
    await(first.writer().waitClosed());
    await(second.writer().waitClosed());
    server.close();
    await(server.waitClosed());
    return done(got);
  }

  @Async
  Coroutine<String> connectTo(String host, int port) {
    try {
      await(openConnection(host, port));
      return done("connected");
    } catch (Exception e) {
      return done(e.getClass().getName() + ": " + e.getMessage());
    }
  }
}
