package org.cellbank.ims.core;

/**
 * Thrown when the search index fails; {@link #retryable()} tells a transient failure (throttling, a
 * timeout, a 5xx) from a permanent one (access denied, a missing bucket).
 */
public class SearchException extends ImsException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message, its cause and whether a retry may help. */
  public SearchException(String message, Throwable cause, boolean retryable) {
    super(message, cause, retryable);
  }

  /** Creates the exception with a message and whether a retry may help. */
  public SearchException(String message, boolean retryable) {
    super(message, retryable);
  }
}
