package org.cellbank.ims.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request, independent of where it came from.
 *
 * <ul>
 *   <li>{@link #method()}: as sent; methods are case-sensitive (RFC 9110), so {@code get} is not {@code GET}.
 *   <li>{@link #path()}: the raw, still percent-encoded path without query string, always starting
 *       with {@code /}, after the adapter removed any stage or base path. The {@link Router}
 *       decodes it segment by segment.
 *   <li>{@link #query()}: decoded query parameters, multi-valued, in order of first appearance.
 *   <li>{@link #headers()}: case-insensitive and multi-valued.
 *   <li>{@link #cookies()}: request cookies by name (the first wins when a name repeats).
 *   <li>{@link #body()}: the body bytes (empty when none), already base64-decoded by the adapter.
 *   <li>{@link #requestId()}: the id that ties log lines to this request.
 *   <li>{@link #pathParameters()}: set by the router from the matched route pattern.
 *   <li>{@link #attribute(Class)}: values that filters attach for the handlers after them (the
 *       authenticated principal, for example), keyed by type. They never come from the client.
 * </ul>
 *
 * <p>Immutable and thread-safe; {@link #body()} returns a copy.
 */
public final class HttpRequest {
  private final String method;
  private final String path;
  private final Map<String, List<String>> query;
  private final Headers headers;
  private final Map<String, String> cookies;
  private final byte[] body;
  private final String requestId;
  private final String sourceIp;
  private final Map<String, String> pathParameters;
  private final Map<Class<?>, Object> attributes;

  private HttpRequest(Builder b) {
    this.method = b.method;
    this.path = b.path;
    this.query = UrlEncoding.freeze(b.query);
    this.headers = b.headers;
    this.cookies = b.cookies.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(b.cookies));
    this.body = b.body;
    this.requestId = b.requestId;
    this.sourceIp = b.sourceIp;
    this.pathParameters = b.pathParameters.isEmpty()
        ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(b.pathParameters));
    this.attributes = b.attributes.isEmpty() ? Map.of() : Map.copyOf(b.attributes);
  }

  /**
   * A builder for a request with a method and raw path.
   *
   * @throws IllegalArgumentException when the method is not an HTTP token or the path does not start
   *     with {@code /}
   */
  public static Builder builder(String method, String path) {
    return new Builder(method, path);
  }

  /** A builder that starts with every value of this request. */
  public Builder toBuilder() {
    Builder b = new Builder(method, path);
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      b.query.put(e.getKey(), new ArrayList<>(e.getValue()));
    }
    b.headers = headers;
    b.cookies.putAll(cookies);
    b.body = body;
    b.requestId = requestId;
    b.sourceIp = sourceIp;
    b.pathParameters.putAll(pathParameters);
    b.attributes.putAll(attributes);
    return b;
  }

  /** This request with the given path parameters (replacing any it had). */
  public HttpRequest withPathParameters(Map<String, String> parameters) {
    Builder b = toBuilder();
    b.pathParameters.clear();
    for (Map.Entry<String, String> e : parameters.entrySet()) {
      b.pathParameter(e.getKey(), e.getValue());
    }
    return b.build();
  }

  /**
   * This request with a value attached for the filters and handlers that follow, replacing any
   * value of the same type.
   *
   * <pre>{@code
   * return next.handle(request.withAttribute(ApiPrincipal.class, principal));
   * }</pre>
   */
  public <T> HttpRequest withAttribute(Class<T> type, T value) {
    return toBuilder().attribute(type, value).build();
  }

  /** The value of this type a filter attached, or empty when none did. */
  public <T> Optional<T> attribute(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return Optional.ofNullable(type.cast(attributes.get(type)));
  }

  /** The method, as sent (case-sensitive). */
  public String method() {
    return method;
  }

  /** The raw (percent-encoded) path, starting with {@code /}. */
  public String path() {
    return path;
  }

  /** Every decoded query parameter: name to values, unmodifiable. */
  public Map<String, List<String>> query() {
    return query;
  }

  /** The first value of a query parameter, or empty when absent. */
  public Optional<String> queryParameter(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /** Every value of a query parameter; empty when absent. */
  public List<String> queryParameters(String name) {
    return query.getOrDefault(name, List.of());
  }

  /** The headers. */
  public Headers headers() {
    return headers;
  }

  /** The cookies sent with the request, by name, unmodifiable. */
  public Map<String, String> cookies() {
    return cookies;
  }

  /** A cookie's value, or empty when absent. */
  public Optional<String> cookie(String name) {
    return Optional.ofNullable(cookies.get(name));
  }

  /** A copy of the body bytes; empty when the request has no body. */
  public byte[] body() {
    return body.clone();
  }

  /** The body length in bytes. */
  public int bodyLength() {
    return body.length;
  }

  /** The body decoded as UTF-8 (malformed bytes become U+FFFD). */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The id that ties log lines and error reports to this request. */
  public String requestId() {
    return requestId;
  }

  /** The client's IP address, when the adapter knows it. */
  public Optional<String> sourceIp() {
    return Optional.ofNullable(sourceIp);
  }

  /** The decoded path parameters of the matched route, unmodifiable; empty before routing. */
  public Map<String, String> pathParameters() {
    return pathParameters;
  }

  /**
   * A decoded path parameter of the matched route.
   *
   * @throws IllegalStateException when the route has no such parameter (a programming error)
   */
  public String pathParameter(String name) {
    String v = pathParameters.get(name);
    if (v == null) {
      throw new IllegalStateException("No path parameter '" + name + "' in the matched route");
    }
    return v;
  }

  /** Method, path and request id only: the rest may hold credentials. */
  @Override
  public String toString() {
    return "HttpRequest[" + method + " " + path + ", requestId=" + requestId + "]";
  }

  /** Builds an {@link HttpRequest}. Not thread-safe. */
  public static final class Builder {
    private final String method;
    private final String path;
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private Headers headers = Headers.of();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private byte[] body = new byte[0];
    private String requestId = "-";
    private String sourceIp;
    private final Map<String, String> pathParameters = new LinkedHashMap<>();
    private final Map<Class<?>, Object> attributes = new LinkedHashMap<>();

    private Builder(String method, String path) {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(path, "path");
      if (!Headers.isToken(method)) {
        throw new IllegalArgumentException("invalid HTTP method");
      }
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("the path must start with '/'");
      }
      this.method = method;
      this.path = path;
    }

    /** Adds a decoded query parameter value. */
    public Builder queryParameter(String name, String value) {
      UrlEncoding.add(query, Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds every decoded query parameter of a map. */
    public Builder query(Map<String, List<String>> parameters) {
      for (Map.Entry<String, List<String>> e : parameters.entrySet()) {
        for (String v : e.getValue()) {
          queryParameter(e.getKey(), v);
        }
      }
      return this;
    }

    /** Sets the headers. */
    public Builder headers(Headers headers) {
      this.headers = Objects.requireNonNull(headers, "headers");
      return this;
    }

    /** Adds a cookie; the first value of a name wins. */
    public Builder cookie(String name, String value) {
      cookies.putIfAbsent(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets the body (copied). */
    public Builder body(byte[] body) {
      this.body = Objects.requireNonNull(body, "body").clone();
      return this;
    }

    /** Sets the body as UTF-8 text. */
    public Builder body(String text) {
      this.body = Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /** Sets the request id (default {@code "-"}). */
    public Builder requestId(String requestId) {
      this.requestId = Objects.requireNonNull(requestId, "requestId");
      return this;
    }

    /** Sets the client's IP address. */
    public Builder sourceIp(String sourceIp) {
      this.sourceIp = Objects.requireNonNull(sourceIp, "sourceIp");
      return this;
    }

    /** Sets a decoded path parameter (normally the router's job). */
    public Builder pathParameter(String name, String value) {
      pathParameters.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Attaches a value keyed by its type, replacing any value of that type (normally a filter's job). */
    public <T> Builder attribute(Class<T> type, T value) {
      Objects.requireNonNull(type, "type");
      attributes.put(type, type.cast(Objects.requireNonNull(value, "value")));
      return this;
    }

    /** The request. */
    public HttpRequest build() {
      return new HttpRequest(this);
    }
  }
}
