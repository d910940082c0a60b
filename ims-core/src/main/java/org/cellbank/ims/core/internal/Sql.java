package org.cellbank.ims.core.internal;

import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.cellbank.ims.core.ImsException;
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
    return Jdbc.translate(sqlState(dae), reason(dae), e, action);
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
        return Jdbc.reason(s);
      }
    }
    return e.getClass().getSimpleName();
  }
}
