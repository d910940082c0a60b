package org.cellbank.ims.examples.lambda;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.examples.ImsApplication;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.lambda.LambdaEntryPoint;
import org.cellbank.ims.lambda.ScheduledJob;

/**
 * The IMS Lambda function: the partner API behind API-key authentication, assembled once per
 * container from environment variables. Handler: {@code org.cellbank.ims.examples.lambda.ImsFunction::handleRequest}.
 *
 * <p>Environment:
 * <ul>
 *   <li>{@code IMS_JDBC_URL} (required), e.g. {@code jdbc:postgresql://host:5432/ims}; use an RDS
 *       Proxy endpoint when many containers run at once;
 *   <li>{@code IMS_JDBC_USER}, {@code IMS_JDBC_PASSWORD} (required);
 *   <li>{@code IMS_DB_POOL_SIZE}: 1 or 2 connections per container (default 2);
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

  /** Builds the handler from the given environment. */
  static ImsLambdaHandler assemble(Map<String, String> env) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(required(env, "IMS_JDBC_URL"));
    config.setUsername(required(env, "IMS_JDBC_USER"));
    config.setPassword(required(env, "IMS_JDBC_PASSWORD"));
    int pool = Integer.parseInt(env.getOrDefault("IMS_DB_POOL_SIZE", "2"));
    if (pool < 1 || pool > 2) {
      throw new IllegalStateException("IMS_DB_POOL_SIZE must be 1 or 2 in a Lambda container: " + pool);
    }
    config.setMaximumPoolSize(pool);
    config.setMinimumIdle(1);
    config.setPoolName("ims-lambda");
    HikariDataSource dataSource = new HikariDataSource(config);
    ImsApplication.Builder app = ImsApplication.builder()
        .dataSource(dataSource)
        .auth(ApiKeyAuthentication.requiring(ApiKeys.create(dataSource), Role.PARTNER));
    String registry = env.get("IMS_HPSCREG_URL");
    if (registry != null && !registry.isBlank()) {
      ScheduledJob nightly = NightlyJob.fromEnvironment(env, dataSource, URI.create(registry));
      app.scheduledJob(nightly);
    }
    return app.build();
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
