package org.cellbank.ims.core.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cellbank.ims.core.importer.FakeRegistry.arrayWithout;
import static org.cellbank.ims.core.importer.FakeRegistry.edit;
import static org.cellbank.ims.core.importer.FakeRegistry.fixture;
import static org.cellbank.ims.core.importer.FakeRegistry.with;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.db.CatalogueDocuments;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.OutboxDrainer;
import org.cellbank.ims.core.db.SearchOutbox;
import org.cellbank.ims.core.importer.ImportReport.LineProblem;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.model.DiseaseGenotype;
import org.cellbank.ims.core.model.IntegratingVector;
import org.cellbank.ims.core.model.ModificationKind;
import org.cellbank.ims.core.model.NonIntegratingVector;
import org.cellbank.ims.core.model.ValidationStatus;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.core.search.CatalogueDocument;
import org.cellbank.ims.core.search.InMemoryCatalogueIndex;
import org.cellbank.ims.core.search.SearchQuery;
import org.cellbank.ims.http.internal.json.JsonArray;
import org.cellbank.ims.http.internal.json.JsonNumber;
import org.cellbank.ims.http.internal.json.JsonObject;
import org.cellbank.ims.http.internal.json.JsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HpscregImporterTest {

  private static final Duration BUDGET = Duration.ofMinutes(10);

  private DataSource db;
  private SearchOutbox outbox;
  private CellLineRepository repository;
  private FakeRegistry registry;

  @BeforeEach
  void setUp() {
    db = ImportTestDatabase.migrated();
    outbox = SearchOutbox.create(db);
    repository = CellLineRepository.builder().dataSource(db).searchOutbox(outbox).build();
    registry = FakeRegistry.withFixtures();
  }

  @AfterEach
  void tearDown() {
    registry.close();
  }

  private HpscregImporter importer() {
    return importer(Clock.systemUTC());
  }

  private HpscregImporter importer(Clock clock) {
    return HpscregImporter.builder().client(registry.client()).repository(repository).dataSource(db)
        .clock(clock).progressEvery(2).build();
  }

  private Map<String, Long> versions() {
    return repository.page(org.cellbank.ims.core.PageRequest.first(100)).items().stream()
        .collect(Collectors.toMap(CellLine::name, CellLine::version));
  }

  @Test
  void run_importsTheThreeFixturesAsTheirFieldsDescribe() {
    ImportReport report = importer().run(BUDGET);

    assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.COMPLETED);
    assertThat(report.total()).isEqualTo(3);
    assertThat(report.created()).isEqualTo(3);
    assertThat(report.problems()).isEmpty();
    assertThat(report.notDone()).isEmpty();

    CellLine ukb = repository.getByBiosamplesId("SAMEA2590882");
    assertThat(ukb.name()).isEqualTo("UKBi008-A");
    assertThat(ukb.ecaccId()).isEqualTo("66770001");
    assertThat(ukb.hpscregId()).isEqualTo("1180");
    assertThat(ukb.validationStatus()).isEqualTo(ValidationStatus.VALIDATED_VISIBLE);
    assertThat(ukb.availableForSaleAtEcacc()).isFalse();
    assertThat(ukb.availableForSale()).isNull();
    assertThat(ukb.statusLog()).singleElement().satisfies(s -> {
      assertThat(s.status()).isEqualTo(CellLineStatus.NOT_AVAILABLE);
      assertThat(s.comment()).isEqualTo("Initial value at first import");
      assertThat(s.author()).isNull();
    });
    assertThat(ukb.depositor()).isEqualTo("Universitatsklinikum Bonn");
    assertThat(ukb.donorAge()).isEqualTo("35-39");
    assertThat(ukb.donor().biosamplesId()).isEqualTo("SAMEA2590985");
    assertThat(ukb.donor().internalDonorIds()).containsExactly("G1882", "RCFB53", "G1870", "RCFB44");
    assertThat(ukb.donor().diseases()).singleElement().satisfies(d -> {
      assertThat(d.disease().name()).isEqualTo("Machado-Joseph disease");
      assertThat(d.variants()).singleElement().satisfies(v -> assertThat(v.gene()).isEqualTo("ATXN3"));
    });
    assertThat(((IntegratingVector) ukb.reprogrammingVector()).genes()).containsExactly("KLF4", "MYC", "POU5F1", "SOX2");
    assertThat(ukb.cultureConditions().supplements()).hasSize(4);
    assertThat(ukb.derivation().primaryCellType()).isEqualTo("fibroblast of dermis");
    assertThat(ukb.karyotype().karyotype()).isEqualTo("46XX");
    assertThat(ukb.pluritest().pluripotencyScore()).isEqualTo("42.031");
    assertThat(ukb.publications()).hasSize(1);

    CellLine bion = repository.getByBiosamplesId("SAMEA104493170");
    assertThat(bion.ecaccId()).isEqualTo("66770002");
    assertThat(bion.derivedFrom()).isNull();
    assertThat(bion.diseases()).singleElement().satisfies(d ->
        assertThat(d.modifications()).extracting(m -> m.kind()).containsExactly(
            ModificationKind.VARIANT, ModificationKind.ISOGENIC, ModificationKind.GENE_KNOCK_OUT));
    assertThat(bion.nonDiseaseModifications()).hasSize(2);
    assertThat(bion.genomeAnalyses()).hasSize(2);
    assertThat(bion.donor().genomeAnalyses()).hasSize(1);
    assertThat(bion.karyotype().method()).isEqualTo("Molecular karyotyping (SNP array)");
    assertThat(bion.cultureConditions().enzymeFree()).isEqualTo("ReLeSR");
    assertThat(bion.pluritest().pluritestFlag()).isFalse();

    CellLine test = repository.getByBiosamplesId("SAMEA999000101");
    assertThat(test.ecaccId()).isEqualTo("66770003");
    assertThat(test.donorAge()).isNull();
    assertThat(((NonIntegratingVector) test.reprogrammingVector()).genes()).hasSize(5);
    assertThat(test.vectorFreeFactors()).hasSize(2);
    assertThat(test.characterisation()).isNotNull();
    assertThat(test.karyotype()).isNull();
    assertThat(outbox.pendingCount()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void secondRunOverUnchangedInput_writesNothing() {
    importer().run(BUDGET);
    Map<String, Long> before = versions();
    long pending = outbox.pendingCount();

    ImportReport second = importer().run(BUDGET);

    assertThat(second.unchanged()).isEqualTo(3);
    assertThat(second.created() + second.updated() + second.failed()).isZero();
    assertThat(versions()).isEqualTo(before);
    assertThat(outbox.pendingCount()).isEqualTo(pending);
  }

  @Test
  void unchangedLine_costsOneReadOfTheLine_andNoTransactionOfItsOwn() {
    List<String> statements = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    CellLineRepository observed = CellLineRepository.builder().dataSource(db).searchOutbox(outbox)
        .onStatement(statements::add).build();
    HpscregImporter importer = HpscregImporter.builder().client(registry.client()).repository(observed).dataSource(db)
        .build();
    assertThat(importer.run(BUDGET).created()).isEqualTo(3);
    Map<String, Long> before = versions();
    statements.clear();
    for (String id : List.of("SAMEA2590882", "SAMEA104493170", "SAMEA999000101")) {
      assertThat(observed.findByBiosamplesId(id)).isPresent();
    }
    List<String> threeReads = List.copyOf(statements);
    statements.clear();

    ImportReport second = importer.run(BUDGET);

    assertThat(second.unchanged()).isEqualTo(3);
    assertThat(statements).hasSameSizeAs(threeReads);
    assertThat(statements).noneMatch(sql -> sql.toLowerCase(java.util.Locale.ROOT).contains("for update"));
    assertThat(versions()).isEqualTo(before);

    // a line that differs still goes through the locked update
    registry.document("UKBi008-A", with(fixture("UKBi008-A"), "derivation_country", JsonString.of("France")));
    statements.clear();
    ImportReport third = importer.run(BUDGET);
    assertThat(third.updated()).isEqualTo(1);
    assertThat(third.unchanged()).isEqualTo(2);
    assertThat(statements).anyMatch(sql -> sql.toLowerCase(java.util.Locale.ROOT).contains("for update"));
    assertThat(repository.getByBiosamplesId("SAMEA2590882").derivationCountry()).isEqualTo("France");
  }

  @Test
  void changedDocuments_updateExactlyWhatChanged() {
    importer().run(BUDGET);
    Map<String, Long> before = versions();
    CellLine ukbBefore = repository.getByBiosamplesId("SAMEA2590882");

    // UKBi008-A renamed; BIONi010-C-2 loses its cell-line disease and its donor disease gains a variant
    registry.order(List.of("UKBi008-Z", "BIONi010-C-2", "TESTi010-A"));
    registry.document("UKBi008-Z", with(fixture("UKBi008-A"), "name", JsonString.of("UKBi008-Z")));
    JsonObject bion = edit(fixture("BIONi010-C-2"), "diseases", d -> arrayWithout(d, 0));
    bion = edit(bion, "donor", donor -> edit((JsonObject) donor, "diseases", diseases -> {
      JsonObject normal = (JsonObject) ((JsonArray) diseases).get(0);
      JsonObject variant = JsonObject.builder().put("id", 7101).put("free_text", "a new variant")
          .put("gene", JsonObject.builder().put("name", "TP53").build()).build();
      return JsonArray.of(with(normal, "variants", JsonArray.of(variant)));
    }));
    registry.document("BIONi010-C-2", bion);

    ImportReport report = importer().run(BUDGET);

    assertThat(report.updated()).isEqualTo(2);
    assertThat(report.unchanged()).isEqualTo(1);
    CellLine ukb = repository.getByBiosamplesId("SAMEA2590882");
    assertThat(ukb.name()).isEqualTo("UKBi008-Z");
    assertThat(ukb.ecaccId()).isEqualTo(ukbBefore.ecaccId());
    assertThat(ukb.statusLog()).isEqualTo(ukbBefore.statusLog());
    assertThat(ukb.toBuilder().name("UKBi008-A").version(0).build())
        .isEqualTo(ukbBefore.toBuilder().version(0).build());
    assertThat(repository.findByName("UKBi008-A")).isEmpty();

    CellLine b = repository.getByBiosamplesId("SAMEA104493170");
    assertThat(b.diseases()).isEmpty();
    assertThat(b.nonDiseaseModifications()).hasSize(2);
    assertThat(b.donor().diseases()).singleElement().satisfies(d ->
        assertThat(d.variants()).singleElement().satisfies(v -> {
          assertThat(v.variantId()).isEqualTo(7101);
          assertThat(v.gene()).isEqualTo("TP53");
        }));
    assertThat(versions().get("TESTi010-A")).isEqualTo(before.get("TESTi010-A"));
  }

  @Test
  void gatedSections_keepTheStoredValuesWhenTheRegistryLeavesThemOut() {
    importer().run(BUDGET);
    JsonObject bion = with(fixture("BIONi010-C-2"), "karyotyping_flag", JsonString.of("0"));
    bion = with(bion, "genetic_modifications_non_disease", null);
    bion = with(bion, "genome_wide_analysis_flag", null);
    registry.document("BIONi010-C-2", bion);

    ImportReport report = importer().run(BUDGET);

    assertThat(report.unchanged()).isEqualTo(3);
    CellLine b = repository.getByBiosamplesId("SAMEA104493170");
    assertThat(b.karyotype().karyotype()).isEqualTo("46XY");
    assertThat(b.nonDiseaseModifications()).hasSize(2);
    assertThat(b.genomeAnalyses()).hasSize(2);

    registry.document("BIONi010-C-2", with(fixture("BIONi010-C-2"), "genetic_modifications_non_disease", new JsonArray(List.of())));
    assertThat(importer().run(BUDGET).updated()).isEqualTo(1);
    assertThat(repository.getByBiosamplesId("SAMEA104493170").nonDiseaseModifications()).isEmpty();
  }

  @Test
  void diseaseGenotype_isUpsertedWhenTheCarriesFlagIsSent_andKeptWhenItIsNot() {
    importer().run(BUDGET);
    assertThat(repository.getByBiosamplesId("SAMEA2590882").diseaseGenotype()).isNull();

    registry.document("UKBi008-A", fixture("UKBi008-A-genotype"));
    ImportReport report = importer().run(BUDGET);
    assertThat(report.updated()).isEqualTo(1);
    assertThat(report.unchanged()).isEqualTo(2);
    assertThat(repository.getByBiosamplesId("SAMEA2590882").diseaseGenotype())
        .isEqualTo(new DiseaseGenotype(false, null));
    assertThat(importer().run(BUDGET).unchanged()).isEqualTo(3);

    // The registry drops the flags: the stored record stays.
    registry.document("UKBi008-A", fixture("UKBi008-A"));
    assertThat(importer().run(BUDGET).unchanged()).isEqualTo(3);
    assertThat(repository.getByBiosamplesId("SAMEA2590882").diseaseGenotype())
        .isEqualTo(new DiseaseGenotype(false, null));

    registry.document("UKBi008-A", with(with(fixture("UKBi008-A-genotype"),
        "carries_disease_phenotype_associated_variants_flag", JsonString.of("1")),
        "variant_of_interest_flag", JsonString.of("1")));
    assertThat(importer().run(BUDGET).updated()).isEqualTo(1);
    assertThat(repository.getByBiosamplesId("SAMEA2590882").diseaseGenotype())
        .isEqualTo(new DiseaseGenotype(true, true));
  }

  @Test
  void faultyLines_areReportedAndTheOthersImported() {
    registry.order(List.of("BROKEN-1", "UKBi008-A", "DOWN-1", "GONE-1", "NOBIO-1", "BIONi010-C-2", "TESTi010-A"));
    registry.document("BROKEN-1", with(with(fixture("TESTi010-A"), "name", JsonString.of("BROKEN-1")),
        "diseases", JsonString.of("not an array")));
    registry.answer("DOWN-1", 500, "{\"error\": \"internal\"}");
    registry.answer("GONE-1", 200, "\"Cell line not found\"");
    registry.document("NOBIO-1", with(with(fixture("TESTi010-A"), "name", JsonString.of("NOBIO-1")), "biosamples_id", null));

    ImportReport report = importer().run(BUDGET);

    assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.COMPLETED);
    assertThat(report.created()).isEqualTo(3);
    assertThat(report.failed()).isEqualTo(3);
    assertThat(report.skipped()).isEqualTo(1);
    Map<String, LineProblem> problems = report.problems().stream()
        .collect(Collectors.toMap(LineProblem::name, Function.identity()));
    assertThat(problems.get("BROKEN-1").message()).contains("diseases");
    assertThat(problems.get("DOWN-1").message()).contains("500");
    assertThat(problems.get("GONE-1").message()).contains("Cell line not found");
    assertThat(problems.get("NOBIO-1").kind()).isEqualTo(LineProblem.Kind.SKIPPED);
    assertThat(problems.get("NOBIO-1").message()).contains("BioSamples");
    assertThat(repository.count()).isEqualTo(3);
    assertThat(report.toString()).doesNotContain(FakeRegistry.PASSWORD);
  }

  @Test
  void databaseErrorInsideALine_rollsBackThatLineOnly_andTheRerunConverges() {
    // number_of_vials_banked is varchar(10): the insert fails after the line row was written
    registry.document("UKBi008-A", with(fixture("UKBi008-A"), "number_of_vials_banked", JsonString.of("twenty-five vials")));

    ImportReport first = importer().run(BUDGET);

    assertThat(first.created()).isEqualTo(2);
    assertThat(first.failed()).isEqualTo(1);
    assertThat(first.problems()).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo("UKBi008-A"));
    assertThat(repository.exists("SAMEA2590882")).isFalse();
    assertThat(repository.exists("SAMEA104493170")).isTrue();

    registry.document("UKBi008-A", fixture("UKBi008-A"));
    ImportReport second = importer().run(BUDGET);

    assertThat(second.created()).isEqualTo(1);
    assertThat(second.unchanged()).isEqualTo(2);
    CellLine ukb = repository.getByBiosamplesId("SAMEA2590882");
    assertThat(ukb.statusLog()).hasSize(1);
    assertThat(ukb.ecaccId()).matches("667700\\d\\d");
    assertThat(importer().run(BUDGET).unchanged()).isEqualTo(3);
  }

  @Test
  void failingList_endsTheRunAndIsReported() {
    registry.listAnswer(503, "unavailable");

    ImportReport report = importer().run(BUDGET);

    assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.LIST_FAILED);
    assertThat(report.done()).isZero();
    assertThat(report.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("503"));
    assertThat(registry.detailCalls()).isZero();
    assertThat(repository.count()).isZero();
  }

  @Test
  void subcloneIsLinkedOnceItsParentIsStored_soASecondRunConverges() {
    JsonObject parent = with(with(with(with(fixture("TESTi010-A"), "name", JsonString.of("BIONi010-C")),
        "biosamples_id", JsonString.of("SAMEA104493160")), "id", JsonNumber.of(2342)),
        "donor", JsonObject.builder().put("biosamples_id", "SAMEA104493100").put("gender", "male").build());
    registry.document("BIONi010-C", parent); // listed after its subclone

    ImportReport first = importer().run(BUDGET);
    assertThat(first.created()).isEqualTo(4);
    assertThat(repository.getByBiosamplesId("SAMEA104493170").derivedFrom()).isNull();

    ImportReport second = importer().run(BUDGET);
    assertThat(second.updated()).isGreaterThanOrEqualTo(1);
    assertThat(repository.getByBiosamplesId("SAMEA104493170").derivedFrom()).isEqualTo("SAMEA104493160");
  }

  @Test
  void timeBudget_stopsBeforeItRunsOut_andResumeTakesTheRest() {
    TickingClock clock = new TickingClock(Duration.ofSeconds(1));
    // every clock reading moves one second on: a line takes a few readings
    ImportReport first = importer(clock).run(Duration.ofSeconds(6));

    assertThat(first.outcome()).isEqualTo(ImportReport.Outcome.BUDGET_EXHAUSTED);
    assertThat(first.notDone()).isNotEmpty();
    assertThat(first.done() + first.notDone().size()).isEqualTo(3);
    assertThat(repository.count()).isEqualTo(first.created());

    ImportReport rest = importer().resume(first.notDone(), BUDGET);
    assertThat(rest.outcome()).isEqualTo(ImportReport.Outcome.COMPLETED);
    assertThat(rest.created()).isEqualTo(first.notDone().size());
    assertThat(repository.count()).isEqualTo(3);
  }

  @Test
  void runThatStopsOnItsBudget_isContinuedByTheNextRun_withOnlyTheLinesNotDone() {
    ImportRuns runs = ImportRuns.create(db);
    registry.answer("DOWN-1", 500, "{}");
    registry.answer("LAST-1", 200, "null");
    HpscregImporter hurried = HpscregImporter.builder().client(registry.client()).repository(repository).dataSource(db)
        .clock(new TickingClock(Duration.ofSeconds(1))).runs(runs).build();
    HpscregImporter relaxed = HpscregImporter.builder().client(registry.client()).repository(repository).dataSource(db)
        .runs(runs).build();

    ImportReport first = hurried.run(Duration.ofSeconds(6));

    assertThat(first.outcome()).isEqualTo(ImportReport.Outcome.BUDGET_EXHAUSTED);
    assertThat(first.resumedFrom()).isNull();
    assertThat(first.total()).isEqualTo(5);
    assertThat(first.notDone()).isNotEmpty().isEqualTo(
        List.of("UKBi008-A", "BIONi010-C-2", "TESTi010-A", "DOWN-1", "LAST-1").subList(first.done(), 5));
    ImportRuns.StoredRun stored = runs.latestRun().orElseThrow();
    assertThat(stored.report()).isEqualTo(first);
    int listCalls = registry.listCalls();
    int detailCalls = registry.detailCalls();

    // the next invocation: no list, only the names the first run did not get to
    ImportReport second = relaxed.run(BUDGET);

    assertThat(second.outcome()).isEqualTo(ImportReport.Outcome.COMPLETED);
    assertThat(second.resumedFrom()).isEqualTo(stored.id());
    assertThat(second.total()).isEqualTo(first.notDone().size());
    assertThat(second.done()).isEqualTo(first.notDone().size());
    assertThat(registry.listCalls()).isEqualTo(listCalls);
    assertThat(registry.detailCalls() - detailCalls).isEqualTo(first.notDone().size());
    assertThat(first.created() + second.created()).isEqualTo(3);
    assertThat(first.failed() + second.failed()).isEqualTo(1);
    assertThat(first.skipped() + second.skipped()).isEqualTo(1);
    assertThat(repository.count()).isEqualTo(3);
    assertThat(runs.latestRun().orElseThrow().report()).isEqualTo(second);
    assertThat(second.summary()).contains("(resumed run " + stored.id() + ")");

    // once a run completed, the next one reads the list again
    ImportReport third = relaxed.run(BUDGET);
    assertThat(third.resumedFrom()).isNull();
    assertThat(third.total()).isEqualTo(5);
    assertThat(third.unchanged()).isEqualTo(3);
    assertThat(registry.listCalls()).isEqualTo(listCalls + 1);
  }

  @Test
  void aRunStartedWhileAnotherWorks_isRefused_beforeItReadsOrWritesAnything() throws SQLException {
    ImportRuns runs = ImportRuns.create(db);
    HpscregImporter importer = HpscregImporter.builder().client(registry.client()).repository(repository).dataSource(db)
        .runs(runs).build();

    try (ImportRunStore.Lease working = runs.lease(Duration.ofMinutes(5))) {
      assertThat(leases()).isEqualTo(1);
      assertThatThrownBy(() -> importer.run(BUDGET)).isInstanceOf(ConflictException.class)
          .hasMessageContaining("another hPSCreg import is running");
      assertThatThrownBy(() -> importer.resume(List.of("UKBi008-A"), BUDGET)).isInstanceOf(ConflictException.class);
      assertThatThrownBy(() -> runs.lease(Duration.ofMinutes(1))).isInstanceOf(ConflictException.class);
      assertThat(registry.listCalls()).isZero();
      assertThat(registry.detailCalls()).isZero();
      assertThat(runs.latestRun()).isEmpty();
      assertThat(repository.count()).isZero();
    }

    // Given back: the next run works, and gives its own lease back when it ends.
    assertThat(leases()).isZero();
    assertThat(importer.run(BUDGET).outcome()).isEqualTo(ImportReport.Outcome.COMPLETED);
    assertThat(repository.count()).isEqualTo(3);
    assertThat(leases()).isZero();
  }

  @Test
  void theLeaseOfARunThatDied_isTakenOverOnceItRanOut() throws SQLException {
    // A run killed with its process (a Lambda timeout) leaves its row; here its lease ended a minute ago.
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO ims.import_lease (source, holder, acquired_at, expires_at)"
          + " VALUES ('hpscreg', 'killed', now() - interval '20 minutes', now() - interval '1 minute')");
    }
    ImportRuns runs = ImportRuns.create(db);
    HpscregImporter importer = HpscregImporter.builder().client(registry.client()).repository(repository).dataSource(db)
        .runs(runs).build();

    assertThat(importer.run(BUDGET).outcome()).isEqualTo(ImportReport.Outcome.COMPLETED);
    assertThat(leases()).isZero();
  }

  @Test
  void importerWithoutARunHistory_takesNoLease() throws SQLException {
    try (ImportRunStore.Lease working = ImportRuns.create(db).lease(Duration.ofMinutes(5))) {
      assertThat(importer().run(BUDGET).outcome()).isEqualTo(ImportReport.Outcome.COMPLETED);
      assertThat(leases()).isEqualTo(1);
    }
  }

  private int leases() throws SQLException {
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM ims.import_lease")) {
      r.next();
      return r.getInt(1);
    }
  }

  @Test
  void resumedRunThatAlsoRunsOutOfTime_leavesTheRestToTheRunAfterIt() {
    ImportRuns runs = ImportRuns.create(db);
    HpscregImporter hurried = HpscregImporter.builder().client(registry.client()).repository(repository).dataSource(db)
        .clock(new TickingClock(Duration.ofSeconds(1))).runs(runs).build();

    ImportReport first = hurried.run(Duration.ofSeconds(4));
    assertThat(first.outcome()).isEqualTo(ImportReport.Outcome.BUDGET_EXHAUSTED);
    assertThat(first.done()).isEqualTo(1);
    long firstId = runs.latestRun().orElseThrow().id();

    ImportReport second = hurried.run(Duration.ofSeconds(4));
    assertThat(second.resumedFrom()).isEqualTo(firstId);
    assertThat(second.outcome()).isEqualTo(ImportReport.Outcome.BUDGET_EXHAUSTED);
    assertThat(second.notDone()).isEqualTo(first.notDone().subList(second.done(), first.notDone().size()));
    long secondId = runs.latestRun().orElseThrow().id();

    ImportReport third = hurried.run(Duration.ofSeconds(4));
    assertThat(third.resumedFrom()).isEqualTo(secondId);
    assertThat(third.outcome()).isEqualTo(ImportReport.Outcome.COMPLETED);
    assertThat(repository.count()).isEqualTo(3);
    assertThat(first.created() + second.created() + third.created()).isEqualTo(3);
  }

  @Test
  void runReports_areStoredWithTheirProblems() {
    ImportRuns runs = ImportRuns.create(db);
    registry.answer("DOWN-1", 500, "{}");
    HpscregImporter importer = HpscregImporter.builder().client(registry.client()).repository(repository).dataSource(db)
        .runs(runs).build();

    ImportReport report = importer.run(BUDGET);

    ImportRuns.StoredRun stored = runs.latestRun().orElseThrow();
    assertThat(stored.report()).isEqualTo(report);
    assertThat(runs.find(stored.id())).contains(stored);
    assertThat(stored.report().problems()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("DOWN-1");
      assertThat(p.kind()).isEqualTo(LineProblem.Kind.FAILED);
      assertThat(p.message()).contains("500");
    });

    registry.listAnswer(500, "{}");
    importer.run(BUDGET);
    assertThat(runs.recent(5)).hasSize(2);
    assertThat(runs.latest().orElseThrow().outcome()).isEqualTo(ImportReport.Outcome.LIST_FAILED);
    assertThat(runs.latest().orElseThrow().problems()).singleElement()
        .satisfies(p -> assertThat(p.name()).isEqualTo("(list)"));
  }

  @Test
  void nightlyUpdate_importsThenDrainsTheSearchOutbox() {
    OutboxDrainer drainer = OutboxDrainer.builder().dataSource(db).index(InMemoryCatalogueIndex.create())
        .documents(ids -> ids.stream().collect(Collectors.toMap(Function.identity(),
            id -> repository.findByBiosamplesId(id).flatMap(CatalogueDocument::ifVisible))))
        .build();

    NightlyUpdate.Result result = NightlyUpdate.create(importer(), drainer).run(BUDGET);

    assertThat(result.importReport().created()).isEqualTo(3);
    assertThat(result.drain().claimed()).isGreaterThanOrEqualTo(3);
    assertThat(outbox.pendingCount()).isZero();

    registry.listAnswer(500, "{}");
    NightlyUpdate.Result failedList = NightlyUpdate.create(importer(), drainer).run(BUDGET);
    assertThat(failedList.importReport().outcome()).isEqualTo(ImportReport.Outcome.LIST_FAILED);
    assertThat(failedList.drain().claimed()).isZero();
  }

  @Test
  void nightlyUpdate_withRebuild_replacesTheIndexFromTheDatabase_thenDrains() {
    SampleDataLoader.create(repository).loadMissing(SampleData.all());
    InMemoryCatalogueIndex index = InMemoryCatalogueIndex.create();
    CellLine gone = SampleData.all().get(0).toBuilder().biosamplesId("SAMEA-GONE").name("GONE-1").build();
    index.upsert(CatalogueDocument.of(gone));
    OutboxDrainer drainer = OutboxDrainer.builder().dataSource(db).index(index)
        .documents(CatalogueDocuments.source(repository)).build();
    NightlyUpdate nightly = NightlyUpdate.create(importer(), drainer)
        .rebuilding(index, () -> CatalogueDocuments.allVisible(repository));

    NightlyUpdate.Result result = nightly.run(BUDGET, true);

    long visible = SampleData.all().stream().filter(CatalogueDocument::isVisible).count();
    assertThat(visible).isPositive();
    assertThat(result.importReport().outcome()).isEqualTo(ImportReport.Outcome.COMPLETED);
    assertThat(result.rebuild()).isNotNull();
    assertThat(result.rebuild().documents()).isEqualTo(visible);
    assertThat(index.search(SearchQuery.all()).total()).isEqualTo(visible);
    assertThat(index.search(SearchQuery.all()).hits()).extracting(CatalogueDocument::biosamplesId)
        .doesNotContain("SAMEA-GONE");
    assertThat(outbox.pendingCount()).isZero();

    NightlyUpdate.Result plain = nightly.run(BUDGET);
    assertThat(plain.rebuild()).isNull();
    assertThatThrownBy(() -> NightlyUpdate.create(importer(), drainer).run(BUDGET, true))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void unknownAgeRange_isStoredAsNone() {
    registry.document("TESTi010-A", with(fixture("TESTi010-A"), "donor_age", JsonString.of("80-84")));

    ImportReport report = importer().run(BUDGET);

    assertThat(report.created()).isEqualTo(3);
    assertThat(repository.getByBiosamplesId("SAMEA999000101").donorAge()).isNull();
  }

  @Test
  void ecaccCheck_turnsTheFlagOnForListedLines_andNeverOff() throws IOException {
    AtomicReference<String> listed = new AtomicReference<>("66770001");
    HttpServer ecaccSite = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ecaccSite.createContext("/products/detail.jsp", exchange -> {
      String query = exchange.getRequestURI().getQuery();
      byte[] body = "<html><h1>UKBi008-A</h1></html>".getBytes(StandardCharsets.UTF_8);
      boolean found = query.contains("refId=" + listed.get() + "&collection=ecacc_ipsc");
      exchange.sendResponseHeaders(found ? 200 : 404, found ? body.length : -1);
      try (var out = exchange.getResponseBody()) {
        if (found) {
          out.write(body);
        }
      }
    });
    ecaccSite.start();
    URI page = URI.create("http://" + ecaccSite.getAddress().getHostString() + ":" + ecaccSite.getAddress().getPort()
        + "/products/detail.jsp");
    HpscregImporter importer = HpscregImporter.builder().client(registry.client()).repository(repository).dataSource(db)
        .ecaccAvailability(EcaccAvailability.builder().page(page).build()).build();
    try {
      assertThat(importer.run(BUDGET).created()).isEqualTo(3);
      assertThat(repository.getByBiosamplesId("SAMEA2590882").availableForSaleAtEcacc()).isTrue();
      assertThat(repository.getByBiosamplesId("SAMEA104493170").availableForSaleAtEcacc()).isFalse();

      listed.set("none");
      assertThat(importer.run(BUDGET).unchanged()).isEqualTo(3);
      assertThat(repository.getByBiosamplesId("SAMEA2590882").availableForSaleAtEcacc()).isTrue();
    } finally {
      ecaccSite.stop(0);
    }
    // ECACC unreachable: the lines are still imported and the flag stays
    ImportReport unreachable = importer.run(BUDGET);
    assertThat(unreachable.unchanged()).isEqualTo(3);
    assertThat(repository.getByBiosamplesId("SAMEA2590882").availableForSaleAtEcacc()).isTrue();
  }

  /** A clock that moves on by a fixed step at every reading. */
  private static final class TickingClock extends Clock {
    private final Duration step;
    private Instant now = Instant.parse("2026-01-01T02:00:00Z");

    TickingClock(Duration step) {
      this.step = step;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public synchronized Instant instant() {
      now = now.plus(step);
      return now;
    }
  }
}
