package org.cellbank.ims.core.auth;

import java.util.Objects;
import java.util.Optional;
import org.cellbank.ims.http.HttpHandler;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;

/**
 * A route handler that only runs for API users whose {@link Role} includes a required one: the
 * per-route check behind a router-wide {@link ApiKeyAuthentication}.
 *
 * <p>The router's filter authenticates every request with the lowest role the router serves (for
 * the partner API {@link Role#PARTNER}); routes meant for more trusted users wrap their handler:
 *
 * <pre>{@code
 * Router router = Router.builder()
 *     .get("/api/v0/cell-lines", cellLines::list)                                     // any valid key
 *     .get("/api/v0/import-runs", RoleGuard.require(Role.EXECUTIVE_VIEWER, runs::list)) // executives only
 *     .filter(ApiKeyAuthentication.requiring(apiKeys, Role.PARTNER))
 *     .build();
 * }</pre>
 *
 * <p>A request whose principal's role is too low answers 403 with the standard JSON error body. A
 * request without a principal (the route is not behind {@link ApiKeyAuthentication}, a wiring
 * mistake) answers 401 as an unauthenticated one would, so a forgotten filter never opens a route.
 *
 * <p>Immutable and thread-safe.
 */
public final class RoleGuard implements HttpHandler {

  private final Role required;
  private final HttpHandler handler;

  private RoleGuard(Role required, HttpHandler handler) {
    this.required = required;
    this.handler = handler;
  }

  /** {@code handler}, run only for principals whose role includes {@code required}. */
  public static RoleGuard require(Role required, HttpHandler handler) {
    return new RoleGuard(Objects.requireNonNull(required, "required"), Objects.requireNonNull(handler, "handler"));
  }

  /** The role this guard requires. */
  public Role required() {
    return required;
  }

  /** Runs the handler, or answers 401 (no principal) or 403 (a role too low). */
  @Override
  public HttpResponse handle(HttpRequest request) {
    Optional<ApiPrincipal> principal = ApiKeyAuthentication.findPrincipal(request);
    if (principal.isEmpty()) {
      return ApiKeyAuthentication.unauthenticated();
    }
    if (!principal.get().role().includes(required)) {
      return ApiKeyAuthentication.forbidden();
    }
    return handler.handle(request);
  }
}
