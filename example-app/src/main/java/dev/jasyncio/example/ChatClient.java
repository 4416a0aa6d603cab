package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Asyncio;
import dev.jasyncio.Connection;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.ReturnWhen;
import dev.jasyncio.StreamReader;
import dev.jasyncio.Task;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The client of the {@link ChatServer}: prints every line the server sends while it sends the lines
 * typed on standard input, until {@code /quit}, the end of the input, or the server closing the
 * connection.
 *
 * <p>Reading standard input blocks, so each line is read on a thread of its own executor (one
 * daemon thread, so that a read left waiting when the server goes away does not keep the process
 * alive) while the loop goes on printing what arrives. The end of the input sends {@code /quit}.
 */
public abstract class ChatClient {
  ChatClient() {}

  /**
   * A coroutine that chats with the server at {@code host}:{@code port}: lines of {@code input}
   * (read on {@code inputThread}) go to the server, lines from the server are printed to {@code
   * out}.
   */
  @Async
  static Coroutine<Void> chat(
      String host, int port, BufferedReader input, Executor inputThread, PrintStream out) {
    Connection c = await(openConnection(host, port));
    Task<Void> printer = createTask(printLines(c.reader(), out));
    EventLoop loop = getRunningLoop();
    try {
      while (!printer.done()) {
        Future<String> next = loop.runInExecutor(inputThread, input::readLine);
        await(waitTasks(List.<Future<?>>of(next, printer), ReturnWhen.FIRST_COMPLETED));
        if (!next.done()) {
          break; // the server closed the connection
        }
        String line = next.result();
        if (line == null) {
          line = "/quit"; // the end of the input
        }
        c.writer().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        await(c.writer().drain());
        if (line.equals("/quit")) {
          await(printer); // the server says goodbye and closes the connection
        }
      }
    } finally {
      printer.cancel();
      c.writer().close();
    }
    return done();
  }

  /**
   * A coroutine that prints each line from {@code reader} until the end of the stream, then {@code
   * "* connection closed"}.
   */
  @Async
  static Coroutine<Void> printLines(StreamReader reader, PrintStream out) {
    try {
      while (true) {
        byte[] line = await(reader.readline());
        if (line.length == 0) {
          break;
        }
        out.print(new String(line, StandardCharsets.UTF_8));
        if (line[line.length - 1] != '\n') {
          out.println();
        }
      }
      out.println("* connection closed");
    } catch (Exception e) {
      out.println("* connection lost: " + e.getMessage());
    }
    return done();
  }

  /** {@code chat-client host port}: chats through standard input and output. */
  static final class Command implements Program {
    @Override
    public String name() {
      return "chat-client";
    }

    @Override
    public String arguments() {
      return "host port";
    }

    @Override
    public String summary() {
      return "29: an interactive client of chat-server (/who, /quit)";
    }

    @Override
    public void run(PrintStream out, Supplier<EventLoop> loops) {
      run(out, loops, List.of());
    }

    @Override
    public void run(PrintStream out, Supplier<EventLoop> loops, List<String> args) {
      if (args.size() != 2) {
        throw new IllegalArgumentException("usage: chat-client host port");
      }
      String host = args.get(0);
      int port = Integer.parseInt(args.get(1));
      BufferedReader stdin =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      ExecutorService inputThread =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "chat-client-stdin");
                t.setDaemon(true);
                return t;
              });
      try {
        Asyncio.run(Async_ChatClient.chat(host, port, stdin, inputThread, out), loops);
      } finally {
        inputThread.shutdownNow();
      }
    }
  }
}
