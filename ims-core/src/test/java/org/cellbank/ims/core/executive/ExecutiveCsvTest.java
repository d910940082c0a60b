package org.cellbank.ims.core.executive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.cellbank.ims.core.AccessDeniedException;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The three CSV downloads on a real database: the reference's headers, RFC 4180, formula cells neutralised. */
class ExecutiveCsvTest {

  private static ExecutiveService executive;

  @BeforeAll
  static void setUp() throws Exception {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    SampleDataLoader.create(CellLineRepository.create(dataSource)).loadMissing(SampleData.all());
    executive = ExecutiveService.create(dataSource);
    executive.createBatch(ExecutiveServiceTest.MANAGER, new NewBatchRequest("UKBi008-A", "M002", null, 3, "P001"));
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE ims.cell_line SET alternative_names = '{\"=HYPERLINK(\\\"http://x\\\")\", \"UKB 8, A\"}',"
          + " public_notes = '@SUM(1+1)' WHERE name = 'UKBi008-A'");
    }
  }

  private static List<CSVRecord> parse(String csv) throws Exception {
    return CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
  }

  @Test
  void cellLineIds_haveTheReferenceHeader_oneRowPerLine_andNeutralisedFormulaCells() throws Exception {
    StringBuilder out = new StringBuilder();
    executive.exportCellLineIds(ExecutiveServiceTest.VIEWER, out);
    assertThat(out.toString()).startsWith("hPSCreg name,Depositor,Owner,Alternative names,EBiSC status,"
        + "BioSamples Cell line ID,ECACC Cat. No,Depositor Donor ID,BioSamples Donor ID,Sex,Age,Donor Diseases,"
        + "Batches,Line Diseases,Genetics,Primary Cell Type,Derivation,Passage,Culture Conditions,notes\r\n");
    List<CSVRecord> records = parse(out.toString());
    assertThat(records).hasSize(1 + SampleData.all().size());
    CSVRecord ukb = records.stream().filter(r -> r.get(0).equals("UKBi008-A")).findFirst().orElseThrow();
    assertThat(ukb.size()).isEqualTo(20);
    assertThat(ukb.get(3)).isEqualTo("'=HYPERLINK(\"http://x\"); UKB 8, A");
    assertThat(ukb.get(5)).isEqualTo("SAMEA2590882");
    assertThat(ukb.get(12)).contains("P001").contains("M002");
    assertThat(ukb.get(19)).isEqualTo("'@SUM(1+1)");
  }

  @Test
  void batchIds_haveTheReferenceHeader_andEveryBatch() throws Exception {
    StringBuilder out = new StringBuilder();
    executive.exportBatchIds(ExecutiveServiceTest.VIEWER, out);
    List<CSVRecord> records = parse(out.toString());
    assertThat(records.get(0).toList()).containsExactly("Cell line name", "Cell line BioSamples ID", "Batch No",
        "Full Batch ID", "Batch type", "Medium", "Vials Central", "Vials to ECACC", "Vials to FH");
    assertThat(records).extracting(r -> r.get(3)).contains("UKBi008-A_M002", "SAMEG301734");
  }

  @Test
  void vials_listEveryVialForLabelPrinting_andAnUnknownBatchIsNotFound() throws Exception {
    StringBuilder out = new StringBuilder();
    executive.exportVials(ExecutiveServiceTest.VIEWER, "UKBi008-A_M002", out);
    List<CSVRecord> records = parse(out.toString());
    assertThat(records.get(0).toList()).containsExactly("Cell line alternative names", "Cell line name",
        "ECACC Cat. no.", "Batch ID", "Full Batch ID", "Vial number", "Vial ID");
    assertThat(records).hasSize(4);
    assertThat(records.get(1).toList()).containsExactly("'=HYPERLINK(\"http://x\"); UKB 8, A", "UKBi008-A",
        records.get(1).get(2), "M002", "UKBi008-A_M002", "Vial 0001", "UKBi008-A_M002_0001");
    assertThatThrownBy(() -> executive.exportVials(ExecutiveServiceTest.VIEWER, "NOPE_X001", new StringBuilder()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> executive.exportBatchIds(ExecutiveServiceTest.PARTNER, new StringBuilder()))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void neutralised_prefixesOnlyFormulaStarts() {
    assertThat(CsvExports.neutralised("=1+1")).isEqualTo("'=1+1");
    assertThat(CsvExports.neutralised("+31 20")).isEqualTo("'+31 20");
    assertThat(CsvExports.neutralised("-2")).isEqualTo("'-2");
    assertThat(CsvExports.neutralised("@x")).isEqualTo("'@x");
    assertThat(CsvExports.neutralised("UKBi008-A")).isEqualTo("UKBi008-A");
    assertThat(CsvExports.neutralised("")).isEmpty();
  }
}
