package org.cellbank.ims.core.importer;

import org.cellbank.ims.core.ImsException;

/**
 * The hPSCreg registry could not be reached or gave an answer that is not a usable document: a
 * status other than 200, a body that is not JSON, or JSON of the wrong shape (the registry reports
 * some errors, such as an unknown line, as a bare JSON string). Retryable for network errors and
 * server errors (5xx).
 */
public final class HpscregException extends ImsException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message and whether a retry may help. */
  public HpscregException(String message, boolean retryable) {
    super(message, retryable);
  }

  /** Creates an exception with a message, its cause and whether a retry may help. */
  public HpscregException(String message, Throwable cause, boolean retryable) {
    super(message, cause, retryable);
  }
}
