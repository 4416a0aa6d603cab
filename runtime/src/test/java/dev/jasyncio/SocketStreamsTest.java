package dev.jasyncio;

import static dev.jasyncio.Coro.await;
import static dev.jasyncio.Coro.co;
import static dev.jasyncio.Coro.ret;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Streams over real loopback sockets, checked through package-private state that the integration
 * tests cannot see: how much a connection's reader buffers when nobody reads it, and what becomes
 * of the socket of a cancelled {@link Asyncio#openConnection}.
 */
class SocketStreamsTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  /** Runs {@code poll} in every iteration of {@code loop} for as long as it returns true. */
  private static void everyIteration(EventLoop loop, BooleanSupplier poll) {
    loop.callSoon(
        () -> {
          if (poll.getAsBoolean()) {
            everyIteration(loop, poll);
          }
        });
  }

  /** Reads {@code reader} to its end into {@code out}, 64 KiB at a time. */
  private static Coro.Next readAll(StreamReader reader, ByteArrayOutputStream out) {
    return await(
        reader.read(64 * 1024),
        v -> {
          byte[] chunk = (byte[]) v;
          if (chunk.length == 0) {
            return ret();
          }
          out.write(chunk, 0, chunk.length);
          return readAll(reader, out);
        });
  }

  @Test
  void aReaderNobodyReadsStopsTakingDataPastTwiceItsLimitAndEverythingArrivesOnceItIsRead() {
    int limit = 16 * 1024;
    // The reader pauses once it holds more than 2 * limit; one socket read (the loop's 64 KiB
    // buffer) may take it that far past.
    int bound = 2 * limit + 64 * 1024;
    byte[] data = new byte[4 * 1024 * 1024];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i % 251);
    }
    EventLoop loop = new EventLoop();
    try {
      Future<Void> go = loop.createFuture();
      Future<Void> handled = loop.createFuture();
      StreamReader[] serverReader = new StreamReader[1];
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      ClientConnected handler =
          (reader, writer) -> {
            serverReader[0] = reader;
            // Reads nothing until told to, then everything.
            return co(
                () ->
                    await(
                        go,
                        v ->
                            await(
                                co(() -> readAll(reader, received)),
                                w -> {
                                  writer.close();
                                  handled.setResult(null);
                                  return ret();
                                })));
          };
      Server server = loop.runUntilComplete(Asyncio.startServer(handler, "127.0.0.1", 0, limit));
      Connection client = loop.runUntilComplete(Asyncio.openConnection("127.0.0.1", server.port()));

      int[] maxBuffered = {0};
      String[] atGo = {null};
      everyIteration(
          loop,
          () -> {
            StreamReader r = serverReader[0];
            if (r == null) {
              return true;
            }
            maxBuffered[0] = Math.max(maxBuffered[0], r.buffered());
            // Let the handler read once the reader has paused; or at once if it took more than
            // the bound without pausing (the check below fails then).
            if (!go.done() && (r.toString().contains(" paused") || r.buffered() > bound)) {
              atGo[0] = r.toString();
              go.setResult(null);
            }
            return !handled.done();
          });
      client.writer().write(data);
      client.writer().close();
      loop.runUntilComplete(handled);

      assertNotNull(atGo[0]);
      assertTrue(atGo[0].contains(" paused"), atGo[0]);
      assertTrue(maxBuffered[0] <= bound, "the reader held " + maxBuffered[0] + " bytes");
      assertTrue(maxBuffered[0] > 2 * limit, "the reader held " + maxBuffered[0] + " bytes");
      assertArrayEquals(data, received.toByteArray());

      server.close();
      loop.runUntilComplete(server.waitClosed());
      loop.runUntilComplete(client.writer().waitClosed());
    } finally {
      loop.close();
    }
  }

  @Test
  void cancellingOpenConnectionWhileItConnectsClosesAndUnregistersTheSocket() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 50, LOOPBACK)) {
      EventLoop loop = new EventLoop();
      try {
        Task<Connection> task =
            loop.createTask(
                Asyncio.openConnection(LOOPBACK.getHostAddress(), listener.getLocalPort()));
        String[] atCancel = {null};
        // Runs right after the task's first step, which started the non-blocking connect and
        // registered the socket for its completion, which the next select reports.
        loop.callSoon(
            () -> {
              atCancel[0] = task.toString();
              task.cancel();
            });
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
        assertTrue(atCancel[0].contains("wait_for=<Future pending>"), atCancel[0]);
        assertFalse(loop.hasIoRegistrations(), "a channel is still registered with the loop");
      } finally {
        loop.close();
      }
    }
  }

  @Test
  void cancellingOpenConnectionJustAfterTheConnectFinishedClosesTheSocket() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 50, LOOPBACK)) {
      EventLoop loop = new EventLoop();
      String[] atCancel = {null};
      try {
        Task<Connection> task =
            loop.createTask(
                Asyncio.openConnection(LOOPBACK.getHostAddress(), listener.getLocalPort()));
        // The connect's completion wakes the task in the next iteration; this poll, queued
        // before that wake-up, sees the finished connect first and cancels the task then.
        everyIteration(
            loop,
            () -> {
              String t = task.toString();
              if (t.contains("wait_for=<Future finished result=")) {
                atCancel[0] = t;
                task.cancel();
                return false;
              }
              return !task.done();
            });
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
        assertNotNull(atCancel[0], "the poll never saw the connect finished");
        assertFalse(loop.hasIoRegistrations(), "a channel is still registered with the loop");
      } finally {
        loop.close();
      }
      // The connection is in the listener's backlog; its client side must have been closed. The
      // timeout only turns a socket left open into a failure instead of a hung test.
      try (Socket accepted = listener.accept()) {
        accepted.setSoTimeout(10_000);
        assertEquals(-1, accepted.getInputStream().read(), atCancel[0]);
      }
    }
  }
}
