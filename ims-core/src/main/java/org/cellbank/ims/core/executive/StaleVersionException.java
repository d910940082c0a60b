package org.cellbank.ims.core.executive;

import org.cellbank.ims.core.ConflictException;

/**
 * Thrown when a change names a version of a record that is no longer the stored one: someone changed
 * it since the caller read it. Answered 412 (the request's {@code If-Match} failed); read the record
 * again, then decide.
 */
public class StaleVersionException extends ConflictException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the record and both versions. */
  public StaleVersionException(String message) {
    super(message);
  }

  /** {@code 412}. */
  @Override
  public int httpStatus() {
    return 412;
  }
}
