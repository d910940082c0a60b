package org.cellbank.ims.examples.bench;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.examples.lambda.ImsApplication;
import org.cellbank.ims.examples.local.LocalHttpServer;
import org.cellbank.ims.examples.local.LocalServer;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.testkit.ImsPostgres;

/**
 * Measures the local server's HTTP throughput on the detail route and prints it: the same IMS
 * handler (embedded PostgreSQL, sample data, a partner key) served by the JDK's
 * {@code com.sun.net.httpserver} as the local server was ({@link JdkGatewayServer}) and by the
 * Jetty server of {@link LocalServer#serve}, one after the other in one run.
 *
 * <p>The load: {@code --connections} (8) keep-alive connections, each sending
 * {@code GET /api/v0/cell-lines/SAMEA2590882} (UKBi008-A) and waiting for the answer before the next, for
 * {@code --seconds} (20) per server after a 5 s warm-up of each. Printed: requests per second and the
 * p50, p99 and maximum latency. {@code -Dsun.net.httpserver.nodelay=false} measures the JDK server
 * as it was before no-delay. The handler's per-request log lines are silenced (WARN and above only)
 * so that console output does not take the measurement's place.
 *
 * <pre>{@code
 * ./mvnw -q -pl examples/benchmarks -am package -DskipTests
 * java -cp "examples/benchmarks/target/ims-benchmarks.jar:examples/benchmarks/target/lib/*" org.cellbank.ims.examples.bench.LocalServerBenchmark
 * }</pre>
 */
public final class LocalServerBenchmark {

  // UKBi008-A by its BioSamples id: the partner detail route.
  private static final String PATH = "/api/v0/cell-lines/SAMEA2590882";
  private static final int WARM_UP_SECONDS = 5;

  private LocalServerBenchmark() {}

  /** Runs the benchmark; options {@code --seconds N}, {@code --connections N}. */
  public static void main(String[] args) throws Exception {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    int seconds = 20;
    int connections = 8;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--connections" -> connections = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    try (ImsPostgres pg = ImsPostgres.builder().docker(false).build()) {
      pg.createDatabase("ims_bench");
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(pg.jdbcUrl("ims_bench"));
      config.setUsername(pg.user());
      config.setPassword(pg.password());
      // As the local server has it.
      config.setMaximumPoolSize(8);
      try (HikariDataSource dataSource = new HikariDataSource(config)) {
        SchemaMigrations.create(dataSource).migrate();
        CellLineRepository lines = CellLineRepository.create(dataSource);
        SampleDataLoader.create(lines).loadMissing(SampleData.all());
        ApiKeys keys = ApiKeys.create(dataSource);
        keys.createUser("partner", Role.PARTNER);
        String auth = "ApiKey partner:" + keys.issue("partner").key();
        ImsLambdaHandler handler = ImsApplication.builder().dataSource(dataSource)
            .auth(ApiKeyAuthentication.requiring(keys, Role.PARTNER)).cellLines(lines).build();

        HttpServer jdk = JdkGatewayServer.serve(handler);
        LocalHttpServer jetty = LocalServer.serve(handler, 0);
        try {
          int jdkPort = jdk.getAddress().getPort();
          System.out.printf(Locale.ROOT, "%d keep-alive connections, GET %s, %d s per server after a %d s warm-up"
              + " (%d CPUs, JDK no-delay %s)%n", connections, PATH, seconds, WARM_UP_SECONDS,
              Runtime.getRuntime().availableProcessors(), System.getProperty("sun.net.httpserver.nodelay"));
          load(jdkPort, auth, connections, WARM_UP_SECONDS);
          load(jetty.port(), auth, connections, WARM_UP_SECONDS);
          Result before = load(jdkPort, auth, connections, seconds);
          print("JDK com.sun.net.httpserver", before);
          Result after = load(jetty.port(), auth, connections, seconds);
          print("Jetty (LocalServer.serve)", after);
          System.out.printf(Locale.ROOT, "Jetty/JDK throughput: %.2f%n", after.perSecond() / before.perSecond());
        } finally {
          jetty.close();
          jdk.stop(0);
        }
      }
    }
  }

  private static void print(String server, Result r) {
    System.out.printf(Locale.ROOT, "%-28s %8.0f requests/s   p50 %6.2f ms   p99 %6.2f ms   max %7.2f ms   (%d requests)%n",
        server, r.perSecond(), r.percentile(0.50), r.percentile(0.99), r.percentile(1.0), r.latencies().length);
  }

  /** What one load run measured: its requests' latencies in nanoseconds, sorted, and its length. */
  private record Result(long[] latencies, double seconds) {
    double perSecond() {
      return latencies.length / seconds;
    }

    double percentile(double p) {
      int i = (int) Math.ceil(p * latencies.length) - 1;
      return latencies[Math.max(0, Math.min(latencies.length - 1, i))] / 1e6;
    }
  }

  private static Result load(int port, String auth, int connections, int seconds) throws Exception {
    byte[] request = ("GET " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + auth
        + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    List<long[]> perConnection = new ArrayList<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    long start = System.nanoTime();
    for (int c = 0; c < connections; c++) {
      int index = c;
      perConnection.add(null);
      Thread t = new Thread(() -> {
        try {
          perConnection.set(index, client(port, request, end));
        } catch (Exception e) {
          failure.compareAndSet(null, e);
        }
      }, "load-" + c);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (failure.get() != null) {
      throw failure.get();
    }
    long[] all = perConnection.stream().flatMapToLong(Arrays::stream).toArray();
    Arrays.sort(all);
    return new Result(all, elapsed);
  }

  // One keep-alive connection: request, whole answer, next request, until the end.
  private static long[] client(int port, byte[] request, long end) throws IOException {
    long[] latencies = new long[1 << 14];
    int n = 0;
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(10_000);
      InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024);
      OutputStream out = socket.getOutputStream();
      for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
        out.write(request);
        out.flush();
        readAnswer(in);
        if (n == latencies.length) {
          latencies = Arrays.copyOf(latencies, n * 2);
        }
        latencies[n++] = System.nanoTime() - now;
      }
    }
    return Arrays.copyOf(latencies, n);
  }

  private static void readAnswer(InputStream in) throws IOException {
    String status = line(in);
    if (!status.startsWith("HTTP/1.1 200")) {
      throw new IOException("expected 200, got: " + status);
    }
    int length = -1;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
        length = Integer.parseInt(header.substring(15).trim());
      }
    }
    if (length < 0) {
      throw new IOException("an answer without content-length");
    }
    if (in.readNBytes(length).length != length) {
      throw new IOException("the connection closed inside a body");
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new IOException("the connection closed");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
