package org.cellbank.ims.core.importer;

import javax.sql.DataSource;
import org.cellbank.ims.core.db.SchemaMigrations;
import org.cellbank.ims.testkit.ImsPostgres;

/** A fresh, migrated database on the shared test PostgreSQL server. */
final class ImportTestDatabase {

  private ImportTestDatabase() {}

  static DataSource migrated() {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    return dataSource;
  }
}
