package dev.jasyncio;

import java.nio.ByteBuffer;
import java.util.ArrayList;

/**
 * The connection state shared by a {@link Transport}, its {@link StreamReader} and its {@link
 * StreamWriter}, as asyncio's {@code StreamReaderProtocol} with its {@code FlowControlMixin}: the
 * transport reports data, end of stream, the loss of the connection and write-buffer pressure here;
 * the writer's {@code drain()} and {@code waitClosed()} wait here. Not API.
 */
final class StreamProtocol {
  final EventLoop loop;

  /** The reader fed by the transport, or null for a write-only transport. */
  final StreamReader reader;

  /** Done when the connection is lost: with null, or failed with the error that ended it. */
  final Future<Void> closed;

  private boolean writingPaused;
  private ArrayList<Future<Void>> drainWaiters;
  private boolean lost;
  private Throwable lostError;

  /** Runs once when the connection is lost: a server forgets the connection. */
  Runnable onLost;

  StreamProtocol(EventLoop loop, StreamReader reader) {
    this.loop = loop;
    this.reader = reader;
    this.closed = new Future<>(loop);
  }

  void dataReceived(ByteBuffer data) {
    if (reader != null) {
      reader.feedData(data);
    }
  }

  void eofReceived() {
    if (reader != null) {
      reader.feedEof();
    }
  }

  /** The transport is closed: {@code error} is null for an orderly close. Called once. */
  void connectionLost(Throwable error) {
    lost = true;
    lostError = error;
    if (reader != null) {
      if (error == null) {
        reader.feedEofIfOpen();
      } else {
        reader.setException(error);
      }
    }
    if (error == null) {
      closed.trySetResult(null);
    } else {
      closed.trySetException(error);
      // Reads and drain() raise it; nobody has to retrieve it here, as asyncio's closed future.
      closed.markRetrieved();
    }
    wakeDrainWaiters(error);
    Runnable r = onLost;
    onLost = null;
    if (r != null) {
      r.run();
    }
  }

  boolean lost() {
    return lost;
  }

  Throwable lostError() {
    return lostError;
  }

  void pauseWriting() {
    writingPaused = true;
  }

  void resumeWriting() {
    writingPaused = false;
    wakeDrainWaiters(null);
  }

  boolean writingPaused() {
    return writingPaused;
  }

  /** A new future that completes when writing resumes or the connection is lost. */
  Future<Void> drainWaiter() {
    Future<Void> w = new Future<>(loop);
    if (drainWaiters == null) {
      drainWaiters = new ArrayList<>(2);
    }
    drainWaiters.add(w);
    return w;
  }

  void removeDrainWaiter(Future<Void> w) {
    if (drainWaiters != null) {
      drainWaiters.remove(w);
    }
  }

  private void wakeDrainWaiters(Throwable error) {
    ArrayList<Future<Void>> ws = drainWaiters;
    if (ws == null || ws.isEmpty()) {
      return;
    }
    drainWaiters = null;
    for (Future<Void> w : ws) {
      if (error == null) {
        w.trySetResult(null);
      } else {
        w.trySetException(error);
      }
    }
  }
}
