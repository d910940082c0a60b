package org.cellbank.ims.core.executive;

import org.cellbank.ims.core.ConflictException;

/**
 * Thrown when an {@code Idempotency-Key} the caller used before comes with another request (another
 * operation or another body). Answered 422; use a new key for a new request.
 */
public class IdempotencyKeyReusedException extends ConflictException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the key's first use. */
  public IdempotencyKeyReusedException(String message) {
    super(message);
  }

  /** {@code 422}. */
  @Override
  public int httpStatus() {
    return 422;
  }
}
