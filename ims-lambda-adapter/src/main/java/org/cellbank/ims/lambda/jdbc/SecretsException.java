package org.cellbank.ims.lambda.jdbc;

/**
 * Thrown when a secret cannot be read through the AWS Parameters and Secrets Lambda Extension, or
 * does not hold what it should; {@link #retryable()} tells a transient failure (the extension not
 * reachable yet, a refused or throttled call) from a secret of the wrong shape.
 *
 * <p>Messages name the secret id and what failed, never the secret's value.
 */
public final class SecretsException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  SecretsException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  SecretsException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Whether repeating the same call unchanged may succeed. */
  public boolean retryable() {
    return retryable;
  }
}
