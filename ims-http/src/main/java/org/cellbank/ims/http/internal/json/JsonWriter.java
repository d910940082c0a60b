package org.cellbank.ims.http.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes JSON values as text.
 *
 * <p>Two ready-made styles: {@link #compact()} (no whitespace, members in insertion order) and
 * {@link #pretty()}, which writes what Python's {@code json.dumps(value, indent=2, sort_keys=True,
 * ensure_ascii=False)} writes: members sorted by name (by code point), two-space indentation,
 * {@code ": "} between name and value, empty containers as {@code {}} and {@code []}. Both write
 * non-ASCII characters as they are (UTF-8 in {@link #writeUtf8(JsonValue)}), escape {@code "},
 * {@code \} and control characters ({@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f},
 * others as six-character unicode escapes), and escape lone surrogates the same way so the
 * output is always valid UTF-8.
 *
 * <p>Immutable and thread-safe.
 */
public final class JsonWriter {
  private static final JsonWriter COMPACT = new JsonWriter(0, false);
  private static final JsonWriter PRETTY = new JsonWriter(2, true);
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final Comparator<Map.Entry<String, JsonValue>> BY_CODE_POINTS = new ByCodePoints();
  private final int indent;
  private final boolean sortKeys;

  private JsonWriter(int indent, boolean sortKeys) {
    this.indent = indent;
    this.sortKeys = sortKeys;
  }

  /** A writer with no whitespace that keeps members in insertion order. */
  public static JsonWriter compact() {
    return COMPACT;
  }

  /** A writer with sorted keys and two-space indentation, as the v0 API emits. */
  public static JsonWriter pretty() {
    return PRETTY;
  }

  /**
   * A writer with a chosen indentation and key order.
   *
   * @param indent spaces per level, 0 for compact output (then {@code ","} and {@code ":"} carry no
   *     spaces)
   * @param sortKeys whether object members are sorted by name
   * @throws IllegalArgumentException when indent is negative or above 16
   */
  public static JsonWriter of(int indent, boolean sortKeys) {
    if (indent < 0 || indent > 16) {
      throw new IllegalArgumentException("indent must be between 0 and 16: " + indent);
    }
    return new JsonWriter(indent, sortKeys);
  }

  /** The value as JSON text. */
  public String write(JsonValue value) {
    StringBuilder sb = new StringBuilder(128);
    write(value, sb);
    return sb.toString();
  }

  /** The value as UTF-8 encoded JSON text. */
  public byte[] writeUtf8(JsonValue value) {
    return write(value).getBytes(StandardCharsets.UTF_8);
  }

  /** Appends the value as JSON text to a StringBuilder. */
  public void write(JsonValue value, StringBuilder out) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(out, "out");
    value(value, out, 0);
  }

  /** Appends a Java string as a quoted and escaped JSON string. */
  public static void quote(String s, StringBuilder out) {
    out.append('"');
    int n = s.length();
    int start = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      String esc = null;
      boolean hex = false;
      if (c < 0x20) {
        switch (c) {
          case '\n' -> esc = "\\n";
          case '\r' -> esc = "\\r";
          case '\t' -> esc = "\\t";
          case '\b' -> esc = "\\b";
          case '\f' -> esc = "\\f";
          default -> hex = true;
        }
      } else if (c == '"') {
        esc = "\\\"";
      } else if (c == '\\') {
        esc = "\\\\";
      } else if (Character.isSurrogate(c)) {
        boolean paired = Character.isHighSurrogate(c)
            ? i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))
            : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
        hex = !paired;
      }
      if (esc == null && !hex) {
        continue;
      }
      out.append(s, start, i);
      if (esc != null) {
        out.append(esc);
      } else {
        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
            .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
      }
      start = i + 1;
    }
    out.append(s, start, n).append('"');
  }

  private void value(JsonValue v, StringBuilder out, int level) {
    if (v instanceof JsonString s) {
      quote(s.value(), out);
    } else if (v instanceof JsonNumber num) {
      out.append(num.text());
    } else if (v instanceof JsonObject o) {
      object(o, out, level);
    } else if (v instanceof JsonArray a) {
      array(a, out, level);
    } else if (v instanceof JsonBoolean b) {
      out.append(b.value() ? "true" : "false");
    } else {
      out.append("null");
    }
  }

  private void object(JsonObject o, StringBuilder out, int level) {
    if (o.members().isEmpty()) {
      out.append("{}");
      return;
    }
    Iterable<Map.Entry<String, JsonValue>> entries = o.members().entrySet();
    if (sortKeys) {
      List<Map.Entry<String, JsonValue>> sorted = new ArrayList<>(o.members().entrySet());
      sorted.sort(BY_CODE_POINTS);
      entries = sorted;
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, JsonValue> e : entries) {
      if (!first) {
        out.append(',');
      }
      first = false;
      newline(out, level + 1);
      quote(e.getKey(), out);
      out.append(indent > 0 ? ": " : ":");
      value(e.getValue(), out, level + 1);
    }
    newline(out, level);
    out.append('}');
  }

  private void array(JsonArray a, StringBuilder out, int level) {
    if (a.elements().isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    boolean first = true;
    for (JsonValue e : a.elements()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      newline(out, level + 1);
      value(e, out, level + 1);
    }
    newline(out, level);
    out.append(']');
  }

  private void newline(StringBuilder out, int level) {
    if (indent == 0) {
      return;
    }
    out.append('\n');
    for (int i = 0, n = indent * level; i < n; i++) {
      out.append(' ');
    }
  }

  private static final class ByCodePoints implements Comparator<Map.Entry<String, JsonValue>> {
    @Override
    public int compare(Map.Entry<String, JsonValue> a, Map.Entry<String, JsonValue> b) {
      return compareCodePoints(a.getKey(), b.getKey());
    }
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
