package org.cellbank.ims.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cellbank.ims.http.internal.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes requests to handlers by method and path pattern, and turns failures into error answers.
 *
 * <pre>{@code
 * Router router = Router.builder()
 *     .get("/api/v0/cell-lines", cellLines::list)
 *     .get("/api/v0/cell-lines/{id}", cellLines::one)
 *     .filter(apiKeyAuth)
 *     .build();
 * HttpResponse response = router.handle(request);
 * }</pre>
 *
 * <p>Rules:
 * <ul>
 *   <li>A pattern is a path whose segments are literals or {@code {name}} parameters. A parameter
 *       matches one whole, non-empty segment; its value is percent-decoded ({@code %2F} stays inside
 *       the value) and available as {@link HttpRequest#pathParameter(String)}. Literal segments
 *       win over parameters: {@code /batches/latest} is chosen before {@code /batches/{id}}.
 *   <li>The last segment of a pattern may be a greedy tail parameter {@code {name+}}: it matches one
 *       or more remaining non-empty segments, and its value is their decoded texts joined by
 *       {@code /} ({@code /media/{key+}} gives {@code key = "a/b c.pdf"} for
 *       {@code /media/a/b%20c.pdf}). Because segments are decoded first, {@code a%2Fb} and
 *       {@code a/b} give the same value. A one-segment parameter wins over a tail parameter at the
 *       same position: {@code /files/{id}} is chosen before {@code /files/{path+}} for
 *       {@code /files/x}.
 *   <li>A trailing slash is optional on both patterns and requests.
 *   <li>An unknown path answers 404; a known path with another method answers 405 with an
 *       {@code Allow} header. {@code HEAD} is served by the {@code GET} handler without the body,
 *       and {@code OPTIONS} on a known path answers 204 with {@code Allow}, unless a route names
 *       those methods itself. A path with malformed percent-encoding answers 400, as does a path
 *       segment or query value with a control character or longer than its limit (1,024 and
 *       4,096 characters). Methods are case-sensitive (RFC 9110): {@code get} is not {@code GET}.
 *   <li>Exceptions thrown by filters and handlers become error answers: a {@link ClientError} its
 *       {@linkplain ClientError#httpStatus() status} with its message (the domain's validation,
 *       not-found and conflict exceptions are client errors); a {@link Retryable} that says it is
 *       transient (an outage) 503 with {@code Retry-After} and a fixed message; anything else 500 with the message
 *       {@code "Internal server error"}, logged once at ERROR with the request id.
 * </ul>
 *
 * <p>Every error answer uses the body of {@link HttpResponse#error(int, String)}.
 *
 * <p>Immutable and thread-safe once built: create one per process (Lambda container) and share it.
 */
public final class Router implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  private static final int MAX_MESSAGE = 300;
  private static final String RETRY_AFTER_SECONDS = "5";
  /** The longest decoded path segment a route accepts. */
  static final int MAX_SEGMENT = 1024;
  /** The longest decoded query name or value a route accepts. */
  static final int MAX_QUERY_VALUE = 4096;
  private final List<RouteGroup> groups;
  private final List<HttpFilter> filters;

  private Router(List<RouteGroup> groups, List<HttpFilter> filters) {
    this.groups = groups;
    this.filters = filters;
  }

  /** A builder with no routes. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Every route this router serves, as {@code "<METHOD> <pattern>"} (e.g.
   * {@code "GET /api/v0/cell-lines/{id}"}, the pattern as registered without a trailing slash), in
   * the order the patterns were first registered, methods in alphabetical order. For tests and
   * documentation that must cover every route; {@code HEAD} and {@code OPTIONS} are listed only
   * when a route names them.
   */
  public List<String> routes() {
    List<String> out = new ArrayList<>();
    for (RouteGroup group : groups) {
      for (String method : group.handlers.keySet()) {
        out.add(method + " " + group.pattern.text);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Answers a request; never throws for a failing handler. */
  @Override
  public HttpResponse handle(HttpRequest request) {
    Objects.requireNonNull(request, "request");
    String routeName = "(unmatched)";
    try {
      List<String> segments = decodeSegments(request.path());
      checkQuery(request);
      for (RouteGroup group : groups) {
        Map<String, String> params = group.pattern.match(segments);
        if (params != null) {
          routeName = group.pattern.text;
          return dispatch(group, request.withPathParameters(params));
        }
      }
      return HttpResponse.error(404, "No resource at this path");
    } catch (RuntimeException e) {
      if (e instanceof ClientError c) {
        return clientError(c.httpStatus(), e, request);
      }
      if (e instanceof Retryable r && r.retryable()) {
        LOG.error("Request {} failed: {} {} answered 503", LogText.escape(request.requestId()), request.method(),
            routeName, e);
        return HttpResponse.error(503, "The service is briefly unavailable; try again shortly")
            .withHeader("retry-after", RETRY_AFTER_SECONDS);
      }
      LOG.error("Request {} failed: {} {} answered 500", LogText.escape(request.requestId()), request.method(),
          routeName, e);
      return HttpResponse.error(500, "Internal server error");
    }
  }

  private HttpResponse dispatch(RouteGroup group, HttpRequest request) {
    String method = request.method();
    HttpHandler handler = group.handlers.get(method);
    boolean head = false;
    if (handler == null && method.equals("HEAD")) {
      handler = group.handlers.get("GET");
      head = handler != null;
    }
    if (handler == null && method.equals("OPTIONS")) {
      return HttpResponse.builder(204).header("allow", group.allow).build();
    }
    if (handler == null) {
      return HttpResponse.error(405, "Method " + method + " is not allowed here")
          .withHeader("allow", group.allow);
    }
    HttpResponse response = chain(0, handler).handle(request);
    Objects.requireNonNull(response, "the handler answered null");
    return head ? response.toBuilder().noBody().build() : response;
  }

  private HttpHandler chain(int index, HttpHandler last) {
    return index == filters.size() ? last : new FilterStep(filters.get(index), chain(index + 1, last));
  }

  /** One filter and what follows it; a named class keeps lambda bootstrap out of cold starts. */
  private static final class FilterStep implements HttpHandler {
    private final HttpFilter filter;
    private final HttpHandler next;

    FilterStep(HttpFilter filter, HttpHandler next) {
      this.filter = filter;
      this.next = next;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
      return filter.filter(request, next);
    }
  }

  private static HttpResponse clientError(int declared, RuntimeException e, HttpRequest request) {
    int status = declared >= 400 && declared <= 499 ? declared : 400;
    LOG.debug("Request {} answered {}: {}", LogText.escape(request.requestId()), status, LogText.escape(e.getMessage()));
    String message = e.getMessage() == null ? "Bad request" : e.getMessage();
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "...";
    }
    return HttpResponse.error(status, message);
  }

  // Values come from anyone: no control character (a NUL, a CR or LF that would forge a log line)
  // and no unbounded length reaches a handler, a query or a log.
  private static void checkQuery(HttpRequest request) {
    for (Map.Entry<String, List<String>> p : request.query().entrySet()) {
      check(p.getKey(), MAX_QUERY_VALUE, "A query parameter name");
      for (String value : p.getValue()) {
        check(value, MAX_QUERY_VALUE, "The value of query parameter " + p.getKey());
      }
    }
  }

  private static void check(String value, int max, String what) {
    if (value.length() > max) {
      throw new BadRequestException(what + " is longer than " + max + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      if (LogText.unsafe(value.charAt(i))) {
        throw new BadRequestException(what + " holds a control character");
      }
    }
  }

  /** Splits a raw path into decoded segments, ignoring one trailing slash. */
  private static List<String> decodeSegments(String path) {
    List<String> out = new ArrayList<>(8);
    int start = 1;
    int n = path.length();
    if (n > 1 && path.charAt(n - 1) == '/') {
      n--;
    }
    while (start <= n && n > 1) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 || slash > n ? n : slash;
      String segment = UrlEncoding.decode(path.substring(start, end), false);
      check(segment, MAX_SEGMENT, "A path segment");
      out.add(segment);
      start = end + 1;
    }
    return out;
  }

  /** Builds a {@link Router}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, RouteGroup> groups = new LinkedHashMap<>();
    private final List<HttpFilter> filters = new ArrayList<>();

    private Builder() {}

    /** Routes GET requests for a pattern. */
    public Builder get(String pattern, HttpHandler handler) {
      return route("GET", pattern, handler);
    }

    /** Routes POST requests for a pattern. */
    public Builder post(String pattern, HttpHandler handler) {
      return route("POST", pattern, handler);
    }

    /** Routes PUT requests for a pattern. */
    public Builder put(String pattern, HttpHandler handler) {
      return route("PUT", pattern, handler);
    }

    /** Routes PATCH requests for a pattern. */
    public Builder patch(String pattern, HttpHandler handler) {
      return route("PATCH", pattern, handler);
    }

    /** Routes DELETE requests for a pattern. */
    public Builder delete(String pattern, HttpHandler handler) {
      return route("DELETE", pattern, handler);
    }

    /**
     * Routes requests with a method and a pattern.
     *
     * @throws IllegalArgumentException when the pattern is malformed, or the same method is already
     *     routed for an equivalent pattern, or an equivalent pattern names its parameters differently
     */
    public Builder route(String method, String pattern, HttpHandler handler) {
      Objects.requireNonNull(handler, "handler");
      if (!Headers.isToken(Objects.requireNonNull(method, "method"))) {
        throw new IllegalArgumentException("invalid HTTP method: " + method);
      }
      String m = method.toUpperCase(Locale.ROOT);
      RoutePattern p = RoutePattern.parse(pattern);
      RouteGroup group = groups.get(p.shape);
      if (group == null) {
        group = new RouteGroup(p);
        groups.put(p.shape, group);
      }
      if (!group.pattern.text.equals(p.text)) {
        throw new IllegalArgumentException(
            "pattern " + p.text + " conflicts with " + group.pattern.text);
      }
      if (group.handlers.putIfAbsent(m, handler) != null) {
        throw new IllegalArgumentException("duplicate route " + m + " " + p.text);
      }
      return this;
    }

    /** Adds a filter around every route's handler; the first added runs first. */
    public Builder filter(HttpFilter filter) {
      filters.add(Objects.requireNonNull(filter, "filter"));
      return this;
    }

    /** The router. */
    public Router build() {
      List<RouteGroup> list = new ArrayList<>();
      for (RouteGroup g : groups.values()) {
        list.add(g.freeze());
      }
      for (int i = 1; i < list.size(); i++) {
        // Insertion sort: stable, and a handful of routes needs nothing more.
        for (int j = i; j > 0 && list.get(j).pattern.compareSpecificity(list.get(j - 1).pattern) < 0; j--) {
          list.set(j, list.set(j - 1, list.get(j)));
        }
      }
      return new Router(List.copyOf(list), List.copyOf(filters));
    }
  }

  private static final class RouteGroup {
    final RoutePattern pattern;
    final Map<String, HttpHandler> handlers;
    final String allow;

    RouteGroup(RoutePattern pattern) {
      this(pattern, new LinkedHashMap<>());
    }

    private RouteGroup(RoutePattern pattern, Map<String, HttpHandler> handlers) {
      this.pattern = pattern;
      this.handlers = handlers;
      TreeSet<String> methods = new TreeSet<>(handlers.keySet());
      if (methods.contains("GET")) {
        methods.add("HEAD");
      }
      methods.add("OPTIONS");
      this.allow = String.join(", ", methods);
    }

    RouteGroup freeze() {
      return new RouteGroup(pattern, Collections.unmodifiableMap(new TreeMap<>(handlers)));
    }
  }

  private static final class RoutePattern {
    final String text;
    final String shape;
    /** Literal segments, or null where the segment is a parameter. */
    final String[] literals;
    final String[] names;
    /** Whether the last segment is a tail parameter that takes every remaining segment. */
    final boolean greedy;

    private RoutePattern(String text, String[] literals, String[] names, boolean greedy) {
      this.text = text;
      this.literals = literals;
      this.names = names;
      this.greedy = greedy;
      StringBuilder sb = new StringBuilder();
      for (String l : literals) {
        sb.append('/').append(l == null ? "{}" : l);
      }
      if (greedy) {
        sb.append('+');
      }
      this.shape = sb.length() == 0 ? "/" : sb.toString();
    }

    static RoutePattern parse(String pattern) {
      Objects.requireNonNull(pattern, "pattern");
      if (!pattern.startsWith("/")) {
        throw new IllegalArgumentException("a route pattern must start with '/': " + pattern);
      }
      String p = pattern.length() > 1 && pattern.endsWith("/")
          ? pattern.substring(0, pattern.length() - 1) : pattern;
      if (p.equals("/")) {
        return new RoutePattern("/", new String[0], new String[0], false);
      }
      String[] parts = p.substring(1).split("/", -1);
      String[] literals = new String[parts.length];
      String[] names = new String[parts.length];
      TreeSet<String> seen = new TreeSet<>();
      boolean greedy = false;
      for (int i = 0; i < parts.length; i++) {
        String s = parts[i];
        if (s.isEmpty()) {
          throw new IllegalArgumentException("empty segment in route pattern: " + pattern);
        }
        if (s.startsWith("{") && s.endsWith("+}")) {
          if (i != parts.length - 1) {
            throw new IllegalArgumentException("a tail parameter {name+} must be the last segment: " + pattern);
          }
          greedy = true;
          s = s.substring(0, s.length() - 2) + "}";
        }
        if (s.startsWith("{") && s.endsWith("}")) {
          String name = s.substring(1, s.length() - 1);
          if (!isIdentifier(name) || !seen.add(name)) {
            throw new IllegalArgumentException("bad or repeated parameter name in: " + pattern);
          }
          names[i] = name;
        } else if (s.indexOf('{') >= 0 || s.indexOf('}') >= 0 || s.indexOf('%') >= 0) {
          throw new IllegalArgumentException("literal segments may not hold '{', '}' or '%': " + pattern);
        } else {
          literals[i] = s;
        }
      }
      return new RoutePattern(p, literals, names, greedy);
    }

    private static boolean isIdentifier(String s) {
      if (s.isEmpty()) {
        return false;
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
          return false;
        }
      }
      return true;
    }

    /** The decoded parameters when the segments match, else null. */
    Map<String, String> match(List<String> segments) {
      if (greedy ? segments.size() < literals.length : segments.size() != literals.length) {
        return null;
      }
      Map<String, String> params = null;
      int fixed = greedy ? literals.length - 1 : literals.length;
      for (int i = 0; i < fixed; i++) {
        String seg = segments.get(i);
        if (literals[i] != null) {
          if (!literals[i].equals(seg)) {
            return null;
          }
        } else {
          if (seg.isEmpty()) {
            return null;
          }
          if (params == null) {
            params = new LinkedHashMap<>(4);
          }
          params.put(names[i], seg);
        }
      }
      if (greedy) {
        List<String> tail = segments.subList(fixed, segments.size());
        if (tail.contains("")) {
          return null;
        }
        if (params == null) {
          params = new LinkedHashMap<>(4);
        }
        params.put(names[fixed], String.join("/", tail));
      }
      return params == null ? Map.of() : params;
    }

    /** 0 for a literal, 1 for a one-segment parameter, 2 for a tail parameter. */
    private int kind(int i) {
      return literals[i] != null ? 0 : greedy && i == literals.length - 1 ? 2 : 1;
    }

    int compareSpecificity(RoutePattern other) {
      int n = Math.min(literals.length, other.literals.length);
      for (int i = 0; i < n; i++) {
        int a = kind(i);
        int b = other.kind(i);
        if (a != b) {
          return Integer.compare(a, b);
        }
      }
      return Integer.compare(literals.length, other.literals.length);
    }
  }
}
