package org.cellbank.ims.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.DatabaseException;
import org.cellbank.ims.core.ImsException;
import org.cellbank.ims.core.ValidationException;

/**
 * Plain-JDBC access to a data source, without jOOQ: prepares statements (telling the statement
 * observer about each), runs reads on a connection of their own, and turns {@link SQLException}s
 * into IMS exceptions. Internal; thread-safe.
 */
public final class Jdbc {

  private final DataSource dataSource;
  private final Consumer<String> onStatement;

  /**
   * Access to {@code dataSource}.
   *
   * @param onStatement sees the SQL text of every statement before it runs; may be null
   */
  public Jdbc(DataSource dataSource, Consumer<String> onStatement) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.onStatement = onStatement;
  }

  /** Work on a connection that may throw {@link SQLException}. */
  @FunctionalInterface
  public interface ConnectionWork<T> {
    /** Does the work; the connection is neither committed nor closed here. */
    T run(Connection connection) throws SQLException;
  }

  /** Prepares {@code sql} on {@code connection} and tells the statement observer about it. */
  public PreparedStatement prepare(Connection connection, String sql) throws SQLException {
    if (onStatement != null) {
      onStatement.accept(sql);
    }
    return connection.prepareStatement(sql);
  }

  /**
   * Runs a read on a connection of its own in autocommit mode: each statement is its own consistent
   * snapshot, with no BEGIN or COMMIT round trip. A connection handed out with autocommit off is
   * switched on for the read and back off before it is closed.
   *
   * @param action what is being done, for the message of a failure, e.g. "reading cell line SAMEA123"
   */
  public <T> T read(String action, ConnectionWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      if (!autoCommit) {
        connection.setAutoCommit(true);
      }
      try {
        return work.run(connection);
      } finally {
        if (!autoCommit) {
          connection.setAutoCommit(false);
        }
      }
    } catch (SQLException e) {
      throw translate(e, action);
    }
  }

  /**
   * Opens a connection for a read in autocommit mode, as {@link #read} does, for code that must not
   * pass a lambda (the cold-start path, docs/lambda.md "Cold-start rules"):
   *
   * <pre>{@code
   * try (Jdbc.Reading r = jdbc.reading()) {
   *   return reader.lineByName(r.connection(), name);
   * } catch (SQLException e) {
   *   throw Jdbc.translate(e, "reading cell line " + name);
   * }
   * }</pre>
   */
  public Reading reading() throws SQLException {
    Connection connection = dataSource.getConnection();
    try {
      boolean autoCommit = connection.getAutoCommit();
      if (!autoCommit) {
        connection.setAutoCommit(true);
      }
      return new Reading(connection, autoCommit);
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /** A connection lent for one read; closing it restores its autocommit mode and closes it. */
  public static final class Reading implements AutoCloseable {
    private final Connection connection;
    private final boolean autoCommit;

    Reading(Connection connection, boolean autoCommit) {
      this.connection = connection;
      this.autoCommit = autoCommit;
    }

    /** The connection, in autocommit mode. */
    public Connection connection() {
      return connection;
    }

    @Override
    public void close() throws SQLException {
      try {
        if (!autoCommit) {
          connection.setAutoCommit(false);
        }
      } finally {
        connection.close();
      }
    }
  }

  /**
   * Turns a JDBC failure into the matching IMS exception, by its SQLState: a unique violation is a
   * {@link ConflictException}; a broken constraint or a bad value a {@link ValidationException};
   * everything else a {@link DatabaseException}, retryable for serialization failures, deadlocks,
   * lock timeouts, cancellations and connection failures.
   *
   * @param action what was being done, for the message, e.g. "inserting cell line SAMEA123"
   */
  public static ImsException translate(SQLException e, String action) {
    return translate(e.getSQLState(), reason(e), e, action);
  }

  /** The translation by SQLState (may be null) and the first line of the server's message. */
  static ImsException translate(String state, String reason, Throwable cause, String action) {
    String message = action + " failed: " + reason;
    if (state == null) {
      return new DatabaseException(message, cause, false);
    }
    return switch (state) {
      case "23505" -> new ConflictException(action + " failed: a row with the same natural key exists (" + reason + ")", cause);
      case "23503", "23502", "23514", "22001", "22003", "22007", "22P02" -> new ValidationException(message, cause);
      case "40001", "40P01", "55P03", "57014" -> new DatabaseException(message, cause, true);
      default -> new DatabaseException(message, cause, state.startsWith("08") || state.startsWith("53"));
    };
  }

  // The first line of the server message: it names the constraint, never the statement's values.
  static String reason(SQLException e) {
    String m = e.getMessage();
    if (m == null) {
      return e.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
