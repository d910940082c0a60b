package org.cellbank.ims.core;

/**
 * Thrown when the database fails for a reason other than a conflict or a missing row;
 * {@link #retryable()} is true for connection failures, serialization failures and deadlocks.
 */
public class DatabaseException extends ImsException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message, its cause and whether a retry may help. */
  public DatabaseException(String message, Throwable cause, boolean retryable) {
    super(message, cause, retryable);
  }

  /** Creates the exception with a message and whether a retry may help. */
  public DatabaseException(String message, boolean retryable) {
    super(message, retryable);
  }
}
