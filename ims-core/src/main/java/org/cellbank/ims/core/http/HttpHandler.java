package org.cellbank.ims.core.http;

/**
 * Turns an HTTP request into a response.
 *
 * <p>Implementations may throw the IMS exceptions ({@link org.cellbank.ims.core.ValidationException},
 * {@link org.cellbank.ims.core.NotFoundException}...); a {@link Router} maps them to status codes.
 * Handlers served by a Lambda container are called by one thread at a time, but a local server may
 * call them concurrently, so they should be thread-safe.
 */
@FunctionalInterface
public interface HttpHandler {
  /** Answers one request; never returns null. */
  HttpResponse handle(HttpRequest request);
}
