package org.cellbank.ims.core.executive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cellbank.ims.core.executive.ExecutiveCalls.etag;
import static org.cellbank.ims.core.executive.ExecutiveCalls.json;
import static org.cellbank.ims.core.executive.ExecutiveCalls.pointers;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.db.SearchOutbox;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET} and {@code PATCH /api/v0/executive/batches/{key}} on a real database with the sample lines. */
class ExecutiveBatchApiTest {

  private static final String BATCH = "/api/v0/executive/batches/SAMEG301734";
  private static DataSource dataSource;
  private static ExecutiveCalls calls;
  private static String partner;
  private static String viewer;
  private static String manager;

  @BeforeAll
  static void setUp() {
    dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    SampleDataLoader.create(CellLineRepository.create(dataSource)).loadMissing(SampleData.all());
    ApiKeys keys = ApiKeys.create(dataSource);
    keys.createUser("ecacc", Role.PARTNER);
    keys.createUser("viewer", Role.EXECUTIVE_VIEWER);
    keys.createUser("manager", Role.EXECUTIVE_MANAGER);
    partner = "ApiKey ecacc:" + keys.issue("ecacc").key();
    viewer = "ApiKey viewer:" + keys.issue("viewer").key();
    manager = "ApiKey manager:" + keys.issue("manager").key();
    calls = new ExecutiveCalls(ExecutiveApi.builder().dataSource(dataSource).searchOutbox(SearchOutbox.create(dataSource))
        .build().addTo(Router.builder()).filter(ApiKeyAuthentication.requiring(keys, Role.PARTNER)).build());
  }

  @Test
  void patchBatch_changesCountsAndCultureConditions_withIfMatch_andAuditsIt() throws SQLException {
    HttpResponse read = calls.get(BATCH, viewer);
    assertThat(read.status()).isEqualTo(200);
    JsonObject before = json(read);
    assertThat(before.findString("biosamples_id")).hasValue("SAMEG301734");
    assertThat(etag(read)).isEqualTo("\"" + before.findNumber("version").orElseThrow().longValue() + "\"");
    long outboxBefore = count("SELECT count(*) FROM ims.search_outbox");
    long changesBefore = count("SELECT count(*) FROM ims.change_log WHERE entity = 'batch' AND entity_id = 'SAMEG301734'");
    String body = "{\"vials_at_roslin\": 12, \"vials_shipped_to_ecacc\": 0,"
        + " \"culture_conditions\": {\"matrix\": \"Matrigel\", \"temperature\": \"37C\"}}";

    assertThat(calls.call("PATCH", BATCH, null, body, Map.of("If-Match", etag(read))).status()).isEqualTo(401);
    assertThat(calls.call("PATCH", BATCH, partner, body, Map.of("If-Match", etag(read))).status()).isEqualTo(403);
    assertThat(calls.call("PATCH", BATCH, viewer, body, Map.of("If-Match", etag(read))).status()).isEqualTo(403);
    assertThat(calls.call("PATCH", BATCH, manager, body, Map.of()).status()).isEqualTo(428);
    assertThat(calls.call("PATCH", BATCH, manager, body, Map.of("If-Match", "*")).status()).isEqualTo(428);
    HttpResponse done = calls.call("PATCH", BATCH, manager, body, Map.of("If-Match", etag(read)));

    assertThat(done.status()).isEqualTo(200);
    JsonObject after = json(done);
    assertThat(after.findNumber("vials_at_roslin").orElseThrow().longValue()).isEqualTo(12);
    assertThat(after.findNumber("vials_shipped_to_ecacc").orElseThrow().longValue()).isZero();
    JsonObject culture = after.findObject("culture_conditions").orElseThrow();
    assertThat(culture.findString("matrix")).hasValue("Matrigel");
    assertThat(culture.findString("temperature")).hasValue("37C");
    assertThat(after.findNumber("version").orElseThrow().longValue())
        .isEqualTo(before.findNumber("version").orElseThrow().longValue() + 1);
    assertThat(etag(done)).isNotEqualTo(etag(read));
    assertThat(json(calls.get(BATCH, viewer))).isEqualTo(after);
    assertThat(count("SELECT count(*) FROM ims.search_outbox")).isEqualTo(outboxBefore + 1);
    assertThat(count("SELECT count(*) FROM ims.change_log WHERE entity = 'batch' AND entity_id = 'SAMEG301734'"))
        .isEqualTo(changesBefore + 1);

    JsonObject entry = (JsonObject) json(calls.get("/api/v0/executive/audit?entity=batch&id=SAMEG301734", viewer))
        .findArray("objects").orElseThrow().get(0);
    assertThat(entry.findString("action")).hasValue("batch_update");
    assertThat(entry.findString("user")).hasValue("manager");
    JsonObject changes = entry.findObject("changes").orElseThrow();
    assertThat(changes.findObject("vials_at_roslin").orElseThrow().findNumber("after").orElseThrow().longValue())
        .isEqualTo(12);
    assertThat(changes.findObject("culture_conditions/matrix").orElseThrow().findString("after")).hasValue("Matrigel");

    // The first ETag is stale now; the same change again with the new one changes nothing.
    assertThat(calls.call("PATCH", BATCH, manager, body, Map.of("If-Match", etag(read))).status()).isEqualTo(412);
    HttpResponse again = calls.call("PATCH", BATCH, manager, body, Map.of("If-Match", etag(done)));
    assertThat(again.status()).isEqualTo(200);
    assertThat(etag(again)).isEqualTo(etag(done));
    assertThat(count("SELECT count(*) FROM ims.search_outbox")).isEqualTo(outboxBefore + 1);

    // null clears a field; clearing every culture condition removes them.
    HttpResponse cleared = calls.call("PATCH", BATCH, manager, "{\"vials_at_roslin\": null, \"culture_conditions\": null}",
        Map.of("If-Match", etag(done)));
    assertThat(cleared.status()).isEqualTo(200);
    assertThat(json(cleared).find("vials_at_roslin").orElseThrow().isNull()).isTrue();
    assertThat(json(cleared).find("culture_conditions").orElseThrow().isNull()).isTrue();
  }

  @Test
  void patchBatch_namesEveryFaultyField_andWritesNothing() throws SQLException {
    HttpResponse read = calls.get("/api/v0/executive/batches/SAMEG301734", viewer);
    long audits = count("SELECT count(*) FROM ims.audit_event");
    String body = "{\"vials_at_roslin\": -1, \"vials_shipped_to_ecacc\": 1.5, \"vials_shipped_to_fraunhofer\": \"3\","
        + " \"colour\": \"red\", \"culture_conditions\": {\"temperature\": \"thirty-seven degrees\", \"ph\": \"7\","
        + " \"matrix\": 4}}";

    HttpResponse bad = calls.call("PATCH", BATCH, manager, body, Map.of("If-Match", etag(calls.get(BATCH, viewer))));

    assertThat(read.status()).isEqualTo(200);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(pointers(bad)).containsExactlyInAnyOrder("/colour", "/vials_at_roslin", "/vials_shipped_to_ecacc",
        "/vials_shipped_to_fraunhofer", "/culture_conditions/temperature", "/culture_conditions/ph",
        "/culture_conditions/matrix");
    assertThat(count("SELECT count(*) FROM ims.audit_event")).isEqualTo(audits);
    assertThat(calls.call("PATCH", BATCH, manager, "{\"culture_conditions\": []}",
        Map.of("If-Match", etag(calls.get(BATCH, viewer)))).status()).isEqualTo(400);
    assertThat(calls.call("PATCH", BATCH, manager, "[]", Map.of("If-Match", "\"0\"")).status()).isEqualTo(400);
    assertThat(calls.call("PATCH", "/api/v0/executive/batches/NOPE_X001", manager, "{}", Map.of("If-Match", "\"0\""))
        .status()).isEqualTo(404);
    assertThat(calls.get("/api/v0/executive/batches/NOPE_X001", viewer).status()).isEqualTo(404);
    assertThat(calls.get(BATCH, partner).status()).isEqualTo(403);
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
