package org.cellbank.ims.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.cellbank.ims.core.PageRequest;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.core.sample.SyntheticCellLines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Loading a page takes the same number of SQL statements for 10 and for 500 whole lines. */
class StatementCountTest {

  private static final AtomicInteger statements = new AtomicInteger();
  private static CellLineRepository lines;

  @BeforeAll
  static void setUp() {
    DataSource dataSource = TestDatabase.migrated();
    SampleDataLoader.create(CellLineRepository.create(dataSource)).loadMissing(SyntheticCellLines.generate(500, 42L));
    lines = CellLineRepository.builder().dataSource(dataSource).onStatement(sql -> statements.incrementAndGet()).build();
  }

  @Test
  void pageLoad_takesAConstantNumberOfStatements() {
    statements.set(0);
    var small = lines.page(new PageRequest(0, 10));
    int forTen = statements.get();

    statements.set(0);
    var large = lines.page(new PageRequest(0, 500));
    int forFiveHundred = statements.get();

    assertThat(small.items()).hasSize(10);
    assertThat(large.items()).hasSize(500);
    assertThat(large.items()).allSatisfy(line -> assertThat(line.batches()).isNotEmpty());
    assertThat(forFiveHundred).isEqualTo(forTen);
    assertThat(forTen).isLessThanOrEqualTo(25);
  }

  @Test
  void singleLoad_takesNoMoreStatementsThanAPage() {
    statements.set(0);
    lines.getByName("SYNi00001-A");
    int single = statements.get();
    statements.set(0);
    lines.page(new PageRequest(0, 100));
    assertThat(single).isLessThanOrEqualTo(statements.get());
  }
}
