package org.cellbank.ims.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.model.Batch;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.model.Derivation;
import org.cellbank.ims.core.model.InformationPack;
import org.cellbank.ims.core.model.MediaFile;
import org.cellbank.ims.core.model.StatusEntry;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.core.sample.SyntheticCellLines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whole-aggregate reads: one statement each, the same records whatever the selection or session settings. */
class AggregateReadTest {

  private static DataSource dataSource;
  private static CellLineRepository lines;
  private static BatchRepository batches;
  private static final List<String> statements = Collections.synchronizedList(new ArrayList<>());
  private static List<CellLine> generated;

  @BeforeAll
  static void setUp() {
    dataSource = TestDatabase.migrated();
    generated = SyntheticCellLines.generate(30, 11L);
    SampleDataLoader.create(CellLineRepository.create(dataSource)).loadMissing(generated);
    lines = CellLineRepository.builder().dataSource(dataSource).onStatement(statements::add).build();
    batches = BatchRepository.builder().dataSource(dataSource).onStatement(statements::add).build();
  }

  @Test
  void everyRead_isOneStatement() {
    CellLine first = generated.get(0);
    statements.clear();
    lines.getByBiosamplesId(first.biosamplesId());
    assertThat(statements).hasSize(1);
    statements.clear();
    lines.getByName(first.name());
    assertThat(statements).hasSize(1);
    statements.clear();
    lines.page(new PageRequest(0, 1000));
    assertThat(statements).hasSize(1);
    statements.clear();
    lines.page(new PageRequest(1000, 10));
    assertThat(statements).hasSize(1);
    statements.clear();
    lines.findAllByBiosamplesIds(generated.stream().map(CellLine::biosamplesId).toList());
    assertThat(statements).hasSize(1);
    statements.clear();
    batches.page(new PageRequest(0, 1000));
    assertThat(statements).hasSize(1);
    statements.clear();
    batches.getByBiosamplesId(first.batches().get(0).biosamplesId());
    assertThat(statements).hasSize(1);
  }

  @Test
  void pagesAndSingleReads_returnTheSameRecords() {
    var page = lines.page(new PageRequest(3, 20));
    assertThat(page.items()).hasSize(20);
    assertThat(page.totalCount()).isEqualTo(lines.count());
    assertThat(page.items()).extracting(CellLine::name).isSorted();
    for (CellLine line : page.items()) {
      assertThat(lines.getByBiosamplesId(line.biosamplesId())).usingRecursiveComparison().isEqualTo(line);
    }
    List<CellLine> all = lines.page(new PageRequest(0, 1000)).items().stream()
        .filter(l -> l.name().startsWith("SYN")).toList();
    assertThat(all).usingRecursiveFieldByFieldElementComparator().containsExactlyInAnyOrderElementsOf(generated);
    assertThat(all).extracting(CellLine::name).isSorted();

    // More ids than a "few": the other form of the statement, the same records.
    List<String> ids = new ArrayList<>(generated.stream().map(CellLine::biosamplesId).toList());
    for (int i = 0; ids.size() <= 250; i++) {
      ids.add("SAMNONE" + i);
    }
    assertThat(lines.findAllByBiosamplesIds(ids)).usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(all);
    assertThat(lines.findAllByBiosamplesIds(ids.subList(0, 10))).usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(all.stream().filter(l -> ids.subList(0, 10).contains(l.biosamplesId())).toList());
    assertThat(lines.page(new PageRequest(0, 10)).items()).containsExactlyElementsOf(
        lines.page(new PageRequest(0, 1000)).items().subList(0, 10));

    var batchPage = batches.page(new PageRequest(0, 1000));
    assertThat(batchPage.items()).hasSize((int) batchPage.totalCount());
    for (Batch batch : batchPage.items()) {
      assertThat(batches.getByBiosamplesId(batch.biosamplesId())).isEqualTo(batch);
    }
    assertThat(batches.page(new PageRequest(2, 5)).items()).containsExactlyElementsOf(batchPage.items().subList(2, 7));
    assertThat(lines.page(new PageRequest(page.totalCount(), 5)).items()).isEmpty();
    assertThat(batches.page(new PageRequest(batchPage.totalCount(), 5)).totalCount()).isEqualTo(batchPage.totalCount());
  }

  @Test
  void reads_doNotDependOnTheSessionTimeZone() throws Exception {
    // Calcutta was on Madras time (+05:21:10) until 1906: PostgreSQL writes offsets with seconds.
    Instant old = Instant.parse("1899-12-31T23:59:59.999999Z");
    Instant recent = Instant.parse("2021-03-28T01:30:00.000001Z");
    CellLine line = CellLineRepositoryTest.line("TZi001-A", "SAMTZ001").toBuilder()
        // The day before 1970-01-01: dates travel as days since then, so this one is negative.
        .derivation(Derivation.builder().tissueCollectionDate(LocalDate.of(1969, 12, 31)).build())
        .informationPacks(List.of(new InformationPack("v1", new MediaFile("clip/TZi001-A.v1.pdf",
            "0123456789abcdef0123456789abcdef"), recent)))
        .statusLog(List.of(new StatusEntry(CellLineStatus.AT_ECACC, null, "exec", recent),
            new StatusEntry(CellLineStatus.NOT_AVAILABLE, null, null, old)))
        .build();
    CellLine stored = lines.insert(line);
    assertThat(stored).isEqualTo(line);

    CellLineRepository elsewhere = CellLineRepository.create(inTimeZone(dataSource, "Asia/Kolkata"));
    assertThat(elsewhere.getByBiosamplesId("SAMTZ001")).isEqualTo(line);
    assertThat(elsewhere.findAllByBiosamplesIds(List.of("SAMTZ001"))).containsExactly(line);
    try (Connection c = inTimeZone(dataSource, "Asia/Kolkata").getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT to_json(changed_at)::text FROM ims.cell_line_status WHERE changed_at < '1900-01-02'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("\"1900-01-01T05:21:09.999999+05:21:10\"");
    }
  }

  // Connections of "dataSource" whose session time zone is "zone" (the driver sets its own at start-up).
  private static DataSource inTimeZone(DataSource dataSource, String zone) {
    return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          Object result;
          try {
            result = method.invoke(dataSource, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (result instanceof Connection c) {
            try (Statement s = c.createStatement()) {
              s.execute("SET TIME ZONE '" + zone + "'");
            }
          }
          return result;
        });
  }
}
