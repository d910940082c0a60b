package org.cellbank.ims.core.executive;

import java.util.List;
import org.cellbank.ims.core.ConflictException;

/**
 * Thrown when values of a request are taken by another record: answered 409 with the fields named
 * as a 400 names faulty ones ({@code "fields": [{"pointer": "/ecacc_id", ...}]}).
 */
public class FieldConflictException extends ConflictException {
  private static final long serialVersionUID = 1L;
  private final List<FieldError> fields;

  /**
   * Creates the exception for these fields.
   *
   * @throws IllegalArgumentException when {@code fields} is empty
   */
  public FieldConflictException(List<FieldError> fields) {
    super(FieldError.describe("conflict: ", "a conflict names at least one field", fields));
    this.fields = List.copyOf(fields);
  }

  /** The fields whose values are taken; never empty. */
  public List<FieldError> fields() {
    return fields;
  }
}
