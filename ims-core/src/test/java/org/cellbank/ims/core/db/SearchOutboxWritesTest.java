package org.cellbank.ims.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import javax.sql.DataSource;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.db.SearchOutbox;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineStatus;
import org.cellbank.ims.core.model.StatusEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Writes that change what search shows leave an outbox row in their own transaction, and only those. */
class SearchOutboxWritesTest {

  private static SearchOutbox outbox;
  private static CellLineRepository lines;

  @BeforeAll
  static void setUp() {
    DataSource dataSource = TestDatabase.migrated();
    outbox = SearchOutbox.create(dataSource);
    lines = CellLineRepository.builder().dataSource(dataSource).searchOutbox(outbox).build();
  }

  @Test
  void everyChangingWrite_enqueuesTheLine_andAnUnchangedUpdateDoesNot() {
    long before = outbox.pendingCount();
    CellLine stored = lines.insert(CellLineRepositoryTest.line("OUTi001-A", "SAMOUT001"));
    assertThat(outbox.pendingCount()).isEqualTo(before + 1);
    assertThat(outbox.pendingIds()).contains("SAMOUT001");

    lines.update(stored);
    assertThat(outbox.pendingCount()).isEqualTo(before + 1);

    lines.update(stored.toBuilder().publicNotes("changed").build());
    assertThat(outbox.pendingCount()).isEqualTo(before + 2);

    lines.appendStatus("SAMOUT001", new StatusEntry(CellLineStatus.WITHDRAWN, "recalled by depositor", "exec", Instant.now()));
    assertThat(outbox.pendingCount()).isEqualTo(before + 3);

    lines.delete("SAMOUT001");
    assertThat(outbox.pendingCount()).isEqualTo(before + 4);
  }

  @Test
  void aFailedWrite_leavesNoOutboxRow() {
    lines.insert(CellLineRepositoryTest.line("OUTi002-A", "SAMOUT002"));
    long before = outbox.pendingCount();
    assertThatThrownBy(() -> lines.insert(CellLineRepositoryTest.line("OUTi002-A", "SAMOUT003")))
        .isInstanceOf(ConflictException.class);
    assertThat(outbox.pendingCount()).isEqualTo(before);
    assertThat(outbox.pendingIds()).doesNotContain("SAMOUT003");
  }
}
