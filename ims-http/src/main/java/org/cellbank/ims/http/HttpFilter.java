package org.cellbank.ims.http;

/**
 * Runs around the handler of a matched route: authentication, auditing, response headers.
 *
 * <p>A filter sees the request with its path parameters already set, and either answers itself
 * (for example a 401) or calls {@code next}. Exceptions it throws are mapped like a handler's.
 *
 * <pre>{@code
 * HttpFilter requireKey = (request, next) -> request.headers().first("authorization").isPresent()
 *     ? next.handle(request)
 *     : HttpResponse.of(401);
 * }</pre>
 */
@FunctionalInterface
public interface HttpFilter {
  /** Answers the request, usually by calling {@code next.handle(request)}. */
  HttpResponse filter(HttpRequest request, HttpHandler next);
}
