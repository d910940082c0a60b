package org.cellbank.ims.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link TestFunction} under the real AWS Lambda runtime interface client, in a child JVM,
 * against a Runtime API (2018-06-01) served by this test, the way Lambda runs a function.
 */
class RuntimeInterfaceClientTest {
  private static final String PREFIX = "/2018-06-01/runtime/";
  private static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  private static final String REQUEST_ID = "8476a536-e9f4-11e8-9739-2dfe598c3fcd";

  private final CompletableFuture<String> response = new CompletableFuture<>();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final AtomicBoolean delivered = new AtomicBoolean();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private HttpServer server;
  private Process child;

  @AfterEach
  void tearDown() throws InterruptedException {
    stop.countDown();
    if (child != null) {
      child.destroy();
      if (!child.waitFor(10, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
    if (server != null) {
      server.stop(0);
    }
    executor.shutdownNow();
  }

  @Test
  void realRuntimeClient_postsTheHandlersApiGatewayResponse(@TempDir Path taskRoot) throws Exception {
    byte[] event = Events.bytes("rest-v1-get-cell-line.json");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(executor);
    server.createContext(PREFIX, exchange -> serve(exchange, event));
    server.start();

    Path log = taskRoot.resolve("child.log");
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
        "-XX:ErrorFile=" + taskRoot.resolve("hs_err_%p.log"),
        "-cp", System.getProperty("java.class.path"),
        RIC_MAIN, TestFunction.class.getName() + "::handleRequest")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    String path = env.getOrDefault("PATH", "/usr/bin:/bin");
    env.clear();
    env.put("PATH", path);
    env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + server.getAddress().getPort());
    env.put("_HANDLER", TestFunction.class.getName() + "::handleRequest");
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
    env.put("AWS_LAMBDA_FUNCTION_NAME", "ims-test");
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/ims-test");
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/28/[$LATEST]00000000000000000000000000000000");
    env.put("AWS_REGION", "eu-west-1");
    env.put("TZ", ":UTC");
    child = pb.start();

    String posted;
    try {
      posted = response.get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no response from the runtime client (alive: " + child.isAlive()
          + ", requests: " + requests + "); its output:\n" + Files.readString(log), e);
    }

    JsonObject r = JsonReader.create().read(posted).asObject();
    assertThat(r.findNumber("statusCode").orElseThrow().longValue()).isEqualTo(200L);
    assertThat(r.findBoolean("isBase64Encoded")).hasValue(false);
    JsonObject body = JsonReader.create().read(r.findString("body").orElseThrow()).asObject();
    assertThat(body.findString("biosamples_id")).hasValue("SAMEA2590882");
  }

  private void serve(HttpExchange exchange, byte[] event) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.add(exchange.getRequestMethod() + " " + path);
    try {
      if (path.equals(PREFIX + "invocation/next")) {
        if (delivered.compareAndSet(false, true)) {
          // The native client needs every one of these headers (without Content-Type it crashes).
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", REQUEST_ID);
          exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms",
              Long.toString(System.currentTimeMillis() + 60_000));
          exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn",
              "arn:aws:lambda:eu-west-1:123456789012:function:ims-test");
          exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id",
              "Root=1-00000000-000000000000000000000000;Sampled=0");
          reply(exchange, 200, event);
        } else {
          // The client polls again after answering: hold the poll until the test ends.
          stop.await();
          reply(exchange, 500, new byte[0]);
        }
      } else if (path.equals(PREFIX + "invocation/" + REQUEST_ID + "/response")) {
        response.complete(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        reply(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
      } else {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        response.completeExceptionally(new AssertionError("runtime client called " + path + ": " + body));
        reply(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
