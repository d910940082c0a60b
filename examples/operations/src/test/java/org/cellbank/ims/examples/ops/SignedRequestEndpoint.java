package org.cellbank.ims.examples.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * A local AWS endpoint on 127.0.0.1 that checks every request's SigV4 signature: it signs the
 * received request again with the SDK's own signer ({@link AwsV4HttpSigner}), with the secret it
 * expects and the request's {@code X-Amz-Date}, and compares the result with the request's
 * {@code Authorization} header. A request that does not match is answered 403 (as AWS does) and
 * recorded in {@link #signatureFailures()}. Requests that pass get the next queued answer.
 */
final class SignedRequestEndpoint implements AutoCloseable {
  static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final String REGION = "eu-west-1";

  private static final Pattern AUTHORIZATION = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

  /** A request as received, once its signature was checked. */
  record Received(String method, String path, Map<String, String> query, Map<String, String> headers, String body,
      String service, String region, boolean signatureValid) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** A canned answer. */
  record Answer(int status, Map<String, String> headers, String body) {
    static Answer json(int status, String body) {
      return new Answer(status, Map.of("Content-Type", "application/json"), body);
    }

    static Answer xml(String body) {
      return new Answer(200, Map.of("Content-Type", "text/xml"), body);
    }
  }

  private final String expectedSecret;
  private final HttpServer server;
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private final List<String> signatureFailures = Collections.synchronizedList(new ArrayList<>());
  private final Deque<Answer> answers = new ArrayDeque<>();

  /** An endpoint that expects requests signed with {@link #SECRET}. */
  SignedRequestEndpoint() throws IOException {
    this(SECRET);
  }

  /** An endpoint that expects requests signed with {@code expectedSecret}. */
  SignedRequestEndpoint(String expectedSecret) throws IOException {
    this.expectedSecret = expectedSecret;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Queues the answer to the next correctly signed request. */
  SignedRequestEndpoint then(Answer answer) {
    synchronized (answers) {
      answers.add(answer);
    }
    return this;
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  List<String> signatureFailures() {
    return List.copyOf(signatureFailures);
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Clients as the tool builds them, but on this endpoint, with static credentials and a fixed region. */
  Clients clients(String secret) {
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, secret));
    Region region = Region.of(REGION);
    return new Clients(
        () -> LambdaClient.builder().endpointOverride(uri()).region(region).credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build(),
        () -> CloudFormationClient.builder().endpointOverride(uri()).region(region).credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build(),
        () -> CloudWatchLogsClient.builder().endpointOverride(uri()).region(region).credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, String> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
          String.join(",", values)));
      String rawPath = exchange.getRequestURI().getRawPath();
      String rawQuery = exchange.getRequestURI().getRawQuery();
      Map<String, String> query = query(rawQuery);
      String authorization = headers.getOrDefault("authorization", "");
      Matcher m = AUTHORIZATION.matcher(authorization);
      String service = null;
      String region = null;
      boolean valid = false;
      String failure;
      if (!m.matches()) {
        failure = "no SigV4 Authorization header: " + authorization;
      } else {
        service = m.group(4);
        region = m.group(3);
        String expected = resign(exchange.getRequestMethod(), rawPath, query, headers, body, m.group(5), service, region);
        valid = expected.equals(authorization) && m.group(1).equals(ACCESS_KEY);
        failure = valid ? null : "signature mismatch for " + exchange.getRequestMethod() + " " + rawPath
            + ":\n  sent     " + authorization + "\n  expected " + expected;
      }
      received.add(new Received(exchange.getRequestMethod(), rawPath, query, Map.copyOf(headers),
          new String(body, StandardCharsets.UTF_8), service, region, valid));
      Answer answer;
      if (failure != null) {
        signatureFailures.add(failure);
        answer = new Answer(403, Map.of("Content-Type", "application/json", "x-amzn-ErrorType",
            "InvalidSignatureException"), "{\"message\":\"The request signature we calculated does not match the "
            + "signature you provided.\"}");
      } else {
        synchronized (answers) {
          answer = answers.poll();
        }
        if (answer == null) {
          answer = new Answer(500, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "ServiceException"),
              "{\"message\":\"the test queued no answer for " + rawPath + "\"}");
        }
      }
      answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  // The request rebuilt from what arrived (the headers it names as signed, its path, query and
  // body), signed again by the SDK's signer at the time it was signed, with the expected secret.
  private String resign(String method, String rawPath, Map<String, String> query, Map<String, String> headers,
      byte[] body, String signedHeaders, String service, String region) {
    SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
        .protocol("http").host("127.0.0.1").port(server.getAddress().getPort()).encodedPath(rawPath);
    query.forEach(request::putRawQueryParameter);
    for (String name : signedHeaders.split(";")) {
      String value = headers.get(name);
      if (value != null) {
        request.putHeader(name, value);
      }
    }
    String amzDate = headers.getOrDefault("x-amz-date", "19700101T000000Z");
    Clock signedAt = Clock.fixed(LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsBasicCredentials.create(ACCESS_KEY, expectedSecret))
        .request(request.build())
        .payload(ContentStreamProvider.fromByteArray(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(HttpSigner.SIGNING_CLOCK, signedAt));
    return signed.request().firstMatchingHeader("Authorization").orElse("(none)");
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
