package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Asyncio;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Seed program 18 (coffee shop post, example 2): four videos take 2, 0.5, 1.5 and 1 s to process;
 * {@code as_completed} hands their results over as each finishes, 2 → 4 → 3 → 1.
 *
 * <pre>{@code
 * async def process_video(video_id: int, duration: float) -> Dict[str, Any]:
 *     print(f"  🎬 비디오 {video_id} 처리 시작 (예상 {duration}초)")
 *     await asyncio.sleep(duration)
 *     result = {'video_id': video_id, 'status': 'completed',
 *               'processed_at': datetime.now().strftime('%H:%M:%S')}
 *     print(f"  ✅ 비디오 {video_id} 처리 완료!")
 *     return result
 *
 * async def main_example2():
 *     videos = [(1, 2.0), (2, 0.5), (3, 1.5), (4, 1.0)]
 *     print("\n처리 시작:")
 *     tasks = [process_video(vid, dur) for vid, dur in videos]
 *     completed_count = 0
 *     for coro in asyncio.as_completed(tasks):
 *         result = await coro
 *         completed_count += 1
 *         print(f"  📦 [{completed_count}/{len(videos)}] 결과 수신: "
 *               f"비디오 {result['video_id']} - {result['processed_at']}")
 *     print("\n✅ 모든 비디오 처리 완료!")
 *
 * asyncio.run(main_example2())
 * }</pre>
 *
 * <p>Python's {@code as_completed} starts the tasks from a set, in no fixed order; here they start
 * in list order.
 */
public final class VideoProcessing implements Program {
  private final Clock clock;

  public VideoProcessing() {
    this(Clock.systemDefaultZone());
  }

  /** Printing times of day that start from {@code clock}. */
  VideoProcessing(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "videos";
  }

  @Override
  public String summary() {
    return "18: as_completed hands over four video results in the order they finish";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    out.println(Py.times("=", 60));
    out.println("Example 2: receiving results in the order they complete");
    out.println(Py.times("=", 60));
    EventLoop loop = loops.get();
    Asyncio.run(
        new Async_VideoProcessing_Videos(out, new WallClock(clock, loop)).main(), () -> loop);
  }

  /** What {@code process_video} returns. */
  record VideoResult(int videoId, String status, String processedAt) {}

  /** A video to process and how long it takes. */
  record Video(int id, double duration) {}

  abstract static class Videos {
    final PrintStream out;
    final WallClock now;

    Videos(PrintStream out, WallClock now) {
      this.out = out;
      this.now = now;
    }

    @Async
    Coroutine<VideoResult> processVideo(int videoId, double duration) {
      out.println("  video " + videoId + ": processing started (expected " + duration + " s)");
      await(sleep(duration));
      VideoResult result = new VideoResult(videoId, "completed", now.hms());
      out.println("  video " + videoId + ": processing complete!");
      return done(result);
    }

    @Async
    Coroutine<Void> main() {
      List<Video> videos =
          List.of(new Video(1, 2.0), new Video(2, 0.5), new Video(3, 1.5), new Video(4, 1.0));
      out.println();
      out.println("Processing started:");
      List<Coroutine<VideoResult>> tasks = new ArrayList<>();
      for (Video v : videos) {
        tasks.add(processVideo(v.id(), v.duration()));
      }
      // results in the order they complete
      int completedCount = 0;
      for (Coroutine<VideoResult> coro : asCompleted(tasks)) {
        VideoResult result = await(coro);
        completedCount++;
        out.println(
            "  ["
                + completedCount
                + "/"
                + videos.size()
                + "] result received: video "
                + result.videoId()
                + " - "
                + result.processedAt());
      }
      out.println();
      out.println("All videos processed!");
      return done();
    }
  }
}
