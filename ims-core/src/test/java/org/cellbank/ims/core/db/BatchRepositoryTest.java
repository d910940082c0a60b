package org.cellbank.ims.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.NotFoundException;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.model.Batch;
import org.cellbank.ims.core.model.BatchType;
import org.cellbank.ims.core.model.NewBatch;
import org.cellbank.ims.core.model.Vial;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BatchRepositoryTest {

  private static CellLineRepository lines;
  private static BatchRepository batches;
  private static final List<String> statements = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void setUp() {
    DataSource dataSource = TestDatabase.migrated();
    lines = CellLineRepository.create(dataSource);
    batches = BatchRepository.builder().dataSource(dataSource).onStatement(statements::add).build();
    lines.insert(CellLineRepositoryTest.line("TESTi010-A", "SAMTEST010"));
  }

  @Test
  void create_numbersTheVialsAndStoresTheBatch() {
    Batch batch = batches.create(new NewBatch("SAMTEST010", "M001", BatchType.DEPOSITOR, 3, "P001"));
    assertThat(batch.biosamplesId()).isEqualTo("TESTi010-A_M001");
    assertThat(batch.vials()).containsExactly(
        new Vial("TESTi010-A_M001_0001", "TESTi010-A M001 vial 0001", "0001", "P001"),
        new Vial("TESTi010-A_M001_0002", "TESTi010-A M001 vial 0002", "0002", "P001"),
        new Vial("TESTi010-A_M001_0003", "TESTi010-A M001 vial 0003", "0003", "P001"));
    assertThat(batches.getByBiosamplesId("TESTi010-A_M001")).isEqualTo(batch);
    assertThat(lines.getByBiosamplesId("SAMTEST010").batches()).contains(batch);
  }

  @Test
  void create_whenTheBatchIdIsTaken_throwsConflict() {
    batches.create(new NewBatch("SAMTEST010", "D001", BatchType.ECACC, 1, null));
    assertThatThrownBy(() -> batches.create(new NewBatch("SAMTEST010", "D001", BatchType.ECACC, 1, null)))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void create_whenTheLineIsMissing_throwsNotFound() {
    assertThatThrownBy(() -> batches.create(new NewBatch("SAMNONE", "M001", BatchType.ECACC, 1, null)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void newBatch_rejectsMalformedIdsAndCounts() {
    assertThatThrownBy(() -> new NewBatch("SAMTEST010", "M01", BatchType.ECACC, 1, null))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> new NewBatch("SAMTEST010", "M001", BatchType.ECACC, 0, null))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> new NewBatch("SAMTEST010", "M001", BatchType.ECACC, 10_000, null))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void page_takesTheSameNumberOfStatementsForOneOrManyBatches() {
    for (int i = 1; i <= 5; i++) {
      batches.create(new NewBatch("SAMTEST010", "X00" + i, BatchType.UNKNOWN, 2, null));
    }
    statements.clear();
    var one = batches.page(new PageRequest(0, 1));
    int forOne = statements.size();
    statements.clear();
    var all = batches.page(new PageRequest(0, 1000));
    assertThat(statements).hasSize(forOne);
    assertThat(one.items()).hasSize(1);
    assertThat(all.items()).hasSize((int) all.totalCount());
    assertThat(all.totalCount()).isGreaterThanOrEqualTo(5);
    assertThatThrownBy(() -> batches.getByBiosamplesId("NOPE")).isInstanceOf(NotFoundException.class);
  }
}
