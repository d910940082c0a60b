package org.cellbank.ims.lambda.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.cellbank.ims.testkit.ImsPostgres;
import org.junit.jupiter.api.Test;

/**
 * {@link CheckpointHooks} against a real PostgreSQL server: the snapshot holds no connection, and a
 * restore opens a new one, a different server session, that serves queries.
 */
class CheckpointHooksTest {

  @Test
  void beforeCheckpoint_closesTheConnection_andAfterRestore_opensAFreshOne() throws SQLException {
    ImsPostgres postgres = ImsPostgres.shared();
    String name = "crac_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    postgres.createDatabase(name);
    try (LambdaDataSource db = LambdaDataSource.builder().url(postgres.jdbcUrl(name)).user(postgres.user())
        .password(postgres.password()).maxConnections(1).build()) {
      db.openInBackground();
      db.awaitOpen(Duration.ofSeconds(30));
      int before;
      try (Connection c = db.getConnection()) {
        before = backendPid(c);
      }
      CheckpointHooks hooks = CheckpointHooks.register(db);

      hooks.beforeCheckpoint(null);
      assertThat(db.openConnections()).as("connections in the snapshot").isZero();
      assertThat(sessionEnds(before)).as("the old session ended").isTrue();

      hooks.afterRestore(null);
      db.awaitOpen(Duration.ofSeconds(30));
      assertThat(db.openConnections()).isEqualTo(1);
      try (Connection c = db.getConnection()) {
        assertThat(backendPid(c)).as("a new server session").isNotEqualTo(before);
      }
    }
  }

  private static int backendPid(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
      r.next();
      return r.getInt(1);
    }
  }

  // Asked over a connection of its own; the server ends a backend shortly after its client closed
  // the socket, so this waits for that (up to 10 s) rather than asking once.
  private static boolean sessionEnds(int pid) throws SQLException {
    try (Connection c = ImsPostgres.shared().dataSource("postgres").getConnection();
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
      s.setInt(1, pid);
      for (int i = 0; i < 100; i++) {
        try (ResultSet r = s.executeQuery()) {
          r.next();
          if (r.getInt(1) == 0) {
            return true;
          }
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return false;
    }
  }
}
