package org.cellbank.ims.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cellbank.ims.http.BadRequestException;
import org.cellbank.ims.http.Cors;
import org.cellbank.ims.http.HttpHandler;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.internal.text.LogText;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonException;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonString;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.cellbank.ims.http.internal.json.JsonWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda handler: raw event bytes in, raw answer bytes out, with no reflection or JSON library
 * on the request path (cold starts stay close to a bare stream handler).
 *
 * <pre>{@code
 * ImsLambdaHandler handler = ImsLambdaHandler.builder(router)
 *     .basePath("/ims")
 *     .cors(cors)
 *     .scheduledJob(nightly::run)
 *     .build();
 * }</pre>
 *
 * <p>Event formats (detected per invocation, answered in the same format):
 * <ul>
 *   <li>API Gateway REST API proxy (payload 1.0) and HTTP API payload 1.0: {@code headers} /
 *       {@code multiValueHeaders}, {@code queryStringParameters} /
 *       {@code multiValueQueryStringParameters} (already decoded), cookies from the {@code Cookie}
 *       header; answered with {@code headers} and {@code multiValueHeaders}.
 *   <li>API Gateway HTTP API payload 2.0 and Lambda Function URLs: {@code rawPath},
 *       {@code rawQueryString}, the {@code cookies} array; {@code Set-Cookie} answers go to the
 *       {@code cookies} array, other repeated headers are joined with commas.
 *   <li>Application Load Balancer, with or without multi-value headers: query parameters arrive
 *       percent-encoded and are decoded here; answered with {@code statusDescription} and the same
 *       header mode as the request.
 *   <li>EventBridge scheduled events: run the {@link ScheduledJob}; without one, or when it fails,
 *       the invocation fails with an exception, so Lambda records the error.
 * </ul>
 *
 * <p>Paths: HTTP APIs deliver the path decoded, the others encoded; either way the request gets a
 * valid percent-encoded {@link HttpRequest#path()}. A leading {@code /{stage}} is removed for
 * payload 2.0 events with a named stage, and for payload 1.0 events whose {@code path} equals
 * {@code requestContext.path} (the path as the client sent it); then the configured base path (a
 * custom-domain mapping such as {@code /ims}) is removed when present.
 *
 * <p>Bodies: base64 request bodies are decoded. A response body travels as text when its content
 * type is textual ({@code text/*}, JSON, XML, JavaScript, form data) and it is valid UTF-8,
 * otherwise base64 with {@code isBase64Encoded: true}.
 *
 * <p>Errors: an event that is not JSON or not of a known shape is answered with status 400 in the
 * REST API shape ({@code statusCode}, {@code headers}, {@code body}); a known shape with malformed
 * members is answered with 400 in its own shape; an exception escaping the HTTP handler becomes a
 * 500 with a generic message, logged once at ERROR. Stack traces never reach the answer. An
 * answer larger than Lambda's 6 MB payload limit is replaced by a 500 that says so (and logged),
 * rather than failing the invocation with an opaque gateway error.
 *
 * <p>Compression: with {@link Builder#compression(boolean)}, textual bodies are gzip-compressed
 * for clients that accept it.
 *
 * <p>Logging: one INFO line per request: request id, method, path (never the query string,
 * headers or body), status and duration. The request id is Lambda's when a {@link Context} is
 * given, else the event's.
 *
 * <p>Thread-safe; build one per container, at init.
 */
public final class ImsLambdaHandler implements RequestStreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ImsLambdaHandler.class);
  private static final JsonReader READER = JsonReader.builder().maxDepth(64).build();
  // The payload limit of a synchronous Lambda invocation's answer (6 MB).
  private static final int MAX_ANSWER_BYTES = 6 * 1024 * 1024;
  private final HttpHandler handler;
  private final EventTranslator translator;
  private final ScheduledJob job;
  private final boolean compression;
  // Set while warmUp runs on this thread: its request is not logged.
  private final ThreadLocal<Boolean> quiet = new ThreadLocal<>();

  private ImsLambdaHandler(Builder b) {
    this.compression = b.compression;
    this.handler = b.cors == null ? b.handler : b.cors.wrap(b.handler);
    this.translator = new EventTranslator(b.basePath, b.stripStage);
    this.job = b.job;
  }

  /** A handler for the given HTTP handler with default settings. */
  public static ImsLambdaHandler create(HttpHandler handler) {
    return builder(handler).build();
  }

  /** A builder around the HTTP handler (usually a {@link org.cellbank.ims.http.Router}). */
  public static Builder builder(HttpHandler handler) {
    return new Builder(handler);
  }

  /**
   * Handles one invocation the way the Lambda runtime calls it.
   *
   * @throws RuntimeException for a scheduled event when no job is configured ({@link IllegalStateException}),
   *     the event is malformed ({@link BadRequestException}) or the job fails (what it threw)
   */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    byte[] event = input.readAllBytes();
    String lambdaRequestId = context == null ? null : context.getAwsRequestId();
    output.write(handle(event, lambdaRequestId));
    output.flush();
  }

  /**
   * Handles one event without a Lambda runtime: for tests, benchmarks and local servers.
   *
   * @param event the raw event JSON
   * @return the raw answer JSON
   * @throws RuntimeException for a scheduled event when no job is configured ({@link IllegalStateException}),
   *     the event is malformed ({@link BadRequestException}) or the job fails (what it threw)
   */
  public byte[] handle(byte[] event) {
    return handle(Objects.requireNonNull(event, "event"), null);
  }

  /**
   * Handles an event during init to load the classes the first request needs, and discards the
   * answer; nothing is logged for it. Use a request without side effects, e.g. a GET without
   * credentials that the authentication filter answers with 401 before any query:
   * {@code handler.warmUp(ImsLambdaHandler.warmUpEvent("/api/v0/"))}.
   */
  public void warmUp(byte[] event) {
    Objects.requireNonNull(event, "event");
    quiet.set(Boolean.TRUE);
    try {
      handle(event, "warm-up");
    } finally {
      quiet.remove();
    }
  }

  /**
   * An API Gateway HTTP API (payload 2.0) {@code GET} event for {@code path} without headers or
   * credentials, for {@link #warmUp(byte[])}.
   *
   * @throws IllegalArgumentException when the path does not start with {@code /} or needs escaping
   */
  public static byte[] warmUpEvent(String path) {
    Objects.requireNonNull(path, "path");
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x21 || c > 0x7e || c == '"' || c == '\\' || c == '?' || c == '#') {
        throw new IllegalArgumentException("a plain ASCII path without a query is needed: " + path);
      }
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("the path must start with '/': " + path);
    }
    return ("{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"" + path + "\",\"rawQueryString\":\"\","
        + "\"headers\":{\"accept\":\"application/json\"},\"requestContext\":{\"http\":{\"method\":\"GET\",\"path\":\""
        + path + "\",\"protocol\":\"HTTP/1.1\",\"sourceIp\":\"127.0.0.1\"},\"requestId\":\"warm-up\","
        + "\"stage\":\"$default\"},\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8);
  }

  private byte[] handle(byte[] event, String lambdaRequestId) {
    long start = System.nanoTime();
    JsonObject root;
    try {
      JsonValue v = READER.read(event);
      if (!(v instanceof JsonObject o)) {
        return unsupported(lambdaRequestId, "the event is not a JSON object", start);
      }
      root = o;
    } catch (JsonException e) {
      return unsupported(lambdaRequestId, "the event is not valid JSON (" + e.getMessage() + ")", start);
    }
    EventFormat format = EventFormat.detect(root);
    if (format == EventFormat.UNKNOWN) {
      return unsupported(lambdaRequestId, "the event is not an API Gateway, ALB, Function URL or "
          + "EventBridge scheduled event", start);
    }
    if (format == EventFormat.SCHEDULED || (format == EventFormat.DIRECT && job != null)) {
      return scheduled(root, lambdaRequestId, start);
    }
    if (format == EventFormat.DIRECT) {
      return unsupported(lambdaRequestId, "the event is not an API Gateway, ALB, Function URL or "
          + "EventBridge scheduled event, and this function runs no job", start);
    }
    String eventId = EventTranslator.eventRequestId(root, format);
    // The event's own id comes from the caller: escaped before it reaches a log line.
    String requestId = lambdaRequestId != null ? lambdaRequestId : eventId != null ? LogText.escape(eventId) : "-";
    try {
      return http(root, format, requestId, start);
    } catch (RuntimeException e) {
      // A fault in the adapter itself: still answer, in the most widely understood shape.
      LOG.error("{} {} event failed in the adapter, answered 500", requestId, format.label(), e);
      return JsonWriter.compact().writeUtf8(translator.encode(
          HttpResponse.error(500, "Internal server error"), EventFormat.REST_API, JsonObject.of()));
    }
  }

  private byte[] http(JsonObject root, EventFormat format, String requestId, long start) {
    HttpRequest request;
    try {
      request = translator.decode(root, format, requestId);
    } catch (BadRequestException | JsonException | IllegalArgumentException e) {
      HttpResponse bad = HttpResponse.error(400, "Malformed " + format.label() + " event: " + e.getMessage());
      LOG.info("{} {} event rejected: {} {}ms", requestId, format.label(), 400, millis(start));
      return JsonWriter.compact().writeUtf8(translator.encode(bad, format, root));
    }
    HttpResponse response;
    try {
      response = Objects.requireNonNull(handler.handle(request), "the HTTP handler answered null");
    } catch (RuntimeException e) {
      LOG.error("{} {} {} failed, answered 500", requestId, request.method(), request.path(), e);
      response = HttpResponse.error(500, "Internal server error");
    }
    if (compression && acceptsGzip(request)) {
      response = Compression.gzip(response);
    }
    byte[] out = JsonWriter.compact().writeUtf8(translator.encode(response, format, root));
    if (out.length > MAX_ANSWER_BYTES) {
      LOG.error("{} {} {} answer of {} bytes exceeds Lambda's limit, answered 500", requestId, request.method(),
          request.path(), out.length);
      response = HttpResponse.error(500, "The response is larger than AWS Lambda can return (6 MB); "
          + "ask for fewer records with a smaller limit, or accept gzip");
      out = JsonWriter.compact().writeUtf8(translator.encode(response, format, root));
    }
    if (quiet.get() == null) {
      LOG.info("{} {} {} {} {}ms", requestId, request.method(), request.path(), response.status(), millis(start));
    }
    return out;
  }

  private static boolean acceptsGzip(HttpRequest request) {
    for (String value : request.headers().all("Accept-Encoding")) {
      if (Compression.acceptsGzip(value)) {
        return true;
      }
    }
    return false;
  }

  private byte[] unsupported(String requestId, String reason, long start) {
    LOG.warn("{} unsupported event: {} {}ms", requestId == null ? "-" : requestId, LogText.escape(reason), millis(start));
    HttpResponse bad = HttpResponse.error(400, "Unsupported event: " + reason);
    return JsonWriter.compact().writeUtf8(translator.encode(bad, EventFormat.REST_API, JsonObject.of()));
  }

  private byte[] scheduled(JsonObject root, String lambdaRequestId, long start) {
    String requestId = lambdaRequestId == null ? LogText.escape(textMember(root, "id")) : lambdaRequestId;
    if (job == null) {
      throw new IllegalStateException("A scheduled event arrived but no scheduled job is configured; "
          + "set one with ImsLambdaHandler.Builder.scheduledJob");
    }
    ScheduledEvent event;
    try {
      List<String> resources = new ArrayList<>();
      Optional<JsonArray> listed = root.findArray("resources");
      if (listed.isPresent()) {
        for (JsonValue r : listed.get().elements()) {
          resources.add(r.asString());
        }
      }
      event = new ScheduledEvent(textMember(root, "id"), textMember(root, "time"), resources,
          JsonWriter.compact().write(detail(root)));
    } catch (JsonException e) {
      throw new BadRequestException("Malformed scheduled event: " + e.getMessage(), e);
    }
    String answer = job.result(event);
    if (answer == null) {
      throw new IllegalStateException("the scheduled job returned no result");
    }
    byte[] body;
    try {
      body = JsonWriter.compact().writeUtf8(READER.read(answer).asObject());
    } catch (JsonException e) {
      throw new IllegalStateException("the scheduled job's result is not a JSON object", e);
    }
    LOG.info("{} scheduled event {} done {}ms", requestId, LogText.escape(event.id()), millis(start));
    return body;
  }

  // The options of a scheduled event: EventBridge's detail object; Scheduler's, which it sends as JSON
  // text ("{}"); or, for a direct invocation naming a job, the invocation itself.
  private static JsonObject detail(JsonObject root) {
    JsonValue detail = root.members().get("detail");
    if (detail == null || detail.isNull()) {
      return root.members().containsKey("job") ? root : JsonObject.of();
    }
    if (detail instanceof JsonString text) {
      JsonValue parsed = READER.read(text.value());
      if (parsed instanceof JsonObject o) {
        return o;
      }
      throw new BadRequestException("Malformed scheduled event: detail is text but not a JSON object");
    }
    return detail.asObject();
  }

  // An envelope's text member, or "-": a direct invocation's own members (a job's "id": 12) are not
  // the envelope's.
  private static String textMember(JsonObject root, String name) {
    return root.members().get(name) instanceof JsonString s ? s.value() : "-";
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Builds an {@link ImsLambdaHandler}. Not thread-safe. */
  public static final class Builder {
    private final HttpHandler handler;
    private String basePath = "";
    private boolean stripStage = true;
    private Cors cors;
    private ScheduledJob job;
    private boolean compression;

    private Builder(HttpHandler handler) {
      this.handler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * A path prefix removed from every request path when present, such as the base path of an API
     * Gateway custom-domain mapping ({@code /ims}). Default: none.
     *
     * @throws IllegalArgumentException when it does not start with {@code /} or holds {@code ?},
     *     {@code #}, {@code %} or whitespace
     */
    public Builder basePath(String basePath) {
      Objects.requireNonNull(basePath, "basePath");
      if (!basePath.startsWith("/") || !isPlainPath(basePath)) {
        throw new IllegalArgumentException("the base path must start with '/' and hold no ?, #, % or spaces");
      }
      String p = basePath;
      while (p.endsWith("/")) {
        p = p.substring(0, p.length() - 1);
      }
      this.basePath = p;
      return this;
    }

    private static boolean isPlainPath(String p) {
      for (int i = 0; i < p.length(); i++) {
        char c = p.charAt(i);
        if (c == '?' || c == '#' || c == '%' || Character.isWhitespace(c)) {
          return false;
        }
      }
      return true;
    }

    /** Whether a leading {@code /{stage}} is removed from paths (default true). */
    public Builder stripStage(boolean stripStage) {
      this.stripStage = stripStage;
      return this;
    }

    /** Answers CORS preflights and adds CORS headers for the configured origins. Default: no CORS. */
    public Builder cors(Cors cors) {
      this.cors = Objects.requireNonNull(cors, "cors");
      return this;
    }

    /** The job run for EventBridge scheduled events. Default: none (such events fail). */
    public Builder scheduledJob(ScheduledJob job) {
      this.job = Objects.requireNonNull(job, "job");
      return this;
    }

    /**
     * Whether textual answers of at least 1 KiB are gzip-compressed for requests that accept gzip
     * (default false). The answer then travels base64-encoded with {@code Content-Encoding: gzip}
     * and {@code Vary: Accept-Encoding}. HTTP APIs, Function URLs and load balancers pass such
     * answers on as they are; a REST API needs the binary media type <code>*&#47;*</code>.
     */
    public Builder compression(boolean compression) {
      this.compression = compression;
      return this;
    }

    /** The handler. */
    public ImsLambdaHandler build() {
      return new ImsLambdaHandler(this);
    }
  }
}
