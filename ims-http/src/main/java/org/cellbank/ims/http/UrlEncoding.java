package org.cellbank.ims.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Percent-encoding and strict percent-decoding of URL paths, query strings and header parameters
 * (UTF-8): the one place the IMS encodes or decodes them.
 *
 * <p>Encoding writes upper-case hexadecimal escapes ({@code %2F}). Stateless and thread-safe.
 */
public final class UrlEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  // RFC 3986 pchar without '%': unreserved, sub-delims, ':' and '@'.
  private static final String SEGMENT_PUNCTUATION = "-._~!$&'()*+,;=:@";
  // RFC 3986 unreserved punctuation: all a query component keeps.
  private static final String QUERY_PUNCTUATION = "-._~";
  // RFC 8187 attr-char punctuation.
  private static final String ATTR_PUNCTUATION = "!#$&+-.^_`|~";

  private UrlEncoding() {}

  /**
   * Percent-encodes one path segment: letters, digits and {@code -._~!$&'()*+,;=:@} stay, every
   * other character (a {@code /} included) becomes its UTF-8 escapes.
   *
   * <pre>{@code
   * UrlEncoding.encodePathSegment("a b/c")   // "a%20b%2Fc"
   * }</pre>
   */
  public static String encodePathSegment(String segment) {
    return encode(segment, SEGMENT_PUNCTUATION, false);
  }

  /**
   * Percent-encodes a path whose segments are separated by {@code /}: each segment as by
   * {@link #encodePathSegment(String)}, the separators kept.
   */
  public static String encodePath(String path) {
    return encode(path, SEGMENT_PUNCTUATION, true);
  }

  /**
   * Percent-encodes a query-string name or value: letters, digits and {@code -._~} stay, every other
   * character becomes its UTF-8 escapes (a space {@code %20}, {@code +} {@code %2B}), so that
   * {@link #parseQuery(String)} gives it back unchanged.
   */
  public static String encodeQueryComponent(String value) {
    return encode(value, QUERY_PUNCTUATION, false);
  }

  /**
   * Percent-encodes a value for an extended header parameter (RFC 8187 {@code attr-char}), such
   * as the file name in {@code Content-Disposition: attachment; filename*=UTF-8''<value>}.
   */
  public static String encodeHeaderParameter(String value) {
    return encode(value, ATTR_PUNCTUATION, false);
  }

  /**
   * Makes a path a valid percent-encoded path: escapes every character that may not appear
   * literally in one (spaces, {@code ?}, {@code #}, non-ASCII, controls), keeping {@code /}.
   *
   * @param path the path
   * @param decoded whether the path is already decoded, so that each {@code %} is a literal
   *     percent sign to escape; otherwise a {@code %} that starts a valid escape is kept
   */
  public static String escapePath(String path, boolean decoded) {
    StringBuilder out = null;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      boolean keep = c == '/' || isUnescaped(c, SEGMENT_PUNCTUATION)
          || (c == '%' && !decoded && hex(path, i + 1) >= 0 && hex(path, i + 2) >= 0);
      if (keep) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(path.length() + 16).append(path, 0, i);
      }
      int cp = path.codePointAt(i);
      if (Character.isSurrogate(c) && Character.charCount(cp) == 1) {
        cp = 0xFFFD;
      }
      appendEscaped(out, new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
      i += Character.charCount(cp) - 1;
    }
    return out == null ? path : out.toString();
  }

  private static String encode(String value, String punctuation, boolean keepSlash) {
    int n = value.length();
    int i = 0;
    while (i < n && (isUnescaped(value.charAt(i), punctuation) || (keepSlash && value.charAt(i) == '/'))) {
      i++;
    }
    if (i == n) {
      return value;
    }
    StringBuilder out = new StringBuilder(n + 16).append(value, 0, i);
    for (byte b : value.substring(i).getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (isUnescaped(c, punctuation) || (keepSlash && c == '/')) {
        out.append(c);
      } else {
        appendEscaped(out, b);
      }
    }
    return out.toString();
  }

  private static boolean isUnescaped(char c, String punctuation) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || (c < 0x80 && punctuation.indexOf(c) >= 0);
  }

  private static void appendEscaped(StringBuilder out, byte[] bytes) {
    for (byte b : bytes) {
      appendEscaped(out, b);
    }
  }

  private static void appendEscaped(StringBuilder out, byte b) {
    out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
  }

  private static int hex(String s, int i) {
    return i < s.length() ? hex(s.charAt(i)) : -1;
  }

  /**
   * Decodes {@code %XX} escapes as UTF-8 bytes.
   *
   * @param s the encoded text
   * @param plusAsSpace whether {@code +} means a space (query strings) or itself (paths)
   * @throws BadRequestException when an escape is truncated, not hexadecimal, or the bytes are not
   *     valid UTF-8
   */
  public static String decode(String s, boolean plusAsSpace) {
    int firstEscape = -1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' || (plusAsSpace && c == '+')) {
        firstEscape = i;
        break;
      }
    }
    if (firstEscape < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    out.append(s, 0, firstEscape);
    ByteArrayOutputStream bytes = null;
    int i = firstEscape;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '%') {
        if (bytes == null) {
          bytes = new ByteArrayOutputStream();
        }
        bytes.reset();
        while (i < s.length() && s.charAt(i) == '%') {
          if (i + 2 >= s.length()) {
            throw new BadRequestException("Malformed percent-encoding at position " + i);
          }
          int hi = hex(s.charAt(i + 1));
          int lo = hex(s.charAt(i + 2));
          if (hi < 0 || lo < 0) {
            throw new BadRequestException("Malformed percent-encoding at position " + i);
          }
          bytes.write(hi * 16 + lo);
          i += 3;
        }
        out.append(utf8(bytes.toByteArray()));
      } else {
        out.append(plusAsSpace && c == '+' ? ' ' : c);
        i++;
      }
    }
    return out.toString();
  }

  /**
   * Parses a raw query string ({@code a=1&b=x%20y&a=2}) into decoded names and values.
   *
   * <p>A leading {@code ?} is ignored, empty pairs are skipped, a name without {@code =} gets the
   * empty value, and {@code +} means a space. The result is unmodifiable and keeps the order of
   * first appearance of each name.
   *
   * @throws BadRequestException when an escape is malformed
   */
  public static Map<String, List<String>> parseQuery(String raw) {
    String q = raw.startsWith("?") ? raw.substring(1) : raw;
    if (q.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    int start = 0;
    while (start <= q.length()) {
      int amp = q.indexOf('&', start);
      int end = amp < 0 ? q.length() : amp;
      if (end > start) {
        String pair = q.substring(start, end);
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
        add(out, name, value);
      }
      if (amp < 0) {
        break;
      }
      start = amp + 1;
    }
    return freeze(out);
  }

  static Map<String, List<String>> freeze(Map<String, List<String>> map) {
    if (map.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> copy = new LinkedHashMap<>(map.size() * 2);
    for (Map.Entry<String, List<String>> e : map.entrySet()) {
      copy.put(e.getKey(), List.copyOf(e.getValue()));
    }
    return Collections.unmodifiableMap(copy);
  }

  /** Adds a value to a multi-valued map, creating the list on first use. */
  static void add(Map<String, List<String>> map, String name, String value) {
    List<String> list = map.get(name);
    if (list == null) {
      list = new ArrayList<>(1);
      map.put(name, list);
    }
    list.add(value);
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BadRequestException("Percent-encoded bytes are not valid UTF-8", e);
    }
  }
}
