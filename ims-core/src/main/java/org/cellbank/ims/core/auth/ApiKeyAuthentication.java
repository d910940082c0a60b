package org.cellbank.ims.core.auth;

import java.util.Objects;
import java.util.Optional;
import org.cellbank.ims.http.HttpFilter;
import org.cellbank.ims.http.HttpHandler;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;

/**
 * The {@link HttpFilter} that admits requests carrying a valid API key, as the partner API expects.
 *
 * <p>Credentials are read from the header {@code Authorization: ApiKey <username>:<key>} (scheme
 * case-insensitive) or, when no such header is sent, from the query parameters {@code username}
 * and {@code api_key}. They are checked with {@link ApiKeys#authenticate(String, String)}:
 *
 * <ul>
 *   <li>missing, malformed or invalid credentials: 401 with the standard JSON error body and
 *       {@code WWW-Authenticate: ApiKey};
 *   <li>a valid key whose user's {@link Role} does not include the required one: 403 (routes that
 *       need a higher role than the rest check it with {@link RoleGuard});
 *   <li>otherwise the request goes on with its {@link ApiPrincipal} attached, which handlers read
 *       with {@link #principal(HttpRequest)}. The principal is a request attribute, so a client
 *       cannot forge it with a header.
 * </ul>
 *
 * <pre>{@code
 * Router router = Router.builder()
 *     .filter(ApiKeyAuthentication.requiring(apiKeys, Role.PARTNER))
 *     .get("/api/v0/cell-lines", request -> {
 *       ApiPrincipal who = ApiKeyAuthentication.principal(request);
 *       ...
 *     })
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ApiKeyAuthentication implements HttpFilter {

  /** The value of the {@code WWW-Authenticate} header of a 401 answer. */
  public static final String SCHEME = "ApiKey";

  private final ApiKeys apiKeys;
  private final Role required;

  private ApiKeyAuthentication(ApiKeys apiKeys, Role required) {
    this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
    this.required = Objects.requireNonNull(required, "required");
  }

  /** A filter that admits any active user's valid key (every role includes {@link Role#PARTNER}). */
  public static ApiKeyAuthentication create(ApiKeys apiKeys) {
    return new ApiKeyAuthentication(apiKeys, Role.PARTNER);
  }

  /** A filter that admits valid keys of users whose role includes {@code required}. */
  public static ApiKeyAuthentication requiring(ApiKeys apiKeys, Role required) {
    return new ApiKeyAuthentication(apiKeys, required);
  }

  /** The principal this filter attached to the request, or empty when it did not run. */
  public static Optional<ApiPrincipal> findPrincipal(HttpRequest request) {
    return Objects.requireNonNull(request, "request").attribute(ApiPrincipal.class);
  }

  /**
   * The principal this filter attached to the request.
   *
   * @throws IllegalStateException when the request did not pass this filter (a programming error:
   *     the route is not protected)
   */
  public static ApiPrincipal principal(HttpRequest request) {
    Optional<ApiPrincipal> principal = findPrincipal(request);
    if (principal.isEmpty()) {
      throw new IllegalStateException("no API principal: the route is not behind ApiKeyAuthentication");
    }
    return principal.get();
  }

  /**
   * The key a request presents (from the header or the query, as {@link #filter} reads it), or empty
   * when it presents none: for a route that must know which key it is called with, e.g. to refuse
   * revoking it. Never log it.
   */
  public static Optional<String> presentedKey(HttpRequest request) {
    Optional<Credentials> credentials = credentials(Objects.requireNonNull(request, "request"));
    return credentials.isEmpty() ? Optional.empty() : Optional.of(credentials.get().key);
  }

  /** Admits the request with its principal attached, or answers 401 or 403. */
  @Override
  public HttpResponse filter(HttpRequest request, HttpHandler next) {
    Optional<Credentials> credentials = credentials(request);
    Optional<ApiPrincipal> principal = credentials.isEmpty() ? Optional.empty()
        : apiKeys.authenticate(credentials.get().username, credentials.get().key);
    if (principal.isEmpty()) {
      return unauthenticated();
    }
    if (!principal.get().role().includes(required)) {
      return forbidden();
    }
    return next.handle(request.withAttribute(ApiPrincipal.class, principal.get()));
  }

  /**
   * The 401 answer the filter gives: the JSON error body and {@code WWW-Authenticate: ApiKey}; also
   * for routes that find no principal on a request (they were wired without the filter).
   */
  public static HttpResponse unauthenticated() {
    return HttpResponse.builder(401)
        .header("content-type", HttpResponse.JSON_CONTENT_TYPE)
        .header("www-authenticate", SCHEME)
        .body(HttpResponse.error(401, "Missing or invalid API key").body())
        .build();
  }

  /** The 403 answer for a valid key whose role is too low. */
  static HttpResponse forbidden() {
    return HttpResponse.error(403, "This API key may not use this resource");
  }

  private static Optional<Credentials> credentials(HttpRequest request) {
    Optional<String> header = request.headers().first("authorization");
    if (header.isPresent()) {
      String value = header.get().strip();
      if (value.length() > SCHEME.length() && value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
          && value.charAt(SCHEME.length()) == ' ') {
        return split(value.substring(SCHEME.length() + 1).strip());
      }
    }
    Optional<String> username = request.queryParameter("username");
    Optional<String> key = request.queryParameter("api_key");
    if (username.isEmpty() || key.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Credentials(username.get(), key.get()));
  }

  private static Optional<Credentials> split(String usernameAndKey) {
    // Usernames cannot contain ':', so the first one ends the username.
    int colon = usernameAndKey.indexOf(':');
    if (colon <= 0 || colon == usernameAndKey.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(new Credentials(usernameAndKey.substring(0, colon), usernameAndKey.substring(colon + 1)));
  }

  private static final class Credentials {
    private final String username;
    private final String key;

    Credentials(String username, String key) {
      this.username = username;
      this.key = key;
    }
  }
}
