package org.cellbank.ims.core;

import org.cellbank.ims.http.ClientError;

/**
 * Thrown when input breaks a rule of the domain (a malformed id, a missing required value,
 * a file whose content does not match its declared type). Not retryable.
 */
public class ValidationException extends ImsException implements ClientError {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names what failed. */
  public ValidationException(String message) {
    super(message, false);
  }

  /** Creates the exception with a message and its cause. */
  public ValidationException(String message, Throwable cause) {
    super(message, cause, false);
  }

  /** {@code 400}. */
  @Override
  public int httpStatus() {
    return 400;
  }
}
