package dev.jasyncio.it;

import static java.nio.charset.StandardCharsets.UTF_8;

/** Text to bytes and back, for readable tests. */
final class Bytes {
  private Bytes() {}

  static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  static String s(byte[] bytes) {
    return new String(bytes, UTF_8);
  }
}
