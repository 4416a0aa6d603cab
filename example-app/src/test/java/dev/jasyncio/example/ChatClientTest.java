package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jasyncio.Asyncio;
import dev.jasyncio.EventLoop;
import dev.jasyncio.example.ChatServerTest.Line;
import dev.jasyncio.example.ChatServerTest.RunningServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatClientTest {
  private final ExecutorService inputThread = Executors.newSingleThreadExecutor();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @AfterEach
  void stopInputThread() {
    inputThread.shutdownNow();
  }

  private void chat(int port, BufferedReader input) {
    Asyncio.run(
        waitFor(
            Async_ChatClient.chat("127.0.0.1", port, input, inputThread, out),
            ChatServerTest.TIMEOUT),
        EventLoop::new);
  }

  private List<String> printed() {
    return List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));
  }

  @Test
  void sendsTheInputAndPrintsWhatTheServerSaysUntilQuit() throws Exception {
    try (RunningServer server = new RunningServer(ChatServer.DEFAULT_OUTBOX);
        Line bob = new Line(server.port)) {
      bob.join("bob");
      chat(server.port, new BufferedReader(new StringReader("alice\nhello bob\n/quit\nignored\n")));
      assertEquals(
          List.of(
              ChatServer.ASK_NICK,
              "* welcome, alice; online: bob, alice",
              "* bye, alice",
              "* connection closed"),
          printed());
      assertEquals("* alice joined", bob.read());
      assertEquals("<alice> hello bob", bob.read());
      assertEquals("* alice left", bob.read());
      server.assertNoErrors();
    }
  }

  @Test
  void theEndOfTheInputQuits() throws Exception {
    try (RunningServer server = new RunningServer(ChatServer.DEFAULT_OUTBOX)) {
      chat(server.port, new BufferedReader(new StringReader("alice\n")));
      assertEquals(
          List.of(
              ChatServer.ASK_NICK,
              "* welcome, alice; online: alice",
              "* bye, alice",
              "* connection closed"),
          printed());
    }
  }

  @Test
  void theServerClosingTheConnectionEndsTheClientWhileItWaitsForInput() throws Exception {
    try (RunningServer server = new RunningServer(ChatServer.DEFAULT_OUTBOX);
        PipedWriter typing = new PipedWriter();
        PipedReader keyboard = new PipedReader(typing)) {
      CompletableFuture<Void> client =
          CompletableFuture.runAsync(() -> chat(server.port, new BufferedReader(keyboard)));
      typing.write("alice\n");
      typing.flush();
      server.awaitUsers(1);
      server.call(server.chat.stop());
      assertNull(client.get((long) ChatServerTest.TIMEOUT, TimeUnit.SECONDS));
      assertEquals(
          List.of(
              ChatServer.ASK_NICK,
              "* welcome, alice; online: alice",
              ChatServer.SHUTTING_DOWN,
              "* connection closed"),
          printed());
    }
  }
}
