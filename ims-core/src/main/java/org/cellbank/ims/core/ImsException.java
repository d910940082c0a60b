package org.cellbank.ims.core;

import org.cellbank.ims.http.Retryable;

/**
 * The root of every exception the IMS libraries throw; abstract: each subclass says what went wrong.
 *
 * <p>{@link #retryable()} says whether trying the same call again, unchanged, may succeed (a
 * timeout may; a duplicate key will not). Messages name the failed operation and the id involved,
 * never credentials, request bodies or presigned URLs.
 *
 * <p>The subclasses a client's input can cause ({@link ValidationException},
 * {@link NotFoundException}, {@link ConflictException}) are {@link org.cellbank.ims.http.ClientError}s,
 * so a router answers them 400, 404 and 409 with their message; the others are answered 503 with
 * {@code Retry-After} when {@link #retryable()} (a database failing over, a search node down) and
 * 500 otherwise (a fault of ours).
 */
public abstract class ImsException extends RuntimeException implements Retryable {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  /** Creates an exception with a message and whether a retry may help. */
  protected ImsException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  /** Creates an exception with a message, its cause and whether a retry may help. */
  protected ImsException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  /**
   * Whether repeating the same call unchanged may succeed; a router answers such a failure 503
   * (an outage), any other that is not a client error 500 (a fault).
   */
  @Override
  public boolean retryable() {
    return retryable;
  }
}
