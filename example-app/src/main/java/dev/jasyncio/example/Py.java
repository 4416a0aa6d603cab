package dev.jasyncio.example;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Python's ways of turning values into text, so that the programs print what the seeds print:
 * {@code repr} of strings, lists and dicts, and {@code format} with Python's {@code .2f} formatting
 * (a dot for the decimal point whatever the locale).
 */
final class Py {
  private Py() {}

  /**
   * {@code repr(value)}: strings quoted with single quotes, lists and maps as Python shows them.
   */
  static String repr(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (value instanceof CharSequence s) {
      return "'" + s.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
    if (value instanceof List<?> list) {
      StringBuilder b = new StringBuilder("[");
      for (Iterator<?> it = list.iterator(); it.hasNext(); ) {
        b.append(repr(it.next()));
        if (it.hasNext()) {
          b.append(", ");
        }
      }
      return b.append(']').toString();
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder b = new StringBuilder("{");
      for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<?, ?> e = it.next();
        b.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
        if (it.hasNext()) {
          b.append(", ");
        }
      }
      return b.append('}').toString();
    }
    return String.valueOf(value);
  }

  /** {@code String.format} in the root locale, as Python's f-strings format numbers. */
  static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  /** {@code "=" * n}. */
  static String times(String s, int n) {
    return s.repeat(n);
  }
}
