package org.cellbank.ims.core.executive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.cellbank.ims.core.internal.Jdbc;

/**
 * Runs the executive writes, each in one plain-JDBC transaction: committed whole, or rolled back whole
 * when anything in it fails. Thread-safe.
 */
final class Transactions {

  /** Work inside a transaction. */
  interface Work<T> {
    /** Does the work on the transaction's connection; neither commits nor closes it. */
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;
  private final Jdbc jdbc;

  Transactions(DataSource dataSource, Jdbc jdbc) {
    this.dataSource = dataSource;
    this.jdbc = jdbc;
  }

  /** Prepares a statement, telling the statement observer. */
  PreparedStatement prepare(Connection c, String sql) throws SQLException {
    return jdbc.prepare(c, sql);
  }

  /**
   * Runs {@code work} in a transaction and commits it.
   *
   * @param action what is done, for a failure's message
   */
  <T> T write(String action, Work<T> work) {
    Connection c;
    try {
      c = dataSource.getConnection();
    } catch (SQLException e) {
      throw Jdbc.translate(e, action);
    }
    try (Connection connection = c) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollback(connection, e);
        throw e;
      } finally {
        if (autoCommit && !connection.isClosed()) {
          connection.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw Jdbc.translate(e, action);
    }
  }

  private static void rollback(Connection connection, Throwable failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
