package org.cellbank.ims.core.media;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Objects;
import org.cellbank.ims.core.ValidationException;

/**
 * Turns a client-supplied file name into the last segment of a {@link MediaKey}.
 *
 * <p>Names that could address anything but one file are refused with a {@link ValidationException}:
 * empty or blank names, {@code .} and {@code ..}, names containing {@code ..}, path separators
 * ({@code /} and {@code \}), control or format characters (including bidirectional overrides),
 * and the characters {@code : * ? " < > | %}. Accepted names are normalised to Unicode NFC, trimmed,
 * and shortened to at most {@link #MAX_BYTES} UTF-8 bytes by cutting the stem, so the extension
 * survives ({@code a-very-long-name…-end.pdf} keeps {@code .pdf}). Spaces are kept.
 *
 * <p>Thread-safe (stateless).
 */
public final class MediaFileNames {

  /** The longest file name kept, in UTF-8 bytes. */
  public static final int MAX_BYTES = 120;

  private static final int MAX_EXTENSION_CHARS = 16;
  private static final String FORBIDDEN = "/\\:*?\"<>|%";

  private MediaFileNames() {}

  /**
   * Returns the safe form of a file name.
   *
   * @param fileName the name the client gave, without any directory
   * @return the name to store: NFC, trimmed, at most {@link #MAX_BYTES} UTF-8 bytes
   * @throws ValidationException when the name is empty or could escape its directory
   */
  public static String sanitize(String fileName) {
    Objects.requireNonNull(fileName, "fileName");
    String name = Normalizer.normalize(fileName, Normalizer.Form.NFC).strip();
    if (name.isEmpty()) {
      throw new ValidationException("file name must not be blank");
    }
    if (name.contains("..") || name.equals(".")) {
      throw new ValidationException("file name must not contain '..' or be '.'");
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      int type = Character.getType(cp);
      if (type == Character.CONTROL
          || type == Character.FORMAT
          || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR
          || type == Character.UNASSIGNED
          || type == Character.SURROGATE
          || FORBIDDEN.indexOf(cp) >= 0) {
        throw new ValidationException(
            "file name must not contain path separators, control characters or any of "
                + FORBIDDEN
                + " (found U+"
                + String.format("%04X", cp)
                + ")");
      }
      i += Character.charCount(cp);
    }
    if (name.startsWith(".")) {
      throw new ValidationException("file name must not start with '.'");
    }
    return shorten(name);
  }

  private static String shorten(String name) {
    if (utf8Length(name) <= MAX_BYTES) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    String extension = dot > 0 && name.length() - dot <= MAX_EXTENSION_CHARS ? name.substring(dot) : "";
    String stem = extension.isEmpty() ? name : name.substring(0, dot);
    int budget = MAX_BYTES - utf8Length(extension);
    StringBuilder kept = new StringBuilder();
    int used = 0;
    for (int i = 0; i < stem.length(); ) {
      int cp = stem.codePointAt(i);
      int bytes = utf8Length(new String(Character.toChars(cp)));
      if (used + bytes > budget) {
        break;
      }
      kept.appendCodePoint(cp);
      used += bytes;
      i += Character.charCount(cp);
    }
    String result = kept.toString().strip() + extension;
    if (result.startsWith(".") || result.isEmpty()) {
      throw new ValidationException("file name is too long and has no usable stem");
    }
    return result;
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
