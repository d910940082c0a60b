package org.cellbank.ims.core;

/**
 * Thrown when the row or object a call names does not exist. Not retryable.
 */
public class NotFoundException extends ImsException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names what failed. */
  public NotFoundException(String message) {
    super(message, false);
  }

  /** Creates the exception with a message and its cause. */
  public NotFoundException(String message, Throwable cause) {
    super(message, cause, false);
  }
}
