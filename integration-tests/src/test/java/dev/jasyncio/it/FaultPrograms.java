package dev.jasyncio.it;

import static dev.jasyncio.Asyncio.*;
import static dev.jasyncio.it.Bytes.b;
import static dev.jasyncio.it.Bytes.s;

import dev.jasyncio.Async;
import dev.jasyncio.Connection;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Event;
import dev.jasyncio.Server;
import dev.jasyncio.StreamReader;
import dev.jasyncio.StreamWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Peers that misbehave: resets, slow readers, failing handlers. */
abstract class FaultPrograms {
  final List<String> log = new ArrayList<>();
  final Event drainWaited = new Event();
  final Event handled = new Event();
  int maxBuffered;
  int chunksWritten;

  /** Waits for 100 bytes; logs what the read raised. */
  @Async
  Coroutine<Void> expectHundred(StreamReader reader, StreamWriter writer) {
    try {
      await(reader.readexactly(100));
      log.add("read 100");
    } catch (Exception e) {
      log.add(e.getClass().getName() + ": " + e.getMessage());
    }
    handled.set();
    writer.close();
    return done();
  }

  /** A plain socket connects, sends 10 bytes and resets the connection. */
  @Async
  Coroutine<Void> resetMidRead() throws Exception {
    Server server = await(startServer(this::expectHundred, "127.0.0.1", 0));
    Socket peer = new Socket("127.0.0.1", server.port());
    log.add("peer " + peer.getLocalPort());
    peer.getOutputStream().write(new byte[10]);
    peer.setSoLinger(true, 0);
    peer.close();
    await(handled.waitEvent());
    server.close();
    await(server.waitClosed());
    return done();
  }

  /** The peer (a plain ServerSocket) resets: the read raises, then drain() raises. */
  @Async
  Coroutine<List<String>> drainAfterReset() throws Exception {
    List<String> got = new ArrayList<>();
    try (ServerSocket listener =
        new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
      Connection c = await(openConnection("127.0.0.1", listener.getLocalPort()));
      Socket accepted = listener.accept(); // already in the backlog: does not block
      accepted.setSoLinger(true, 0);
      accepted.close();
      try {
        await(c.reader().read(10));
        got.add("read returned");
      } catch (Exception e) {
        got.add("read: " + e.getClass().getName() + ": " + e.getMessage());
      }
      c.writer().write(b("after the reset"));
      try {
        await(c.writer().drain());
        got.add("drain returned");
      } catch (Exception e) {
        got.add("drain: " + e.getClass().getName());
      }
      got.add("closing " + c.writer().isClosing());
    }
    return done(got);
  }

  /** Writes {@code chunks} chunks of {@code size} bytes, draining after each, then closes. */
  @Async
  Coroutine<Void> flood(StreamWriter writer, int chunks, int size) {
    byte[] chunk = new byte[size];
    for (int i = 0; i < chunks; i++) {
      writer.write(chunk);
      chunksWritten++;
      maxBuffered = Math.max(maxBuffered, writer.getWriteBufferSize());
      if (writer.getWriteBufferSize() > writer.getWriteBufferHigh()) {
        drainWaited.set();
      }
      await(writer.drain());
    }
    writer.close();
    await(writer.waitClosed());
    return done();
  }

  /** A client that reads nothing until the server's drain() has had to wait, then reads all. */
  @Async
  Coroutine<Long> slowReader(int chunks, int size) {
    Server server =
        await(startServer((reader, writer) -> flood(writer, chunks, size), "127.0.0.1", 0));
    Connection c = await(openConnection("127.0.0.1", server.port()));
    await(drainWaited.waitEvent());
    log.add("chunks written before reading " + chunksWritten);
    long total = 0;
    while (true) {
      byte[] got = await(c.reader().read(64 * 1024));
      if (got.length == 0) {
        break;
      }
      total += got.length;
    }
    c.writer().close();
    server.close();
    await(server.waitClosed());
    return done(total);
  }

  @Async
  Coroutine<Void> failing(StreamReader reader, StreamWriter writer) {
    byte[] line = await(reader.readline());
    if (s(line).startsWith("fail")) {
      throw new IllegalStateException("handler failed on " + s(line).trim());
    }
    writer.write(line);
    writer.close();
    return done();
  }

  @Async
  Coroutine<List<String>> failingHandler() {
    Server server = await(startServer(this::failing, "127.0.0.1", 0));
    Connection bad = await(openConnection("127.0.0.1", server.port()));
    bad.writer().write(b("fail now\n"));
    String badGot = "EOF after " + await(bad.reader().read(-1)).length + " bytes";
    Connection good = await(openConnection("127.0.0.1", server.port()));
    good.writer().write(b("hello\n"));
    String goodGot = s(await(good.reader().read(-1)));
    bad.writer().close();
    good.writer().close();
    server.close();
    await(server.waitClosed());
    return done(List.of(badGot, goodGot));
  }
}
