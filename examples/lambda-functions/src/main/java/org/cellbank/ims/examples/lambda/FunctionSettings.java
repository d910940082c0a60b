package org.cellbank.ims.examples.lambda;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.search.CatalogueIndex;
import org.cellbank.ims.http.HttpHandler;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.lambda.jdbc.CheckpointHooks;
import org.cellbank.ims.lambda.jdbc.LambdaDataSource;
import org.cellbank.ims.lambda.jdbc.SecretsExtension;

/** What the example functions read from their environment in common: the database. */
final class FunctionSettings {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private FunctionSettings() {}

  /**
   * jOOQ builds and logs a banner and a tip on first use; skip both unless the deployment asks
   * for them ({@code JAVA_TOOL_OPTIONS=-Dorg.jooq.no-logo=false}).
   */
  static void quietJooq() {
    defaultProperty("org.jooq.no-logo", "true");
    defaultProperty("org.jooq.no-tips", "true");
  }

  /**
   * The database of {@code IMS_JDBC_URL}, with the credentials of the secret {@code IMS_DB_SECRET_ID}
   * or else {@code IMS_JDBC_USER} and {@code IMS_JDBC_PASSWORD}, and {@code IMS_DB_POOL_SIZE}
   * connections (1 or 2, default 2). Nothing is connected yet.
   */
  static LambdaDataSource dataSource(Map<String, String> env) {
    int pool = Integer.parseInt(env.getOrDefault("IMS_DB_POOL_SIZE", "2"));
    if (pool < 1 || pool > 2) {
      throw new IllegalStateException("IMS_DB_POOL_SIZE must be 1 or 2 in a Lambda container: " + pool);
    }
    LambdaDataSource.Builder db = LambdaDataSource.builder().url(required(env, "IMS_JDBC_URL")).maxConnections(pool)
        // Every supported server is 15 or newer: the driver sends its session settings with the
        // start-up message instead of running a SET statement after it (a URL parameter wins).
        .property("assumeMinServerVersion", "15");
    String secretId = env.get("IMS_DB_SECRET_ID");
    if (secretId != null && !secretId.isBlank()) {
      // Read when a connection opens (on the background thread at init), so a rotated secret is
      // picked up by the next connection.
      SecretsExtension secrets = SecretsExtension.fromEnvironment(env);
      db.credentials(new SecretCredentials(secrets, secretId));
    } else {
      db.user(required(env, "IMS_JDBC_USER")).password(required(env, "IMS_JDBC_PASSWORD"));
    }
    LambdaDataSource built = db.build();
    if ("snap-start".equals(env.get("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
      // Close the connection before the snapshot, open a fresh one after each restore.
      CheckpointHooks.register(built);
    }
    return built;
  }

  /** Waits for the connection opened in the background; an unreachable database fails init. */
  static void awaitDatabase(LambdaDataSource dataSource) {
    try {
      dataSource.awaitOpen(CONNECT_TIMEOUT);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
    }
  }

  static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("environment variable " + name + " is not set");
    }
    return value;
  }

  /**
   * The Lambda handler over {@code routes} with the environment's {@code IMS_COMPRESSION} (default
   * true) and {@code IMS_BASE_PATH} (default none), as {@link ImsFunction} has them.
   */
  static ImsLambdaHandler handler(Map<String, String> env, HttpHandler routes) {
    ImsLambdaHandler.Builder handler = ImsLambdaHandler.builder(routes)
        .compression(Boolean.parseBoolean(env.getOrDefault("IMS_COMPRESSION", "true")));
    String basePath = env.getOrDefault("IMS_BASE_PATH", "");
    if (!basePath.isEmpty()) {
      handler.basePath(basePath);
    }
    return handler.build();
  }

  /**
   * A function serving only {@code routes}, behind the partner API-key check (the keys are in the
   * database of {@code env}), as {@link SearchFunction} and {@link MediaFunction} are: connects in the
   * background while the handler is built, then waits for the connection.
   */
  static ImsLambdaHandler keyedRoutes(Map<String, String> env, Router.Builder routes) {
    return keyedRoutes(env, routes, null);
  }

  /**
   * As {@link #keyedRoutes(Map, Router.Builder)}, with the public search over {@code publicIndex}
   * served without a key (as {@link ImsApplication} serves it), when it is not null.
   */
  static ImsLambdaHandler keyedRoutes(Map<String, String> env, Router.Builder routes, CatalogueIndex publicIndex) {
    LambdaDataSource dataSource = dataSource(env);
    dataSource.openInBackground();
    HttpHandler keyed = routes.filter(ApiKeyAuthentication.requiring(ApiKeys.create(dataSource), Role.PARTNER)).build();
    ImsLambdaHandler handler = handler(env,
        publicIndex == null ? keyed : new ImsApplication.PublicSearchFirst(publicIndex, keyed));
    awaitDatabase(dataSource);
    return handler;
  }

  /**
   * The S3-compatible endpoint of {@code IMS_S3_ENDPOINT}, or null for Amazon S3 (here rather than in
   * {@link MediaSettings}, whose class refers to the S3 client that the job package lacks).
   *
   * @throws IllegalStateException when it names no scheme or host
   */
  static URI s3Endpoint(Map<String, String> env) {
    if (!present(env, "IMS_S3_ENDPOINT")) {
      return null;
    }
    URI endpoint = URI.create(env.get("IMS_S3_ENDPOINT").strip());
    if (endpoint.getScheme() == null || endpoint.getHost() == null) {
      throw new IllegalStateException("IMS_S3_ENDPOINT must name a scheme and a host: " + endpoint);
    }
    return endpoint;
  }

  /**
   * Whether init warms up (primes) in this environment: under SnapStart or provisioned concurrency
   * ({@code AWS_LAMBDA_INITIALIZATION_TYPE} other than {@code on-demand}), unless the system property
   * {@value ImsFunction#WARM_UP_PROPERTY} says otherwise.
   */
  static boolean warmsUp(Map<String, String> env) {
    String forced = System.getProperty(ImsFunction.WARM_UP_PROPERTY);
    if (forced != null) {
      return Boolean.parseBoolean(forced);
    }
    return !"on-demand".equals(env.get("AWS_LAMBDA_INITIALIZATION_TYPE"));
  }

  /** Whether the variable is set to something other than blanks. */
  static boolean present(Map<String, String> env, String name) {
    String value = env.get(name);
    return value != null && !value.isBlank();
  }

  /**
   * The variable as a whole number, or {@code fallback} when it is not set.
   *
   * @throws IllegalStateException when it is not a whole number
   */
  static long number(Map<String, String> env, String name, String fallback) {
    String value = present(env, name) ? env.get(name).strip() : fallback;
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(name + " must be a whole number: " + value, e);
    }
  }

  private static void defaultProperty(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }

  /** The database credentials in a secret, read for each new connection; a named class, not a lambda (cold start). */
  private static final class SecretCredentials implements java.util.function.Supplier<LambdaDataSource.Credentials> {
    private final SecretsExtension secrets;
    private final String secretId;

    SecretCredentials(SecretsExtension secrets, String secretId) {
      this.secrets = secrets;
      this.secretId = secretId;
    }

    @Override
    public LambdaDataSource.Credentials get() {
      return secrets.databaseCredentials(secretId);
    }
  }
}
