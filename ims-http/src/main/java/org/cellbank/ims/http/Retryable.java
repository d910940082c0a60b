package org.cellbank.ims.http;

/**
 * Marks an exception that can tell a transient failure of something the service depends on (a
 * database that is failing over, a search node that is down) from a fault: a {@link Router} answers
 * a {@link #retryable()} one {@code 503} with {@code Retry-After}, anything else that is not a
 * {@link ClientError} {@code 500}. The IMS's own exceptions implement it.
 */
public interface Retryable {
  /** Whether repeating the same call unchanged may succeed. */
  boolean retryable();
}
