package dev.jasyncio.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jasyncio.Asyncio;
import dev.jasyncio.EventLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
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
  void readsThatTheEndOfTheStreamCutsShortRaiseIncompleteReadWithWhatWasRead() {
    assertEquals(
        List.of(
            "readexactly: 'abc|de' of 10",
            "atEof true",
            "abc|",
            "readuntil: 'de' of -1",
            "atEof true"),
        Asyncio.run(p.readsPastTheEnd()));
  }

  @Test
  void aHostNameIsResolvedOnTheDefaultExecutor() throws Exception {
    String host = InetAddress.getLocalHost().getHostName();
    assumeFalse(host.equalsIgnoreCase("localhost"), "the host name needs no lookup: " + host);
    assumeFalse(
        host.chars().allMatch(c -> c == '.' || c == ':' || Character.digit(c, 16) >= 0),
        "the host name is an address: " + host);
    try {
      InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      assumeTrue(false, "the host name does not resolve: " + e);
    }
    AtomicInteger lookups = new AtomicInteger();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      String echo =
          Asyncio.run(
              p.echoByName(host),
              () -> {
                EventLoop loop = new EventLoop();
                loop.setDefaultExecutor(
                    job -> {
                      lookups.incrementAndGet();
                      pool.execute(job);
                    });
                return loop;
              });
      assertEquals("by name\n", echo);
      // startServer and openConnection each looked the name up.
      assertEquals(2, lookups.get());
    } finally {
      pool.shutdown();
    }
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
