package org.cellbank.ims.core.executive;

import java.util.List;
import org.cellbank.ims.core.ValidationException;

/**
 * Thrown when fields of a request break its rules; names every faulty field, not only the first.
 * Answered 400 with the fields in the error body (see {@link ExecutiveApi}).
 */
public class InvalidFieldsException extends ValidationException {
  private static final long serialVersionUID = 1L;
  private final List<FieldError> fields;

  /**
   * Creates the exception for these fields.
   *
   * @throws IllegalArgumentException when {@code fields} is empty
   */
  public InvalidFieldsException(List<FieldError> fields) {
    super(message(fields));
    this.fields = List.copyOf(fields);
  }

  /** The faulty fields, in the order they were found; never empty. */
  public List<FieldError> fields() {
    return fields;
  }

  private static String message(List<FieldError> fields) {
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("an invalid request names at least one field");
    }
    StringBuilder m = new StringBuilder("invalid request: ");
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        m.append("; ");
      }
      m.append(fields.get(i).pointer()).append(' ').append(fields.get(i).message());
    }
    return m.toString();
  }
}
