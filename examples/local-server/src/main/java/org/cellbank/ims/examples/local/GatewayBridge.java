package org.cellbank.ims.examples.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonString;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.cellbank.ims.http.internal.json.JsonWriter;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves plain HTTP through the Lambda handler: each request becomes a Lambda Function URL
 * (payload 2.0) event, and the handler's answer becomes the HTTP response, as API Gateway does.
 * Blocking: runs on the server's worker threads.
 */
final class GatewayBridge extends Handler.Abstract {

  /** The largest body passed on, as a Lambda function's payload limit allows (6 MiB). */
  static final int MAX_BODY = 6 * 1024 * 1024;
  /** The message of the 413 answer to a larger body. */
  static final String TOO_LARGE = "The request body is larger than " + MAX_BODY
      + " bytes, the most a Lambda function accepts";
  // A larger body is read and dropped up to this size so the client sees the 413 (a connection
  // closed with unread bytes is reset, and the answer with it); beyond, the connection is closed.
  private static final long MAX_DISCARD = 64L * 1024 * 1024;
  private static final HttpResponse NOT_ASCII = HttpResponse.error(400,
      "The path and query must be ASCII, every other character percent-encoded as UTF-8");
  private final ImsLambdaHandler handler;

  GatewayBridge(ImsLambdaHandler handler) {
    this.handler = handler;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws IOException {
    if (!isAscii(request.getHttpURI().getPath()) || !isAscii(request.getHttpURI().getQuery())) {
      send(request, response, callback, 400, Map.of("content-type", HttpResponse.JSON_CONTENT_TYPE), List.of(),
          NOT_ASCII.body());
      return true;
    }
    byte[] body;
    try (InputStream in = Content.Source.asInputStream(request)) {
      body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        dropRest(request, response, in);
        send(request, response, callback, 413, Map.of("content-type", HttpResponse.JSON_CONTENT_TYPE),
            List.of(), tooLarge().body());
        return true;
      }
    }
    byte[] answer = handler.handle(JsonWriter.compact().writeUtf8(event(request, body)));
    JsonObject result = JsonReader.create().read(answer).asObject();
    int status = (int) result.findNumber("statusCode").orElseThrow().longValue();
    Map<String, String> headers = new LinkedHashMap<>();
    result.findObject("headers").ifPresent(h -> h.members().forEach((name, value) -> {
      if (value instanceof JsonString s) {
        headers.put(name, s.value());
      }
    }));
    List<String> cookies = new ArrayList<>();
    result.findArray("cookies").ifPresent(c -> c.elements().forEach(v -> cookies.add(v.asString())));
    String text = result.findString("body").orElse("");
    byte[] out = result.findBoolean("isBase64Encoded").orElse(false)
        ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
    send(request, response, callback, status, headers, cookies, out);
    return true;
  }

  /**
   * Whether a raw path or query is printable ASCII, as RFC 3986 wants it (other characters
   * percent-encoded). The server has already turned unencoded bytes over 0x7f into characters, an
   * invalid sequence into U+FFFD, so only refusing them keeps the handler's strict decoding whole.
   */
  static boolean isAscii(String raw) {
    if (raw == null) {
      return true;
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** The answer to a body over {@link #MAX_BODY}. */
  static HttpResponse tooLarge() {
    return HttpResponse.error(413, TOO_LARGE);
  }

  /**
   * Before an answer that does not read the request's body: reads and drops the rest of it, up to
   * {@link #MAX_DISCARD} bytes, so the client, still sending, sees the answer; a larger declared
   * body closes the connection after the answer instead.
   */
  static void dropRest(Request request, Response response, InputStream in) throws IOException {
    long declared = request.getLength();
    if (declared < 0 || declared <= MAX_DISCARD) {
      discard(in);
    } else {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
  }

  private static void discard(InputStream in) throws IOException {
    long left = MAX_DISCARD;
    byte[] buffer = new byte[64 * 1024];
    int n;
    while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
      left -= n;
    }
  }

  /** Writes an answer; the body is left out where HTTP has none (HEAD, 204, 304). */
  static void send(Request request, Response response, Callback callback, int status, Map<String, String> headers,
      List<String> cookies, byte[] body) {
    response.setStatus(status);
    for (Map.Entry<String, String> h : headers.entrySet()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      // The server frames the body itself, as API Gateway does.
      if (!name.equals("content-length") && !name.equals("transfer-encoding") && !name.equals("connection")) {
        response.getHeaders().add(h.getKey(), h.getValue());
      }
    }
    for (String cookie : cookies) {
      response.getHeaders().add(HttpHeader.SET_COOKIE, cookie);
    }
    if (status == HttpStatus.NO_CONTENT_204) {
      response.write(true, null, callback);
      return;
    }
    if (status == HttpStatus.NOT_MODIFIED_304 || "HEAD".equals(request.getMethod())) {
      response.write(true, null, callback);
    } else {
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
      response.write(true, ByteBuffer.wrap(body), callback);
    }
  }

  // The payload 2.0 event of a Lambda Function URL: like an HTTP API's, but the path travels
  // percent-encoded as the client sent it, so the adapter's strict decoding applies to it (an
  // encoded '/' stays inside its segment, invalid UTF-8 is a 400), as it does on Lambda.
  private static JsonObject event(Request request, byte[] body) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    List<String> cookies = new ArrayList<>();
    for (HttpField field : request.getHeaders()) {
      String name = field.getLowerCaseName();
      String value = field.getValue() == null ? "" : field.getValue();
      if (name.equals("cookie")) {
        for (String c : value.split(";")) {
          if (!c.isBlank()) {
            cookies.add(c.trim());
          }
        }
      } else {
        fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
    }
    JsonObject.Builder headers = JsonObject.builder();
    fields.forEach((name, values) -> headers.put(name, String.join(",", values)));
    String requestId = UUID.randomUUID().toString();
    Instant now = Instant.now();
    String rawPath = request.getHttpURI().getPath();
    String rawQuery = request.getHttpURI().getQuery();
    String userAgent = request.getHeaders().get(HttpHeader.USER_AGENT);
    JsonObject http = JsonObject.builder()
        .put("method", request.getMethod())
        .put("path", rawPath)
        .put("protocol", request.getConnectionMetaData().getProtocol())
        .put("sourceIp", Request.getRemoteAddr(request))
        .put("userAgent", userAgent == null ? "" : userAgent)
        .build();
    JsonObject context = JsonObject.builder()
        .put("accountId", "local")
        .put("apiId", "local")
        .put("domainName", "localhost.lambda-url.local.on.aws")
        .put("domainPrefix", "localhost")
        .put("http", http)
        .put("requestId", requestId)
        .put("routeKey", "$default")
        .put("stage", "$default")
        .put("time", now.toString())
        .put("timeEpoch", now.toEpochMilli())
        .build();
    JsonObject.Builder e = JsonObject.builder()
        .put("version", "2.0")
        .put("routeKey", "$default")
        .put("rawPath", rawPath)
        .put("rawQueryString", rawQuery == null ? "" : rawQuery)
        .put("headers", headers.build())
        .put("requestContext", context)
        .put("isBase64Encoded", body.length > 0);
    if (!cookies.isEmpty()) {
      e.put("cookies", new JsonArray(cookies.stream().<JsonValue>map(JsonString::new).toList()));
    }
    if (body.length > 0) {
      e.put("body", Base64.getEncoder().encodeToString(body));
    }
    return e.build();
  }
}
