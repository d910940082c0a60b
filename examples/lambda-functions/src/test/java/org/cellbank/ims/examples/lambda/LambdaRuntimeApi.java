package org.cellbank.ims.examples.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Lambda Runtime API (2018-06-01) as Lambda serves it to a function's runtime, on 127.0.0.1:
 * {@code GET /runtime/invocation/next} hands out the queued events one at a time (holding the poll
 * until there is one), with the request id, deadline, function ARN and trace headers; the runtime
 * posts the answer to {@code /invocation/{id}/response} or the failure to {@code /invocation/{id}/error},
 * and an init failure to {@code /runtime/init/error}.
 */
final class LambdaRuntimeApi implements AutoCloseable {
  private static final String PREFIX = "/2018-06-01/runtime/";
  static final String FUNCTION_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:ims-it";

  /** What the runtime posted for one invocation (or for init). */
  record Outcome(boolean error, String body, String errorType) {}

  private record Pending(String id, byte[] event) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Map<String, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();
  private final CompletableFuture<Outcome> initError = new CompletableFuture<>();
  private final List<String> unexpected = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  LambdaRuntimeApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(executor);
    server.createContext(PREFIX, this::serve);
    server.start();
  }

  /** {@code 127.0.0.1:<port>}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Queues {@code event} for the runtime and waits for what it posts back.
   *
   * @throws TimeoutException when the runtime posted nothing within {@code timeout}
   */
  Outcome invoke(byte[] event, Duration timeout) throws Exception {
    String id = UUID.randomUUID().toString();
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    outcomes.put(id, outcome);
    queue.put(new Pending(id, event));
    return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** What the runtime posted to {@code /runtime/init/error}, waiting up to {@code timeout}. */
  Outcome initError(Duration timeout) throws Exception {
    return initError.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Calls the Runtime API does not serve, or answers for unknown request ids. */
  List<String> unexpected() {
    return List.copyOf(unexpected);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (method.equals("GET") && path.equals(PREFIX + "invocation/next")) {
        Pending next = null;
        while (next == null && !closed) {
          next = queue.poll(200, TimeUnit.MILLISECONDS);
        }
        if (next == null) {
          reply(exchange, 500, "{\"errorMessage\":\"shutting down\"}");
          return;
        }
        // The native client needs every one of these headers (without Content-Type it crashes).
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", next.id());
        exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms",
            Long.toString(System.currentTimeMillis() + Duration.ofMinutes(15).toMillis()));
        exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN);
        exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id",
            "Root=1-6745f0a0-" + next.id().replace("-", "").substring(0, 24) + ";Parent=53995c3f42cd8ad8;Sampled=0");
        exchange.sendResponseHeaders(200, next.event().length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(next.event());
        }
        return;
      }
      String text = new String(body, StandardCharsets.UTF_8);
      String errorType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
      if (method.equals("POST") && path.equals(PREFIX + "init/error")) {
        initError.complete(new Outcome(true, text, errorType));
        reply(exchange, 202, "{\"status\":\"OK\"}");
        return;
      }
      if (method.equals("POST") && path.startsWith(PREFIX + "invocation/")) {
        String rest = path.substring((PREFIX + "invocation/").length());
        int slash = rest.indexOf('/');
        CompletableFuture<Outcome> outcome = slash < 0 ? null : outcomes.get(rest.substring(0, slash));
        String kind = slash < 0 ? "" : rest.substring(slash + 1);
        if (outcome != null && (kind.equals("response") || kind.equals("error"))) {
          outcome.complete(new Outcome(kind.equals("error"), text, errorType));
          reply(exchange, 202, "{\"status\":\"OK\"}");
          return;
        }
      }
      unexpected.add(method + " " + path + " " + text);
      reply(exchange, 404, "{\"errorMessage\":\"unknown path\"}");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
    executor.shutdownNow();
  }
}
