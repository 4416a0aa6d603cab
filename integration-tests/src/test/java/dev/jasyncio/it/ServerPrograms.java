package dev.jasyncio.it;

import static dev.jasyncio.Asyncio.*;
import static dev.jasyncio.it.Bytes.b;
import static dev.jasyncio.it.Bytes.s;

import dev.jasyncio.Async;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Connection;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Server;
import dev.jasyncio.StreamReader;
import dev.jasyncio.StreamWriter;
import dev.jasyncio.Task;
import java.util.ArrayList;
import java.util.List;

/** A server's life: port 0, serveForever, close, waitClosed, closeClients, abortClients. */
abstract class ServerPrograms {
  /** Holds the connection open until the peer closes it. */
  @Async
  Coroutine<Void> hold(StreamReader reader, StreamWriter writer) {
    writer.write(b("welcome\n"));
    await(reader.read(-1));
    writer.close();
    return done();
  }

  @Async
  Coroutine<List<String>> lifecycle() {
    List<String> got = new ArrayList<>();
    Server server = await(startServer(this::hold, "127.0.0.1", 0));
    got.add("port chosen " + (server.port() > 0));
    got.add("addresses " + server.addresses().size() + " " + server.addresses().get(0).getPort());
    got.add("sockets " + server.sockets().size());
    got.add("serving " + server.isServing());
    Task<Void> forever = createTask(server.serveForever());
    await(sleep(0));
    Connection c = await(openConnection("127.0.0.1", server.port()));
    got.add(s(await(c.reader().readline())).trim());
    forever.cancel();
    Task<Void> closing = createTask(c.writer().waitClosed());
    // serveForever closes the server and waits for the connection: close it from this side.
    await(sleep(0));
    got.add("serving after cancel " + server.isServing() + ", sockets " + server.sockets().size());
    c.writer().close();
    try {
      await(forever);
      got.add("serveForever returned");
    } catch (CancelledError e) {
      got.add("serveForever cancelled");
    }
    await(closing);
    await(server.waitClosed());
    got.add(s(await(connectRefused(server.port()))));
    return done(got);
  }

  @Async
  Coroutine<byte[]> connectRefused(int port) {
    try {
      await(openConnection("127.0.0.1", port));
      return done(b("connected"));
    } catch (Exception e) {
      return done(b("after close: " + e.getClass().getSimpleName()));
    }
  }

  @Async
  Coroutine<List<String>> closeAndAbortClients() {
    List<String> got = new ArrayList<>();
    Server server = await(startServer(this::hold, "127.0.0.1", 0));
    Connection a = await(openConnection("127.0.0.1", server.port()));
    Connection b = await(openConnection("127.0.0.1", server.port()));
    await(a.reader().readline());
    await(b.reader().readline());
    server.close();
    Task<Void> waiting = createTask(server.waitClosed());
    await(sleep(0));
    got.add("waitClosed done with clients open " + waiting.done());
    server.closeClients();
    got.add("a sees EOF " + await(a.reader().read(-1)).length);
    server.abortClients();
    got.add("b sees EOF " + await(b.reader().read(-1)).length);
    await(waiting);
    got.add("waitClosed done");
    a.writer().close();
    b.writer().close();
    return done(got);
  }

  @Async
  Coroutine<String> asyncWithServer() {
    int port;
    try (dev.jasyncio.Entered<Server> s =
        asyncWith(await(startServer(this::hold, "127.0.0.1", 0)))) {
      port = s.get().port();
      Connection c = await(openConnection("127.0.0.1", port));
      await(c.reader().readline());
      c.writer().close();
    }
    return done(s(await(connectRefused(port))));
  }
}
