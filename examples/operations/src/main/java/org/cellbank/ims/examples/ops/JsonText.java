package org.cellbank.ims.examples.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A flat JSON object written by hand: the payloads the job functions read are a few text, number
 * and boolean members, so no JSON library is needed. Every text is escaped (quote, backslash,
 * control characters and the Unicode line separators). Not thread-safe.
 */
final class JsonText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final Map<String, Object> members = new LinkedHashMap<>();

  private JsonText() {}

  /** An empty object. */
  static JsonText object() {
    return new JsonText();
  }

  /** Adds a text member; a name given twice is a mistake of the caller. */
  JsonText put(String name, String value) {
    return add(name, Objects.requireNonNull(value, "value"));
  }

  /** Adds a number member. */
  JsonText put(String name, long value) {
    return add(name, value);
  }

  /** Adds a boolean member. */
  JsonText put(String name, boolean value) {
    return add(name, value);
  }

  /** Whether a member of this name is present. */
  boolean has(String name) {
    return members.containsKey(name);
  }

  private JsonText add(String name, Object value) {
    Objects.requireNonNull(name, "name");
    if (members.putIfAbsent(name, value) != null) {
      throw new IllegalArgumentException("member " + name + " given twice");
    }
    return this;
  }

  /** The object as compact JSON text. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(64).append('{');
    boolean first = true;
    for (Map.Entry<String, Object> member : members.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      quote(out, member.getKey());
      out.append(':');
      Object value = member.getValue();
      if (value instanceof String text) {
        quote(out, text);
      } else {
        out.append(value);
      }
    }
    return out.append('}').toString();
  }

  static void quote(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
