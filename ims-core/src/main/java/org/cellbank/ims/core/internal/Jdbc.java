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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain-JDBC access to a data source, without jOOQ: prepares statements (telling the statement
 * observer about each), runs reads on a connection of their own, and turns {@link SQLException}s
 * into IMS exceptions. Internal; thread-safe.
 */
public final class Jdbc {
  /**
   * How many times a read is tried when the connection it was given dies: enough to meet every
   * connection of a pool of 16 dead and still get a new one. A pool does not check a connection it
   * used within the last moment (HikariCP: 500 ms) before it hands it out again, so after a restart
   * or a failover it may hand out each of its connections dead, one after the other; each costs one
   * failed write on a closed socket, and the pool drops it.
   */
  public static final int READ_ATTEMPTS = 17;
  private static final Logger LOG = LoggerFactory.getLogger(Jdbc.class);

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
   * <p>A read whose connection died under it ({@link #connectionLost}) is run again on another
   * connection, up to {@value #READ_ATTEMPTS} times in all: a read changes nothing, so repeating it
   * is safe. Failing to get a connection at all is not retried.
   * Pass a named or anonymous class as {@code work} on the cold-start path, not a lambda
   * (docs/lambda.md, "Cold-start rules").
   *
   * @param action what is being done, for the message of a failure, e.g. "reading cell line SAMEA123"
   */
  public <T> T read(String action, ConnectionWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      Connection opened;
      try {
        opened = dataSource.getConnection();
      } catch (SQLException e) {
        // No connection to be had (the database is down, the pool is exhausted): not retried here,
        // the pool has waited already.
        throw translate(e, action);
      }
      try (Connection connection = opened) {
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) {
          connection.setAutoCommit(true);
        }
        try {
          return work.run(connection);
        } finally {
          if (!autoCommit && !connection.isClosed()) {
            connection.setAutoCommit(false);
          }
        }
      } catch (SQLException e) {
        if (attempt < READ_ATTEMPTS && connectionLost(e)) {
          // A read has no effect to lose: the same read on the next connection. A pool drops the
          // dead connection it handed out; the one it hands out next may be dead too (the server
          // restarted, a proxy closed them all), hence as many tries as a pool has connections,
          // each one quick on a dead socket.
          LOG.warn("{} lost its database connection ({}); reading again on another", action, e.getSQLState());
          continue;
        }
        throw translate(e, action);
      }
    }
  }

  /**
   * Whether a failure means the connection died rather than the statement failing: SQLState class
   * {@code 08} (connection exception: the socket closed, the driver's "connection has been
   * closed"), or the server ending the session ({@code 57P01} administrator command, {@code 57P02}
   * crash shutdown, {@code 57P03} cannot connect now).
   */
  public static boolean connectionLost(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String state = s.getSQLState();
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Turns a JDBC failure into the matching IMS exception, by its SQLState: a unique violation is a
   * {@link ConflictException}; a broken constraint or a bad value a {@link ValidationException};
   * everything else a {@link DatabaseException}, retryable for serialization failures, deadlocks,
   * lock timeouts, cancellations, connection failures and a server ending the session.
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
      case "40001", "40P01", "55P03", "57014", "57P01", "57P02", "57P03" -> new DatabaseException(message, cause, true);
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
