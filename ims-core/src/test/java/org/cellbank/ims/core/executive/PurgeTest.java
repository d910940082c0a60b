package org.cellbank.ims.core.executive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.cellbank.ims.core.auth.ApiPrincipal;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.Test;

/** {@link Purge} on a real database: old rows go, recent ones and the audit trail stay. */
class PurgeTest {

  @Test
  void purge_deletesOldIdempotencyKeysAndChanges_inBoundedBatches_andKeepsRecentRowsAndTheAudit() throws SQLException {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    SampleDataLoader.create(CellLineRepository.create(dataSource)).loadMissing(SampleData.all());
    ExecutiveService service = ExecutiveService.create(dataSource);
    ApiPrincipal manager = new ApiPrincipal("manager", Role.EXECUTIVE_MANAGER);
    for (int i = 0; i < 7; i++) {
      service.createBatch(manager, new NewBatchRequest("UKBi008-A", "M10" + i, null, 1, null),
          new Idempotency("key-" + i, new byte[32]));
    }
    // Five keys and every change so far are old; two keys and the changes below are recent.
    execute(dataSource, "UPDATE ims.idempotency_key SET created_at = now() - interval '8 days'"
        + " WHERE idempotency_key IN ('key-0', 'key-1', 'key-2', 'key-3', 'key-4')");
    execute(dataSource, "UPDATE ims.change_log SET changed_at = now() - interval '91 days'");
    long oldChanges = count(dataSource, "SELECT count(*) FROM ims.change_log");
    execute(dataSource, "UPDATE ims.change_log SET changed_at = now() - interval '89 days'"
        + " WHERE id = (SELECT max(id) FROM ims.change_log)");
    service.changeStatus(manager, new StatusChange("UKBi008-A", "at_ecacc", null,
        service.line(manager, "UKBi008-A").line().version()));
    long recentChanges = count(dataSource, "SELECT count(*) FROM ims.change_log") - oldChanges + 1;
    long audits = count(dataSource, "SELECT count(*) FROM ims.audit_event");
    List<String> statements = new CopyOnWriteArrayList<>();

    PurgeResult purged = Purge.builder().dataSource(dataSource).batchSize(2).onStatement(statements::add).build().run();

    assertThat(purged.idempotencyKeys()).isEqualTo(5);
    assertThat(purged.changeLogRows()).isEqualTo(oldChanges - 1);
    assertThat(strings(dataSource, "SELECT idempotency_key FROM ims.idempotency_key ORDER BY 1"))
        .containsExactly("key-5", "key-6");
    assertThat(count(dataSource, "SELECT count(*) FROM ims.change_log")).isEqualTo(recentChanges);
    assertThat(count(dataSource, "SELECT count(*) FROM ims.change_log WHERE changed_at < now() - interval '90 days'"))
        .isZero();
    assertThat(count(dataSource, "SELECT count(*) FROM ims.audit_event")).isEqualTo(audits).isGreaterThan(7);
    // Batches of two: 5 keys take three deletes (2, 2, 1); the changes ceil((n + 1) / 2) deletes.
    assertThat(statements.stream().filter(s -> s.contains("idempotency_key"))).hasSize(3);
    assertThat(statements.stream().filter(s -> s.contains("change_log"))).hasSize((int) ((oldChanges - 1) / 2 + 1));
    assertThat(Purge.builder().dataSource(dataSource).build().run()).isEqualTo(new PurgeResult(0, 0));
  }

  @Test
  void aChangeFeedCursorFromBeforePurgedChanges_isRefused_andLaterCursorsAreFollowed() throws SQLException {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    SampleDataLoader.create(CellLineRepository.create(dataSource)).loadMissing(SampleData.all());
    ExecutiveService service = ExecutiveService.create(dataSource);
    ApiPrincipal manager = new ApiPrincipal("manager", Role.EXECUTIVE_MANAGER);
    ApiPrincipal partner = new ApiPrincipal("ecacc", Role.PARTNER);
    String early = service.changes(partner, null, 1).nextCursor();
    ChangeFeed whole = service.changes(partner, null, 1000);
    assertThat(whole.more()).isFalse();
    String end = whole.nextCursor();
    execute(dataSource, "UPDATE ims.change_log SET changed_at = now() - interval '91 days'");
    service.changeStatus(manager, new StatusChange("UKBi008-A", "at_ecacc", null,
        service.line(manager, "UKBi008-A").line().version()));
    // Before any purge every cursor is followed.
    assertThat(service.changes(partner, early, 1000).changes()).isNotEmpty();

    assertThat(Purge.builder().dataSource(dataSource).build().run().changeLogRows()).isGreaterThan(1);

    assertThatThrownBy(() -> service.changes(partner, early, 1000))
        .isInstanceOfSatisfying(ExpiredCursorException.class, e -> assertThat(e.httpStatus()).isEqualTo(410))
        .hasMessageContaining("read the cell lines and batches again");
    // A cursor past every purged change, and no cursor at all, still read the change made since.
    assertThat(service.changes(partner, end, 1000).changes()).extracting(ChangeFeed.Change::id)
        .containsExactly("SAMEA2590882");
    ChangeFeed fresh = service.changes(partner, null, 1000);
    assertThat(fresh.changes()).extracting(ChangeFeed.Change::id).containsExactly("SAMEA2590882");
    assertThat(service.changes(partner, fresh.nextCursor(), 1000).changes()).isEmpty();
    // A second purge with nothing to delete leaves the mark where it was.
    String mark = strings(dataSource, "SELECT txid || '.' || id FROM ims.change_log_purged").get(0);
    assertThat(Purge.builder().dataSource(dataSource).build().run().changeLogRows()).isZero();
    assertThat(strings(dataSource, "SELECT txid || '.' || id FROM ims.change_log_purged")).containsExactly(mark);
  }

  @Test
  void retentions_mustBePositive() {
    assertThatThrownBy(() -> Purge.builder().idempotencyRetention(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Purge.builder().changeLogRetention(Duration.ofDays(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Purge.builder().batchSize(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long count(DataSource dataSource, String sql) throws SQLException {
    return Long.parseLong(strings(dataSource, sql).get(0));
  }

  private static List<String> strings(DataSource dataSource, String sql) throws SQLException {
    List<String> out = new java.util.ArrayList<>();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }
}
