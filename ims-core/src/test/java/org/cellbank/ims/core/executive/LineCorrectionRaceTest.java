package org.cellbank.ims.core.executive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.auth.ApiPrincipal;
import org.cellbank.ims.core.auth.Role;
import org.cellbank.ims.core.db.CellLineRepository;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.core.internal.IdentifierLocks;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.sample.SampleData;
import org.cellbank.ims.core.sample.SampleDataLoader;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.Test;

/**
 * Two administrators correct two lines to the same new name at once. The second starts once the
 * first has checked that the name is free; the first then holds its transaction open, just before
 * its update, until the second has checked too, or for two seconds when the second cannot get that
 * far. The second must then be told which field
 * is taken, as when the corrections come one after the other, never a bare conflict from the unique
 * index.
 */
class LineCorrectionRaceTest {

  private static final ApiPrincipal ADMIN = new ApiPrincipal("admin", Role.ADMINISTRATOR);

  @Test
  void twoCorrectionsToOneNameAtOnce_theSecondNamesTheTakenField() throws Exception {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    SampleDataLoader.create(CellLineRepository.create(dataSource)).loadMissing(SampleData.all());

    CountDownLatch firstChecked = new CountDownLatch(1);
    CountDownLatch secondChecked = new CountDownLatch(1);
    ThreadLocal<Boolean> first = ThreadLocal.withInitial(() -> false);
    ExecutiveService executive = ExecutiveService.builder().dataSource(dataSource).onStatement(sql -> {
      if (first.get() && sql.startsWith("SELECT name FROM ims.cell_line WHERE name = ?")) {
        firstChecked.countDown();
      } else if (first.get() && sql.startsWith("UPDATE ims.cell_line SET name")) {
        try {
          secondChecked.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } else if (!first.get() && sql.startsWith("SELECT name FROM ims.cell_line WHERE name = ?")) {
        secondChecked.countDown();
      }
    }).build();
    long ukbiVersion = executive.line(ADMIN, "UKBi008-A").line().version();
    long testVersion = executive.line(ADMIN, "TESTi010-A").line().version();

    CompletableFuture<Object> a = CompletableFuture.supplyAsync(() -> {
      first.set(true);
      return executive.correctLine(ADMIN, new LineCorrection("UKBi008-A", ukbiVersion, Map.of("name", "NEWi001-A")));
    });
    // The second starts once the first has checked the name, before the first's update.
    assertThat(firstChecked.await(30, TimeUnit.SECONDS)).as("the first correction checked the name").isTrue();
    Object b;
    try {
      b = executive.correctLine(ADMIN, new LineCorrection("TESTi010-A", testVersion, Map.of("name", "NEWi001-A")));
    } catch (RuntimeException e) {
      b = e;
    }

    assertThat(a.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutiveLine.class);
    assertThat(b).isInstanceOfSatisfying(FieldConflictException.class, e -> assertThat(e.fields())
        .singleElement().satisfies(f -> {
          assertThat(f.pointer()).isEqualTo("/name");
          assertThat(f.message()).contains("NEWi001-A", "already");
        }));
    assertThat(executive.line(ADMIN, "TESTi010-A").line().version()).isEqualTo(testVersion);
  }

  @Test
  void anImportsRename_waitsForTheLockOfACorrectionToTheSameName() throws Exception {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    CellLineRepository lines = CellLineRepository.create(dataSource);
    SampleDataLoader.create(lines).loadMissing(SampleData.all());
    String database;
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT current_database()")) {
      r.next();
      database = r.getString(1);
    }

    try (Connection correction = dataSource.getConnection()) {
      // A correction to NEWi002-A holds the name's lock, as LineCorrections takes it, and has not committed.
      correction.setAutoCommit(false);
      try (PreparedStatement lock = correction.prepareStatement(IdentifierLocks.SQL)) {
        lock.setInt(1, IdentifierLocks.key(IdentifierLocks.NAME));
        lock.setString(2, "NEWi002-A");
        lock.executeQuery().close();
      }
      CompletableFuture<CellLine> rename = CompletableFuture.supplyAsync(() ->
          lines.update(lines.getByName("TESTi010-A").toBuilder().name("NEWi002-A").build()));

      boolean waiting = false;
      for (int i = 0; i < 300 && !waiting && !rename.isDone(); i++) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND wait_event_type = 'Lock'"
                + " AND wait_event = 'advisory'")) {
          s.setString(1, database);
          try (ResultSet r = s.executeQuery()) {
            r.next();
            waiting = r.getInt(1) == 1;
          }
        }
        if (!waiting) {
          Thread.sleep(100);
        }
      }
      assertThat(waiting).as("the import's rename waits on the name's lock").isTrue();
      assertThat(rename).isNotDone();

      try (Statement s = correction.createStatement()) {
        s.executeUpdate("UPDATE ims.cell_line SET name = 'NEWi002-A', version = version + 1 WHERE name = 'UKBi008-A'");
      }
      correction.commit();
      // The rename now meets the committed name: a conflict for that line, nothing half written.
      assertThatThrownBy(() -> rename.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(ConflictException.class);
    }
    assertThat(lines.getByBiosamplesId("SAMEA2590882").name()).isEqualTo("NEWi002-A");
    assertThat(lines.findByName("TESTi010-A")).isPresent();
  }
}
