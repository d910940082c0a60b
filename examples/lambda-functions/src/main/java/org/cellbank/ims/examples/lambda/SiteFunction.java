package org.cellbank.ims.examples.lambda;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cellbank.ims.aws.storage.S3SiteStore;
import org.cellbank.ims.core.auth.ApiPrincipal;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.executive.ChangeFeed;
import org.cellbank.ims.core.executive.ExecutiveService;
import org.cellbank.ims.core.site.SiteGenerator;
import org.cellbank.ims.core.site.SiteReport;
import org.cellbank.ims.core.site.SiteStore;
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
 * The IMS Lambda function that writes the public website into the site bucket. A scheduled or
 * empty event follows the change feed (every writer's changes, the executive operations' and the
 * nightly import's): it regenerates the pages of the lines changed since its last run, or every page
 * ({@link SiteGenerator#generateAll()}) on its first run, after a batch changed, or for
 * {@code {"job": "site", "all": true}}; it keeps its cursor in the site store at
 * {@code .ims/changes-cursor}. A direct invocation {@code {"job": "site", "lines": ["SAMEA…", …]}}
 * regenerates those lines' pages and their relatives'. Handler: {@code org.cellbank.ims.examples.lambda.SiteFunction::handleRequest},
 * packaged with the S3 client and the templates as
 * {@code examples/lambda-functions/target/ims-site-lambda.zip}. It answers
 * {@code {"job": "site", "ok": true, "mode": "changes", "changes": …, "linePages": …, "statusPages": …,
 * "files": …, "bytes": …}}.
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
    S3SiteStore siteStore = store.build();
    SiteGenerator.Builder site = SiteGenerator.builder().cellLines(CellLineRepository.create(dataSource))
        .store(siteStore).siteUrl(siteUrl);
    if (MediaSettings.configured(env)) {
      site.media(MediaSettings.of(env).onFirstUse());
    }
    ImsLambdaHandler handler = ImsLambdaHandler.builder(Router.builder().build())
        .scheduledJob(new SiteJob(site.build(), siteStore, ExecutiveService.create(dataSource))).build();
    FunctionSettings.awaitDatabase(dataSource);
    return handler;
  }

  /**
   * Follows the change feed: the lines changed since the last run (the cursor is kept in the site
   * store), or everything on the first run, after a batch changed, or when asked.
   */
  private static final class SiteJob implements ScheduledJob {
    private static final String CURSOR = ".ims/changes-cursor";
    private static final ApiPrincipal SYSTEM = new ApiPrincipal("site-function", Role.PARTNER);
    private static final int FEED_PAGE = 1000;

    private final SiteGenerator site;
    private final SiteStore store;
    private final ExecutiveService changes;

    SiteJob(SiteGenerator site, SiteStore store, ExecutiveService changes) {
      this.site = site;
      this.store = store;
      this.changes = changes;
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
      boolean all = event.detailBoolean("all").orElse(false);
      String mode;
      int changed = 0;
      SiteReport report;
      if (lines != null && !lines.isNull()) {
        mode = "lines";
        report = site.regenerate(ids(lines));
      } else {
        Optional<byte[]> stored = store.find(CURSOR);
        String cursor = stored.isPresent() ? new String(stored.get(), StandardCharsets.US_ASCII) : null;
        Set<String> changedLines = new LinkedHashSet<>();
        boolean batchChanged = false;
        String next = cursor;
        ChangeFeed page;
        do {
          page = changes.changes(SYSTEM, next, FEED_PAGE);
          for (ChangeFeed.Change change : page.changes()) {
            changed++;
            if (change.entity().equals("cell_line")) {
              changedLines.add(change.id());
            } else {
              batchChanged = true;
            }
          }
          next = page.nextCursor();
        } while (page.more());
        if (all || cursor == null || batchChanged) {
          // A batch change may move a line's latest images: its line is not in the feed, so all.
          mode = "all";
          report = site.generateAll();
        } else {
          mode = "changes";
          report = site.regenerate(changedLines);
        }
        if (!next.equals(cursor)) {
          store.put(CURSOR, next.getBytes(StandardCharsets.US_ASCII), "text/plain; charset=us-ascii");
        }
      }
      return JsonWriter.compact().write(JsonObject.builder().put("job", "site").put("ok", true).put("mode", mode)
          .put("changes", changed).put("linePages", report.linePages()).put("statusPages", report.statusPages())
          .put("movedPages", report.movedPages()).put("removedPages", report.removedPages())
          .put("files", report.files()).put("bytes", report.bytes()).build());
    }

    private static List<String> ids(JsonValue lines) {
      if (!(lines instanceof JsonArray array)) {
        throw new BadRequestException("job site: lines must be a list of BioSamples ids");
      }
      List<String> ids = new ArrayList<>();
      for (JsonValue v : array.elements()) {
        if (!(v instanceof JsonString s) || s.value().isBlank() || s.value().length() > 100) {
          throw new BadRequestException("job site: lines must be a list of BioSamples ids");
        }
        ids.add(s.value());
      }
      return ids;
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
