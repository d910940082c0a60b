package org.cellbank.ims.core.executive;

import java.util.List;
import java.util.Objects;

/**
 * What is wrong with one field of a request.
 *
 * @param pointer the field as a JSON pointer (RFC 6901) into the request body, e.g. {@code /comment}
 * @param message what is wrong and what is expected
 */
public record FieldError(String pointer, String message) {

  /** Checks that both components are present. */
  public FieldError {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }

  /**
   * {@code prefix} and each field's pointer and message, {@code "; "} between them: the message of
   * an exception that names fields.
   *
   * @throws IllegalArgumentException with {@code whenEmpty} when there is no field
   */
  static String describe(String prefix, String whenEmpty, List<FieldError> fields) {
    if (fields.isEmpty()) {
      throw new IllegalArgumentException(whenEmpty);
    }
    StringBuilder m = new StringBuilder(prefix);
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        m.append("; ");
      }
      m.append(fields.get(i).pointer()).append(' ').append(fields.get(i).message());
    }
    return m.toString();
  }
}
