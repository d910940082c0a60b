package org.cellbank.ims.examples.lambda;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cellbank.ims.aws.storage.S3SiteStore;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.site.SiteGenerator;
import org.cellbank.ims.core.site.SiteReport;
import org.cellbank.ims.http.BadRequestException;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonString;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.cellbank.ims.http.internal.json.JsonWriter;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.lambda.LambdaEntryPoint;
import org.cellbank.ims.lambda.ScheduledEvent;
import org.cellbank.ims.lambda.ScheduledJob;
import org.cellbank.ims.lambda.jdbc.LambdaDataSource;

/**
 * The IMS Lambda function that writes the public website into the site bucket: on a scheduled or
 * empty event it regenerates every page ({@link SiteGenerator#generateAll()}); a direct invocation
 * {@code {"job": "site", "lines": ["SAMEA…", …]}} regenerates those lines' pages and their
 * relatives'. Handler: {@code org.cellbank.ims.examples.lambda.SiteFunction::handleRequest},
 * packaged with the S3 client and the templates as
 * {@code examples/lambda-functions/target/ims-site-lambda.zip}. It answers
 * {@code {"job": "site", "ok": true, "linePages": …, "statusPages": …, "files": …, "bytes": …}}.
 *
 * <p>Environment: the database as for {@link ImsFunction}; {@code IMS_SITE_BUCKET} (required; in
 * {@code AWS_REGION}) and {@code IMS_SITE_PREFIX} (default none); {@code IMS_SITE_URL} (required,
 * the site's public address, e.g. {@code https://catalogue.example.org/}, for the sitemap and
 * canonical links); {@code IMS_MEDIA_BUCKET} (optional: publish the images and CLIPs the pages show
 * into the site); {@code IMS_S3_ENDPOINT} for an S3-compatible server. The page's search calls
 * {@code /api/public/search} on the site's own origin (the CDN routes it to the API).
 */
public final class SiteFunction extends LambdaEntryPoint {

  static {
    FunctionSettings.quietJooq();
  }

  /** Called by the Lambda runtime once per container. */
  public SiteFunction() {
    super(new FromEnvironment());
  }

  /**
   * Builds the handler from the given environment, as the constructor does with the process's.
   *
   * @throws IllegalStateException when a variable is missing or invalid, or the database cannot be reached
   */
  public static ImsLambdaHandler assemble(Map<String, String> env) {
    String bucket = FunctionSettings.required(env, "IMS_SITE_BUCKET").strip();
    String region = FunctionSettings.required(env, "AWS_REGION").strip();
    URI siteUrl = URI.create(FunctionSettings.required(env, "IMS_SITE_URL").strip());
    URI endpoint = MediaSettings.endpoint(env);
    LambdaDataSource dataSource = FunctionSettings.dataSource(env);
    dataSource.openInBackground();
    S3SiteStore.Builder store = S3SiteStore.builder().s3(MediaSettings.s3(region, endpoint)).bucket(bucket);
    if (FunctionSettings.present(env, "IMS_SITE_PREFIX")) {
      store.keyPrefix(env.get("IMS_SITE_PREFIX").strip());
    }
    SiteGenerator.Builder site = SiteGenerator.builder().cellLines(CellLineRepository.create(dataSource))
        .store(store.build()).siteUrl(siteUrl);
    if (MediaSettings.configured(env)) {
      site.media(MediaSettings.of(env).onFirstUse());
    }
    ImsLambdaHandler handler = ImsLambdaHandler.builder(Router.builder().build())
        .scheduledJob(new SiteJob(site.build())).build();
    FunctionSettings.awaitDatabase(dataSource);
    return handler;
  }

  /** Regenerates the whole site, or the lines an invocation names. */
  private static final class SiteJob implements ScheduledJob {
    private final SiteGenerator site;

    SiteJob(SiteGenerator site) {
      this.site = site;
    }

    @Override
    public void run(ScheduledEvent event) {
      result(event);
    }

    @Override
    public String result(ScheduledEvent event) {
      String job = event.detailString("job").orElse("site");
      if (!job.equals("site")) {
        throw new BadRequestException("unknown job; this function runs only the site job");
      }
      JsonObject detail = JsonReader.create().read(event.detail()).asObject();
      JsonValue lines = detail.members().get("lines");
      SiteReport report;
      if (lines == null || lines.isNull()) {
        report = site.generateAll();
      } else if (lines instanceof JsonArray array) {
        List<String> ids = new ArrayList<>();
        for (JsonValue v : array.elements()) {
          if (!(v instanceof JsonString s) || s.value().isBlank() || s.value().length() > 100) {
            throw new BadRequestException("job site: lines must be a list of BioSamples ids");
          }
          ids.add(s.value());
        }
        report = site.regenerate(ids);
      } else {
        throw new BadRequestException("job site: lines must be a list of BioSamples ids");
      }
      return JsonWriter.compact().write(JsonObject.builder().put("job", "site").put("ok", true)
          .put("linePages", report.linePages()).put("statusPages", report.statusPages())
          .put("files", report.files()).put("bytes", report.bytes()).build());
    }
  }

  /** The function as the environment describes it. */
  private static final class FromEnvironment implements java.util.function.Supplier<ImsLambdaHandler> {
    @Override
    public ImsLambdaHandler get() {
      return assemble(System.getenv());
    }
  }
}
