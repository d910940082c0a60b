package org.cellbank.ims.core.executive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.db.SearchOutbox;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.core.sample.SyntheticCellLines;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.cellbank.ims.http.internal.json.JsonValue;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The executive routes behind the API-key filter, on a real database with the sample lines. */
class ExecutiveApiTest {

  private static final List<String> statements = new CopyOnWriteArrayList<>();
  private static Router router;
  private static String partner;
  private static String viewer;
  private static String manager;

  @BeforeAll
  static void setUp() {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    SampleDataLoader loader = SampleDataLoader.create(CellLineRepository.create(dataSource));
    loader.loadMissing(SampleData.all());
    loader.loadMissing(SyntheticCellLines.generate(30, 11L));
    ApiKeys keys = ApiKeys.create(dataSource);
    keys.createUser("ecacc", Role.PARTNER);
    keys.createUser("viewer", Role.EXECUTIVE_VIEWER);
    keys.createUser("manager", Role.EXECUTIVE_MANAGER);
    partner = "ApiKey ecacc:" + keys.issue("ecacc").key();
    viewer = "ApiKey viewer:" + keys.issue("viewer").key();
    manager = "ApiKey manager:" + keys.issue("manager").key();
    router = ExecutiveApi.builder().dataSource(dataSource).searchOutbox(SearchOutbox.create(dataSource))
        .onStatement(statements::add).build()
        .addTo(Router.builder())
        .filter(ApiKeyAuthentication.requiring(keys, Role.PARTNER))
        .build();
  }

  private static HttpResponse call(String method, String path, String authorization, String body, Map<String, String> headers) {
    return new ExecutiveCalls(router).call(method, path, authorization, body, headers);
  }

  private static HttpResponse get(String path, String authorization) {
    return call("GET", path, authorization, null, Map.of());
  }

  private static JsonObject json(HttpResponse response) {
    return JsonReader.create().read(response.body()).asObject();
  }

  @Test
  void me_tellsEachKeyItsUsernameRoleAndWhatItMayDo_withoutTheDatabase() {
    statements.clear();
    HttpResponse asViewer = get("/api/v0/executive/me", viewer);
    assertThat(asViewer.status()).isEqualTo(200);
    assertThat(asViewer.headers().first("cache-control")).hasValue("no-store");
    assertThat(new String(asViewer.body(), java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\s", ""))
        .isEqualTo("{\"administers\":false,\"role\":\"executive_viewer\",\"username\":\"viewer\",\"writes\":false}");
    assertThat(json(get("/api/v0/executive/me", manager)).findBoolean("writes")).hasValue(true);
    assertThat(json(get("/api/v0/executive/me", partner)).findString("role")).hasValue("partner");
    assertThat(get("/api/v0/executive/me", null).status()).isEqualTo(401);
    // The answer comes from the checked key alone: the executive service runs no statement for it.
    assertThat(statements).isEmpty();
  }

  @Test
  void withdrawingALine_asTheIssueChecksIt() {
    String line = "/api/v0/executive/cell-lines/UKBi008-A";
    HttpResponse read = get(line, viewer);
    assertThat(read.status()).isEqualTo(200);
    String etag = read.headers().first("etag").orElseThrow();
    String withdraw = "{\"status\": \"withdrawn\", \"comment\": \"the donor withdrew consent\"}";

    assertThat(call("POST", line + "/status", null, withdraw, Map.of("If-Match", etag)).status()).isEqualTo(401);
    assertThat(call("POST", line + "/status", partner, withdraw, Map.of("If-Match", etag)).status()).isEqualTo(403);
    assertThat(call("POST", line + "/status", viewer, withdraw, Map.of("If-Match", etag)).status()).isEqualTo(403);
    assertThat(call("POST", line + "/status", manager, withdraw, Map.of()).status()).isEqualTo(428);
    HttpResponse noComment = call("POST", line + "/status", manager, "{\"status\": \"withdrawn\", \"colour\": 1}",
        Map.of("If-Match", etag));
    assertThat(noComment.status()).isEqualTo(400);
    assertThat(json(noComment).findObject("error").orElseThrow().findArray("fields").orElseThrow().elements())
        .extracting(f -> ((JsonObject) f).findString("pointer").orElseThrow())
        .containsExactly("/colour", "/comment");

    HttpResponse done = call("POST", line + "/status", manager, withdraw, Map.of("If-Match", etag));
    assertThat(done.status()).isEqualTo(200);
    assertThat(json(done).findString("status")).hasValue("withdrawn");
    assertThat(json(done).findBoolean("available_for_sale")).hasValue(false);
    assertThat(done.headers().first("etag")).isPresent().get().isNotEqualTo(etag);
    JsonObject latest = (JsonObject) json(done).findArray("status_log").orElseThrow().get(0);
    assertThat(latest.findString("user")).hasValue("manager");

    // The same request again carries a stale ETag now.
    assertThat(call("POST", line + "/status", manager, withdraw, Map.of("If-Match", etag)).status()).isEqualTo(412);

    HttpResponse audit = get("/api/v0/executive/audit?entity=cell_line&id=UKBi008-A", viewer);
    assertThat(audit.status()).isEqualTo(200);
    List<JsonValue> changes = json(audit).findArray("objects").orElseThrow().elements().stream()
        .filter(e -> ((JsonObject) e).findString("action").orElseThrow().equals("status_change")).toList();
    assertThat(changes).hasSize(1);
    JsonObject entry = (JsonObject) changes.get(0);
    assertThat(entry.findString("user")).hasValue("manager");
    assertThat(entry.findObject("changes").orElseThrow().findObject("status").orElseThrow().findString("after"))
        .hasValue("withdrawn");
    assertThat(get("/api/v0/executive/audit", partner).status()).isEqualTo(403);
  }

  @Test
  void aRetriedBatchPost_withTheSameIdempotencyKey_createsOneBatch() {
    String path = "/api/v0/executive/cell-lines/UKBi008-A/batches";
    String body = "{\"batch_id\": \"M002\", \"batch_type\": \"ecacc\", \"vials\": 10, \"derived_from\": \"P001\"}";
    HttpResponse first = call("POST", path, manager, body, Map.of("Idempotency-Key", "k-1"));
    HttpResponse retry = call("POST", path, manager, body, Map.of("Idempotency-Key", "k-1"));

    assertThat(first.status()).isEqualTo(201);
    assertThat(first.headers().first("location")).hasValue("/api/v0/batches/UKBi008-A_M002");
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.headers().first("idempotent-replayed")).hasValue("true");
    assertThat(retry.bodyText()).isEqualTo(first.bodyText());
    assertThat(json(first).findArray("vials").orElseThrow().size()).isEqualTo(10);
    JsonArray batches = json(get("/api/v0/executive/cell-lines/UKBi008-A", viewer)).findArray("batches").orElseThrow();
    assertThat(batches.elements()).filteredOn(b -> ((JsonObject) b).findString("batch_id").orElseThrow().equals("M002"))
        .hasSize(1);

    assertThat(call("POST", path, manager, body, Map.of()).status()).isEqualTo(409);
    assertThat(call("POST", path, manager, body.replace("M002", "M003"), Map.of("Idempotency-Key", "k-1")).status())
        .isEqualTo(422);
    HttpResponse bad = call("POST", path, manager, "{\"batch_id\": \"2\", \"vials\": \"ten\"}", Map.of());
    assertThat(bad.status()).isEqualTo(400);
    assertThat(json(bad).findObject("error").orElseThrow().findArray("fields").orElseThrow().elements())
        .extracting(f -> ((JsonObject) f).findString("pointer").orElseThrow())
        .containsExactly("/vials", "/batch_id");
    assertThat(call("POST", path, manager, "not json", Map.of()).status()).isEqualTo(400);
    assertThat(call("POST", "/api/v0/executive/cell-lines/NOPE-1/batches", manager, body, Map.of()).status())
        .isEqualTo(404);
  }

  @Test
  void dashboard_listsCountsFiltersSortsAndPages_inOneStatementWhateverThePageSize() {
    statements.clear();
    HttpResponse small = get("/api/v0/executive/cell-lines?limit=2", viewer);
    int smallStatements = statements.size();
    statements.clear();
    HttpResponse large = get("/api/v0/executive/cell-lines?limit=500&sort=-name", viewer);
    int largeStatements = statements.size();

    assertThat(small.status()).isEqualTo(200);
    assertThat(smallStatements).isEqualTo(1);
    assertThat(largeStatements).isEqualTo(1);
    JsonObject page = json(small);
    assertThat(page.findArray("objects").orElseThrow().size()).isEqualTo(2);
    assertThat(page.findObject("meta").orElseThrow().findNumber("total_count").orElseThrow().longValue()).isEqualTo(34);
    assertThat(page.findObject("counters").orElseThrow().findNumber("registered").orElseThrow().longValue())
        .isEqualTo(34);
    List<JsonValue> all = json(large).findArray("objects").orElseThrow().elements();
    assertThat(all).hasSize(34);
    String firstName = ((JsonObject) all.get(0)).findString("name").orElseThrow();
    String lastName = ((JsonObject) all.get(33)).findString("name").orElseThrow();
    assertThat(firstName).isGreaterThan(lastName);

    JsonObject found = json(get("/api/v0/executive/cell-lines?q=ukbi008", viewer));
    assertThat(found.findArray("objects").orElseThrow().elements())
        .extracting(o -> ((JsonObject) o).findString("name").orElseThrow()).containsExactly("UKBi008-A");
    JsonObject byBatch = json(get("/api/v0/executive/cell-lines?q=samEG301734", viewer));
    assertThat(byBatch.findArray("objects").orElseThrow().size()).isEqualTo(1);
    JsonObject none = json(get("/api/v0/executive/cell-lines?q=100%25_", viewer));
    assertThat(none.findArray("objects").orElseThrow().size()).isZero();
    assertThat(none.findObject("counters").orElseThrow().findNumber("registered").orElseThrow().longValue())
        .isEqualTo(34);

    HttpResponse wrong = get("/api/v0/executive/cell-lines?status=sold&sort=colour", viewer);
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(json(wrong).findObject("error").orElseThrow().findArray("fields").orElseThrow().size()).isEqualTo(2);
    assertThat(get("/api/v0/executive/cell-lines?colour=red", viewer).status()).isEqualTo(400);
    assertThat(get("/api/v0/executive/cell-lines", partner).status()).isEqualTo(403);
    assertThat(get("/api/v0/executive/cell-lines", null).status()).isEqualTo(401);
  }
}
