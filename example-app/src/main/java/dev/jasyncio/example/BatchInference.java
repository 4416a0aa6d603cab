package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Asyncio;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Seed program 23 (coffee shop post, example 7): a batch inference pipeline. Each request is
 * preprocessed (0.5 s) then run through a model (1 s); four requests run concurrently and their
 * results are collected with {@code as_completed}: 1.5 s in all, 0.38 s per request.
 *
 * <pre>{@code
 * @dataclass
 * class InferenceRequest:
 *     request_id: str
 *     video_path: str
 *     model_name: str
 *
 * @dataclass
 * class InferenceResult:
 *     request_id: str
 *     predictions: List[str]
 *     confidence: float
 *     processing_time: float
 *
 * async def preprocess_video(request):
 *     print(f"  🎬 [{request.request_id}] 전처리 시작: {request.video_path}")
 *     await asyncio.sleep(0.5)
 *     return {'request_id': request.request_id, 'frames': list(range(10)), 'preprocessed': True}
 *
 * async def run_inference(preprocessed_data, model_name):
 *     request_id = preprocessed_data['request_id']
 *     print(f"  🤖 [{request_id}] 추론 시작: {model_name}")
 *     start_time = time.time()
 *     await asyncio.sleep(1.0)
 *     processing_time = time.time() - start_time
 *     return InferenceResult(request_id=request_id, predictions=['class_A', 'class_B'],
 *                            confidence=0.95, processing_time=processing_time)
 *
 * async def process_inference_request(request):
 *     print(f"📥 [{request.request_id}] 요청 수신")
 *     preprocessed = await preprocess_video(request)
 *     result = await run_inference(preprocessed, request.model_name)
 *     print(f"✅ [{request.request_id}] 완료 - "
 *           f"예측: {result.predictions}, 신뢰도: {result.confidence:.2f}")
 *     return result
 *
 * async def main_example7():
 *     requests = [InferenceRequest('REQ-001', 'video1.mp4', 'ResNet50'), ...]
 *     print("🚀 배치 추론 시작\n")
 *     start = time.time()
 *     tasks = [process_inference_request(req) for req in requests]
 *     results = []
 *     for i, coro in enumerate(asyncio.as_completed(tasks), 1):
 *         result = await coro
 *         results.append(result)
 *         print(f"\n📊 진행: {i}/{len(requests)} 완료")
 *     total_time = time.time() - start
 *     print(f"\n{'='*60}")
 *     print(f"✅ 배치 추론 완료!")
 *     print(f"   총 요청: {len(requests)}개")
 *     print(f"   총 시간: {total_time:.2f}초")
 *     print(f"   평균 처리 시간: {total_time/len(requests):.2f}초/요청")
 *     print(f"{'='*60}")
 *
 * asyncio.run(main_example7())
 * }</pre>
 */
public final class BatchInference implements Program {
  @Override
  public String name() {
    return "inference";
  }

  @Override
  public String summary() {
    return "23: batch inference, preprocess then infer, results collected with as_completed";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    out.println(Py.times("=", 60));
    out.println("Example 7: MLOps - async batch inference");
    out.println(Py.times("=", 60));
    Asyncio.run(new Async_BatchInference_Pipeline(out).mainExample7(), loops);
  }

  record InferenceRequest(String requestId, String videoPath, String modelName) {}

  record InferenceResult(
      String requestId, List<String> predictions, double confidence, double processingTime) {}

  /** The dict {@code preprocess_video} returns. */
  record Preprocessed(String requestId, List<Integer> frames, boolean preprocessed) {}

  abstract static class Pipeline {
    final PrintStream out;

    Pipeline(PrintStream out) {
      this.out = out;
    }

    @Async
    Coroutine<Preprocessed> preprocessVideo(InferenceRequest request) {
      out.println("  [" + request.requestId() + "] preprocessing started: " + request.videoPath());
      await(sleep(0.5)); // preprocessing time
      List<Integer> frames = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        frames.add(i); // ten frames
      }
      return done(new Preprocessed(request.requestId(), frames, true));
    }

    @Async
    Coroutine<InferenceResult> runInference(Preprocessed preprocessedData, String modelName) {
      String requestId = preprocessedData.requestId();
      out.println("  [" + requestId + "] inference started: " + modelName);
      double startTime = getRunningLoop().time();
      await(sleep(1.0)); // inference time
      double processingTime = getRunningLoop().time() - startTime;
      return done(
          new InferenceResult(requestId, List.of("class_A", "class_B"), 0.95, processingTime));
    }

    /** The whole pipeline for one request. */
    @Async
    Coroutine<InferenceResult> processInferenceRequest(InferenceRequest request) {
      out.println("[" + request.requestId() + "] request received");
      // 1. preprocessing
      Preprocessed preprocessed = await(preprocessVideo(request));
      // 2. inference
      InferenceResult result = await(runInference(preprocessed, request.modelName()));
      out.println(
          Py.format(
              "[%s] done - predictions: %s, confidence: %.2f",
              request.requestId(), Py.repr(result.predictions()), result.confidence()));
      return done(result);
    }

    @Async
    Coroutine<List<InferenceResult>> mainExample7() {
      List<InferenceRequest> requests =
          List.of(
              new InferenceRequest("REQ-001", "video1.mp4", "ResNet50"),
              new InferenceRequest("REQ-002", "video2.mp4", "ResNet50"),
              new InferenceRequest("REQ-003", "video3.mp4", "EfficientNet"),
              new InferenceRequest("REQ-004", "video4.mp4", "ResNet50"));
      out.println("Batch inference started");
      out.println();
      double start = getRunningLoop().time();
      // every request at once
      List<Coroutine<InferenceResult>> tasks = new ArrayList<>();
      for (InferenceRequest req : requests) {
        tasks.add(processInferenceRequest(req));
      }
      // results collected as they complete
      List<InferenceResult> results = new ArrayList<>();
      int i = 0;
      for (Coroutine<InferenceResult> coro : asCompleted(tasks)) {
        i++;
        InferenceResult result = await(coro);
        results.add(result);
        out.println();
        out.println("progress: " + i + "/" + requests.size() + " done");
      }
      double totalTime = getRunningLoop().time() - start;
      out.println();
      out.println(Py.times("=", 60));
      out.println("Batch inference complete!");
      out.println("   total requests: " + requests.size());
      out.println(Py.format("   total time: %.2f s", totalTime));
      out.println(
          Py.format("   average processing time: %.2f s/request", totalTime / requests.size()));
      out.println(Py.times("=", 60));
      return done(results);
    }
  }
}
