package org.cellbank.ims.http;

/**
 * Marks an exception that the client caused, so that a {@link Router} answers it with
 * {@link #httpStatus()} and the exception's message.
 *
 * <p>Implemented by {@link BadRequestException} and, outside this module, by the domain's
 * exceptions that a client's input can cause (an invalid value, a missing record, a conflict). Any
 * other exception is answered {@code 500} with a fixed message, so an exception must only implement
 * this interface when its message is safe to show to any client.
 */
public interface ClientError {
  /** The status of the error answer, from 400 to 499. */
  int httpStatus();
}
