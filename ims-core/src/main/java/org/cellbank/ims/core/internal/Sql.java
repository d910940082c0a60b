package org.cellbank.ims.core.internal;

import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.cellbank.ims.core.ConflictException;
import org.cellbank.ims.core.DatabaseException;
import org.cellbank.ims.core.ImsException;
import org.cellbank.ims.core.ValidationException;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.exception.DataAccessException;

/** jOOQ set-up and the translation of database failures into IMS exceptions. Internal. */
public final class Sql {

  private Sql() {}

  /** A DSL context over the data source; {@code onStatement} sees every SQL statement run. */
  public static DSLContext context(DataSource dataSource, Consumer<String> onStatement) {
    Objects.requireNonNull(dataSource, "dataSource");
    DefaultConfiguration configuration = new DefaultConfiguration();
    configuration.set(dataSource);
    configuration.set(SQLDialect.POSTGRES);
    configuration.set(new Settings()
        .withExecuteLogging(false)
        .withRenderFormatted(false)
        .withReturnAllOnUpdatableRecord(false)
        .withInListPadding(true));
    if (onStatement != null) {
      configuration.set(new ExecuteListener() {
        private static final long serialVersionUID = 1L;

        @Override
        public void executeStart(ExecuteContext ctx) {
          String sql = ctx.sql();
          if (sql == null && ctx.batchSQL().length > 0) {
            sql = ctx.batchSQL()[0];
          }
          onStatement.accept(sql == null ? "" : sql);
        }
      });
    }
    return DSL.using(configuration);
  }

  /**
   * Turns a database failure into the matching IMS exception.
   *
   * @param e the failure; an {@link ImsException} is returned as it is
   * @param action what was being done, for the message, e.g. "inserting cell line SAMEA123"
   */
  public static RuntimeException translate(RuntimeException e, String action) {
    if (e instanceof ImsException) {
      return e;
    }
    if (!(e instanceof DataAccessException dae)) {
      return e;
    }
    String state = sqlState(dae);
    String reason = reason(dae);
    String message = action + " failed: " + reason;
    if (state == null) {
      return new DatabaseException(message, e, false);
    }
    return switch (state) {
      case "23505" -> new ConflictException(action + " failed: a row with the same natural key exists (" + reason + ")", e);
      case "23503", "23502", "23514", "22001", "22003", "22007", "22P02" -> new ValidationException(message, e);
      case "40001", "40P01", "55P03", "57014" -> new DatabaseException(message, e, true);
      default -> new DatabaseException(message, e, state.startsWith("08") || state.startsWith("53"));
    };
  }

  private static String sqlState(DataAccessException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        return s.getSQLState();
      }
    }
    return null;
  }

  // The first line of the server message: it names the constraint, never the statement's values.
  private static String reason(DataAccessException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getMessage() != null) {
        String m = s.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
      }
    }
    return e.getClass().getSimpleName();
  }
}
