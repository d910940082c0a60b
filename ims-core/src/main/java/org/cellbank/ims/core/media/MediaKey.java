package org.cellbank.ims.core.media;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import org.cellbank.ims.core.ValidationException;

/**
 * The address of a stored media object, relative to the store's root or bucket.
 *
 * <p>Confirmed objects live under {@code celllines/YYYY/MM/DD/<uuid>/<file name>} (the date is the
 * upload date in UTC); direct uploads that are not confirmed yet live under {@code
 * pending/<uuid>/<file name>}. Any key is a relative path of non-empty segments separated by
 * {@code /}; no segment is {@code .} or {@code ..} or starts with {@code .}, and no key contains a
 * backslash or a control character, so a key can never leave the store's root. At most 1024 UTF-8
 * bytes (the S3 limit).
 *
 * @param value the key, e.g. {@code celllines/2015/09/21/25276167-…/UKBi008-A.P001.CoA.pdf}
 */
public record MediaKey(String value) {

  /** The prefix of confirmed cell-line media. */
  public static final String CELLLINES_PREFIX = "celllines/";

  /** The prefix of direct uploads that await {@linkplain MediaStore#confirm confirmation}. */
  public static final String PENDING_PREFIX = "pending/";

  private static final int MAX_BYTES = 1024;

  /** Validates the key. */
  public MediaKey {
    Objects.requireNonNull(value, "value");
    requireSafe(value, false);
  }

  /**
   * Parses and validates a key, e.g. the path after {@code /media/} in a request.
   *
   * @throws ValidationException when the key is malformed or could escape the store's root
   */
  public static MediaKey of(String value) {
    return new MediaKey(value);
  }

  /**
   * A new key for a confirmed object: {@code celllines/YYYY/MM/DD/<random uuid>/<file name>}.
   *
   * @param date the upload date
   * @param fileName a name already passed through {@link MediaFileNames#sanitize(String)}
   */
  public static MediaKey newCellLineKey(LocalDate date, String fileName) {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(fileName, "fileName");
    return new MediaKey(
        String.format(
            "%s%04d/%02d/%02d/%s/%s",
            CELLLINES_PREFIX,
            date.getYear(),
            date.getMonthValue(),
            date.getDayOfMonth(),
            UUID.randomUUID(),
            fileName));
  }

  /**
   * A new key for a direct upload that awaits confirmation: {@code pending/<random uuid>/<file
   * name>}.
   *
   * @param fileName a name already passed through {@link MediaFileNames#sanitize(String)}
   */
  public static MediaKey newPendingKey(String fileName) {
    Objects.requireNonNull(fileName, "fileName");
    return new MediaKey(PENDING_PREFIX + UUID.randomUUID() + "/" + fileName);
  }

  /**
   * Checks a key prefix for listing: the same rules as a key, but it may be empty and may end with
   * {@code /}.
   *
   * @return the prefix, unchanged
   * @throws ValidationException when the prefix could escape the store's root
   */
  public static String requireSafePrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (!prefix.isEmpty()) {
      requireSafe(prefix, true);
    }
    return prefix;
  }

  /** The last segment of the key: the stored file name. */
  public String fileName() {
    return value.substring(value.lastIndexOf('/') + 1);
  }

  /** Whether this key names a direct upload that awaits confirmation. */
  public boolean isPending() {
    return value.startsWith(PENDING_PREFIX);
  }

  /** Returns the key itself, e.g. for log lines and messages. */
  @Override
  public String toString() {
    return value;
  }

  private static void requireSafe(String value, boolean prefix) {
    if (value.isEmpty()) {
      throw new ValidationException("media key must not be empty");
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new ValidationException("media key must be at most " + MAX_BYTES + " UTF-8 bytes");
    }
    if (value.indexOf('\\') >= 0) {
      throw new ValidationException("media key must not contain a backslash");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new ValidationException("media key must not contain control characters");
      }
    }
    String[] segments = value.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      boolean lastOfPrefix = prefix && i == segments.length - 1;
      if (segment.isEmpty() && !lastOfPrefix) {
        throw new ValidationException(
            "media key must be a relative path of non-empty segments: " + describe(value));
      }
      if (segment.startsWith(".")) {
        throw new ValidationException(
            "media key segments must not be '.', '..' or start with '.': " + describe(value));
      }
    }
  }

  private static String describe(String value) {
    return value.length() <= 200 ? "'" + value + "'" : "'" + value.substring(0, 200) + "…'";
  }
}
