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
 * Seed program 17 (coffee shop post, example 1): five user records fetched one after the other take
 * 5 s; requested all at once with {@code gather} they take 1 s.
 *
 * <pre>{@code
 * async def fetch_user_data(user_id: int) -> Dict[str, Any]:
 *     print(f"  🔄 사용자 {user_id} 데이터 요청 중...")
 *     await asyncio.sleep(1)  # simulated network request
 *     result = {'user_id': user_id, 'name': f'User{user_id}',
 *               'email': f'user{user_id}@example.com'}
 *     print(f"  ✅ 사용자 {user_id} 데이터 수신 완료")
 *     return result
 *
 * async def main_example1():
 *     user_ids = [1, 2, 3, 4, 5]
 *     print("\n순차 처리 (느림):")
 *     start = time.time()
 *     results_sequential = []
 *     for user_id in user_ids:
 *         result = await fetch_user_data(user_id)
 *         results_sequential.append(result)
 *     print(f"⏱️ 소요 시간: {time.time() - start:.2f}초\n")
 *
 *     print("비동기 처리 (빠름):")
 *     start = time.time()
 *     tasks = [fetch_user_data(user_id) for user_id in user_ids]
 *     results_async = await asyncio.gather(*tasks)
 *     print(f"⏱️ 소요 시간: {time.time() - start:.2f}초")
 *
 *     print(f"\n📊 결과: {len(results_async)}명의 데이터 수신")
 *     for result in results_async:
 *         print(f"  - {result['name']}: {result['email']}")
 *
 * asyncio.run(main_example1())
 * }</pre>
 */
public final class FetchUsers implements Program {
  @Override
  public String name() {
    return "users";
  }

  @Override
  public String summary() {
    return "17: five 1 s user fetches, sequentially (5 s) and with gather (1 s)";
  }

  @Override
  public void run(PrintStream out, Supplier<EventLoop> loops) {
    out.println(Py.times("=", 60));
    out.println("Example 1: basic async request-response");
    out.println(Py.times("=", 60));
    Asyncio.run(Async_FetchUsers.mainExample1(out), loops);
  }

  /** What {@code fetch_user_data} returns. */
  record User(int userId, String name, String email) {}

  @Async
  static Coroutine<User> fetchUserData(PrintStream out, int userId) {
    out.println("  requesting data of user " + userId + "...");
    await(sleep(1)); // a network request, simulated
    User result = new User(userId, "User" + userId, "user" + userId + "@example.com");
    out.println("  received data of user " + userId);
    return done(result);
  }

  @Async
  static Coroutine<Void> mainExample1(PrintStream out) {
    List<Integer> userIds = List.of(1, 2, 3, 4, 5);

    out.println();
    out.println("Sequential (slow):");
    double start = getRunningLoop().time();
    List<User> resultsSequential = new ArrayList<>();
    for (int userId : userIds) {
      User result = await(fetchUserData(out, userId));
      resultsSequential.add(result);
    }
    out.println(Py.format("took %.2f seconds", getRunningLoop().time() - start));
    out.println();

    out.println("Concurrent (fast):");
    start = getRunningLoop().time();
    // every request started at once
    List<Coroutine<User>> tasks = new ArrayList<>();
    for (int userId : userIds) {
      tasks.add(fetchUserData(out, userId));
    }
    List<User> resultsAsync = await(gather(tasks));
    out.println(Py.format("took %.2f seconds", getRunningLoop().time() - start));

    out.println();
    out.println("Result: received the data of " + resultsAsync.size() + " users");
    for (User result : resultsAsync) {
      out.println("  - " + result.name() + ": " + result.email());
    }
    return done();
  }
}
