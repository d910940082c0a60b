package org.cellbank.ims.core.executive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The change feed on a real database: every writer's changes, cursors, paging, late commits. */
class ExecutiveChangeFeedTest {

  private DataSource dataSource;
  private ExecutiveService executive;

  @BeforeEach
  void setUp() {
    dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    SampleDataLoader.create(CellLineRepository.create(dataSource)).loadMissing(SampleData.all());
    executive = ExecutiveService.create(dataSource);
  }

  @Test
  void fromTheBeginning_thenSinceTheCursor_listsWhatChanged_withV0Uris() {
    ChangeFeed all = executive.changes(ExecutiveServiceTest.PARTNER, null, 1000);
    assertThat(all.more()).isFalse();
    assertThat(all.changes()).extracting(ChangeFeed.Change::uri)
        .contains("/api/v0/cell-lines/SAMEA2590882", "/api/v0/batches/SAMEG301734");
    assertThat(executive.changes(ExecutiveServiceTest.PARTNER, all.nextCursor(), 1000).changes()).isEmpty();

    long version = executive.line(ExecutiveServiceTest.VIEWER, "UKBi008-A").line().version();
    executive.changeStatus(ExecutiveServiceTest.MANAGER, new StatusChange("UKBi008-A", "withdrawn", "recall", version));
    executive.createBatch(ExecutiveServiceTest.MANAGER, new NewBatchRequest("BIONi010-C", "M007", null, 1, null));

    ChangeFeed since = executive.changes(ExecutiveServiceTest.PARTNER, all.nextCursor(), 1000);
    assertThat(since.changes()).extracting(ChangeFeed.Change::uri).containsExactly(
        "/api/v0/cell-lines/SAMEA2590882", "/api/v0/batches/BIONi010-C_M007",
        "/api/v0/cell-lines/" + executive.line(ExecutiveServiceTest.VIEWER, "BIONi010-C").line().biosamplesId());
    assertThat(executive.changes(ExecutiveServiceTest.PARTNER, since.nextCursor(), 1000).changes()).isEmpty();
  }

  @Test
  void smallPages_walkEveryChange_once() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    for (int calls = 0; calls < 200; calls++) {
      ChangeFeed page = executive.changes(ExecutiveServiceTest.PARTNER, cursor, 2);
      page.changes().forEach(c -> seen.add(c.uri()));
      cursor = page.nextCursor();
      if (!page.more()) {
        break;
      }
    }
    List<String> whole = executive.changes(ExecutiveServiceTest.PARTNER, null, 1000).changes().stream()
        .map(ChangeFeed.Change::uri).toList();
    assertThat(seen).containsAll(whole);
  }

  @Test
  void aTransactionThatCommitsLate_isNotSkipped() throws Exception {
    String cursor = executive.changes(ExecutiveServiceTest.PARTNER, null, 1000).nextCursor();
    try (Connection early = dataSource.getConnection()) {
      early.setAutoCommit(false);
      try (Statement s = early.createStatement()) {
        s.executeUpdate("UPDATE ims.cell_line SET public_notes = 'early' WHERE name = 'UKBi008-A'");
      }
      try (Connection late = dataSource.getConnection(); Statement s = late.createStatement()) {
        s.executeUpdate("UPDATE ims.cell_line SET public_notes = 'late' WHERE name = 'TESTi010-A'");
      }
      ChangeFeed meanwhile = executive.changes(ExecutiveServiceTest.PARTNER, cursor, 1000);
      assertThat(meanwhile.changes()).as("held back while an older transaction runs").isEmpty();
      cursor = meanwhile.nextCursor();
      early.commit();
    }
    ChangeFeed after = executive.changes(ExecutiveServiceTest.PARTNER, cursor, 1000);
    assertThat(after.changes()).extracting(ChangeFeed.Change::uri).containsExactlyInAnyOrder(
        "/api/v0/cell-lines/SAMEA2590882",
        "/api/v0/cell-lines/" + executive.line(ExecutiveServiceTest.VIEWER, "TESTi010-A").line().biosamplesId());
  }

  @Test
  void aMalformedCursor_isRefused() {
    assertThatThrownBy(() -> executive.changes(ExecutiveServiceTest.PARTNER, "12", 10))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> executive.changes(ExecutiveServiceTest.PARTNER, "a.b", 10))
        .isInstanceOf(ValidationException.class);
  }
}
