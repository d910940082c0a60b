package org.cellbank.ims.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Cross-origin resource sharing (CORS) settings, and the handler wrapper that applies them.
 *
 * <pre>{@code
 * Cors cors = Cors.builder()
 *     .allowOrigins(List.of("https://cells.example.org"))
 *     .allowMethods(List.of("GET"))
 *     .allowHeaders(List.of("authorization", "content-type"))
 *     .maxAge(Duration.ofHours(1))
 *     .build();
 * HttpHandler served = cors.wrap(router);
 * }</pre>
 *
 * <p>What {@link #wrap(HttpHandler)} does:
 * <ul>
 *   <li>A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method})
 *       from an allowed origin, asking for an allowed method and allowed headers, is answered 204
 *       with {@code Access-Control-Allow-Origin}, {@code -Allow-Methods}, {@code -Allow-Headers},
 *       {@code -Max-Age} and {@code Vary: Origin}, without calling the wrapped handler. Any other
 *       preflight is answered 403 with the standard error body.
 *   <li>Any other request from an allowed origin goes to the handler and its answer (errors too,
 *       so browsers can read them) gets {@code Access-Control-Allow-Origin}, {@code Vary: Origin},
 *       and {@code Access-Control-Expose-Headers} / {@code -Allow-Credentials} when configured.
 *   <li>Requests from origins not allowed get only {@code Vary: Origin}; requests without
 *       {@code Origin} pass through unchanged.
 * </ul>
 * Origins are compared exactly (scheme, host and port, as browsers send them); {@code "*"} allows
 * every origin and cannot be combined with credentials. Header names are compared ignoring case.
 *
 * <p>Immutable and thread-safe.
 */
public final class Cors {
  private final Set<String> origins;
  private final boolean anyOrigin;
  private final Set<String> methods;
  private final Set<String> headers;
  private final List<String> exposeHeaders;
  private final Duration maxAge;
  private final boolean allowCredentials;
  private final String methodsValue;
  private final String headersValue;

  private Cors(Builder b) {
    this.origins = Set.copyOf(b.origins);
    this.anyOrigin = b.origins.contains("*");
    this.methods = Set.copyOf(b.methods);
    this.headers = Set.copyOf(b.headers);
    this.exposeHeaders = List.copyOf(b.exposeHeaders);
    this.maxAge = b.maxAge;
    this.allowCredentials = b.allowCredentials;
    this.methodsValue = String.join(", ", b.methods);
    this.headersValue = String.join(", ", b.headers);
  }

  /** A builder; by default no origin is allowed, methods are GET and HEAD, max age is 10 minutes. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether requests from this origin are allowed. */
  public boolean allowsOrigin(String origin) {
    return anyOrigin || origins.contains(origin);
  }

  /** Wraps a handler so that it answers preflights and adds CORS headers for allowed origins. */
  public HttpHandler wrap(HttpHandler next) {
    return new CorsHandler(Objects.requireNonNull(next, "next"));
  }

  /** A named class rather than a lambda: one less class to spin up during a Lambda cold start. */
  private final class CorsHandler implements HttpHandler {
    private final HttpHandler next;

    CorsHandler(HttpHandler next) {
      this.next = next;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
      List<String> origins = request.headers().all("origin");
      if (origins.isEmpty()) {
        return next.handle(request);
      }
      String origin = origins.get(0);
      boolean preflight = request.method().equals("OPTIONS")
          && request.headers().contains("access-control-request-method");
      if (preflight) {
        return preflight(request, origin);
      }
      HttpResponse response = next.handle(request);
      if (!allowsOrigin(origin)) {
        // The answer depends on Origin either way: caches must not reuse it for another origin.
        return response.withHeader("vary", "Origin");
      }
      HttpResponse.Builder b = response.toBuilder()
          .setHeader("access-control-allow-origin", anyOrigin && !allowCredentials ? "*" : origin)
          .header("vary", "Origin");
      if (!exposeHeaders.isEmpty()) {
        b.setHeader("access-control-expose-headers", String.join(", ", exposeHeaders));
      }
      if (allowCredentials) {
        b.setHeader("access-control-allow-credentials", "true");
      }
      return b.build();
    }
  }

  private HttpResponse preflight(HttpRequest request, String origin) {
    String method = request.headers().first("access-control-request-method").orElse("").trim();
    if (!allowsOrigin(origin) || !methods.contains(method.toUpperCase(Locale.ROOT))
        || !headersAllowed(request.headers().all("access-control-request-headers"))) {
      return HttpResponse.error(403, "CORS preflight rejected");
    }
    HttpResponse.Builder b = HttpResponse.builder(204)
        .header("access-control-allow-origin", anyOrigin && !allowCredentials ? "*" : origin)
        .header("access-control-allow-methods", methodsValue)
        .header("access-control-max-age", Long.toString(maxAge.toSeconds()))
        .header("vary", "Origin");
    if (!headers.isEmpty()) {
      b.header("access-control-allow-headers", headersValue);
    }
    if (allowCredentials) {
      b.header("access-control-allow-credentials", "true");
    }
    return b.build();
  }

  private boolean headersAllowed(List<String> requested) {
    for (String line : requested) {
      for (String h : line.split(",")) {
        String name = h.trim().toLowerCase(Locale.ROOT);
        if (!name.isEmpty() && !headers.contains(name)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Builds {@link Cors}. Not thread-safe. */
  public static final class Builder {
    private final Set<String> origins = new LinkedHashSet<>();
    private final Set<String> methods = new LinkedHashSet<>(List.of("GET", "HEAD"));
    private final Set<String> headers = new LinkedHashSet<>();
    private final List<String> exposeHeaders = new ArrayList<>();
    private Duration maxAge = Duration.ofMinutes(10);
    private boolean allowCredentials;

    private Builder() {}

    /** Adds allowed origins, such as {@code https://cells.example.org}, or {@code "*"} for all. */
    public Builder allowOrigins(Collection<String> origins) {
      for (String o : origins) {
        this.origins.add(Objects.requireNonNull(o, "origin"));
      }
      return this;
    }

    /** Replaces the allowed methods (default GET and HEAD). */
    public Builder allowMethods(Collection<String> methods) {
      this.methods.clear();
      for (String m : methods) {
        this.methods.add(m.toUpperCase(Locale.ROOT));
      }
      return this;
    }

    /** Adds request headers a browser may send ({@code authorization}, {@code content-type}...). */
    public Builder allowHeaders(Collection<String> headers) {
      for (String h : headers) {
        this.headers.add(h.toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /** Adds response headers a browser script may read. */
    public Builder exposeHeaders(Collection<String> headers) {
      for (String h : headers) {
        this.exposeHeaders.add(h.toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /** How long a browser may cache a preflight answer (default 10 minutes). */
    public Builder maxAge(Duration maxAge) {
      if (maxAge.isNegative()) {
        throw new IllegalArgumentException("maxAge must not be negative");
      }
      this.maxAge = maxAge;
      return this;
    }

    /** Whether browsers may send cookies and credentials (default false). */
    public Builder allowCredentials(boolean allow) {
      this.allowCredentials = allow;
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException when {@code "*"} is combined with credentials
     */
    public Cors build() {
      if (allowCredentials && origins.contains("*")) {
        throw new IllegalArgumentException("the '*' origin cannot be combined with credentials");
      }
      return new Cors(this);
    }
  }
}
