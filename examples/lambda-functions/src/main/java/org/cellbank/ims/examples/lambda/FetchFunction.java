package org.cellbank.ims.examples.lambda;

import java.util.Map;
import org.cellbank.ims.core.importer.EcaccAvailability;
import org.cellbank.ims.core.importer.HpscregClient;
import org.cellbank.ims.core.importer.RegistryStager;
import org.cellbank.ims.http.BadRequestException;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonWriter;
import org.cellbank.ims.http.internal.text.LogText;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.lambda.LambdaEntryPoint;
import org.cellbank.ims.lambda.ScheduledEvent;
import org.cellbank.ims.lambda.ScheduledJob;

/**
 * The IMS Lambda function that fetches the registry for an import without internet: run outside
 * the VPC on the nightly schedule, it reads the hPSCreg list and every line's document, asks ECACC
 * about the lines the last import left, and stages it all in the stage bucket ({@link RegistryStager}),
 * where the job function, inside the VPC, imports it. It reaches no database. Handler:
 * {@code org.cellbank.ims.examples.lambda.FetchFunction::handleRequest}, packaged as
 * {@code examples/lambda-functions/target/ims-fetch-lambda.zip}; give it a 15-minute timeout.
 *
 * <p>Environment ({@link RegistrySettings}): {@code IMS_HPSCREG_URL} (required) with
 * {@code IMS_HPSCREG_SECRET_ID} or {@code IMS_HPSCREG_USER} and {@code IMS_HPSCREG_PASSWORD};
 * {@code IMS_ECACC_URL} (optional); {@code IMS_REGISTRY_STAGE_BUCKET} (required),
 * {@code IMS_REGISTRY_STAGE_PREFIX}, {@code IMS_S3_ENDPOINT}; {@code IMS_FETCH_PARALLELISM} (documents
 * read at once, default 4, at most 16).
 *
 * <p>A scheduled event, an empty one or {@code {"job": "fetch"}} runs the fetch, answered with
 * {@code {"job": "fetch", "ok": true, "run": …, "lines": …, "failed": …, "ecacc_checked": …,
 * "ecacc_listed": …, "millis": …}}. A list that cannot be read fails the invocation, and the
 * previous copy stays the newest.
 */
public final class FetchFunction extends LambdaEntryPoint {

  /** Called by the Lambda runtime once per container. */
  public FetchFunction() {
    super(() -> assemble(System.getenv()));
  }

  /**
   * Builds the handler from the given environment, as the constructor does with the process's.
   *
   * @throws IllegalStateException when a variable is missing or invalid
   */
  public static ImsLambdaHandler assemble(Map<String, String> env) {
    HpscregClient registry = RegistrySettings.registry(env);
    if (registry == null) {
      throw new IllegalStateException("the fetch function needs IMS_HPSCREG_URL");
    }
    long parallelism = FunctionSettings.number(env, "IMS_FETCH_PARALLELISM", "4");
    if (parallelism < 1 || parallelism > 16) {
      throw new IllegalStateException("IMS_FETCH_PARALLELISM must be between 1 and 16: " + parallelism);
    }
    RegistryStager.Builder stager = RegistryStager.builder().registry(registry).stage(RegistrySettings.stage(env))
        .parallelism((int) parallelism);
    EcaccAvailability ecacc = RegistrySettings.ecacc(env);
    if (ecacc != null) {
      stager.ecaccAvailability(ecacc);
    }
    return ImsLambdaHandler.builder(Router.builder().build()).scheduledJob(new Fetch(stager.build())).build();
  }

  /** The fetch as the handler's scheduled job. */
  private static final class Fetch implements ScheduledJob {
    private final RegistryStager stager;

    Fetch(RegistryStager stager) {
      this.stager = stager;
    }

    @Override
    public void run(ScheduledEvent event) {
      result(event);
    }

    @Override
    public String result(ScheduledEvent event) {
      String job = event.detailString("job").orElse("fetch");
      if (!job.equals("fetch")) {
        throw new BadRequestException("unknown job " + LogText.escape(job) + "; the fetch function runs only fetch");
      }
      RegistryStager.StagedRun run = stager.stage();
      return JsonWriter.compact().write(JsonObject.builder().put("job", "fetch").put("ok", true).put("run", run.run())
          .put("lines", run.lines()).put("failed", run.failed()).put("ecacc_checked", run.ecaccChecked())
          .put("ecacc_listed", run.ecaccListed()).put("millis", run.took().toMillis()).build());
    }
  }
}
