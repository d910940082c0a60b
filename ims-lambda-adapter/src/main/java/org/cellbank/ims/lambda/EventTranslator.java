package org.cellbank.ims.lambda;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cellbank.ims.http.BadRequestException;
import org.cellbank.ims.http.Headers;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.UrlEncoding;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonString;
import org.cellbank.ims.http.internal.json.JsonValue;

/**
 * Converts events to {@link HttpRequest}s and {@link HttpResponse}s to the answer each event format
 * expects. Stateless apart from its settings; thread-safe.
 */
final class EventTranslator {
  private final String basePath;
  private final boolean stripStage;

  EventTranslator(String basePath, boolean stripStage) {
    this.basePath = basePath;
    this.stripStage = stripStage;
  }

  /** The event's own request id, or null. */
  static String eventRequestId(JsonObject event, EventFormat format) {
    if (format == EventFormat.ALB) {
      JsonValue h = event.members().get("headers");
      if (h instanceof JsonObject headers && headers.members().get("x-amzn-trace-id") instanceof JsonString s) {
        return s.value();
      }
      return null;
    }
    if (event.members().get("requestContext") instanceof JsonObject ctx
        && ctx.members().get("requestId") instanceof JsonString s) {
      return s.value();
    }
    return null;
  }

  HttpRequest decode(JsonObject event, EventFormat format, String requestId) {
    return switch (format) {
      case REST_API, HTTP_API_V1 -> decodeV1(event, format, requestId);
      case HTTP_API_V2, FUNCTION_URL -> decodeV2(event, format, requestId);
      case ALB -> decodeAlb(event, requestId);
      default -> throw new IllegalStateException("not an HTTP event: " + format);
    };
  }

  JsonObject encode(HttpResponse response, EventFormat format, JsonObject event) {
    return switch (format) {
      case HTTP_API_V2, FUNCTION_URL -> encodeV2(response);
      case ALB -> encodeAlb(response, event.members().containsKey("multiValueHeaders"));
      default -> encodeV1(response);
    };
  }

  private HttpRequest decodeV1(JsonObject e, EventFormat format, String requestId) {
    JsonObject ctx = e.findObject("requestContext").orElse(JsonObject.of());
    Optional<String> contextPath = ctx.findString("path");
    String rawPath = required(first(e.findString("path"), contextPath), "path");
    // The event path holds the stage only when it is the path the client sent, which
    // requestContext.path always is; on the execute-api domain it holds the stage and "path" does not.
    String stage = contextPath.isPresent() && contextPath.get().equals(rawPath)
        ? ctx.findString("stage").orElse("") : "";
    String path = path(rawPath, format == EventFormat.HTTP_API_V1, stage);
    HttpRequest.Builder b = HttpRequest.builder(method(e.findString("httpMethod")), path)
        .requestId(requestId);
    b.query(queryParameters(e, false));
    Headers headers = headers(e);
    b.headers(headers);
    cookiesFromHeader(headers, b);
    b.body(body(e));
    Optional<JsonObject> identity = ctx.findObject("identity");
    Optional<String> sourceIp = identity.isPresent() ? identity.get().findString("sourceIp") : Optional.empty();
    if (sourceIp.isPresent()) {
      b.sourceIp(sourceIp.get());
    }
    return b.build();
  }

  private HttpRequest decodeV2(JsonObject e, EventFormat format, String requestId) {
    JsonObject ctx = e.findObject("requestContext").orElse(JsonObject.of());
    JsonObject http = ctx.findObject("http").orElse(JsonObject.of());
    String rawPath = required(first(e.findString("rawPath"), http.findString("path")), "rawPath");
    String stage = ctx.findString("stage").orElse("");
    String path = path(rawPath, format == EventFormat.HTTP_API_V2, stage);
    HttpRequest.Builder b = HttpRequest.builder(method(http.findString("method")), path)
        .requestId(requestId);
    var raw = e.findString("rawQueryString");
    if (raw.isPresent()) {
      b.query(UrlEncoding.parseQuery(raw.get()));
    } else {
      b.query(queryParameters(e, false));
    }
    Headers headers = headers(e);
    b.headers(headers);
    var cookies = e.findArray("cookies");
    if (cookies.isPresent()) {
      for (JsonValue c : cookies.get().elements()) {
        addCookie(c.asString(), b);
      }
    } else {
      cookiesFromHeader(headers, b);
    }
    b.body(body(e));
    Optional<String> sourceIp = http.findString("sourceIp");
    if (sourceIp.isPresent()) {
      b.sourceIp(sourceIp.get());
    }
    return b.build();
  }

  private HttpRequest decodeAlb(JsonObject e, String requestId) {
    String rawPath = required(e.findString("path"), "path");
    HttpRequest.Builder b = HttpRequest.builder(method(e.findString("httpMethod")), path(rawPath, false, ""))
        .requestId(requestId);
    b.query(queryParameters(e, true));
    Headers headers = headers(e);
    b.headers(headers);
    cookiesFromHeader(headers, b);
    b.body(body(e));
    List<String> forwarded = headers.all("x-forwarded-for");
    if (!forwarded.isEmpty()) {
      String last = forwarded.get(forwarded.size() - 1);
      String ip = last.substring(last.lastIndexOf(',') + 1).trim();
      if (!ip.isEmpty()) {
        b.sourceIp(ip);
      }
    }
    return b.build();
  }

  private static String method(Optional<String> method) {
    return required(method, "HTTP method");
  }

  private static Optional<String> first(Optional<String> a, Optional<String> b) {
    return a.isPresent() ? a : b;
  }

  private static String required(Optional<String> value, String what) {
    if (value.isEmpty()) {
      throw new BadRequestException("The event has no " + what);
    }
    return value.get();
  }

  /** Headers from multiValueHeaders when present, else headers. */
  private static Headers headers(JsonObject e) {
    Headers.Builder h = Headers.builder();
    var multi = e.findObject("multiValueHeaders");
    if (multi.isPresent()) {
      for (Map.Entry<String, JsonValue> m : multi.get().members().entrySet()) {
        if (m.getValue().isNull()) {
          continue;
        }
        for (JsonValue v : m.getValue().asArray().elements()) {
          h.add(m.getKey(), v.asString());
        }
      }
      return h.build();
    }
    var single = e.findObject("headers");
    if (single.isPresent()) {
      for (Map.Entry<String, JsonValue> m : single.get().members().entrySet()) {
        if (!m.getValue().isNull()) {
          h.add(m.getKey(), m.getValue().asString());
        }
      }
    }
    return h.build();
  }

  /** Query parameters from the multi-value member when present, else the single-value one. */
  private static Map<String, List<String>> queryParameters(JsonObject e, boolean encoded) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    var multi = e.findObject("multiValueQueryStringParameters");
    if (multi.isPresent()) {
      for (Map.Entry<String, JsonValue> m : multi.get().members().entrySet()) {
        if (m.getValue().isNull()) {
          continue;
        }
        String name = encoded ? UrlEncoding.decode(m.getKey(), true) : m.getKey();
        for (JsonValue v : m.getValue().asArray().elements()) {
          String value = encoded ? UrlEncoding.decode(v.asString(), true) : v.asString();
          add(out, name, value);
        }
      }
      return out;
    }
    var single = e.findObject("queryStringParameters");
    if (single.isPresent()) {
      for (Map.Entry<String, JsonValue> m : single.get().members().entrySet()) {
        if (m.getValue().isNull()) {
          continue;
        }
        String name = encoded ? UrlEncoding.decode(m.getKey(), true) : m.getKey();
        String value = encoded ? UrlEncoding.decode(m.getValue().asString(), true) : m.getValue().asString();
        add(out, name, value);
      }
    }
    return out;
  }

  private static void add(Map<String, List<String>> map, String name, String value) {
    List<String> list = map.get(name);
    if (list == null) {
      list = new ArrayList<>(1);
      map.put(name, list);
    }
    list.add(value);
  }

  private static void cookiesFromHeader(Headers headers, HttpRequest.Builder b) {
    for (String line : headers.all("cookie")) {
      for (String part : line.split(";")) {
        addCookie(part, b);
      }
    }
  }

  private static void addCookie(String pair, HttpRequest.Builder b) {
    int eq = pair.indexOf('=');
    if (eq <= 0) {
      return;
    }
    String name = pair.substring(0, eq).trim();
    if (!name.isEmpty()) {
      b.cookie(name, pair.substring(eq + 1).trim());
    }
  }

  private static byte[] body(JsonObject e) {
    var body = e.findString("body");
    if (body.isEmpty()) {
      return new byte[0];
    }
    if (e.findBoolean("isBase64Encoded").orElse(false)) {
      try {
        return Base64.getDecoder().decode(body.get());
      } catch (IllegalArgumentException ex) {
        throw new BadRequestException("The body is marked base64 but is not valid base64", ex);
      }
    }
    return body.get().getBytes(StandardCharsets.UTF_8);
  }

  /** Makes the event's path a valid percent-encoded path, then strips the stage and base path. */
  String path(String eventPath, boolean decoded, String stage) {
    if (!eventPath.startsWith("/")) {
      throw new BadRequestException("The event path does not start with '/'");
    }
    String p = UrlEncoding.escapePath(eventPath, decoded);
    if (stripStage && !stage.isEmpty() && !stage.equals("$default")) {
      p = stripPrefix(p, "/" + stage);
    }
    if (!basePath.isEmpty()) {
      p = stripPrefix(p, basePath);
    }
    return p;
  }

  private static String stripPrefix(String path, String prefix) {
    if (path.equals(prefix)) {
      return "/";
    }
    if (path.startsWith(prefix) && path.charAt(prefix.length()) == '/') {
      return path.substring(prefix.length());
    }
    return path;
  }

  private static JsonObject encodeV1(HttpResponse r) {
    JsonObject.Builder single = JsonObject.builder();
    JsonObject.Builder multi = JsonObject.builder();
    for (Map.Entry<String, List<String>> h : r.headers().asMap().entrySet()) {
      if (h.getValue().size() == 1) {
        single.put(h.getKey(), h.getValue().get(0));
      }
      multi.putStrings(h.getKey(), h.getValue());
    }
    Body body = Body.of(r);
    return JsonObject.builder()
        .put("statusCode", r.status())
        .put("headers", single.build())
        .put("multiValueHeaders", multi.build())
        .put("body", body.text)
        .put("isBase64Encoded", body.base64)
        .build();
  }

  private static JsonObject encodeV2(HttpResponse r) {
    JsonObject.Builder headers = JsonObject.builder();
    List<String> cookies = new ArrayList<>();
    for (Map.Entry<String, List<String>> h : r.headers().asMap().entrySet()) {
      if (h.getKey().equals("set-cookie")) {
        cookies.addAll(h.getValue());
      } else {
        headers.put(h.getKey(), String.join(",", h.getValue()));
      }
    }
    Body body = Body.of(r);
    JsonObject.Builder out = JsonObject.builder()
        .put("statusCode", r.status())
        .put("headers", headers.build());
    if (!cookies.isEmpty()) {
      out.putStrings("cookies", cookies);
    }
    return out.put("body", body.text).put("isBase64Encoded", body.base64).build();
  }

  private static JsonObject encodeAlb(HttpResponse r, boolean multiValue) {
    JsonObject.Builder headers = JsonObject.builder();
    for (Map.Entry<String, List<String>> h : r.headers().asMap().entrySet()) {
      String name = h.getKey();
      List<String> values = h.getValue();
      if (multiValue) {
        headers.putStrings(name, values);
      } else if (name.equals("set-cookie")) {
        // One value per name in this mode: spell the name in a different case per cookie,
        // which HTTP treats as the same header.
        int n = Math.min(values.size(), 1 << name.replace("-", "").length());
        for (int i = 0; i < n; i++) {
          headers.put(caseVariant(name, i), values.get(i));
        }
      } else {
        headers.put(name, String.join(",", values));
      }
    }
    Body body = Body.of(r);
    return JsonObject.builder()
        .put("statusCode", r.status())
        .put("statusDescription", r.status() + " " + ReasonPhrases.of(r.status()))
        .put(multiValue ? "multiValueHeaders" : "headers", headers.build())
        .put("body", body.text)
        .put("isBase64Encoded", body.base64)
        .build();
  }

  /** The name with letters upper-cased where the bits of {@code variant} say so. */
  static String caseVariant(String name, int variant) {
    StringBuilder sb = new StringBuilder(name.length());
    int bit = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isLetter(c)) {
        sb.append((variant >> bit & 1) == 1 ? Character.toUpperCase(c) : c);
        bit++;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The response body as the event formats carry it: text, or base64 for binary content. */
  static final class Body {
    final String text;
    final boolean base64;

    private Body(String text, boolean base64) {
      this.text = text;
      this.base64 = base64;
    }

    static Body of(HttpResponse r) {
      byte[] bytes = r.body();
      if (bytes.length == 0) {
        return new Body("", false);
      }
      String type = r.contentType().orElse("");
      // An encoded body (gzip) is binary whatever its content type says.
      if (isTextual(type) && !r.headers().contains("Content-Encoding")) {
        try {
          String text = StandardCharsets.UTF_8.newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes)).toString();
          return new Body(text, false);
        } catch (CharacterCodingException e) {
          // Declared as text but not UTF-8: base64 keeps every byte.
        }
      }
      return new Body(Base64.getEncoder().encodeToString(bytes), true);
    }
  }

  /** Whether a content type is text that can travel as a JSON string. */
  static boolean isTextual(String contentType) {
    String t = contentType.toLowerCase(Locale.ROOT);
    int semi = t.indexOf(';');
    if (semi >= 0) {
      t = t.substring(0, semi);
    }
    t = t.trim();
    return t.startsWith("text/")
        || t.equals("application/json") || t.endsWith("+json")
        || t.equals("application/xml") || t.endsWith("+xml")
        || t.equals("application/javascript") || t.equals("application/x-www-form-urlencoded")
        || t.equals("application/x-ndjson") || t.equals("application/graphql");
  }
}
