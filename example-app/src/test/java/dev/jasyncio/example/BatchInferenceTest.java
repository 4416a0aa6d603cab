package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jasyncio.Asyncio;
import dev.jasyncio.TestEventLoop;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchInferenceTest {
  @Test
  void fourRequestsThroughTheTwoStagesTakeOneAndAHalfSeconds() throws Exception {
    VirtualRun run = VirtualRun.of(new BatchInference());
    assertEquals(
        """
        ============================================================
        Example 7: MLOps - async batch inference
        ============================================================
        Batch inference started

        [REQ-001] request received
          [REQ-001] preprocessing started: video1.mp4
        [REQ-002] request received
          [REQ-002] preprocessing started: video2.mp4
        [REQ-003] request received
          [REQ-003] preprocessing started: video3.mp4
        [REQ-004] request received
          [REQ-004] preprocessing started: video4.mp4
          [REQ-001] inference started: ResNet50
          [REQ-002] inference started: ResNet50
          [REQ-003] inference started: EfficientNet
          [REQ-004] inference started: ResNet50
        [REQ-001] done - predictions: ['class_A', 'class_B'], confidence: 0.95
        [REQ-002] done - predictions: ['class_A', 'class_B'], confidence: 0.95
        [REQ-003] done - predictions: ['class_A', 'class_B'], confidence: 0.95
        [REQ-004] done - predictions: ['class_A', 'class_B'], confidence: 0.95

        progress: 1/4 done

        progress: 2/4 done

        progress: 3/4 done

        progress: 4/4 done

        ============================================================
        Batch inference complete!
           total requests: 4
           total time: 1.50 s
           average processing time: 0.38 s/request
        ============================================================
        """,
        run.output);
    assertEquals(1.5, run.time());
  }

  @Test
  void theResultsComeInCompletionOrderEachHavingTakenOneSecondOfInference() {
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    List<BatchInference.InferenceResult> results =
        Asyncio.run(new Async_BatchInference_Pipeline(nowhere).mainExample7(), TestEventLoop::new);
    assertEquals(4, results.size());
    for (int i = 0; i < 4; i++) {
      BatchInference.InferenceResult r = results.get(i);
      assertEquals("REQ-00" + (i + 1), r.requestId()); // all finish together, in start order
      assertEquals(List.of("class_A", "class_B"), r.predictions());
      assertEquals(0.95, r.confidence());
      assertEquals(1.0, r.processingTime());
    }
  }
}
