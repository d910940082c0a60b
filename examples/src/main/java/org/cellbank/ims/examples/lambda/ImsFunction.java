package org.cellbank.ims.examples.lambda;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.cellbank.ims.core.api.V0Json;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.http.HttpResponse;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.examples.ImsApplication;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.lambda.LambdaDataSource;
import org.cellbank.ims.lambda.LambdaEntryPoint;
import org.cellbank.ims.lambda.ScheduledJob;
import org.cellbank.ims.lambda.SecretsExtension;

/**
 * The IMS Lambda function: the partner API behind API-key authentication, assembled once per
 * container from environment variables. Handler: {@code org.cellbank.ims.examples.lambda.ImsFunction::handleRequest}.
 *
 * <p>Environment:
 * <ul>
 *   <li>{@code IMS_JDBC_URL} (required), e.g. {@code jdbc:postgresql://host:5432/ims}; use an RDS
 *       Proxy endpoint when many containers run at once;
 *   <li>{@code IMS_DB_SECRET_ID}: the name or ARN of a Secrets Manager secret holding the
 *       database {@code username} and {@code password} (an RDS-managed secret, for instance), read
 *       through the AWS Parameters and Secrets Lambda Extension (add its layer); or else
 *   <li>{@code IMS_JDBC_USER}, {@code IMS_JDBC_PASSWORD};
 *   <li>{@code IMS_DB_POOL_SIZE}: 1 or 2 connections per container (default 2);
 *   <li>{@code IMS_API_MAX_LIMIT}: the largest page of the list endpoints, 1 to 1000 (default 250:
 *       a page of whole cell lines is about 12 KB a record, and Lambda answers at most 6 MB);
 *   <li>{@code IMS_COMPRESSION}: gzip answers for clients that accept it (default true; set false
 *       behind a REST API without the binary media type {@code *}{@code /*});
 *   <li>{@code IMS_HPSCREG_URL} (optional): the hPSCreg export URL; when set, an EventBridge
 *       scheduled event runs the nightly job ({@link NightlyJob}): the import
 *       ({@code IMS_HPSCREG_USER}, {@code IMS_HPSCREG_PASSWORD}, {@code IMS_IMPORT_BUDGET_MINUTES},
 *       default 13), the ECACC availability check ({@code IMS_ECACC_URL}), then the search outbox
 *       drain or, on an event with {@code "detail": {"rebuild": true}}, a rebuild
 *       ({@code IMS_OPENSEARCH_URL} or {@code IMS_OPENSEARCH_HOST} with {@code AWS_REGION},
 *       {@code IMS_OPENSEARCH_INDEX}, {@code IMS_OPENSEARCH_REPLICAS}).
 * </ul>
 *
 * <p>The database must be migrated beforehand (the function never migrates at init, which would
 * slow every cold start). A missing variable or an unreachable database fails the init phase.
 */
public final class ImsFunction extends LambdaEntryPoint {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /**
   * Set this system property to {@code false} (in {@code JAVA_TOOL_OPTIONS}) to skip the warm-up
   * at init, for instance to measure what it saves.
   */
  public static final String WARM_UP_PROPERTY = "ims.lambda.warmUp";

  static {
    // jOOQ builds and logs a banner and a tip on first use, in every cold start; skip both
    // unless the deployment asks for them (JAVA_TOOL_OPTIONS=-Dorg.jooq.no-logo=false).
    defaultProperty("org.jooq.no-logo", "true");
    defaultProperty("org.jooq.no-tips", "true");
  }

  /** Called by the Lambda runtime once per container. */
  public ImsFunction() {
    super(() -> assemble(System.getenv()));
  }

  /**
   * Builds the handler from the given environment, as the constructor does with the process's
   * (for tests and benchmarks that run the function without a Lambda runtime).
   *
   * @throws IllegalStateException when a variable is missing or invalid, or the database cannot be reached
   */
  public static ImsLambdaHandler assemble(Map<String, String> env) {
    int pool = Integer.parseInt(env.getOrDefault("IMS_DB_POOL_SIZE", "2"));
    if (pool < 1 || pool > 2) {
      throw new IllegalStateException("IMS_DB_POOL_SIZE must be 1 or 2 in a Lambda container: " + pool);
    }
    LambdaDataSource.Builder db = LambdaDataSource.builder().url(required(env, "IMS_JDBC_URL")).maxConnections(pool);
    String secretId = env.get("IMS_DB_SECRET_ID");
    if (secretId != null && !secretId.isBlank()) {
      // Read when a connection opens (on the background thread at init), so a rotated secret is
      // picked up by the next connection.
      SecretsExtension secrets = SecretsExtension.fromEnvironment(env);
      db.credentials(() -> secrets.databaseCredentials(secretId));
    } else {
      db.user(required(env, "IMS_JDBC_USER")).password(required(env, "IMS_JDBC_PASSWORD"));
    }
    LambdaDataSource dataSource = db.build();
    boolean warmUp = !"false".equals(System.getProperty(WARM_UP_PROPERTY));
    // First of all: the connection opens on a second thread, which then runs the first request's
    // two queries once, while this thread assembles the application.
    dataSource.openInBackground(warmUp ? () -> warmUpQueries(dataSource) : null);
    ApiKeys keys = ApiKeys.create(dataSource);
    CellLineRepository lines = CellLineRepository.create(dataSource);
    ImsApplication.Builder app = ImsApplication.builder()
        .maxPageSize(Integer.parseInt(env.getOrDefault("IMS_API_MAX_LIMIT", "250")))
        .compression(Boolean.parseBoolean(env.getOrDefault("IMS_COMPRESSION", "true")))
        .dataSource(dataSource)
        .cellLines(lines)
        .auth(ApiKeyAuthentication.requiring(keys, Role.PARTNER));
    String registry = env.get("IMS_HPSCREG_URL");
    if (registry != null && !registry.isBlank()) {
      ScheduledJob nightly = NightlyJob.fromEnvironment(env, dataSource, URI.create(registry));
      app.scheduledJob(nightly);
    }
    ImsLambdaHandler handler = app.build();
    if (warmUp) {
      warmUpAnswers(handler);
    }
    try {
      dataSource.awaitOpen(CONNECT_TIMEOUT);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
    }
    return handler;
  }

  // The key lookup and the whole-record read of a detail request, for ids that match nothing: the
  // driver's query path and the reader load, and nothing is written.
  private static void warmUpQueries(DataSource dataSource) {
    ApiKeys.create(dataSource).authenticate("warm-up", "warm-up");
    CellLineRepository.create(dataSource).findByBiosamplesId("warm-up");
  }

  // A request without credentials through the whole adapter (event parsing, routing, the 401
  // answer; no query), then the v0 JSON of a whole sample record: the classes the first answer needs.
  private static void warmUpAnswers(ImsLambdaHandler handler) {
    handler.warmUp(ImsLambdaHandler.warmUpEvent("/api/v0/cell-lines/warm-up"));
    HttpResponse.json(200, V0Json.cellLine(SampleData.ukbi008A()));
  }

  private static void defaultProperty(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("environment variable " + name + " is not set");
    }
    return value;
  }
}
