package org.cellbank.ims.core;

import org.cellbank.ims.http.ClientError;

/**
 * Thrown when an authenticated caller's role does not allow the operation it asked for (a partner
 * asking for the executive dashboard, a viewer changing a status). Not retryable: a caller with a
 * higher role must do it.
 */
public class AccessDeniedException extends ImsException implements ClientError {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the operation and the role it needs. */
  public AccessDeniedException(String message) {
    super(message, false);
  }

  /** {@code 403}. */
  @Override
  public int httpStatus() {
    return 403;
  }
}
