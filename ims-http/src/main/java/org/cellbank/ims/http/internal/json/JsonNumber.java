package org.cellbank.ims.http.internal.json;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A JSON number, kept as its exact text so that no precision is lost between reading and writing.
 *
 * <p>Two numbers are equal when their texts are equal: {@code 1} and {@code 1.0} are different
 * values. Use {@link #bigDecimalValue()} to compare numerically.
 *
 * @param text the number in JSON syntax ({@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?})
 */
public record JsonNumber(String text) implements JsonValue {
  /** Validates the text against the JSON number grammar. */
  public JsonNumber {
    Objects.requireNonNull(text, "text");
    if (scan(text, 0) != text.length()) {
      throw new IllegalArgumentException("not a JSON number: \"" + text + "\"");
    }
  }

  /** A JSON number for a long. */
  public static JsonNumber of(long value) {
    return new JsonNumber(Long.toString(value));
  }

  /**
   * A JSON number for a finite double, written the way Java prints it with the exponent in lower
   * case ({@code 1.5}, {@code 1.0e10}).
   *
   * @throws IllegalArgumentException for NaN and infinities, which JSON cannot represent
   */
  public static JsonNumber of(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("JSON has no representation for " + value);
    }
    return new JsonNumber(Double.toString(value).replace('E', 'e'));
  }

  /** A JSON number for a BigDecimal, in plain or scientific notation as {@link BigDecimal#toString()} gives. */
  public static JsonNumber of(BigDecimal value) {
    String s = value.toString().replace("E+", "e").replace('E', 'e');
    return new JsonNumber(s);
  }

  /**
   * This number as a long.
   *
   * @throws JsonException when it has a fractional part or does not fit a long
   */
  public long longValue() {
    int n = text.length();
    if (n <= 18 && isPlainInteger()) {
      return Long.parseLong(text);
    }
    try {
      return bigDecimalValue().longValueExact();
    } catch (ArithmeticException e) {
      throw new JsonException("number " + abbreviated() + " is not a long", -1);
    }
  }

  /** This number as a double (the nearest one; very large values become infinite). */
  public double doubleValue() {
    return Double.parseDouble(text);
  }

  /** This number as an exact BigDecimal. */
  public BigDecimal bigDecimalValue() {
    return new BigDecimal(text);
  }

  private boolean isPlainInteger() {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < '0' || c > '9') && !(i == 0 && c == '-')) {
        return false;
      }
    }
    return true;
  }

  private String abbreviated() {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  /**
   * Scans a JSON number starting at {@code start}; returns the index after it, or a negative value
   * {@code -(i + 1)} where {@code i} is the index of the first offending character.
   */
  static int scan(CharSequence s, int start) {
    int i = start;
    int n = s.length();
    if (i < n && s.charAt(i) == '-') {
      i++;
    }
    if (i >= n) {
      return -(i + 1);
    }
    char c = s.charAt(i);
    if (c == '0') {
      i++;
    } else if (c >= '1' && c <= '9') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
    } else {
      return -(i + 1);
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      if (i >= n || !isDigit(s.charAt(i))) {
        return -(i + 1);
      }
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      if (i >= n || !isDigit(s.charAt(i))) {
        return -(i + 1);
      }
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
