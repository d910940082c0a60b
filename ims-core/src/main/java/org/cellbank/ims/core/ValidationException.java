package org.cellbank.ims.core;

/**
 * Thrown when input breaks a rule of the domain (a malformed id, a missing required value,
 * a file whose content does not match its declared type). Not retryable.
 */
public class ValidationException extends ImsException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names what failed. */
  public ValidationException(String message) {
    super(message, false);
  }

  /** Creates the exception with a message and its cause. */
  public ValidationException(String message, Throwable cause) {
    super(message, cause, false);
  }
}
