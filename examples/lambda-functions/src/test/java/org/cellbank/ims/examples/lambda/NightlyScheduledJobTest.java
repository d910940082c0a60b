package org.cellbank.ims.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.ImsException;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.db.SearchOutbox;
import org.cellbank.ims.core.importer.ImportReport;
import org.cellbank.ims.core.importer.ImportRuns;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.model.StatusEntry;
import org.cellbank.ims.core.search.CatalogueDocument;
import org.cellbank.ims.core.search.SearchQuery;
import org.cellbank.ims.core.search.SearchResult;
import org.cellbank.ims.lambda.ImsLambdaHandler;
import org.cellbank.ims.lambda.ScheduledEvent;
import org.cellbank.ims.search.ManagedOpenSearchClient;
import org.cellbank.ims.search.OpenSearchCatalogueIndex;
import org.cellbank.ims.search.OpenSearchClients;
import org.cellbank.ims.testkit.ImsOpenSearch;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The nightly job assembled from the function's environment, against a real PostgreSQL and
 * OpenSearch node and local stand-ins for hPSCreg and ECACC: import, availability check, outbox
 * drain, rebuild on request.
 */
class NightlyScheduledJobTest {

  private static final String SCHEDULED_EVENT = """
      {"version": "0", "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", "detail-type": "Scheduled Event",
       "source": "aws.events", "account": "123456789012", "time": "2026-11-28T02:00:00Z",
       "region": "eu-west-1", "resources": ["arn:aws:events:eu-west-1:123456789012:rule/ims-nightly"],
       "detail": {}}
      """;
  private static final String REBUILD_EVENT = """
      {"id": "weekly-rebuild", "detail-type": "Scheduled Event", "source": "aws.events",
       "time": "2026-11-29T02:00:00Z", "resources": [], "detail": {"rebuild": true}}
      """;
  private static final String RECONCILE_EVENT = """
      {"id": "reconcile", "detail-type": "Scheduled Event", "source": "aws.events",
       "time": "2026-11-29T03:00:00Z", "resources": [], "detail": {"job": "reconcile"}}
      """;

  private static HttpServer registry;
  private static HttpServer ecacc;
  private static ManagedOpenSearchClient search;
  private static int databases;

  @BeforeAll
  static void setUp() throws IOException {
    registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    registry.createContext("/api/export/ebisc", exchange -> {
      String path = exchange.getRequestURI().getPath();
      String name = path.equals("/api/export/ebisc") ? "list" : path.substring("/api/export/ebisc/".length());
      try (InputStream in = NightlyScheduledJobTest.class.getResourceAsStream("/hpscreg/" + name + ".json")) {
        byte[] body = in == null ? "{}".getBytes(StandardCharsets.UTF_8) : in.readAllBytes();
        exchange.sendResponseHeaders(in == null ? 404 : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    });
    registry.start();
    // ECACC lists the first line imported into a fresh database: UKBi008-A, number 66770001.
    ecacc = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ecacc.createContext("/products/detail.jsp", exchange -> {
      boolean listed = exchange.getRequestURI().getQuery().contains("refId=66770001&");
      byte[] body = "<html><h1>UKBi008-A</h1></html>".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(listed ? 200 : 404, listed ? body.length : -1);
      try (OutputStream out = exchange.getResponseBody()) {
        if (listed) {
          out.write(body);
        }
      }
    });
    ecacc.start();
    search = OpenSearchClients.http(ImsOpenSearch.shared().httpUrl());
  }

  @AfterAll
  static void tearDown() {
    registry.stop(0);
    ecacc.stop(0);
    search.close();
  }

  /** A fresh migrated database and the function's environment for it. */
  private static Map<String, String> environment(String database) {
    ImsPostgres pg = ImsPostgres.shared();
    pg.createDatabase(database);
    SchemaMigrations.create(pg.dataSource(database)).migrate();
    Map<String, String> env = new HashMap<>();
    env.put("IMS_JDBC_URL", pg.jdbcUrl(database));
    env.put("IMS_JDBC_USER", pg.user());
    env.put("IMS_JDBC_PASSWORD", pg.password());
    env.put("IMS_HPSCREG_URL", "http://127.0.0.1:" + registry.getAddress().getPort() + "/api/export/ebisc");
    return env;
  }

  private static String newDatabase() {
    return "ims_nightly_job_" + ProcessHandle.current().pid() + "_" + (++databases);
  }

  private static void handle(ImsLambdaHandler handler, String event) {
    handler.handle(event.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void scheduledEvents_importCheckEcaccAndDrain_andRebuildWhenAsked() {
    String database = newDatabase();
    Map<String, String> env = environment(database);
    env.put("IMS_ECACC_URL", "http://127.0.0.1:" + ecacc.getAddress().getPort() + "/products/detail.jsp");
    env.put("IMS_OPENSEARCH_URL", ImsOpenSearch.shared().httpUrl());
    env.put("IMS_OPENSEARCH_INDEX", "nightly-" + database.replace('_', '-'));
    env.put("IMS_OPENSEARCH_REPLICAS", "0");
    DataSource dataSource = ImsPostgres.shared().dataSource(database);
    SearchOutbox outbox = SearchOutbox.create(dataSource);
    CellLineRepository lines = CellLineRepository.builder().dataSource(dataSource).searchOutbox(outbox).build();
    OpenSearchCatalogueIndex index = OpenSearchCatalogueIndex.builder().client(search.client())
        .alias(env.get("IMS_OPENSEARCH_INDEX")).replicas(0).build();
    ImsLambdaHandler function = NightlyFunction.assemble(env);

    // night 1: three lines imported, ECACC lists one, the outbox rows are drained (all still hidden)
    handle(function, SCHEDULED_EVENT);
    assertThat(lines.count()).isEqualTo(3);
    assertThat(lines.getByName("UKBi008-A").availableForSaleAtEcacc()).isTrue();
    assertThat(lines.getByName("TESTi010-A").availableForSaleAtEcacc()).isFalse();
    assertThat(ImportRuns.create(dataSource).latest()).hasValueSatisfying(r -> assertThat(r.created()).isEqualTo(3));
    assertThat(outbox.pendingCount()).isZero();
    assertThat(index.search(SearchQuery.all()).total()).isZero();

    // the biobank stocks UKBi008-A: night 2 brings it into the index
    lines.appendStatus("SAMEA2590882", new StatusEntry(CellLineStatus.AT_ECACC, "stocked", null, Instant.now()));
    assertThat(outbox.pendingCount()).isEqualTo(1);
    handle(function, SCHEDULED_EVENT);
    assertThat(outbox.pendingCount()).isZero();
    assertThat(ImportRuns.create(dataSource).latest()).hasValueSatisfying(r -> assertThat(r.unchanged()).isEqualTo(3));
    SearchResult found = index.search(SearchQuery.all());
    assertThat(found.hits()).extracting(CatalogueDocument::biosamplesId).containsExactly("SAMEA2590882");

    // a document the database does not know goes with a rebuild, asked in the event's detail
    index.upsert(CatalogueDocument.of(lines.getByName("UKBi008-A").toBuilder()
        .biosamplesId("SAMEA-GONE").name("GONE-1").build()));
    index.refresh();
    assertThat(index.search(SearchQuery.all()).total()).isEqualTo(2);
    List<String> before = index.currentIndices();
    handle(function, REBUILD_EVENT);
    assertThat(index.search(SearchQuery.all()).hits()).extracting(CatalogueDocument::biosamplesId)
        .containsExactly("SAMEA2590882");
    assertThat(index.currentIndices()).isNotEqualTo(before);

    // drift behind the outbox's back (a document lost in a swap, one left over): the reconcile job
    // finds both and repairs them
    index.delete("SAMEA2590882");
    index.upsert(CatalogueDocument.of(lines.getByName("UKBi008-A").toBuilder()
        .biosamplesId("SAMEA-GONE").name("GONE-1").build()));
    index.refresh();
    assertThat(index.search(SearchQuery.all()).hits()).extracting(CatalogueDocument::biosamplesId)
        .containsExactly("SAMEA-GONE");
    handle(function, RECONCILE_EVENT);
    index.refresh();
    assertThat(index.search(SearchQuery.all()).hits()).extracting(CatalogueDocument::biosamplesId)
        .containsExactly("SAMEA2590882");
    assertThat(outbox.pendingCount()).isZero();
  }

  @Test
  void unreachableSearchIndex_doesNotStopTheImport_andTheOutboxKeepsItsRows() throws IOException {
    String database = newDatabase();
    Map<String, String> env = environment(database);
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    env.put("IMS_OPENSEARCH_URL", "http://127.0.0.1:" + closedPort);
    DataSource dataSource = ImsPostgres.shared().dataSource(database);
    NightlyScheduledJob job = NightlyScheduledJob.fromEnvironment(env, dataSource, URI.create(env.get("IMS_HPSCREG_URL")));

    job.run(new ScheduledEvent("e-1", "2026-11-28T02:00:00Z", List.of()));

    assertThat(CellLineRepository.create(dataSource).count()).isEqualTo(3);
    assertThat(SearchOutbox.create(dataSource).pendingCount()).isEqualTo(3);
  }

  @Test
  void schedulersOwnEnvelope_andAnEmptyDirectInvocation_runTheNightlyImport() {
    String database = newDatabase();
    Map<String, String> env = environment(database);
    DataSource dataSource = ImsPostgres.shared().dataSource(database);
    ImsLambdaHandler function = NightlyFunction.assemble(env);

    // What EventBridge Scheduler sends for a schedule without input: its detail is the text "{}".
    handle(function, """
        {"version": "0", "id": "8f4a4c48", "detail-type": "Scheduled Event", "source": "aws.scheduler",
         "account": "123456789012", "time": "2026-12-02T01:00:00Z", "region": "eu-west-1",
         "resources": ["arn:aws:scheduler:eu-west-1:123456789012:schedule/default/ims-nightly"], "detail": "{}"}
        """);
    assertThat(ImportRuns.create(dataSource).latest()).hasValueSatisfying(r -> assertThat(r.created()).isEqualTo(3));

    handle(function, "{}");
    assertThat(ImportRuns.create(dataSource).latest()).hasValueSatisfying(r -> assertThat(r.unchanged()).isEqualTo(3));
  }

  @Test
  void withoutSearch_theJobOnlyImports_andRefusesARebuild() {
    String database = newDatabase();
    Map<String, String> env = environment(database);
    DataSource dataSource = ImsPostgres.shared().dataSource(database);
    NightlyScheduledJob job = NightlyScheduledJob.fromEnvironment(env, dataSource, URI.create(env.get("IMS_HPSCREG_URL")));
    assertThat(job.updatesSearch()).isFalse();

    assertThatThrownBy(() -> job.run(new ScheduledEvent("e-1", "t", List.of(), "{\"rebuild\": true}")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("IMS_OPENSEARCH_URL");
    assertThatThrownBy(() -> job.run(new ScheduledEvent("e-1", "t", List.of(), "{\"job\": \"reconcile\"}")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("IMS_OPENSEARCH_URL");
    assertThatThrownBy(() -> job.run(new ScheduledEvent("e-1", "t", List.of(), "{\"job\": \"bogus\\n\"}")))
        .isInstanceOf(org.cellbank.ims.http.BadRequestException.class)
        .hasMessageStartingWith("unknown job bogus\\u000a; known: nightly, import, ecacc, drain, rebuild, reconcile, migrate, api-keys.");
    assertThat(ImportRuns.create(dataSource).latest()).isEmpty();

    job.run(new ScheduledEvent("e-2", "t", List.of()));
    assertThat(ImportRuns.create(dataSource).latest()).hasValueSatisfying(r -> {
      assertThat(r.outcome()).isEqualTo(ImportReport.Outcome.COMPLETED);
      assertThat(r.created()).isEqualTo(3);
    });
    // without a search index the import writes no outbox rows
    assertThat(SearchOutbox.create(dataSource).pendingCount()).isZero();
  }

  @Test
  void aScheduledEventWhileAnotherImportWorks_failsTheInvocation_andChangesNothing() throws SQLException {
    String database = newDatabase();
    Map<String, String> env = environment(database);
    DataSource dataSource = ImsPostgres.shared().dataSource(database);
    NightlyScheduledJob job = NightlyScheduledJob.fromEnvironment(env, dataSource, URI.create(env.get("IMS_HPSCREG_URL")));
    // The lease of a run still working (a command line started by hand, say).
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO ims.import_lease (source, holder, acquired_at, expires_at)"
          + " VALUES ('hpscreg', 'by-hand', now(), now() + interval '10 minutes')");
    }

    assertThatThrownBy(() -> job.run(new ScheduledEvent("e-1", "t", List.of())))
        .isInstanceOf(ConflictException.class).hasMessageContaining("another hPSCreg import is running");
    assertThat(ImportRuns.create(dataSource).latest()).isEmpty();
    assertThat(CellLineRepository.create(dataSource).count()).isZero();
  }

  @Test
  void listThatCannotBeRead_failsTheInvocation_afterStoringTheReport() {
    String database = newDatabase();
    Map<String, String> env = environment(database);
    DataSource dataSource = ImsPostgres.shared().dataSource(database);
    URI missing = URI.create("http://127.0.0.1:" + registry.getAddress().getPort() + "/api/export/none");
    NightlyScheduledJob job = NightlyScheduledJob.fromEnvironment(env, dataSource, missing);

    assertThatThrownBy(() -> job.run(new ScheduledEvent("e-1", "t", List.of())))
        .isInstanceOf(ImsException.class).hasMessageContaining("could not read the hPSCreg list");
    assertThat(ImportRuns.create(dataSource).latest()).hasValueSatisfying(r ->
        assertThat(r.outcome()).isEqualTo(ImportReport.Outcome.LIST_FAILED));
  }

  @Test
  void settingsThatDoNotFit_failAtInit() {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    URI registryUri = URI.create("http://127.0.0.1:1/api/export/ebisc");
    List<Map<String, String>> bad = List.of(
        Map.of("IMS_OPENSEARCH_URL", "http://127.0.0.1:9200", "IMS_DB_POOL_SIZE", "1"),
        Map.of("IMS_OPENSEARCH_URL", "http://127.0.0.1:9200", "IMS_OPENSEARCH_HOST", "search-x.eu-west-1.es.amazonaws.com",
            "AWS_REGION", "eu-west-1"),
        Map.of("IMS_OPENSEARCH_HOST", "search-x.eu-west-1.es.amazonaws.com"),
        Map.of("IMS_OPENSEARCH_URL", "localhost:9200"),
        Map.of("IMS_IMPORT_BUDGET_MINUTES", "15"),
        Map.of("IMS_IMPORT_BUDGET_MINUTES", "0"),
        Map.of("IMS_IMPORT_BUDGET_MINUTES", "soon"));
    for (Map<String, String> env : bad) {
      assertThatThrownBy(() -> NightlyScheduledJob.fromEnvironment(env, dataSource, registryUri))
          .as(env.toString()).isInstanceOf(IllegalStateException.class);
    }
    // SigV4 settings assemble without reaching AWS: the client is built on the first scheduled event
    NightlyScheduledJob signed = NightlyScheduledJob.fromEnvironment(Map.of("IMS_OPENSEARCH_HOST", "search-x.eu-west-1.es.amazonaws.com",
        "AWS_REGION", "eu-west-1"), dataSource, registryUri);
    assertThat(signed.updatesSearch()).isTrue();
  }
}
