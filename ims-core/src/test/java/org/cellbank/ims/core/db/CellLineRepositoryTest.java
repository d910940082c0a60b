package org.cellbank.ims.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.model.Batch;
import org.cellbank.ims.core.model.BatchType;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.model.Disease;
import org.cellbank.ims.core.model.DiseaseGenotype;
import org.cellbank.ims.core.model.Donor;
import org.cellbank.ims.core.model.DonorDisease;
import org.cellbank.ims.core.model.Karyotype;
import org.cellbank.ims.core.model.StatusEntry;
import org.cellbank.ims.core.model.ValidationStatus;
import org.cellbank.ims.core.model.Vial;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CellLineRepositoryTest {

  private static DataSource dataSource;
  private static CellLineRepository lines;
  private static final List<String> statements = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void setUp() {
    dataSource = TestDatabase.migrated();
    lines = CellLineRepository.builder().dataSource(dataSource).onStatement(statements::add).build();
  }

  static CellLine line(String name, String biosamplesId) {
    Donor donor = Donor.builder()
        .biosamplesId("DON-" + biosamplesId)
        .gender("female")
        .internalDonorIds(List.of("D1"))
        .diseases(List.of(new DonorDisease(new Disease("http://purl.obolibrary.org/obo/PATO_0000461", "normal",
            List.of("Health")), null, true, null, null, null, null, List.of())))
        .build();
    return CellLine.builder()
        .name(name)
        .biosamplesId(biosamplesId)
        .alternativeNames(List.of(name + "-alt"))
        .validationStatus(ValidationStatus.VALIDATED_VISIBLE)
        .availableForSaleAtEcacc(true)
        .depositor("Test Institute")
        .donor(donor)
        .donorAge("30-34")
        .karyotype(new Karyotype("46XY", "G-banding", "12"))
        .statusLog(List.of(new StatusEntry(CellLineStatus.AT_ECACC, "", null,
            Instant.parse("2020-01-02T03:04:05.123456Z"))))
        .build();
  }

  @Test
  void migrate_twice_appliesNothingTheSecondTime() {
    assertThat(SchemaMigrations.create(dataSource).migrate()).isZero();
    assertThat(SchemaMigrations.create(dataSource).currentVersion()).isNotEmpty();
  }

  @Test
  void insert_thenRead_returnsTheSameLine() {
    CellLine line = line("RTi001-A", "SAMRT001");
    CellLine stored = lines.insert(line);
    assertThat(stored).isEqualTo(line);
    assertThat(lines.getByBiosamplesId("SAMRT001")).isEqualTo(line);
    assertThat(lines.getByName("RTi001-A")).isEqualTo(line);
  }

  @Test
  void insert_whenNameIsTaken_throwsConflictAndStoresNothing() {
    lines.insert(line("DUPi001-A", "SAMDUP001"));
    long before = lines.count();
    assertThatThrownBy(() -> lines.insert(line("DUPi001-A", "SAMDUP002")))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("SAMDUP002");
    assertThatThrownBy(() -> lines.insert(line("DUPi001-B", "SAMDUP001")))
        .isInstanceOf(ConflictException.class);
    assertThat(lines.count()).isEqualTo(before);
    assertThat(lines.findByBiosamplesId("SAMDUP002")).isEmpty();
  }

  @Test
  void insert_whenAgeRangeIsUnknown_throwsValidationAndStoresNothing() {
    CellLine bad = line("AGEi001-A", "SAMAGE001").toBuilder().donorAge("5-9").build();
    assertThatThrownBy(() -> lines.insert(bad)).isInstanceOf(ValidationException.class).hasMessageContaining("5-9");
    assertThat(lines.findByBiosamplesId("SAMAGE001")).isEmpty();
  }

  @Test
  void insert_whenItFailsHalfWay_leavesNothingBehind() {
    // The second batch repeats a vial id: the failure comes after the line, donor and first batch were written.
    Vial vial = new Vial("HALFi001-A_P001_0001", "HALFi001-A P001 vial 0001", "0001", null);
    Batch first = new Batch("HALFi001-A_P001", "P001", BatchType.DEPOSITOR, null, null, null, null, null, List.of(),
        List.of(vial));
    Batch second = new Batch("HALFi001-A_P002", "P002", BatchType.DEPOSITOR, null, null, null, null, null, List.of(),
        List.of(vial));
    CellLine line = line("HALFi001-A", "SAMHALF001").toBuilder().batches(List.of(first, second)).build();
    assertThatThrownBy(() -> lines.insert(line)).isInstanceOf(ConflictException.class);
    assertThat(lines.findByBiosamplesId("SAMHALF001")).isEmpty();
    assertThat(BatchRepository.create(dataSource).findByBiosamplesId("HALFi001-A_P001")).isEmpty();
    lines.insert(line("HALFi001-A", "SAMHALF001"));
    assertThat(lines.getByBiosamplesId("SAMHALF001").donor().biosamplesId()).isEqualTo("DON-SAMHALF001");
  }

  @Test
  void insert_whenParentIsNotStored_throwsValidation() {
    CellLine orphan = line("ORPi001-A-1", "SAMORP001").toBuilder().derivedFrom("SAMNOSUCH").build();
    assertThatThrownBy(() -> lines.insert(orphan)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("SAMNOSUCH");
  }

  @Test
  void update_whenNothingChanged_writesNothingAndKeepsTheVersion() {
    CellLine stored = lines.insert(line("SAMEi001-A", "SAMSAME001"));
    statements.clear();
    CellLine again = lines.update(stored);
    assertThat(again.version()).isEqualTo(stored.version());
    assertThat(statements).noneMatch(sql -> sql.matches("(?is)\\s*(insert|update|delete)\\b.*"));
  }

  @Test
  void update_whenChanged_storesTheChangeAndMovesTheVersion() {
    CellLine stored = lines.insert(line("UPDi001-A", "SAMUPD001"));
    CellLine renamed = stored.toBuilder()
        .name("UPDi001-B")
        .karyotype(new Karyotype("46XX", "G-banding", "14"))
        .alternativeNames(List.of())
        .build();
    CellLine updated = lines.update(renamed);
    assertThat(updated.version()).isEqualTo(stored.version() + 1);
    assertThat(updated).isEqualTo(renamed.toBuilder().version(stored.version() + 1).build());
    assertThat(lines.findByName("UPDi001-A")).isEmpty();
  }

  @Test
  void diseaseGenotype_roundTripsAbsentAndEveryFlagValue() {
    CellLine stored = lines.insert(line("GENi001-A", "SAMGEN001"));
    assertThat(stored.diseaseGenotype()).isNull();
    assertThat(lines.getByBiosamplesId("SAMGEN001")).isEqualTo(stored);
    List<DiseaseGenotype> values = List.of(new DiseaseGenotype(false, null), new DiseaseGenotype(true, false),
        new DiseaseGenotype(null, true), new DiseaseGenotype(null, null), new DiseaseGenotype(true, true),
        new DiseaseGenotype(false, false));
    for (DiseaseGenotype value : values) {
      CellLine desired = stored.toBuilder().diseaseGenotype(value).build();
      CellLine updated = lines.update(desired);
      assertThat(updated.version()).as("version after %s", value).isEqualTo(stored.version() + 1);
      assertThat(lines.getByBiosamplesId("SAMGEN001").diseaseGenotype()).isEqualTo(value);
      assertThat(updated).isEqualTo(desired.toBuilder().version(stored.version() + 1).build());
      stored = updated;
    }
    CellLine cleared = lines.update(stored.toBuilder().diseaseGenotype(null).build());
    assertThat(cleared.diseaseGenotype()).isNull();
    assertThat(lines.getByBiosamplesId("SAMGEN001").diseaseGenotype()).isNull();

    CellLine inserted = lines.insert(line("GENi002-A", "SAMGEN002").toBuilder()
        .diseaseGenotype(new DiseaseGenotype(true, null)).build());
    assertThat(lines.getByBiosamplesId("SAMGEN002")).isEqualTo(inserted);
    assertThat(inserted.diseaseGenotype()).isEqualTo(new DiseaseGenotype(true, null));
  }

  @Test
  void update_whenVersionIsStale_throwsConflict() {
    CellLine stored = lines.insert(line("STALi001-A", "SAMSTAL001"));
    lines.update(stored.toBuilder().publicNotes("first").build());
    assertThatThrownBy(() -> lines.update(stored.toBuilder().publicNotes("second").build()))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("SAMSTAL001");
    assertThat(lines.getByBiosamplesId("SAMSTAL001").publicNotes()).isEqualTo("first");
  }

  @Test
  void update_concurrentlyFromTheSameVersion_letsExactlyOneWin() throws Exception {
    CellLine stored = lines.insert(line("RACEi001-A", "SAMRACE001"));
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<CellLine>> results = new ArrayList<>();
      for (String note : List.of("a", "b")) {
        Callable<CellLine> task = () -> {
          start.await();
          return lines.update(stored.toBuilder().publicNotes(note).build());
        };
        results.add(pool.submit(task));
      }
      start.countDown();
      int won = 0;
      int conflicts = 0;
      for (Future<CellLine> f : results) {
        try {
          f.get();
          won++;
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(ConflictException.class);
          conflicts++;
        }
      }
      assertThat(won).isEqualTo(1);
      assertThat(conflicts).isEqualTo(1);
      assertThat(lines.getByBiosamplesId("SAMRACE001").version()).isEqualTo(stored.version() + 1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void update_whenMissing_throwsNotFound() {
    assertThatThrownBy(() -> lines.update(line("MISi001-A", "SAMMIS001")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void getByBiosamplesId_whenMissing_throwsNotFound() {
    assertThatThrownBy(() -> lines.getByBiosamplesId("SAMNONE")).isInstanceOf(NotFoundException.class);
    assertThat(lines.findByName("NONEi001-A")).isEmpty();
  }

  @Test
  void appendStatus_movesTheCurrentStatusAndTheGoLiveIntent() {
    lines.insert(line("STAi001-A", "SAMSTA001"));
    Instant later = Instant.now().truncatedTo(ChronoUnit.MICROS);
    lines.appendStatus("SAMSTA001", new StatusEntry(CellLineStatus.WITHDRAWN, "contaminated", "exec1", later));
    CellLine line = lines.getByBiosamplesId("SAMSTA001");
    assertThat(line.currentStatus()).contains(CellLineStatus.WITHDRAWN);
    assertThat(line.statusLog()).hasSize(2);
    assertThat(line.statusLog().get(0)).isEqualTo(new StatusEntry(CellLineStatus.WITHDRAWN, "contaminated", "exec1", later));
    assertThat(line.availableForSale()).isFalse();
    lines.appendStatus("SAMSTA001", new StatusEntry(CellLineStatus.AT_ECACC, null, "exec1", later.plusSeconds(1)));
    assertThat(lines.getByBiosamplesId("SAMSTA001").availableForSale()).isTrue();
    assertThatThrownBy(() -> lines.appendStatus("SAMNONE", new StatusEntry(CellLineStatus.AT_ECACC, null, null, later)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void statusEntry_withdrawnWithoutComment_isRejected() {
    assertThatThrownBy(() -> new StatusEntry(CellLineStatus.WITHDRAWN, " ", null, Instant.now()))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void delete_removesTheLineAndKeepsTheSharedDonor() {
    CellLine a = line("DELi001-A", "SAMDEL001");
    lines.insert(a);
    CellLine sibling = line("DELi001-B", "SAMDEL002").toBuilder().donor(a.donor()).build();
    lines.insert(sibling);
    lines.delete("SAMDEL001");
    assertThat(lines.findByBiosamplesId("SAMDEL001")).isEmpty();
    assertThat(lines.getByBiosamplesId("SAMDEL002").donor()).isEqualTo(a.donor());
    assertThatThrownBy(() -> lines.delete("SAMDEL001")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void page_isOrderedByNameAndCountsEverything() {
    long total = lines.count();
    var page = lines.page(new PageRequest(0, 1000));
    assertThat(page.totalCount()).isEqualTo(total);
    assertThat(page.items()).extracting(CellLine::name).isSorted();
    assertThat(lines.page(new PageRequest(total + 5, 10)).items()).isEmpty();
    assertThatThrownBy(() -> new PageRequest(0, 1001)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> new PageRequest(-1, 10)).isInstanceOf(ValidationException.class);
  }
}
