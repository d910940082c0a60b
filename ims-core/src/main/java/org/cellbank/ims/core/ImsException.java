package org.cellbank.ims.core;

/**
 * The root of every exception the IMS libraries throw.
 *
 * <p>Each subclass says what went wrong; {@link #isRetryable()} says whether trying the same call
 * again, unchanged, may succeed (a timeout may; a duplicate key will not). Messages name the failed
 * operation and the id involved, never credentials, request bodies or presigned URLs.
 */
public class ImsException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  /** Creates an exception with a message and whether a retry may help. */
  public ImsException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  /** Creates an exception with a message, its cause and whether a retry may help. */
  public ImsException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Whether repeating the same call unchanged may succeed. */
  public boolean isRetryable() {
    return retryable;
  }
}
