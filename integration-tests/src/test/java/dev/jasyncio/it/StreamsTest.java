package dev.jasyncio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Asyncio;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Readers and writers over real loopback connections, as users write them. */
class StreamsTest {
  private final EchoPrograms p = new Async_EchoPrograms();

  @Test
  void everyReaderAndWriterMethodInOneConversation() {
    assertEquals(
        List.of(
            "peer port true",
            "local 127.0.0.1",
            "buffered 0",
            "first line\n",
            "second|",
            "yy",
            "\n",
            "exactly",
            "canWriteEof true",
            " seven\nlast\n",
            "atEof true",
            "read at eof 0",
            "writer closing true"),
        Asyncio.run(p.conversation()));
  }

  @Test
  void readlineDiscardsAnOverlongLineWhileReaduntilKeepsTheBuffer() {
    assertEquals(
        "readline: LimitOverrun\n"
            + "next: ok\n"
            + "readuntil: LimitOverrun consumed 40\n"
            + "kept: "
            + "b".repeat(40)
            + "\n",
        Asyncio.run(p.overLimit()));
  }

  @Test
  void aPeerThatNeverSendsDoesNotHoldUpTheOthers() {
    assertEquals(List.of("hi\n", "too slow\n"), Asyncio.run(p.silentPeer()));
  }

  @Test
  void aHalfClosedPeerIsReadToItsEndAndStillGetsAnAnswer() {
    List<String> got = Asyncio.run(p.halfClose());
    assertEquals("got 12 bytes", got.get(0));
    assertTrue(got.get(1).startsWith("write() after writeEof() on <StreamWriter"), got.get(1));
  }

  @Test
  void aThousandConcurrentClientsAreEachEchoed() {
    List<String> echoes = Asyncio.run(p.manyClients(1000));
    assertEquals(1000, echoes.size());
    for (int i = 0; i < 1000; i++) {
      assertEquals("client " + i + "\n", echoes.get(i));
    }
  }

  @Test
  void writeAfterCloseThrowsNamingTheWriter() {
    String message = Asyncio.run(p.writeAfterClose());
    assertTrue(message.startsWith("write() after close() on <StreamWriter"), message);
  }

  @Test
  void connectingToAClosedPortRaisesConnectExceptionNamingIt() throws Exception {
    int port;
    try (ServerSocketChannel s = ServerSocketChannel.open()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      port = ((InetSocketAddress) s.getLocalAddress()).getPort();
    }
    String literal = Asyncio.run(p.connectTo("127.0.0.1", port));
    assertEquals("java.net.ConnectException: Connection refused: /127.0.0.1:" + port, literal);
    String localhost = Asyncio.run(p.connectTo("localhost", port));
    assertTrue(
        localhost.startsWith(
            "java.net.ConnectException: Connection refused: localhost/127.0.0.1:" + port),
        localhost);
  }
}
