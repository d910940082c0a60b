package org.cellbank.ims.core.executive;

import org.cellbank.ims.core.ImsException;
import org.cellbank.ims.http.ClientError;

/**
 * Thrown when a change-feed cursor is older than the change log keeps: changes after it have been
 * purged (see {@link Purge}), so following it could miss some, a deletion among them. Answered
 * {@code 410}: the reader reads the lines and batches again, then follows the feed from no cursor.
 */
public final class ExpiredCursorException extends ImsException implements ClientError {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the standard message. */
  public ExpiredCursorException() {
    super("the cursor is older than the change log keeps and changes after it were purged: read the cell lines"
        + " and batches again, then follow the feed from no cursor", false);
  }

  /** {@code 410}. */
  @Override
  public int httpStatus() {
    return 410;
  }
}
