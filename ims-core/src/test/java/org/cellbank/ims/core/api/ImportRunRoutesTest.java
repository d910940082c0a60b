package org.cellbank.ims.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.BatchRepository;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.importer.ImportReport.LineProblem;
import org.cellbank.ims.core.importer.ImportReport;
import org.cellbank.ims.core.importer.ImportRuns;
import org.cellbank.ims.http.Headers;
import org.cellbank.ims.http.HttpRequest;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The executive import-run routes behind the partner API's key filter, on a real database. */
class ImportRunRoutesTest {

  private static Router router;
  private static String partner;
  private static String viewer;
  private static String admin;
  private static long budgetRun;
  private static long resumedRun;
  private static long listFailedRun;

  @BeforeAll
  static void setUp() {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    ApiKeys keys = ApiKeys.create(dataSource);
    keys.createUser("ecacc", Role.PARTNER);
    keys.createUser("viewer@cellbank.org", Role.EXECUTIVE_VIEWER);
    keys.createUser("admin@cellbank.org", Role.EXECUTIVE_MANAGER);
    partner = "ApiKey ecacc:" + keys.issue("ecacc").key();
    viewer = "ApiKey viewer@cellbank.org:" + keys.issue("viewer@cellbank.org").key();
    admin = "ApiKey admin@cellbank.org:" + keys.issue("admin@cellbank.org").key();

    ImportRuns runs = ImportRuns.create(dataSource);
    budgetRun = runs.save(ImportReport.builder()
        .startedAt(Instant.parse("2026-11-26T01:00:00Z")).finishedAt(Instant.parse("2026-11-26T01:13:00.250Z"))
        .outcome(ImportReport.Outcome.BUDGET_EXHAUSTED).total(5).created(1).updated(1).failed(1)
        .problems(List.of(new LineProblem("DOWN-1", LineProblem.Kind.FAILED,
            "reading hPSCreg line DOWN-1 failed with HTTP status 500")))
        .notDone(List.of("TESTi010-A", "LAST-1"))
        .build());
    resumedRun = runs.save(ImportReport.builder()
        .startedAt(Instant.parse("2026-11-27T01:00:00Z")).finishedAt(Instant.parse("2026-11-27T01:00:02Z"))
        .outcome(ImportReport.Outcome.COMPLETED).total(2).created(1).skipped(1)
        .problems(List.of(new LineProblem("LAST-1", LineProblem.Kind.SKIPPED, "the registry answered null")))
        .resumedFrom(budgetRun)
        .build());
    listFailedRun = runs.save(ImportReport.builder()
        .startedAt(Instant.parse("2026-11-28T01:00:00Z")).finishedAt(Instant.parse("2026-11-28T01:00:01Z"))
        .outcome(ImportReport.Outcome.LIST_FAILED)
        .problems(List.of(new LineProblem("(list)", LineProblem.Kind.FAILED,
            "reading the hPSCreg list failed with HTTP status 503")))
        .build());

    Router.Builder routes = PartnerApi.create(CellLineRepository.create(dataSource), BatchRepository.create(dataSource))
        .addTo(Router.builder());
    router = ImportRunRoutes.create(runs).addTo(routes)
        .filter(ApiKeyAuthentication.requiring(keys, Role.PARTNER))
        .build();
  }

  private static HttpResponse get(String path, String authorization) {
    return get(HttpRequest.builder("GET", path), authorization);
  }

  private static HttpResponse get(HttpRequest.Builder request, String authorization) {
    if (authorization != null) {
      request.headers(Headers.builder().add("Authorization", authorization).build());
    }
    return router.handle(request.requestId("test").build());
  }

  private static JsonObject json(HttpResponse response) {
    return JsonReader.create().read(response.body()).asObject();
  }

  private static long number(JsonObject o, String name) {
    return o.findNumber(name).orElseThrow().longValue();
  }

  @Test
  void list_showsTheRunsNewestFirstWithTheirCounts_toAnExecutiveViewer() {
    HttpResponse response = get("/api/v0/import-runs", viewer);

    assertThat(response.status()).isEqualTo(200);
    JsonObject body = json(response);
    JsonObject meta = body.findObject("meta").orElseThrow();
    assertThat(number(meta, "total_count")).isEqualTo(3);
    assertThat(number(meta, "limit")).isEqualTo(50);
    JsonArray objects = body.findArray("objects").orElseThrow();
    assertThat(objects.elements()).extracting(o -> number(o.asObject(), "id"))
        .containsExactly(listFailedRun, resumedRun, budgetRun);

    JsonObject budget = objects.get(2).asObject();
    assertThat(budget.findString("outcome")).contains("budget_exhausted");
    assertThat(budget.findString("started_at")).contains("2026-11-26T02:00:00.000000");
    assertThat(budget.findString("finished_at")).contains("2026-11-26T02:13:00.250000");
    assertThat(number(budget, "duration_ms")).isEqualTo(780_250);
    assertThat(number(budget, "total")).isEqualTo(5);
    assertThat(number(budget, "created")).isEqualTo(1);
    assertThat(number(budget, "updated")).isEqualTo(1);
    assertThat(number(budget, "unchanged")).isZero();
    assertThat(number(budget, "failed")).isEqualTo(1);
    assertThat(number(budget, "skipped")).isZero();
    assertThat(number(budget, "problem_count")).isEqualTo(1);
    assertThat(number(budget, "not_done_count")).isEqualTo(2);
    assertThat(budget.members().get("resumed_from").isNull()).isTrue();
    assertThat(budget.findString("resource_uri")).contains("/api/v0/import-runs/" + budgetRun);
    assertThat(budget.find("problems")).isEmpty();

    JsonObject resumed = objects.get(1).asObject();
    assertThat(number(resumed, "resumed_from")).isEqualTo(budgetRun);
  }

  @Test
  void list_pagesWithLimitAndOffset() {
    JsonObject body = json(get(HttpRequest.builder("GET", "/api/v0/import-runs/")
        .queryParameter("limit", "1").queryParameter("offset", "1"), admin));

    JsonObject meta = body.findObject("meta").orElseThrow();
    assertThat(meta.findString("next")).contains("/api/v0/import-runs?limit=1&offset=2");
    assertThat(meta.findString("previous")).contains("/api/v0/import-runs?limit=1&offset=0");
    assertThat(body.findArray("objects").orElseThrow().elements()).singleElement()
        .satisfies(o -> assertThat(number(o.asObject(), "id")).isEqualTo(resumedRun));

    HttpResponse bad = get(HttpRequest.builder("GET", "/api/v0/import-runs").queryParameter("offset", "-1"), admin);
    assertThat(bad.status()).isEqualTo(400);
  }

  @Test
  void one_showsThePerLineProblemsAndTheNamesLeft() {
    HttpResponse response = get("/api/v0/import-runs/" + budgetRun, viewer);

    assertThat(response.status()).isEqualTo(200);
    JsonObject run = json(response);
    assertThat(number(run, "id")).isEqualTo(budgetRun);
    assertThat(run.findString("outcome")).contains("budget_exhausted");
    assertThat(run.findArray("not_done").orElseThrow().elements()).extracting(v -> v.asString())
        .containsExactly("TESTi010-A", "LAST-1");
    JsonObject problem = run.findArray("problems").orElseThrow().get(0).asObject();
    assertThat(problem.findString("line")).contains("DOWN-1");
    assertThat(problem.findString("kind")).contains("failed");
    assertThat(problem.findString("message")).contains("reading hPSCreg line DOWN-1 failed with HTTP status 500");

    JsonObject listFailed = json(get("/api/v0/import-runs/" + listFailedRun, admin));
    assertThat(listFailed.findArray("problems").orElseThrow().get(0).asObject().findString("line")).contains("(list)");
  }

  @Test
  void unknownOrMalformedId_answers404() {
    assertThat(get("/api/v0/import-runs/999999", viewer).status()).isEqualTo(404);
    HttpResponse malformed = get("/api/v0/import-runs/abc", viewer);
    assertThat(malformed.status()).isEqualTo(404);
    assertThat(json(malformed).findObject("error").flatMap(e -> e.findString("message")))
        .contains("no import run with id abc");
  }

  @Test
  void partnerKey_isRefusedWith403_butStillReadsThePartnerRoutes() {
    for (String path : List.of("/api/v0/import-runs", "/api/v0/import-runs/" + budgetRun)) {
      HttpResponse response = get(path, partner);
      assertThat(response.status()).isEqualTo(403);
      assertThat(response.contentType()).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
      assertThat(json(response).findObject("error").flatMap(e -> e.findNumber("status")).orElseThrow().longValue())
          .isEqualTo(403L);
    }
    assertThat(get("/api/v0/cell-lines", partner).status()).isEqualTo(200);
  }

  @Test
  void missingOrWrongKey_answers401() {
    for (String auth : new String[] {null, "ApiKey viewer@cellbank.org:not-the-key"}) {
      HttpResponse response = get("/api/v0/import-runs", auth);
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.headers().first("www-authenticate")).contains("ApiKey");
      assertThat(json(response).findObject("error")).isPresent();
    }
  }

  @Test
  void routesWithoutTheAuthenticationFilter_stayClosed() {
    Router unfiltered = ImportRunRoutes.create(ImportRuns.create(ImsPostgres.shared().createDatabase()))
        .addTo(Router.builder()).build();

    HttpResponse response = unfiltered.handle(HttpRequest.builder("GET", "/api/v0/import-runs").requestId("t").build());

    assertThat(response.status()).isEqualTo(401);
  }
}
