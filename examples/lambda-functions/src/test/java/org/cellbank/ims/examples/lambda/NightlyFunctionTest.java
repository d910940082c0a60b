package org.cellbank.ims.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.sql.DataSource;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.importer.ImportRuns;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.cellbank.ims.core.auth.ApiKeys;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonReader;
import org.junit.jupiter.api.Test;

/** The nightly Lambda function assembled from its environment runs the import on a scheduled event. */
class NightlyFunctionTest {

  private static final String SCHEDULED_EVENT = """
      {"version": "0", "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", "detail-type": "Scheduled Event",
       "source": "aws.events", "account": "123456789012", "time": "2026-11-28T02:00:00Z",
       "region": "eu-west-1", "resources": ["arn:aws:events:eu-west-1:123456789012:rule/ims-nightly"],
       "detail": {}}
      """;

  private static HttpServer registry;
  private static DataSource dataSource;
  private static Map<String, String> env;

  @BeforeAll
  static void setUp() throws IOException {
    registry = RegistryStandIn.start();
    ImsPostgres pg = ImsPostgres.shared();
    pg.createDatabase("ims_function_test");
    dataSource = pg.dataSource("ims_function_test");
    SchemaMigrations.create(dataSource).migrate();
    env = Map.of(
        "IMS_JDBC_URL", pg.jdbcUrl("ims_function_test"),
        "IMS_JDBC_USER", pg.user(),
        "IMS_JDBC_PASSWORD", pg.password(),
        "IMS_DB_POOL_SIZE", "1",
        "IMS_HPSCREG_URL", "http://127.0.0.1:" + registry.getAddress().getPort() + "/api/export/ebisc");
  }

  @AfterAll
  static void tearDown() {
    registry.stop(0);
  }

  @Test
  void scheduledEvent_runsTheNightlyImport_andStoresItsReport() {
    ImsLambdaHandler handler = NightlyFunction.assemble(env);
    handler.handle(SCHEDULED_EVENT.getBytes(StandardCharsets.UTF_8));
    CellLineRepository lines = CellLineRepository.create(dataSource);
    assertThat(lines.count()).isEqualTo(3);
    assertThat(lines.getByName("UKBi008-A").ecaccId()).isNotNull();
    assertThat(ImportRuns.create(dataSource).latest()).hasValueSatisfying(run ->
        assertThat(run.created()).isEqualTo(3));

    handler.handle(SCHEDULED_EVENT.getBytes(StandardCharsets.UTF_8));
    assertThat(ImportRuns.create(dataSource).latest()).hasValueSatisfying(run -> {
      assertThat(run.created()).isZero();
      assertThat(run.unchanged()).isEqualTo(3);
    });
  }

  @Test
  void httpEvents_areNotServed_andImportsNeedTheRegistry() {
    ImsLambdaHandler handler = NightlyFunction.assemble(env);
    String answer = new String(handler.handle(ImsLambdaHandler.warmUpEvent("/api/v0/cell-lines")), StandardCharsets.UTF_8);
    assertThat(answer).contains("\"statusCode\":404");
    Map<String, String> withoutRegistry = new java.util.HashMap<>(env);
    withoutRegistry.remove("IMS_HPSCREG_URL");
    ImsLambdaHandler noRegistry = NightlyFunction.assemble(withoutRegistry);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> noRegistry.handle(json("{\"job\": \"import\"}")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("IMS_HPSCREG_URL");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> noRegistry.handle(SCHEDULED_EVENT.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no registry");
  }

  @Test
  void aMigrationFunction_migratesOnAnyEventWithoutAJobName_andAnswersTheVersion() {
    ImsPostgres pg = ImsPostgres.shared();
    pg.createDatabase("ims_migrate_function_test");
    Map<String, String> migrating = new java.util.HashMap<>(env);
    migrating.remove("IMS_HPSCREG_URL");
    migrating.put("IMS_JDBC_URL", pg.jdbcUrl("ims_migrate_function_test"));
    migrating.put("IMS_DEFAULT_JOB", "migrate");
    migrating.put("IMS_DB_POOL_SIZE", "2");
    ImsLambdaHandler handler = NightlyFunction.assemble(migrating);

    JsonObject first = answer(handler.handle(json("{}")));
    assertThat(first.findString("job")).hasValue("migrate");
    assertThat(first.findBoolean("ok")).hasValue(true);
    assertThat(first.findNumber("applied").orElseThrow().longValue()).isGreaterThan(0);
    String version = first.findString("version").orElseThrow();
    assertThat(version).isEqualTo(SchemaMigrations.create(dataSource).currentVersion());

    JsonObject again = answer(handler.handle(json("{}")));
    assertThat(again.findNumber("applied").orElseThrow().longValue()).isZero();
    assertThat(again.findString("version")).hasValue(version);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> NightlyFunction.assemble(Map.of("IMS_DEFAULT_JOB", "api-keys.list")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void namedJobs_importOneLine_andManageApiKeys_answeringWhatTheyDid() {
    Map<String, String> env = ownDatabase("ims_named_jobs_test");
    DataSource dataSource = ImsPostgres.shared().dataSource("ims_named_jobs_test");
    ImsLambdaHandler handler = NightlyFunction.assemble(env);

    JsonObject imported = answer(handler.handle(json("{\"job\": \"import\", \"line\": \"UKBi008-A\"}")));
    assertThat(imported.findString("job")).hasValue("import");
    assertThat(imported.findNumber("total").orElseThrow().longValue()).isEqualTo(1);
    assertThat(CellLineRepository.create(dataSource).findByName("UKBi008-A")).isPresent();

    answer(handler.handle(json("{\"job\": \"api-keys.create-user\", \"user\": \"ops-lims\", \"role\": \"partner\"}")));
    JsonObject issued = answer(handler.handle(json("{\"job\": \"api-keys.issue\", \"user\": \"ops-lims\"}")));
    String key = issued.findString("key").orElseThrow();
    long id = issued.findNumber("id").orElseThrow().longValue();
    assertThat(ApiKeys.create(dataSource).authenticate("ops-lims", key)).isPresent();

    JsonObject listed = answer(handler.handle(json("{\"job\": \"api-keys.list\", \"user\": \"ops-lims\"}")));
    JsonObject listedKey = listed.findArray("keys").orElseThrow().elements().get(0).asObject();
    assertThat(listedKey.findNumber("id").orElseThrow().longValue()).isEqualTo(id);
    assertThat(listedKey.findString("prefix")).hasValue(key.substring(0, ApiKeys.PREFIX_LENGTH));
    assertThat(listed.toString()).doesNotContain(key);

    answer(handler.handle(json("{\"job\": \"api-keys.revoke\", \"id\": " + id + "}")));
    assertThat(ApiKeys.create(dataSource).authenticate("ops-lims", key)).isEmpty();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> handler.handle(json("{\"job\": \"api-keys.issue\"}")))
        .isInstanceOf(org.cellbank.ims.http.BadRequestException.class).hasMessageContaining("needs user");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> handler.handle(json("{\"job\": \"format-disk\"}")))
        .isInstanceOf(org.cellbank.ims.http.BadRequestException.class).hasMessageContaining("unknown job");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> handler.handle(json("{\"job\": \"drain\"}")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no search index");
  }

  @Test
  void theEcaccJob_flagsTheLinesEcaccLists_thatTheImportLeftUnflagged() {
    Map<String, String> env = ownDatabase("ims_ecacc_job_test");
    NightlyFunction.assemble(env).handle(json("{\"job\": \"import\"}"));
    CellLineRepository lines = CellLineRepository.create(ImsPostgres.shared().dataSource("ims_ecacc_job_test"));
    assertThat(lines.getByName("UKBi008-A").availableForSaleAtEcacc()).isFalse();
    Map<String, String> withEcacc = new java.util.HashMap<>(env);
    withEcacc.put("IMS_ECACC_URL", "http://127.0.0.1:" + registry.getAddress().getPort() + "/ecacc");

    JsonObject checked = answer(NightlyFunction.assemble(withEcacc).handle(json("{\"job\": \"ecacc\"}")));

    assertThat(checked.findString("job")).hasValue("ecacc");
    assertThat(checked.findNumber("flagged").orElseThrow().longValue()).isEqualTo(1);
    assertThat(checked.findNumber("checked").orElseThrow().longValue()).isGreaterThanOrEqualTo(3);
    assertThat(lines.getByName("UKBi008-A").availableForSaleAtEcacc()).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> NightlyFunction.assemble(env).handle(json("{\"job\": \"ecacc\"}")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ECACC");
  }

  // The test environment over a migrated database of its own, so that its imports leave the shared
  // one to the tests that count what an import created.
  private static Map<String, String> ownDatabase(String name) {
    ImsPostgres pg = ImsPostgres.shared();
    pg.createDatabase(name);
    SchemaMigrations.create(pg.dataSource(name)).migrate();
    Map<String, String> own = new java.util.HashMap<>(env);
    own.put("IMS_JDBC_URL", pg.jdbcUrl(name));
    return own;
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static JsonObject answer(byte[] out) {
    return JsonReader.create().read(out).asObject();
  }
}
