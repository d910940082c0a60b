package org.cellbank.ims.core.http;

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
import org.cellbank.ims.core.ValidationException;

/**
 * Strict percent-decoding of URL paths and query strings (UTF-8).
 *
 * <p>Stateless and thread-safe.
 */
public final class UrlEncoding {
  private UrlEncoding() {}

  /**
   * Decodes {@code %XX} escapes as UTF-8 bytes.
   *
   * @param s the encoded text
   * @param plusAsSpace whether {@code +} means a space (query strings) or itself (paths)
   * @throws ValidationException when an escape is truncated, not hexadecimal, or the bytes are not
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
            throw new ValidationException("Malformed percent-encoding at position " + i);
          }
          int hi = hex(s.charAt(i + 1));
          int lo = hex(s.charAt(i + 2));
          if (hi < 0 || lo < 0) {
            throw new ValidationException("Malformed percent-encoding at position " + i);
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
   * @throws ValidationException when an escape is malformed
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
      throw new ValidationException("Percent-encoded bytes are not valid UTF-8", e);
    }
  }
}
