package org.cellbank.ims.examples.local;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.IssuedKey;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.examples.ImsApplication;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.testkit.ImsPostgres;

/**
 * The whole IMS on one machine with embedded defaults: an embedded PostgreSQL whose data survive
 * restarts, the schema migrated, the sample data loaded into an empty database, a partner API key,
 * and HTTP on {@code 127.0.0.1} served through the very Lambda handler deployed on AWS (each
 * request is turned into an API Gateway HTTP API event).
 *
 * <p>Options: {@code --port N} (default 8080), {@code --data-dir DIR} (default {@code ims-data}
 * in the working directory).
 */
public final class LocalServer {

  /** The partner user whose key the server prints at start. */
  public static final String PARTNER_USER = "partner";

  private LocalServer() {}

  /** Starts the server and serves until the process is stopped. */
  public static void main(String[] args) throws Exception {
    int port = 8080;
    Path dataDir = Path.of("ims-data");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
        case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir"));
        case "--help", "-h" -> {
          System.out.println("usage: LocalServer [--port 8080] [--data-dir ims-data]");
          return;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
      }
    }
    ImsPostgres postgres = ImsPostgres.builder().docker(false).dataDirectory(dataDir.resolve("postgres").toAbsolutePath()).build();
    postgres.createDatabase("ims");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgres.jdbcUrl("ims"));
    config.setUsername(postgres.user());
    config.setPassword(postgres.password());
    config.setMaximumPoolSize(8);
    config.setPoolName("ims-local");
    HikariDataSource dataSource = new HikariDataSource(config);

    SchemaMigrations.create(dataSource).migrate();
    CellLineRepository lines = CellLineRepository.create(dataSource);
    if (lines.count() == 0) {
      int loaded = SampleDataLoader.create(lines).loadMissing(SampleData.all());
      System.out.printf("Loaded %d sample cell lines into the empty database.%n", loaded);
    }
    ApiKeys apiKeys = ApiKeys.create(dataSource);
    if (!apiKeys.userExists(PARTNER_USER)) {
      apiKeys.createUser(PARTNER_USER, Role.PARTNER);
    }
    IssuedKey key = apiKeys.issue(PARTNER_USER);

    ImsLambdaHandler handler = ImsApplication.handler(dataSource, ApiKeyAuthentication.requiring(apiKeys, Role.PARTNER));
    HttpServer server = serve(handler, port);
    int actual = server.getAddress().getPort();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop(1);
      dataSource.close();
      postgres.close();
      stopped.countDown();
    }, "ims-local-stop"));

    System.out.printf("%nIMS is running on http://127.0.0.1:%d (data in %s)%n", actual, dataDir.toAbsolutePath());
    System.out.printf("Send this header with every request:%n  Authorization: ApiKey %s:%s%n", PARTNER_USER, key.key());
    System.out.printf("Try:%n  curl -H 'Authorization: ApiKey %s:%s' http://127.0.0.1:%d/api/v0/cell-lines/SAMEA2590882%n",
        PARTNER_USER, key.key(), actual);
    System.out.println("Stop with Ctrl+C.");
    stopped.await();
  }

  /** Serves {@code handler} over HTTP on 127.0.0.1:{@code port} (0 picks a free port). */
  public static HttpServer serve(ImsLambdaHandler handler, int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    ExecutorService executor = Executors.newFixedThreadPool(8);
    server.setExecutor(executor);
    server.createContext("/", new GatewayBridge(handler));
    server.start();
    return server;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
