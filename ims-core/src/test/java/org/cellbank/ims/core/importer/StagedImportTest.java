package org.cellbank.ims.core.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.importer.ImportReport.LineProblem;
import org.cellbank.ims.core.model.CellLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import from a staged copy of the registry: a fetch step copies the registry (and ECACC's
 * answers) into a stage, and an import that never reaches the registry reads it, with the same
 * result as an import from the registry itself.
 */
class StagedImportTest {

  private static final Duration MAX_AGE = Duration.ofHours(36);

  @TempDir
  Path directory;

  private FakeRegistry registry;
  private RegistryStage stage;

  @BeforeEach
  void setUp() {
    registry = FakeRegistry.withFixtures();
    stage = FileSystemRegistryStage.of(directory.resolve("stage"));
  }

  @AfterEach
  void tearDown() {
    registry.close();
  }

  private RegistryStager stager() {
    return RegistryStager.builder().registry(registry.client()).stage(stage).build();
  }

  private static CellLineRepository repository(DataSource db) {
    return CellLineRepository.builder().dataSource(db).build();
  }

  private static Map<String, CellLine> lines(DataSource db) {
    return repository(db).page(PageRequest.first(100)).items().stream()
        // The status log's times and the versions depend on when each import ran.
        .map(line -> line.toBuilder().statusLog(List.of()).version(0).build())
        .collect(Collectors.toMap(CellLine::name, Function.identity()));
  }

  @Test
  void anImportOfTheStagedCopy_storesWhatAnImportOfTheRegistryStores() {
    RegistryStager.StagedRun staged = stager().stage();
    assertThat(staged.lines()).isEqualTo(3);
    assertThat(staged.failed()).isZero();
    int callsAfterFetch = registry.detailCalls();

    DataSource fromStage = ImportTestDatabase.migrated();
    ImportReport report = NightlyJob.builder().dataSource(fromStage).registry(HpscregClient.staged(stage, MAX_AGE))
        .build().importAll();
    DataSource fromRegistry = ImportTestDatabase.migrated();
    ImportReport live = NightlyJob.builder().dataSource(fromRegistry).registry(registry.client()).build().importAll();

    assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.COMPLETED);
    assertThat(report.created()).isEqualTo(3);
    assertThat(report.problems()).isEmpty();
    assertThat(live.created()).isEqualTo(3);
    assertThat(lines(fromStage)).isEqualTo(lines(fromRegistry)).hasSize(3);
    // The staged import itself asked the registry nothing (the live one asked three times).
    assertThat(registry.detailCalls()).isEqualTo(callsAfterFetch + 3);
  }

  @Test
  void aLineTheFetchCouldNotRead_failsInTheImport_withTheFetchsReason_andTheOthersAreImported() {
    registry.answer("TESTi010-A", 503, "\"busy\"");
    RegistryStager.StagedRun staged = stager().stage();
    assertThat(staged.failed()).isEqualTo(1);

    DataSource db = ImportTestDatabase.migrated();
    ImportReport report = NightlyJob.builder().dataSource(db).registry(HpscregClient.staged(stage, MAX_AGE)).build()
        .importAll();

    assertThat(report.created()).isEqualTo(2);
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("TESTi010-A");
      assertThat(p.kind()).isEqualTo(LineProblem.Kind.FAILED);
      assertThat(p.message()).contains("the fetch step could not read").contains("HTTP status 503");
    });
  }

  @Test
  void aListTheFetchCannotRead_failsTheFetch_andThePreviousCopyStaysTheNewest() {
    RegistryStager.StagedRun first = stager().stage();
    registry.listAnswer(500, "\"down\"");
    RegistryStager later = RegistryStager.builder().registry(registry.client()).stage(stage)
        .clock(Clock.fixed(first.fetchedAt().plusSeconds(3600), ZoneOffset.UTC)).build();

    assertThatThrownBy(later::stage).isInstanceOf(HpscregException.class).hasMessageContaining("HTTP status 500");

    assertThat(StagedCopy.latest(stage).run()).isEqualTo(first.run());
    DataSource db = ImportTestDatabase.migrated();
    assertThat(NightlyJob.builder().dataSource(db).registry(HpscregClient.staged(stage, MAX_AGE)).build().importAll()
        .created()).isEqualTo(3);
  }

  @Test
  void aCopyOlderThanTheMaximumAge_orNoCopy_isRefused_andNothingIsImported() {
    DataSource db = ImportTestDatabase.migrated();
    NightlyJob job = NightlyJob.builder().dataSource(db).registry(HpscregClient.staged(stage, MAX_AGE)).build();
    assertThatThrownBy(job::importAll).isInstanceOf(HpscregException.class).hasMessageContaining("has the fetch step run?");

    Instant fetched = Instant.now().minus(Duration.ofHours(40));
    RegistryStager.builder().registry(registry.client()).stage(stage).clock(Clock.fixed(fetched, ZoneOffset.UTC)).build()
        .stage();
    assertThatThrownBy(job::importAll).isInstanceOf(HpscregException.class)
        .hasMessageContaining("40 h ago, more than the 36 h allowed");
    assertThat(repository(db).page(PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void aNameTheCopyDoesNotHold_failsAsAnUnknownLine() {
    stager().stage();
    DataSource db = ImportTestDatabase.migrated();
    ImportReport report = NightlyJob.builder().dataSource(db).registry(HpscregClient.staged(stage, MAX_AGE)).build()
        .importLines(List.of("NOPEi001-A"));
    assertThat(report.problems()).singleElement().satisfies(p ->
        assertThat(p.message()).contains("NOPEi001-A is not in the staged copy"));
  }

  @Test
  void ecacc_theImportLeavesItsQuestions_theFetchAsksThem_andTheNextImportFlagsTheListedLine() throws IOException {
    Set<String> listedNumbers = ConcurrentHashMap.newKeySet();
    HttpServer ecaccSite = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ecaccSite.createContext("/detail.jsp", exchange -> {
      String query = exchange.getRequestURI().getQuery();
      String id = query.substring("refId=".length(), query.indexOf('&'));
      byte[] body = "<html><h1>UKBi008-A</h1></html>".getBytes(StandardCharsets.UTF_8);
      boolean found = listedNumbers.contains(id);
      exchange.sendResponseHeaders(found ? 200 : 404, found ? body.length : -1);
      try (var out = exchange.getResponseBody()) {
        if (found) {
          out.write(body);
        }
      }
    });
    ecaccSite.start();
    URI page = URI.create("http://127.0.0.1:" + ecaccSite.getAddress().getPort() + "/detail.jsp");
    try {
      RegistryStager stager = RegistryStager.builder().registry(registry.client()).stage(stage)
          .ecaccAvailability(EcaccAvailability.builder().page(page).build()).build();
      DataSource db = ImportTestDatabase.migrated();
      NightlyJob job = NightlyJob.builder().dataSource(db).registry(HpscregClient.staged(stage, MAX_AGE))
          .ecaccAvailability(EcaccAvailability.staged(stage)).build();

      // Night 1: nothing was asked yet; the import gives the lines their numbers and leaves them.
      assertThat(stager.stage().ecaccChecked()).isZero();
      assertThat(job.importAll().created()).isEqualTo(3);
      CellLine ukbi = repository(db).getByBiosamplesId("SAMEA2590882");
      assertThat(ukbi.availableForSaleAtEcacc()).isFalse();
      List<StagedCopy.EcaccLine> wanted = StagedCopy.parseEcacc(stage.read(StagedCopy.ECACC_WANTED).orElseThrow(),
          StagedCopy.ECACC_WANTED);
      assertThat(wanted).hasSize(3).contains(new StagedCopy.EcaccLine("UKBi008-A", ukbi.ecaccId(), false));

      // Night 2: ECACC lists UKBi008-A's number; the fetch asks, the import flags it.
      listedNumbers.add(ukbi.ecaccId());
      RegistryStager.StagedRun second = stager.stage();
      assertThat(second.ecaccChecked()).isEqualTo(3);
      assertThat(second.ecaccListed()).isEqualTo(1);
      assertThat(job.importAll().problems()).isEmpty();
      assertThat(repository(db).getByBiosamplesId("SAMEA2590882").availableForSaleAtEcacc()).isTrue();
      assertThat(repository(db).getByBiosamplesId("SAMEA104493170").availableForSaleAtEcacc()).isFalse();
      assertThat(StagedCopy.parseEcacc(stage.read(StagedCopy.ECACC_WANTED).orElseThrow(), StagedCopy.ECACC_WANTED))
          .hasSize(2).extracting(StagedCopy.EcaccLine::name).doesNotContain("UKBi008-A");

      // An answer for another number (the line's number was corrected since) does not flag it.
      assertThat(EcaccAvailability.staged(stage).isListed("66779999", "UKBi008-A")).isFalse();
      // ECACC gone quiet: the flag stays on.
      listedNumbers.clear();
      stager.stage();
      job.checkEcacc();
      assertThat(repository(db).getByBiosamplesId("SAMEA2590882").availableForSaleAtEcacc()).isTrue();
    } finally {
      ecaccSite.stop(0);
    }
  }

  @Test
  void aStager_refusesAStagedRegistry_andAStagedEcaccCheck() {
    assertThatThrownBy(() -> RegistryStager.builder().registry(HpscregClient.staged(stage, MAX_AGE)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegistryStager.builder().ecaccAvailability(EcaccAvailability.staged(stage)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
