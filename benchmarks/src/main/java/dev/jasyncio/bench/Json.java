package dev.jasyncio.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The little JSON the suite needs: flat objects whose values are strings, numbers, booleans or
 * null. Written by {@link Report}, read by the {@link Runner} and the smoke test; not a general
 * JSON library.
 */
public final class Json {
  private Json() {}

  /** {@code fields} as one line of JSON, in their iteration order. */
  public static String write(Map<String, ?> fields) {
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      if (out.length() > 1) {
        out.append(',');
      }
      quote(out, e.getKey());
      out.append(':');
      Object v = e.getValue();
      if (v == null || v instanceof Boolean || v instanceof Integer || v instanceof Long) {
        out.append(v);
      } else if (v instanceof Double || v instanceof Float) {
        double d = ((Number) v).doubleValue();
        out.append(Double.isFinite(d) ? number(d) : "null");
      } else {
        quote(out, v.toString());
      }
    }
    return out.append('}').toString();
  }

  private static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return String.format(Locale.ROOT, "%.6g", d).replaceFirst("\\.?0+(e|$)", "$1");
  }

  private static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * Parses one flat JSON object. Numbers come back as {@link Long} when they are integers and as
   * {@link Double} otherwise.
   *
   * @throws IllegalArgumentException if {@code text} is not a flat JSON object
   */
  public static Map<String, Object> parseObject(String text) {
    Parser p = new Parser(text);
    Map<String, Object> result = p.object();
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("text after the object");
    }
    return result;
  }

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    Map<String, Object> object() {
      Map<String, Object> fields = new LinkedHashMap<>();
      expect('{');
      skipSpace();
      if (peek() == '}') {
        pos++;
        return fields;
      }
      while (true) {
        skipSpace();
        String key = string();
        skipSpace();
        expect(':');
        skipSpace();
        if (fields.put(key, value()) != null) {
          throw error("duplicate key '" + key + "'");
        }
        skipSpace();
        char c = next();
        if (c == '}') {
          return fields;
        }
        if (c != ',') {
          throw error("expected ',' or '}'");
        }
      }
    }

    private Object value() {
      char c = peek();
      if (c == '"') {
        return string();
      }
      if (s.startsWith("null", pos)) {
        pos += 4;
        return null;
      }
      if (s.startsWith("true", pos)) {
        pos += 4;
        return true;
      }
      if (s.startsWith("false", pos)) {
        pos += 5;
        return false;
      }
      int start = pos;
      while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
      String number = s.substring(start, pos);
      if (number.isEmpty()) {
        throw error("expected a string, a number, true, false or null");
      }
      try {
        if (number.matches("-?\\d+")) {
          return Long.parseLong(number);
        }
        return Double.parseDouble(number);
      } catch (NumberFormatException e) {
        throw error("bad number '" + number + "'");
      }
    }

    private String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char e = next();
        switch (e) {
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            if (pos + 4 > s.length()) {
              throw error("short \\u escape");
            }
            out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default -> out.append(e);
        }
      }
    }

    void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    private char peek() {
      if (pos >= s.length()) {
        throw error("unexpected end");
      }
      return s.charAt(pos);
    }

    private char next() {
      char c = peek();
      pos++;
      return c;
    }

    private void expect(char c) {
      if (next() != c) {
        pos--;
        throw error("expected '" + c + "'");
      }
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException(what + " at offset " + pos + " of: " + s);
    }
  }
}
