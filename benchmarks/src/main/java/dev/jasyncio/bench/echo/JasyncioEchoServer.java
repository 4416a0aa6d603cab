package dev.jasyncio.bench.echo;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Coroutine;
import dev.jasyncio.Server;
import dev.jasyncio.StreamReader;
import dev.jasyncio.StreamWriter;
import java.io.IOException;
import java.util.function.IntConsumer;

/**
 * The echo benchmark's jasyncio server, written as asyncio's streams echo server ({@code
 * benchmarks/echo/asyncio_echo.py}) is: each connection's handler reads up to {@value
 * NioEchoServer#BUFFER_BYTES} bytes, writes them back and drains, until end of stream; then it
 * closes the connection. A connection reset by the client ends its handler quietly, as the Python
 * server ignores {@code ConnectionError}.
 *
 * <pre>
 * java -cp benchmarks.jar dev.jasyncio.bench.echo.JasyncioEchoServer [--host 127.0.0.1] [--port 0]
 * </pre>
 *
 * <p>prints {@code LISTENING <port>} once it accepts connections, then serves until killed. The
 * listen backlog is 1024, as the NIO, asyncio and uvloop servers'.
 */
public final class JasyncioEchoServer {
  /** The listen backlog: the same as the other servers of the benchmark. */
  static final int BACKLOG = 1024;

  private JasyncioEchoServer() {}

  /** Echoes one connection until the client closes its side. */
  @Async
  static Coroutine<Void> echo(StreamReader reader, StreamWriter writer) {
    try {
      while (true) {
        byte[] data = await(reader.read(NioEchoServer.BUFFER_BYTES));
        if (data.length == 0) {
          break;
        }
        writer.write(data);
        await(writer.drain());
      }
    } catch (Exception e) {
      if (!(e instanceof IOException)) {
        throw e;
      }
      // The client reset the connection: nothing to answer.
    } finally {
      writer.close();
    }
    return done();
  }

  /**
   * Serves on {@code host:port} (port 0: any free port) until cancelled; {@code listening} gets the
   * port once the server accepts connections. Cancelling closes the server and waits until every
   * connection is closed.
   */
  @Async
  static Coroutine<Void> serve(String host, int port, IntConsumer listening) {
    Server server =
        await(
            startServer(JasyncioEchoServer::echo, host, port, StreamReader.DEFAULT_LIMIT, BACKLOG));
    listening.accept(server.port());
    await(server.serveForever());
    return done();
  }

  public static void main(String[] args) {
    String host = "127.0.0.1";
    int port = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--host" -> host = EchoClient.Options.value(args, ++i, "--host");
        case "--port" -> port = Integer.parseInt(EchoClient.Options.value(args, ++i, "--port"));
        default -> {
          System.err.println("unknown option: " + args[i]);
          System.err.println("usage: JasyncioEchoServer [--host 127.0.0.1] [--port 0]");
          System.exit(2);
        }
      }
    }
    run(Async_JasyncioEchoServer.serve(host, port, JasyncioEchoServer::printListening));
  }

  private static void printListening(int port) {
    System.out.println("LISTENING " + port);
    System.out.flush();
  }
}
