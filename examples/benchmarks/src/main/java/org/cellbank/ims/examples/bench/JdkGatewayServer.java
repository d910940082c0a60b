package org.cellbank.ims.examples.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonString;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.cellbank.ims.http.internal.json.JsonWriter;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.http.HttpResponse;

/**
 * The baseline of {@link LocalServerBenchmark}: the local server as it was on the JDK's
 * {@code com.sun.net.httpserver} (no-delay on, 8 worker threads), each request turned into the same
 * Lambda Function URL event as the Jetty server's bridge builds.
 */
final class JdkGatewayServer implements com.sun.net.httpserver.HttpHandler {

  private static final int MAX_BODY = 6 * 1024 * 1024;
  private final ImsLambdaHandler handler;

  private JdkGatewayServer(ImsLambdaHandler handler) {
    this.handler = handler;
  }

  /**
   * Serves {@code handler} on 127.0.0.1 on a free port. No-delay is on unless
   * {@code -Dsun.net.httpserver.nodelay=false} asks for the server as it was before it.
   */
  static HttpServer serve(ImsLambdaHandler handler) throws IOException {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "jdk-http");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", new JdkGatewayServer(handler));
    server.start();
    return server;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        exchange.getResponseHeaders().add("Content-Type", HttpResponse.JSON_CONTENT_TYPE);
        send(exchange, 413, HttpResponse.error(413, "The request body is larger than " + MAX_BODY
            + " bytes, the most API Gateway accepts").body());
        return;
      }
      byte[] answer = handler.handle(JsonWriter.compact().writeUtf8(event(exchange, body)));
      JsonObject response = JsonReader.create().read(answer).asObject();
      int status = (int) response.findNumber("statusCode").orElseThrow().longValue();
      response.findObject("headers").ifPresent(h -> h.members().forEach((name, value) -> {
        if (value instanceof JsonString s) {
          exchange.getResponseHeaders().add(name, s.value());
        }
      }));
      response.findArray("cookies").ifPresent(c -> c.elements().forEach(
          v -> exchange.getResponseHeaders().add("Set-Cookie", v.asString())));
      String text = response.findString("body").orElse("");
      byte[] out = response.findBoolean("isBase64Encoded").orElse(false)
          ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
      send(exchange, status, out);
    }
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod()) || status == 204 || status == 304;
    exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  // The payload 2.0 event of a Lambda Function URL: like an HTTP API's, but the path travels
  // percent-encoded as the client sent it, so the adapter's strict decoding applies to it (an
  // encoded '/' stays inside its segment, invalid UTF-8 is a 400), as it does on Lambda.
  private static JsonObject event(HttpExchange exchange, byte[] body) {
    URI uri = exchange.getRequestURI();
    JsonObject.Builder headers = JsonObject.builder();
    List<String> cookies = new ArrayList<>();
    for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (name.equals("cookie")) {
        for (String v : h.getValue()) {
          for (String c : v.split(";")) {
            if (!c.isBlank()) {
              cookies.add(c.trim());
            }
          }
        }
      } else {
        headers.put(name, String.join(",", h.getValue()));
      }
    }
    String requestId = UUID.randomUUID().toString();
    Instant now = Instant.now();
    String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
    JsonObject http = JsonObject.builder()
        .put("method", exchange.getRequestMethod())
        .put("path", uri.getRawPath())
        .put("protocol", exchange.getProtocol())
        .put("sourceIp", sourceIp)
        .put("userAgent", exchange.getRequestHeaders().getFirst("User-Agent") == null ? ""
            : exchange.getRequestHeaders().getFirst("User-Agent"))
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
        .put("rawPath", uri.getRawPath())
        .put("rawQueryString", uri.getRawQuery() == null ? "" : uri.getRawQuery())
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
