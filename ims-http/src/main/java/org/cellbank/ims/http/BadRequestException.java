package org.cellbank.ims.http;

/**
 * Thrown when a request itself is malformed: broken percent-encoding, a body that is not the JSON
 * it should be, an event member of the wrong type. Answered {@code 400} with its message.
 *
 * <p>Messages name what is wrong and where, never more of the input than the offending character.
 */
public class BadRequestException extends RuntimeException implements ClientError {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names what is malformed. */
  public BadRequestException(String message) {
    super(message);
  }

  /** Creates the exception with a message and its cause. */
  public BadRequestException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code 400}. */
  @Override
  public int httpStatus() {
    return 400;
  }
}
