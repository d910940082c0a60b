package org.cellbank.ims.core.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.Page;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.auth.RoleGuard;
import org.cellbank.ims.core.importer.ImportReport.LineProblem;
import org.cellbank.ims.core.importer.ImportReport;
import org.cellbank.ims.core.importer.ImportRuns;
import org.cellbank.ims.http.HttpHandler;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonNull;
import org.cellbank.ims.http.internal.json.JsonNumber;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonValue;

/**
 * The executive routes over the stored reports of the hPSCreg import ({@link ImportRuns}):
 * {@code GET /api/v0/import-runs} (a page of runs, newest first) and
 * {@code GET /api/v0/import-runs/{id}} (one run with its per-line problems and the names it left).
 *
 * <pre>{@code
 * Router router = ImportRunRoutes.create(ImportRuns.create(dataSource))
 *     .addTo(PartnerApi.create(lines, batches).addTo(Router.builder()))
 *     .filter(ApiKeyAuthentication.requiring(apiKeys, Role.PARTNER))
 *     .build();
 * }</pre>
 *
 * <p>Both routes require {@link Role#EXECUTIVE_VIEWER} or higher (checked with a {@link RoleGuard}
 * behind the router's authentication filter): a partner key answers 403. Lists take {@code limit} and
 * {@code offset} as the other v0 lists and answer {@code {"meta": ..., "objects": [...]}}.
 *
 * <p>Thread-safe.
 */
public final class ImportRunRoutes {

  /** The list route. */
  public static final String PATH = "/api/v0/import-runs";
  /** The role both routes require. */
  public static final Role REQUIRED_ROLE = Role.EXECUTIVE_VIEWER;

  private final ImportRuns runs;

  private ImportRunRoutes(ImportRuns runs) {
    this.runs = runs;
  }

  /** The routes over this run history. */
  public static ImportRunRoutes create(ImportRuns runs) {
    return new ImportRunRoutes(Objects.requireNonNull(runs, "runs"));
  }

  /** Adds both routes, each behind a {@link RoleGuard} for {@link #REQUIRED_ROLE}, and returns the builder. */
  public Router.Builder addTo(Router.Builder router) {
    return router
        .get(PATH, RoleGuard.require(REQUIRED_ROLE, new Route(this, false)))
        .get(PATH + "/{id}", RoleGuard.require(REQUIRED_ROLE, new Route(this, true)));
  }

  /** {@code GET /api/v0/import-runs}: a page of runs, newest first, with their counts. */
  public HttpResponse list(HttpRequest request) {
    PageRequest page = PartnerApi.pageRequest(request);
    Page<ImportRuns.Summary> runsPage = runs.page(page);
    List<JsonValue> objects = new ArrayList<>(runsPage.items().size());
    for (ImportRuns.Summary s : runsPage.items()) {
      objects.add(common(s.id(), s.startedAt(), s.finishedAt(), s.outcome(), s.total(), s.created(), s.updated(),
          s.unchanged(), s.failed(), s.skipped(), s.resumedFrom())
          .put("not_done_count", s.notDone())
          .put("problem_count", s.problems())
          .build());
    }
    return ApiJson.json(200, JsonObject.builder()
        .put("meta", PartnerApi.meta(request, PATH, page, runsPage.totalCount()))
        .put("objects", new JsonArray(objects))
        .build());
  }

  /** {@code GET /api/v0/import-runs/{id}}: one run with its problems and the names it left; 404 when unknown. */
  public HttpResponse one(HttpRequest request) {
    String id = request.pathParameter("id");
    Optional<ImportRuns.StoredRun> found = PartnerApi.digits(id, 18) ? runs.find(Long.parseLong(id)) : Optional.empty();
    if (found.isEmpty()) {
      throw new NotFoundException("no import run with id " + id);
    }
    ImportRuns.StoredRun run = found.get();
    ImportReport r = run.report();
    List<JsonValue> problems = new ArrayList<>(r.problems().size());
    for (LineProblem p : r.problems()) {
      problems.add(JsonObject.builder()
          .put("kind", p.kind().name().toLowerCase(Locale.ROOT))
          .put("line", p.name())
          .put("message", p.message())
          .build());
    }
    return ApiJson.json(200, common(run.id(), r.startedAt(), r.finishedAt(), r.outcome(), r.total(), r.created(),
        r.updated(), r.unchanged(), r.failed(), r.skipped(), r.resumedFrom())
        .putStrings("not_done", r.notDone())
        .put("not_done_count", r.notDone().size())
        .put("problem_count", r.problems().size())
        .put("problems", new JsonArray(problems))
        .build());
  }

  /** The URL of one run. */
  public static String runUri(long id) {
    return PATH + "/" + id;
  }

  private static JsonObject.Builder common(long id, Instant startedAt, Instant finishedAt,
      ImportReport.Outcome outcome, int total, int created, int updated, int unchanged, int failed, int skipped,
      Long resumedFrom) {
    return JsonObject.builder()
        .put("created", created)
        .put("duration_ms", Duration.between(startedAt, finishedAt).toMillis())
        .put("failed", failed)
        .put("finished_at", V0Json.datetime(finishedAt))
        .put("id", id)
        .put("outcome", outcome.name().toLowerCase(Locale.ROOT))
        .put("resource_uri", runUri(id))
        .put("resumed_from", resumedFrom == null ? JsonNull.INSTANCE : JsonNumber.of(resumedFrom))
        .put("skipped", skipped)
        .put("started_at", V0Json.datetime(startedAt))
        .put("total", total)
        .put("unchanged", unchanged)
        .put("updated", updated);
  }

  /** One of the two routes; a named class, not a method reference (docs/lambda.md, "Cold-start rules"). */
  private static final class Route implements HttpHandler {
    private final ImportRunRoutes routes;
    private final boolean one;

    Route(ImportRunRoutes routes, boolean one) {
      this.routes = routes;
      this.one = one;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
      return one ? routes.one(request) : routes.list(request);
    }
  }
}
