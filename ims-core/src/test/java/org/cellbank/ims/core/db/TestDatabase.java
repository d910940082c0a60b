package org.cellbank.ims.core.db;

import javax.sql.DataSource;
import org.cellbank.ims.testkit.ImsPostgres;

/** A fresh, migrated database on the shared test PostgreSQL server. */
final class TestDatabase {

  private TestDatabase() {}

  static DataSource migrated() {
    DataSource dataSource = ImsPostgres.shared().createDatabase();
    SchemaMigrations.create(dataSource).migrate();
    return dataSource;
  }
}
