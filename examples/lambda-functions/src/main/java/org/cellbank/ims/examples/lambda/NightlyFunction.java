package org.cellbank.ims.examples.lambda;

import java.net.URI;
import java.util.Map;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.lambda.LambdaEntryPoint;
import org.cellbank.ims.lambda.jdbc.LambdaDataSource;

/**
 * The IMS Lambda function for the nightly job ({@link NightlyScheduledJob}): an EventBridge schedule invokes
 * it with a scheduled event; it serves no HTTP routes (an HTTP event is answered 404). Handler:
 * {@code org.cellbank.ims.examples.lambda.NightlyFunction::handleRequest}, packaged with the search
 * client as {@code examples/lambda-functions/target/ims-nightly-lambda.zip}; give it a 15-minute timeout.
 *
 * <p>Environment: the database as for {@link ImsFunction} ({@code IMS_JDBC_URL}, and
 * {@code IMS_DB_SECRET_ID} or {@code IMS_JDBC_USER} with {@code IMS_JDBC_PASSWORD},
 * {@code IMS_DB_POOL_SIZE}), {@code IMS_HPSCREG_URL} (without it the function does not import: a
 * migration function, say), {@code IMS_DEFAULT_JOB} and the job's other settings, listed in
 * {@link NightlyScheduledJob}. A missing variable or an unreachable database fails the init phase.
 */
public final class NightlyFunction extends LambdaEntryPoint {

  static {
    FunctionSettings.quietJooq();
  }

  /** Called by the Lambda runtime once per container. */
  public NightlyFunction() {
    super(() -> assemble(System.getenv()));
  }

  /**
   * Builds the handler from the given environment, as the constructor does with the process's
   * (for tests that run the function without a Lambda runtime).
   *
   * @throws IllegalStateException when a variable is missing or invalid, or the database cannot be reached
   */
  public static ImsLambdaHandler assemble(Map<String, String> env) {
    LambdaDataSource dataSource = FunctionSettings.dataSource(env);
    dataSource.openInBackground();
    String url = env.get("IMS_HPSCREG_URL");
    URI registry = url == null || url.isBlank() ? null : URI.create(url.strip());
    ImsLambdaHandler handler = ImsLambdaHandler.builder(Router.builder().build())
        .scheduledJob(NightlyScheduledJob.fromEnvironment(env, dataSource, registry))
        .build();
    FunctionSettings.awaitDatabase(dataSource);
    return handler;
  }
}
