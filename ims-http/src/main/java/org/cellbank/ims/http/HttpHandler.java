package org.cellbank.ims.http;

/**
 * Turns an HTTP request into a response.
 *
 * <p>Implementations may throw; a {@link Router} answers a {@link ClientError} (such as the IMS's
 * validation, not-found and conflict exceptions) with its status and anything else with 500.
 * Handlers served by a Lambda container are called by one thread at a time, but a local server may
 * call them concurrently, so they should be thread-safe.
 */
@FunctionalInterface
public interface HttpHandler {
  /** Answers one request; never returns null. */
  HttpResponse handle(HttpRequest request);
}
