package org.cellbank.ims.core;

import org.cellbank.ims.http.ClientError;

/**
 * Thrown when a write conflicts with the stored state: a duplicate natural key, or a stale
 * {@code version} (someone else changed the row since it was read). Not retryable as is: re-read,
 * then decide.
 */
public class ConflictException extends ImsException implements ClientError {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names what failed. */
  public ConflictException(String message) {
    super(message, false);
  }

  /** Creates the exception with a message and its cause. */
  public ConflictException(String message, Throwable cause) {
    super(message, cause, false);
  }

  /** {@code 409}. */
  @Override
  public int httpStatus() {
    return 409;
  }
}
