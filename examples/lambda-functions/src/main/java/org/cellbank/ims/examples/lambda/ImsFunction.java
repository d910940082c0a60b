package org.cellbank.ims.examples.lambda;

import java.util.Map;
import javax.sql.DataSource;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.api.V0Json;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.executive.ExecutiveApi;
import org.cellbank.ims.core.media.MediaStore;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.lambda.LambdaEntryPoint;
import org.cellbank.ims.lambda.jdbc.LambdaDataSource;

/**
 * The IMS Lambda function for HTTP: the partner API (and the executive import-run routes) behind
 * API-key authentication, assembled once per container from environment variables. Handler:
 * {@code org.cellbank.ims.examples.lambda.ImsFunction::handleRequest}, packaged as
 * {@code examples/lambda-functions/target/ims-lambda.zip}. The nightly job is another function,
 * {@link NightlyFunction}, so this package stays small and its cold start short.
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
 *   <li>{@code IMS_BASE_PATH}: the base path of a custom domain's base-path mapping, e.g. {@code /ims}
 *       (removed when present, so the default endpoint keeps working); none by default;
 *   <li>{@code IMS_COMPRESSION}: gzip answers for clients that accept it (default true; set false
 *       behind a REST API without the binary media type {@code *}{@code /*}).
 * </ul>
 *
 * <p>The executive file routes (CLIPs, certificates of analysis, batch images) answer 404 here:
 * {@link FilesFunction} serves them, from a package of its own with the S3 client, so that this
 * function's package stays without it.
 *
 * <p>Init opens the database connection on a second thread first and assembles the function while
 * it connects. Under SnapStart or provisioned concurrency it also warms up (see
 * {@link #WARM_UP_PROPERTY}). The database must be migrated beforehand (the function never migrates
 * at init, which would slow every cold start). A missing variable or an unreachable database fails
 * the init phase.
 */
public final class ImsFunction extends LambdaEntryPoint {
  /**
   * The system property that forces the warm-up on ({@code true}) or off ({@code false}), for
   * instance in {@code JAVA_TOOL_OPTIONS}. Without it, init warms up unless
   * {@code AWS_LAMBDA_INITIALIZATION_TYPE} is {@code on-demand}: under SnapStart or provisioned
   * concurrency the work lands before any request, while an on-demand cold start gains nothing from
   * it (the first request needs the same classes either way) and would spend CPU time on it. The
   * warm-up runs the first request's two queries for ids that match nothing and reads the first
   * cell line of the catalogue (if any) on the connecting thread, and a request without credentials
   * plus the v0 JSON of a sample record on the main thread; it writes nothing.
   */
  public static final String WARM_UP_PROPERTY = "ims.lambda.warmUp";

  static {
    FunctionSettings.quietJooq();
  }

  /** Called by the Lambda runtime once per container. */
  public ImsFunction() {
    super(new FromEnvironment());
  }

  /**
   * Builds the handler from the given environment, as the constructor does with the process's
   * (for tests and benchmarks that run the function without a Lambda runtime).
   *
   * @throws IllegalStateException when a variable is missing or invalid, or the database cannot be reached
   */
  public static ImsLambdaHandler assemble(Map<String, String> env) {
    return assemble(env, null);
  }

  /**
   * As {@link #assemble(Map)}, with the executive file routes over the store {@code media} makes on
   * the first file request, when it is not null ({@link FilesFunction}).
   */
  static ImsLambdaHandler assemble(Map<String, String> env, java.util.function.Supplier<MediaStore> media) {
    LambdaDataSource dataSource = FunctionSettings.dataSource(env);
    boolean warmUp = warmsUp(env);
    // First of all: the connection opens on a second thread (which then warms up the queries, when
    // init warms up), while this thread assembles the application.
    dataSource.openInBackground(warmUp ? new WarmUpQueries(dataSource) : null);
    ImsApplication.Builder app = ImsApplication.builder()
        .maxPageSize(Integer.parseInt(env.getOrDefault("IMS_API_MAX_LIMIT", "250")))
        .compression(Boolean.parseBoolean(env.getOrDefault("IMS_COMPRESSION", "true")))
        .basePath(env.getOrDefault("IMS_BASE_PATH", ""))
        .dataSource(dataSource)
        .auth(ApiKeyAuthentication.requiring(ApiKeys.create(dataSource), Role.PARTNER));
    if (media != null) {
      // The executive file routes (FilesFunction); the store is made on the first file request.
      app.executive(ExecutiveApi.builder().dataSource(dataSource).mediaStoreOnFirstUse(media).build());
    }
    ImsLambdaHandler handler = app.build();
    if (warmUp) {
      warmUpAnswers(handler);
    }
    FunctionSettings.awaitDatabase(dataSource);
    return handler;
  }

  /** Whether init warms up in this environment: see {@link #WARM_UP_PROPERTY}. */
  static boolean warmsUp(Map<String, String> env) {
    return FunctionSettings.warmsUp(env);
  }

  // The key lookup and the whole-record read of a detail request, for ids that match nothing, then
  // one whole record read and mapped (a page of one): the driver's query path, the reader and the
  // mapper load, and nothing is written.
  private static void warmUpQueries(DataSource dataSource) {
    ApiKeys.create(dataSource).authenticate("warm-up", "warm-up");
    CellLineRepository lines = CellLineRepository.create(dataSource);
    lines.findByBiosamplesId("warm-up");
    lines.page(new PageRequest(0, 1));
  }

  // A request without credentials through the whole adapter (event parsing, routing, the 401
  // answer; no query), then the v0 JSON of a whole sample record: the classes the first answer needs.
  private static void warmUpAnswers(ImsLambdaHandler handler) {
    handler.warmUp(ImsLambdaHandler.warmUpEvent("/api/v0/cell-lines/warm-up"));
    HttpResponse.json(200, V0Json.cellLine(SampleData.ukbi008A()));
  }

  // Named classes, not lambdas, for what runs in every cold start (docs/lambda.md, "Cold-start rules").

  /** The function as the environment describes it. */
  private static final class FromEnvironment implements java.util.function.Supplier<ImsLambdaHandler> {
    @Override
    public ImsLambdaHandler get() {
      return assemble(System.getenv());
    }
  }

  /** The queries of a detail request, run on the connecting thread under SnapStart. */
  private static final class WarmUpQueries implements Runnable {
    private final DataSource dataSource;

    WarmUpQueries(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    @Override
    public void run() {
      warmUpQueries(dataSource);
    }
  }
}
