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
    super(FieldError.describe("invalid request: ", "an invalid request names at least one field", fields));
    this.fields = List.copyOf(fields);
  }

  /** The faulty fields, in the order they were found; never empty. */
  public List<FieldError> fields() {
    return fields;
  }
}
