package org.cellbank.ims.http.internal.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A strict RFC 8259 JSON parser.
 *
 * <p>It accepts exactly one JSON value surrounded by optional whitespace (space, tab, CR, LF) and
 * rejects everything else with a {@link JsonException} that gives the position of the first error:
 * comments, trailing commas, single quotes, leading zeros, {@code NaN}, unescaped control
 * characters in strings, invalid escapes, invalid UTF-8, a byte-order mark, duplicate member names
 * (unless allowed), and nesting deeper than {@link Builder#maxDepth(int)} (default 256). Objects keep
 * their members in document order. Numbers keep their exact text ({@link JsonNumber}).
 *
 * <p>Immutable and thread-safe; create one and share it.
 */
public final class JsonReader {
  private static final JsonReader DEFAULT = new JsonReader(new Builder());
  private final int maxDepth;
  private final boolean allowDuplicateNames;

  private JsonReader(Builder b) {
    this.maxDepth = b.maxDepth;
    this.allowDuplicateNames = b.allowDuplicateNames;
  }

  /** A reader with the default settings (depth limit 256, duplicate names rejected). */
  public static JsonReader create() {
    return DEFAULT;
  }

  /** A builder for a reader with other limits. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Parses UTF-8 encoded JSON.
   *
   * @throws JsonException when the bytes are not valid UTF-8 or not exactly one JSON value; the
   *     position is a byte offset for encoding errors and a character offset otherwise
   */
  public JsonValue read(byte[] utf8) {
    Objects.requireNonNull(utf8, "utf8");
    return read(decode(utf8));
  }

  /**
   * Parses JSON text.
   *
   * @throws JsonException when the text is not exactly one JSON value
   */
  public JsonValue read(String text) {
    Objects.requireNonNull(text, "text");
    Parser p = new Parser(text, maxDepth, allowDuplicateNames);
    p.skipWhitespace();
    JsonValue v = p.value(0);
    p.skipWhitespace();
    if (p.pos != text.length()) {
      throw p.error("unexpected content after the JSON value");
    }
    return v;
  }

  private static String decode(byte[] bytes) {
    boolean ascii = true;
    for (byte b : bytes) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = decoder.decode(in, out, true);
    if (r.isError()) {
      throw new JsonException("invalid UTF-8", in.position());
    }
    r = decoder.flush(out);
    if (r.isError()) {
      throw new JsonException("invalid UTF-8", in.position());
    }
    out.flip();
    return out.toString();
  }

  /** Configures a {@link JsonReader}. Not thread-safe. */
  public static final class Builder {
    private int maxDepth = 256;
    private boolean allowDuplicateNames;

    private Builder() {}

    /**
     * The deepest nesting of arrays and objects accepted (default 256).
     *
     * @throws IllegalArgumentException when not between 1 and 10,000
     */
    public Builder maxDepth(int maxDepth) {
      if (maxDepth < 1 || maxDepth > 10_000) {
        throw new IllegalArgumentException("maxDepth must be between 1 and 10000: " + maxDepth);
      }
      this.maxDepth = maxDepth;
      return this;
    }

    /** Whether a repeated member name is accepted, the last value winning (default false: an error). */
    public Builder allowDuplicateNames(boolean allow) {
      this.allowDuplicateNames = allow;
      return this;
    }

    /** The reader. */
    public JsonReader build() {
      return new JsonReader(this);
    }
  }

  private static final class Parser {
    private final String s;
    private final int n;
    private final int maxDepth;
    private final boolean allowDuplicateNames;
    private int pos;
    private final StringBuilder sb = new StringBuilder();

    Parser(String s, int maxDepth, boolean allowDuplicateNames) {
      this.s = s;
      this.n = s.length();
      this.maxDepth = maxDepth;
      this.allowDuplicateNames = allowDuplicateNames;
    }

    JsonException error(String message) {
      return new JsonException(message, pos);
    }

    void skipWhitespace() {
      while (pos < n) {
        char c = s.charAt(pos);
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
          pos++;
        } else {
          return;
        }
      }
    }

    JsonValue value(int depth) {
      if (pos >= n) {
        throw error("unexpected end of input");
      }
      char c = s.charAt(pos);
      switch (c) {
        case '{':
          return object(depth + 1);
        case '[':
          return array(depth + 1);
        case '"':
          return new JsonString(string());
        case 't':
          literal("true");
          return JsonBoolean.TRUE;
        case 'f':
          literal("false");
          return JsonBoolean.FALSE;
        case 'n':
          literal("null");
          return JsonNull.INSTANCE;
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          throw error("unexpected character " + describe(c));
      }
    }

    private void literal(String word) {
      if (!s.startsWith(word, pos)) {
        throw error("invalid literal, expected " + word);
      }
      pos += word.length();
    }

    private JsonNumber number() {
      int end = JsonNumber.scan(s, pos);
      if (end < 0) {
        pos = -end - 1;
        throw error("malformed number");
      }
      String text = s.substring(pos, end);
      pos = end;
      return new JsonNumber(text);
    }

    private JsonObject object(int depth) {
      if (depth > maxDepth) {
        throw error("nesting deeper than " + maxDepth);
      }
      pos++;
      Map<String, JsonValue> members = new LinkedHashMap<>();
      skipWhitespace();
      if (pos < n && s.charAt(pos) == '}') {
        pos++;
        return new JsonObject(members);
      }
      while (true) {
        skipWhitespace();
        if (pos >= n || s.charAt(pos) != '"') {
          throw error(pos >= n ? "unexpected end of input" : "expected a member name");
        }
        int namePos = pos;
        String name = string();
        skipWhitespace();
        if (pos >= n || s.charAt(pos) != ':') {
          throw error("expected ':'");
        }
        pos++;
        skipWhitespace();
        JsonValue v = value(depth);
        if (members.put(name, v) != null && !allowDuplicateNames) {
          pos = namePos;
          throw error("duplicate member name");
        }
        skipWhitespace();
        if (pos >= n) {
          throw error("unexpected end of input");
        }
        char c = s.charAt(pos++);
        if (c == '}') {
          return new JsonObject(members);
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or '}'");
        }
      }
    }

    private JsonArray array(int depth) {
      if (depth > maxDepth) {
        throw error("nesting deeper than " + maxDepth);
      }
      pos++;
      List<JsonValue> elements = new ArrayList<>();
      skipWhitespace();
      if (pos < n && s.charAt(pos) == ']') {
        pos++;
        return new JsonArray(elements);
      }
      while (true) {
        skipWhitespace();
        elements.add(value(depth));
        skipWhitespace();
        if (pos >= n) {
          throw error("unexpected end of input");
        }
        char c = s.charAt(pos++);
        if (c == ']') {
          return new JsonArray(elements);
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or ']'");
        }
      }
    }

    private String string() {
      pos++;
      int start = pos;
      while (pos < n) {
        char c = s.charAt(pos);
        if (c == '"') {
          String plain = s.substring(start, pos);
          pos++;
          return plain;
        }
        if (c == '\\') {
          break;
        }
        if (c < 0x20) {
          throw error("unescaped control character in string");
        }
        pos++;
      }
      sb.setLength(0);
      sb.append(s, start, pos);
      while (pos < n) {
        char c = s.charAt(pos);
        if (c == '"') {
          pos++;
          return sb.toString();
        }
        if (c < 0x20) {
          throw error("unescaped control character in string");
        }
        if (c != '\\') {
          sb.append(c);
          pos++;
          continue;
        }
        if (pos + 1 >= n) {
          break;
        }
        char e = s.charAt(pos + 1);
        switch (e) {
          case '"', '\\', '/' -> sb.append(e);
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (pos + 6 > n) {
              throw error("truncated \\u escape");
            }
            int cp = 0;
            for (int i = pos + 2; i < pos + 6; i++) {
              int d = Character.digit(s.charAt(i), 16);
              if (d < 0 || s.charAt(i) > 'f') {
                throw error("invalid \\u escape");
              }
              cp = cp * 16 + d;
            }
            sb.append((char) cp);
            pos += 4;
          }
          default -> throw error("invalid escape \\" + describe(e));
        }
        pos += 2;
      }
      throw error("unterminated string");
    }

    private static String describe(char c) {
      if (c >= 0x21 && c < 0x7f) {
        return "'" + c + "'";
      }
      return String.format("U+%04X", (int) c);
    }
  }
}
