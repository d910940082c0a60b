package org.cellbank.ims.core.executive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cellbank.ims.core.executive.ExecutiveCalls.etag;
import static org.cellbank.ims.core.executive.ExecutiveCalls.json;
import static org.cellbank.ims.core.executive.ExecutiveCalls.pointers;

import java.util.Map;
import javax.sql.DataSource;
import org.cellbank.ims.core.auth.ApiKeyAuthentication;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CatalogueDocuments;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.OutboxDrainer;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.db.SearchOutbox;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.core.search.CatalogueDocument;
import org.cellbank.ims.core.search.InMemoryCatalogueIndex;
import org.cellbank.ims.core.search.SearchQuery;
import org.cellbank.ims.http.HttpResponse;
import org.cellbank.ims.http.Router;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code PATCH /api/v0/executive/cell-lines/{name}}: the administrator's corrections, on a real database. */
class ExecutiveCorrectionApiTest {

  private static ExecutiveCalls calls;
  private static InMemoryCatalogueIndex index;
  private static OutboxDrainer drainer;
  private static String manager;
  private static String admin;

  @BeforeAll
  static void setUp() {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    CellLineRepository lines = CellLineRepository.create(dataSource);
    SampleDataLoader.create(lines).loadMissing(SampleData.all());
    index = InMemoryCatalogueIndex.create();
    index.rebuild(CatalogueDocuments.allVisible(lines), n -> { });
    drainer = OutboxDrainer.builder().dataSource(dataSource).index(index).documents(CatalogueDocuments.source(lines))
        .build();
    ApiKeys keys = ApiKeys.create(dataSource);
    keys.createUser("manager", Role.EXECUTIVE_MANAGER);
    keys.createUser("admin", Role.ADMINISTRATOR);
    manager = "ApiKey manager:" + keys.issue("manager").key();
    admin = "ApiKey admin:" + keys.issue("admin").key();
    calls = new ExecutiveCalls(ExecutiveApi.builder().dataSource(dataSource).searchOutbox(SearchOutbox.create(dataSource))
        .build().addTo(Router.builder()).filter(ApiKeyAuthentication.requiring(keys, Role.PARTNER)).build());
  }

  @Test
  void rename_keepsBatchesAndFiles_andMovesTheSearchDocument() {
    String path = "/api/v0/executive/cell-lines/UKBi008-A";
    HttpResponse read = calls.get(path, admin);
    JsonObject before = json(read);
    assertThat(index.storedHashes()).containsKey("SAMEA2590882");
    String body = "{\"name\": \"UKBi008-Z\", \"biosamples_id\": \"SAMEA2590899\", \"depositor\": \"Bioneer A/S\","
        + " \"donor\": \"SAMEA104493100\"}";

    assertThat(calls.call("PATCH", path, manager, body, Map.of("If-Match", etag(read))).status()).isEqualTo(403);
    assertThat(calls.call("PATCH", path, admin, body, Map.of()).status()).isEqualTo(428);
    HttpResponse done = calls.call("PATCH", path, admin, body, Map.of("If-Match", etag(read)));

    assertThat(done.status()).isEqualTo(200);
    JsonObject after = json(done);
    assertThat(after.findString("name")).hasValue("UKBi008-Z");
    assertThat(after.findString("biosamples_id")).hasValue("SAMEA2590899");
    assertThat(after.findString("depositor")).hasValue("Bioneer A/S");
    assertThat(after.findArray("batches")).isEqualTo(before.findArray("batches"));
    assertThat(after.findArray("information_packs")).isEqualTo(before.findArray("information_packs"));
    assertThat(after.findArray("status_log")).isEqualTo(before.findArray("status_log"));
    assertThat(after.findNumber("version").orElseThrow().longValue())
        .isEqualTo(before.findNumber("version").orElseThrow().longValue() + 1);
    assertThat(calls.get(path, admin).status()).isEqualTo(404);
    assertThat(calls.get("/api/v0/executive/cell-lines/UKBi008-Z", admin).status()).isEqualTo(200);
    assertThat(calls.get("/api/v0/executive/batches/SAMEG301734", admin).status()).isEqualTo(200);
    assertThat(calls.call("PATCH", path, admin, body, Map.of("If-Match", etag(read))).status()).isEqualTo(404);

    drainer.drain();
    assertThat(index.storedHashes()).doesNotContainKey("SAMEA2590882").containsKey("SAMEA2590899");
    assertThat(index.search(SearchQuery.all()).hits()).extracting(CatalogueDocument::name)
        .contains("UKBi008-Z").doesNotContain("UKBi008-A");

    JsonObject entry = (JsonObject) json(calls.get("/api/v0/executive/audit?entity=cell_line&id=UKBi008-Z", admin))
        .findArray("objects").orElseThrow().get(0);
    assertThat(entry.findString("action")).hasValue("correction");
    assertThat(entry.findString("user")).hasValue("admin");
    assertThat(entry.findObject("changes").orElseThrow().findObject("name").orElseThrow().findString("before"))
        .hasValue("UKBi008-A");
  }

  @Test
  void takenIds_answer409NamingEachField_andBadValues400() {
    String path = "/api/v0/executive/cell-lines/BIONi010-C-2";
    String etag = etag(calls.get(path, admin));

    HttpResponse taken = calls.call("PATCH", path, admin, "{\"ecacc_id\": \"66540101\", \"name\": \"BIONi010-C\"}",
        Map.of("If-Match", etag));
    HttpResponse bad = calls.call("PATCH", path, admin, "{\"name\": \"has space\", \"colour\": 1, \"ecacc_id\": 7}",
        Map.of("If-Match", etag));
    HttpResponse noDonor = calls.call("PATCH", path, admin, "{\"donor\": \"SAMEA0\", \"depositor\": \"Nobody Ltd\"}",
        Map.of("If-Match", etag));

    assertThat(taken.status()).isEqualTo(409);
    assertThat(pointers(taken)).containsExactly("/name", "/ecacc_id");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(pointers(bad)).containsExactlyInAnyOrder("/name", "/colour", "/ecacc_id");
    assertThat(noDonor.status()).isEqualTo(400);
    assertThat(pointers(noDonor)).containsExactly("/donor", "/depositor");
    assertThat(calls.get(path, admin).headers().first("etag")).hasValue(etag);
    HttpResponse cleared = calls.call("PATCH", path, admin, "{\"ecacc_id\": null}", Map.of("If-Match", etag));
    assertThat(cleared.status()).isEqualTo(200);
    assertThat(json(cleared).find("ecacc_id").orElseThrow().isNull()).isTrue();
  }
}
