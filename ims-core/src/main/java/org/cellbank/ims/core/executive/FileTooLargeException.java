package org.cellbank.ims.core.executive;

import org.cellbank.ims.core.ValidationException;

/**
 * Thrown when a file is larger than {@link ExecutiveFiles.Builder#maxFileSize(long)}. Answered 413;
 * nothing is stored.
 */
public class FileTooLargeException extends ValidationException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the limit. */
  public FileTooLargeException(String message) {
    super(message);
  }

  /** {@code 413}. */
  @Override
  public int httpStatus() {
    return 413;
  }
}
