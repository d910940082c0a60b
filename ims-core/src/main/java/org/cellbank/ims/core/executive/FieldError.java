package org.cellbank.ims.core.executive;

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
}
