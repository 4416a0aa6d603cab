package dev.jasyncio.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FetchUsersTest {
  @Test
  void fiveFetchesTakeFiveSecondsOneByOneAndOneSecondWithGather() throws Exception {
    VirtualRun run = VirtualRun.of(new FetchUsers());
    assertEquals(
        """
        ============================================================
        Example 1: basic async request-response
        ============================================================

        Sequential (slow):
          requesting data of user 1...
          received data of user 1
          requesting data of user 2...
          received data of user 2
          requesting data of user 3...
          received data of user 3
          requesting data of user 4...
          received data of user 4
          requesting data of user 5...
          received data of user 5
        took 5.00 seconds

        Concurrent (fast):
          requesting data of user 1...
          requesting data of user 2...
          requesting data of user 3...
          requesting data of user 4...
          requesting data of user 5...
          received data of user 1
          received data of user 2
          received data of user 3
          received data of user 4
          received data of user 5
        took 1.00 seconds

        Result: received the data of 5 users
          - User1: user1@example.com
          - User2: user2@example.com
          - User3: user3@example.com
          - User4: user4@example.com
          - User5: user5@example.com
        """,
        run.output);
    assertEquals(6.0, run.time());
  }
}
