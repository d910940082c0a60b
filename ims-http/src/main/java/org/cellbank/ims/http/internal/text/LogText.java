package org.cellbank.ims.http.internal.text;

/**
 * Makes a value that came with a request safe to put in a log line: control characters (CR and LF
 * among them, so no one can forge a line) and the Unicode line separators become escapes such as
 * {@code \\u000a},
 * and a long value is cut. Internal; stateless.
 */
public final class LogText {
  /** The longest value logged whole; longer ones end in {@code ...}. */
  public static final int MAX = 200;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private LogText() {}

  /** The value with control characters escaped and cut to {@value #MAX} characters; {@code "-"} for null. */
  public static String escape(String value) {
    if (value == null) {
      return "-";
    }
    int n = Math.min(value.length(), MAX);
    int i = 0;
    while (i < n && !unsafe(value.charAt(i))) {
      i++;
    }
    if (i == value.length()) {
      return value;
    }
    StringBuilder out = new StringBuilder(n + 16).append(value, 0, i);
    for (; i < n; i++) {
      char c = value.charAt(i);
      if (unsafe(c)) {
        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
            .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
      } else {
        out.append(c);
      }
    }
    return value.length() > MAX ? out.append("...").toString() : out.toString();
  }

  /** Whether a character may not appear raw in a log line. */
  public static boolean unsafe(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
  }
}
