package org.cellbank.ims.core.executive;

import org.cellbank.ims.core.ValidationException;

/**
 * Thrown when a file's content (its first bytes, not its name or declared type) is not a format the
 * record accepts: a CLIP or a CoA must be a PDF, a batch image a JPEG or a PNG. Answered 415; nothing
 * is stored.
 */
public class UnsupportedFileTypeException extends ValidationException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the accepted formats. */
  public UnsupportedFileTypeException(String message) {
    super(message);
  }

  /** {@code 415}. */
  @Override
  public int httpStatus() {
    return 415;
  }
}
