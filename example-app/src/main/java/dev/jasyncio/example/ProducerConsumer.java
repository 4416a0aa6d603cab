package dev.jasyncio.example;

import static dev.jasyncio.Asyncio.*;

import dev.jasyncio.Async;
import dev.jasyncio.Asyncio;
import dev.jasyncio.Coroutine;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Queue;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Seed program 19 (coffee shop post, example 3): one producer and three consumers working through a
 * bounded queue at the same time; the producer ends with a {@code None} sentinel that each consumer
 * puts back for the next one.
 *
 * <pre>{@code
 * async def producer(queue: asyncio.Queue, num_items: int):
 *     print("📤 Producer 시작")
 *     for i in range(num_items):
 *         item = {'task_id': i, 'data': f'Task-{i}'}
 *         await queue.put(item)
 *         print(f"  ➕ 작업 추가: {item['data']}")
 *         await asyncio.sleep(0.3)  # 작업 생성 간격
 *     await queue.put(None)  # 종료 신호
 *     print("📤 Producer 완료")
 *
 * async def consumer(queue: asyncio.Queue, consumer_id: int):
 *     print(f"📥 Consumer {consumer_id} 시작")
 *     while True:
 *         item = await queue.get()
 *         if item is None:
 *             await queue.put(None)  # 다른 consumer를 위해 다시 넣기
 *             break
 *         print(f"  ⚙️ Consumer {consumer_id}: {item['data']} 처리 중...")
 *         await asyncio.sleep(1)  # 처리 시간
 *         print(f"  ✅ Consumer {consumer_id}: {item['data']} 완료")
 *         queue.task_done()
 *     print(f"📥 Consumer {consumer_id} 종료")
 *
 * async def main_example3():
 *     queue = asyncio.Queue(maxsize=5)
 *     await asyncio.gather(
 *         producer(queue, num_items=10),
 *         consumer(queue, consumer_id=1),
 *         consumer(queue, consumer_id=2),
 *         consumer(queue, consumer_id=3))
 *     print("\n✅ 모든 작업 완료!")
 *
 * asyncio.run(main_example3())
 * }</pre>
 *
 * <p>The sentinel is {@code null}: a {@link Queue} holds nulls like any other item, as asyncio's
 * holds {@code None}.
 */
public final class ProducerConsumer implements Program {
  @Override
  public String name() {
    return "producer-consumer";
  }

  @Override
  public String summary() {
    return "19: one producer, three consumers, a Queue(maxsize=5) and a sentinel passed on";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    out.println(Py.times("=", 60));
    out.println("Example 3: an async workflow through a queue");
    out.println(Py.times("=", 60));
    Asyncio.run(Async_ProducerConsumer.mainExample3(out), loops);
  }

  /** An item of work: Python's {@code {'task_id': i, 'data': f'Task-{i}'}}. */
  record Item(int taskId, String data) {}

  /** {@code async def producer(queue, num_items)}: makes the work, then the sentinel. */
  @Async
  static Coroutine<Void> producer(PrintStream out, Queue<Item> queue, int numItems) {
    out.println("Producer started");
    for (int i = 0; i < numItems; i++) {
      Item item = new Item(i, "Task-" + i);
      await(queue.put(item));
      out.println("  added work: " + item.data());
      await(sleep(0.3)); // time between items
    }
    await(queue.put(null)); // the end
    out.println("Producer finished");
    return done();
  }

  /** {@code async def consumer(queue, consumer_id)}: works until it gets the sentinel. */
  @Async
  static Coroutine<Void> consumer(PrintStream out, Queue<Item> queue, int consumerId) {
    out.println("Consumer " + consumerId + " started");
    while (true) {
      Item item = await(queue.get());
      if (item == null) {
        await(queue.put(null)); // put it back for the other consumers
        break;
      }
      out.println("  Consumer " + consumerId + ": processing " + item.data() + "...");
      await(sleep(1)); // the work
      out.println("  Consumer " + consumerId + ": " + item.data() + " done");
      queue.taskDone();
    }
    out.println("Consumer " + consumerId + " stopped");
    return done();
  }

  /** {@code async def main_example3()}. */
  @Async
  static Coroutine<Void> mainExample3(PrintStream out) {
    Queue<Item> queue = new Queue<>(5);
    await(
        gather(
            producer(out, queue, 10),
            consumer(out, queue, 1),
            consumer(out, queue, 2),
            consumer(out, queue, 3)));
    out.println();
    out.println("all work done!");
    return done();
  }
}
