package org.cellbank.ims.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.sql.DataSource;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.core.sample.SyntheticCellLines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every sample and synthetic record written and read back equals itself, field by field. */
class RoundTripTest {

  private static CellLineRepository lines;

  @BeforeAll
  static void setUp() {
    DataSource dataSource = TestDatabase.migrated();
    lines = CellLineRepository.create(dataSource);
  }

  @Test
  void sampleData_readBack_equalsWhatWasWritten() {
    assertThat(SampleDataLoader.create(lines).loadMissing(SampleData.all())).isEqualTo(SampleData.all().size());
    for (CellLine line : SampleData.all()) {
      CellLine stored = lines.getByBiosamplesId(line.biosamplesId());
      assertThat(stored).usingRecursiveComparison().isEqualTo(line);
      assertThat(stored).isEqualTo(line);
      assertThat(lines.getByName(line.name())).isEqualTo(line);
    }
    assertThat(SampleDataLoader.create(lines).loadMissing(SampleData.all())).isZero();
    List<String> ids = new java.util.ArrayList<>(SampleData.all().stream().map(CellLine::biosamplesId).toList());
    ids.add("SAMNOSUCH");
    assertThat(lines.findAllByBiosamplesIds(ids))
        .containsExactlyInAnyOrderElementsOf(SampleData.all());
  }

  @Test
  void syntheticLines_readBack_equalWhatWasWritten() {
    List<CellLine> generated = SyntheticCellLines.generate(12, 7L);
    SampleDataLoader.create(lines).loadMissing(generated);
    for (CellLine line : generated) {
      assertThat(lines.getByBiosamplesId(line.biosamplesId())).usingRecursiveComparison().isEqualTo(line);
    }
  }

  @Test
  void sampleLine_updatedToItself_isUnchanged() {
    SampleDataLoader.create(lines).loadMissing(SampleData.all());
    CellLine stored = lines.getByBiosamplesId(SampleData.ukbi008A().biosamplesId());
    assertThat(lines.update(stored)).isEqualTo(stored);
  }
}
