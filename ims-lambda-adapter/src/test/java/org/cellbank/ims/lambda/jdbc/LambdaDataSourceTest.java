package org.cellbank.ims.lambda.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link LambdaDataSource} against a real PostgreSQL server. */
class LambdaDataSourceTest {
  private static ImsPostgres postgres;
  private static String url;

  @BeforeAll
  static void database() throws SQLException {
    postgres = ImsPostgres.shared();
    String name = "lds_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    postgres.createDatabase(name);
    url = postgres.jdbcUrl(name);
    try (LambdaDataSource db = dataSource(1).build(); Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE item (id int PRIMARY KEY)");
    }
  }

  private static LambdaDataSource.Builder dataSource(int max) {
    return LambdaDataSource.builder().url(url).user(postgres.user()).password(postgres.password()).maxConnections(max);
  }

  private static int backendPid(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
      r.next();
      return r.getInt(1);
    }
  }

  @Test
  void reusesOnePhysicalConnectionAcrossCheckouts() throws SQLException {
    try (LambdaDataSource db = dataSource(1).build()) {
      int first;
      try (Connection c = db.getConnection()) {
        first = backendPid(c);
      }
      try (Connection c = db.getConnection()) {
        assertThat(backendPid(c)).isEqualTo(first);
      }
      assertThat(db.openConnections()).isEqualTo(1);
    }
  }

  @Test
  void openInBackground_connectsBeforeTheFirstCheckout() throws SQLException {
    try (LambdaDataSource db = dataSource(1).build()) {
      db.openInBackground();
      db.awaitOpen(Duration.ofSeconds(20));
      assertThat(db.openConnections()).isEqualTo(1);
      try (Connection c = db.getConnection()) {
        assertThat(c.isValid(1)).isTrue();
      }
      assertThat(db.openConnections()).isEqualTo(1);
    }
  }

  @Test
  void warmUp_runsOnTheBackgroundThread_withTheConnectionItOpened() throws SQLException {
    try (LambdaDataSource db = dataSource(1).build()) {
      java.util.concurrent.atomic.AtomicInteger warmPid = new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicReference<String> thread = new java.util.concurrent.atomic.AtomicReference<>();
      db.openInBackground(() -> {
        thread.set(Thread.currentThread().getName());
        try (Connection c = db.getConnection()) {
          warmPid.set(backendPid(c));
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      db.awaitOpen(Duration.ofSeconds(20));
      assertThat(thread.get()).isEqualTo("ims-db-open");
      try (Connection c = db.getConnection()) {
        assertThat(backendPid(c)).isEqualTo(warmPid.get()).isPositive();
      }
      assertThat(db.openConnections()).isEqualTo(1);
    }
  }

  @Test
  void awaitOpen_reportsAFailedWarmUp() throws SQLException {
    try (LambdaDataSource db = dataSource(1).build()) {
      db.openInBackground(() -> {
        throw new IllegalStateException("schema missing");
      });
      assertThatThrownBy(() -> db.awaitOpen(Duration.ofSeconds(20)))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("schema missing")
          .hasCauseInstanceOf(IllegalStateException.class);
      try (Connection c = db.getConnection()) {
        assertThat(c.isValid(1)).isTrue();
      }
    }
  }

  @Test
  void awaitOpen_reportsAnUnreachableDatabase_andCheckoutTriesAgain() throws SQLException {
    String dead = "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2";
    try (LambdaDataSource db = LambdaDataSource.builder().url(dead).user("x").password("secret-value").build()) {
      db.openInBackground();
      assertThatThrownBy(() -> db.awaitOpen(Duration.ofSeconds(20)))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("08"))
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-value"));
      assertThat(db.openConnections()).isZero();
      assertThatThrownBy(db::getConnection).isInstanceOf(SQLException.class);
      assertThat(db.openConnections()).isZero();
    }
  }


  @Test
  void aUrlNoDriverAccepts_failsWithAConnectionState_andWithoutTheQueryString() {
    String url = "jdbc:nosuchdb://127.0.0.1/ims?password=secret-value";
    try (LambdaDataSource db = LambdaDataSource.builder().url(url).user("x").password("y").build()) {
      assertThatThrownBy(db::getConnection)
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"))
          .hasMessageContaining("no JDBC driver accepts the URL jdbc:nosuchdb://127.0.0.1/ims")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-value"));
      assertThat(db.openConnections()).isZero();
    }
  }

  @Test
  void findsItsOwnDriver_whenTheContextClassLoaderHasNone() throws SQLException {
    // A context class loader that sees no driver service: the data source's own loader still does.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
    try (LambdaDataSource db = dataSource(1).build();
        Connection c = db.getConnection()) {
      assertThat(c.isValid(2)).isTrue();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
  @Test
  void close_rollsBackAnUnfinishedTransaction_andRestoresAutoCommit() throws SQLException {
    try (LambdaDataSource db = dataSource(1).build()) {
      try (Connection c = db.getConnection()) {
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO item VALUES (1)")) {
          s.executeUpdate();
        }
      }
      try (Connection c = db.getConnection();
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT count(*) FROM item WHERE id = 1")) {
        assertThat(c.getAutoCommit()).isTrue();
        r.next();
        assertThat(r.getInt(1)).isZero();
      }
    }
  }

  @Test
  void close_restoresReadWriteMode() throws SQLException {
    try (LambdaDataSource db = dataSource(1).build()) {
      try (Connection c = db.getConnection()) {
        c.setReadOnly(true);
        assertThat(c.isReadOnly()).isTrue();
      }
      try (Connection c = db.getConnection()) {
        assertThat(c.isReadOnly()).isFalse();
      }
    }
  }

  @Test
  void aClosedWrapperCannotBeUsed_butTheDataSourceCanHandOutAnother() throws SQLException {
    try (LambdaDataSource db = dataSource(1).build()) {
      Connection c = db.getConnection();
      c.close();
      c.close();
      assertThat(c.isClosed()).isTrue();
      assertThatThrownBy(c::createStatement).isInstanceOf(SQLException.class).hasMessageContaining("closed");
      try (Connection again = db.getConnection()) {
        assertThat(again.isValid(1)).isTrue();
      }
    }
  }

  @Test
  void aConnectionKilledByTheServer_isReplacedAtTheNextCheckout() throws SQLException {
    try (LambdaDataSource db = dataSource(1).validationAfterIdle(Duration.ZERO).build()) {
      int pid;
      try (Connection c = db.getConnection()) {
        pid = backendPid(c);
      }
      try (LambdaDataSource other = dataSource(1).build();
          Connection admin = other.getConnection();
          PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
        kill.setInt(1, pid);
        kill.execute();
      }
      try (Connection c = db.getConnection()) {
        assertThat(backendPid(c)).isNotEqualTo(pid);
      }
      assertThat(db.openConnections()).isEqualTo(1);
    }
  }

  @Test
  void checkout_waitsForAConnectionInUse_thenTimesOut() throws Exception {
    try (LambdaDataSource db = dataSource(1).checkoutTimeout(Duration.ofMillis(300)).build()) {
      try (Connection held = db.getConnection()) {
        assertThat(held.isValid(1)).isTrue();
        assertThatThrownBy(db::getConnection).isInstanceOf(SQLException.class).hasMessageContaining("in use");
      }
    }
    try (LambdaDataSource db = dataSource(1).checkoutTimeout(Duration.ofSeconds(30)).build()) {
      Connection held = db.getConnection();
      int pid = backendPid(held);
      CompletableFuture<Integer> waiterPid = new CompletableFuture<>();
      Thread waiter = new Thread(() -> {
        try (Connection c = db.getConnection()) {
          waiterPid.complete(backendPid(c));
        } catch (SQLException e) {
          waiterPid.completeExceptionally(e);
        }
      });
      waiter.start();
      // The waiter is parked in getConnection once it is in a timed wait; then hand the connection back.
      while (waiter.getState() != Thread.State.TIMED_WAITING && !waiterPid.isDone()) {
        Thread.onSpinWait();
      }
      held.close();
      assertThat(waiterPid.get(10, TimeUnit.SECONDS)).isEqualTo(pid);
    }
  }

  @Test
  void twoConnections_whenAskedFor() throws SQLException {
    try (LambdaDataSource db = dataSource(2).build();
        Connection a = db.getConnection();
        Connection b = db.getConnection()) {
      assertThat(backendPid(a)).isNotEqualTo(backendPid(b));
      assertThat(db.openConnections()).isEqualTo(2);
    }
  }

  @Test
  void builder_rejectsBadSettings() {
    assertThatThrownBy(() -> LambdaDataSource.builder().maxConnections(3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LambdaDataSource.builder().url("postgresql://x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LambdaDataSource.builder().build()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closedDataSource_refusesCheckouts() throws SQLException {
    LambdaDataSource db = dataSource(1).build();
    try (Connection c = db.getConnection()) {
      assertThat(c.isValid(1)).isTrue();
    }
    db.close();
    assertThat(db.openConnections()).isZero();
    assertThatThrownBy(db::getConnection).isInstanceOf(SQLException.class).hasMessageContaining("closed");
  }
}
