package org.cellbank.ims.core;

import org.cellbank.ims.http.ClientError;

/**
 * Thrown when the row or object a call names does not exist. Not retryable.
 */
public class NotFoundException extends ImsException implements ClientError {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names what failed. */
  public NotFoundException(String message) {
    super(message, false);
  }

  /** Creates the exception with a message and its cause. */
  public NotFoundException(String message, Throwable cause) {
    super(message, cause, false);
  }

  /** {@code 404}. */
  @Override
  public int httpStatus() {
    return 404;
  }
}
