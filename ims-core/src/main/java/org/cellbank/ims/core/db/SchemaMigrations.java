package org.cellbank.ims.core.db;

import java.util.Objects;
import javax.sql.DataSource;
import org.cellbank.ims.core.DatabaseException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the IMS schema migrations with Flyway.
 *
 * <p>The migrations live on the classpath at {@value #LOCATION}, create and fill the PostgreSQL
 * schema {@value #SCHEMA}, and record themselves in {@code ims.}{@value #HISTORY_TABLE}, so a host
 * application's own Flyway migrations (by default {@code db/migration} and
 * {@code flyway_schema_history}) never collide with ours.
 *
 * <p>Thread-safe; migrating twice is harmless (the second run applies nothing).
 */
public final class SchemaMigrations {

  /** The PostgreSQL schema that holds every IMS table. */
  public static final String SCHEMA = "ims";
  /** The classpath location of the migrations. */
  public static final String LOCATION = "classpath:org/cellbank/ims/core/migration";
  /** The name of the Flyway history table inside {@value #SCHEMA}. */
  public static final String HISTORY_TABLE = "ims_schema_history";

  private final DataSource dataSource;

  private SchemaMigrations(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Migrations for the database behind {@code dataSource} (the caller owns and closes it). */
  public static SchemaMigrations create(DataSource dataSource) {
    return new SchemaMigrations(Objects.requireNonNull(dataSource, "dataSource"));
  }

  /**
   * Brings the schema to the newest version and returns how many migrations were applied.
   *
   * @throws DatabaseException when a migration fails (its transaction is rolled back)
   */
  public int migrate() {
    try {
      MigrateResult result = flyway().migrate();
      return result.migrationsExecuted;
    } catch (FlywayException e) {
      throw new DatabaseException("IMS schema migration failed: " + e.getMessage(), e, false);
    }
  }

  /** The version the schema is at now, or an empty string before the first migration. */
  public String currentVersion() {
    var current = flyway().info().current();
    return current == null ? "" : current.getVersion().getVersion();
  }

  private Flyway flyway() {
    return Flyway.configure(SchemaMigrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations(LOCATION)
        .schemas(SCHEMA)
        .defaultSchema(SCHEMA)
        .table(HISTORY_TABLE)
        .createSchemas(true)
        .validateMigrationNaming(true)
        .load();
  }
}
